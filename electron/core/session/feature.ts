import { sessionKind } from '../../../shared/features/session/contract'
import { initial } from '../db/migrations/0001-initial'
import { chainedKeysAndRoles } from '../db/migrations/0009-chained-keys-and-roles'
import { keySlots } from '../db/migrations/0010-key-slots'
import { roleKeys } from '../db/migrations/0011-role-keys'
import { defineFeature } from '../feature-kit/feature'
import { replaceRecoveryKey, rotateDatabaseKey } from '../store/key-rotation'
import { changeOwnPassword } from '../users/users'

/** The register itself: set-up, signing in and out, one's own password and the keys. */
export const sessionFeature = defineFeature({
  kind: sessionKind,
  migrations: [initial, chainedKeysAndRoles, keySlots, roleKeys],
  handlers: {
    'app.status': async (_input, ctx) => ({
      appVersion: ctx.services.appVersion,
      setUp: ctx.store.isSetUp(),
      unlocked: ctx.store.session !== null,
      user: ctx.store.signedInUser,
      idleLockMinutes: ctx.store.session ? await ctx.services.idleMinutes() : null,
      upgradePending: ctx.store.session ? false : ctx.store.roleKeysPending(),
    }),
    'setup.create': async (input, ctx) => {
      const recoveryKey = await ctx.store.setUp(input)
      await ctx.services.reports.ensureCertificate(ctx.store.requireOpen().db)
      await ctx.services.afterSignIn(true)
      return { recoveryKey }
    },
    'session.login': async (input, ctx) => {
      const user = await ctx.store.signIn(input.username, input.password)
      await ctx.services.afterSignIn()
      return user
    },
    'session.recover': async (input, ctx) => {
      const user = await ctx.store.recover(input.recoveryKey, input.username, input.newPassword)
      await ctx.services.afterSignIn()
      return user
    },
    'session.lock': async (_input, ctx) => {
      await ctx.store.lock('user')
      return null
    },
    'session.keepAlive': async (_input, ctx) => ({ idleLockMinutes: await ctx.services.idleMinutes() }),
    'account.changePassword': async (input, ctx) => {
      await changeOwnPassword(ctx.store, input)
      return null
    },
    'vault.rotateKey': async (input, ctx) => ({ recoveryKey: await rotateDatabaseKey(ctx.store, input.password) }),
    'vault.newRecoveryKey': async (input, ctx) => ({ recoveryKey: await replaceRecoveryKey(ctx.store, input.password) }),
  },
})
