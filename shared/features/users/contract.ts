import { z } from 'zod'
import type { UserPage, UserSummary } from '../../domain/users'
import * as f from '../../api/fields'
import { id, returns, sortOf, defineKind, type MethodSpec } from '../../api/contract-kit'
import { MANAGER } from '../../api/access'

/** The users list's columns it can be sorted by. */
export const USER_SORT_KEYS = ['name', 'username', 'role', 'status', 'lastSignInAt'] as const

/** Users and their roles. */
export const usersMethods = {
  // Users and roles.
  'users.list': {
    summary: 'A page of everyone who can sign in, with their role; those who can sign in first, by name, unless sorted',
    access: MANAGER,
    input: z
      .object({
        /** Part of a name or username. */
        text: z.string().trim().max(100, 'Search with at most 100 characters.').optional(),
        sort: sortOf(USER_SORT_KEYS),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(500),
      })
      .strict(),
    output: returns<UserPage>(),
  },
  'users.create': {
    summary: 'Add a user with a first password they will change at first sign-in',
    access: MANAGER,
    input: z.object({ username: f.username, displayName: f.displayName, role: f.role, password: f.newPassword }).strict(),
    output: returns<UserSummary>(),
  },
  'users.update': {
    summary: 'Change a user’s name or role',
    access: MANAGER,
    input: z.object({ id, displayName: f.displayName, role: f.role }).strict(),
    output: returns<UserSummary>(),
  },
  'users.setDisabled': {
    summary: 'Disable a user (their password stops opening the records) or enable them again',
    access: MANAGER,
    input: z.object({ id, disabled: z.boolean() }).strict(),
    output: returns<UserSummary>(),
  },
  'users.resetPassword': {
    summary: 'Give a user a new password (they change it at next sign-in)',
    access: MANAGER,
    input: z.object({ id, newPassword: f.newPassword }).strict(),
    output: returns<UserSummary>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The users kind: its methods and the audit trail's words for the actions it writes. */
export const usersKind = defineKind({
  name: 'users',
  methods: usersMethods,
  auditWords: {
    'user.create': 'Added a user',
    'user.update': 'Changed a user',
    'user.disable': 'Disabled a user',
    'user.enable': 'Enabled a user',
    'user.resetPassword': 'Reset a user’s password',
    'user.role': 'Entered a user’s role in the trail',
  },
})
