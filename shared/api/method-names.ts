/**
 * Every method of the API, by name. Kept apart from the contract (which needs zod) so the
 * sandboxed preload can build `window.api` from it without bundling a validation library.
 * `contract.ts` is type-checked against this list, so the two cannot drift apart.
 */
export const METHOD_NAMES = [
  'app.status',
  'setup.create',
  'session.login',
  'session.recover',
  'session.lock',
  'session.keepAlive',
  'account.changePassword',
  'school.get',
  'school.update',
  'settings.get',
  'settings.update',
  'users.list',
  'users.create',
  'users.update',
  'users.setDisabled',
  'users.resetPassword',
  'audit.list',
  'audit.verify',
  'backup.list',
  'backup.now',
  'backup.inspect',
  'backup.restore',
  'vault.rotateKey',
  'vault.newRecoveryKey',
  'reports.start',
  'reports.job',
  'reports.save',
  'reports.open',
  'reports.register',
  'reports.verify',
  'certificate.get',
  'certificate.import',
  'certificate.generate',
] as const

export type MethodName = (typeof METHOD_NAMES)[number]

/** The one IPC channel the preload and the main process share. */
export const API_CHANNEL = 'osr:api'
