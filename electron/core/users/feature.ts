import { usersKind } from '../../../shared/features/users/contract'
import { defineFeature } from '../feature-kit/feature'
import { usersAndRoles } from './reports/users-and-roles'
import { demoUsers } from '../demo/users'
import { createUser, listUsers, resetPassword, setUserDisabled, updateUser } from './users'

export const usersFeature = defineFeature({
  kind: usersKind,
  reports: { 'users-and-roles': usersAndRoles },
  demo: demoUsers,
  handlers: {
    'users.list': (input, ctx) => listUsers(ctx.store, input),
    'users.create': (input, ctx) => createUser(ctx.store, input),
    'users.update': (input, ctx) => updateUser(ctx.store, input),
    'users.setDisabled': (input, ctx) => setUserDisabled(ctx.store, input),
    'users.resetPassword': (input, ctx) => resetPassword(ctx.store, input),
  },
})
