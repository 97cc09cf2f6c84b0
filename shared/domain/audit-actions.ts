/** The audit trail's action codes in words, for the screen and the printed trail. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'setup.create': 'Register set up',
  'session.login': 'Signed in',
  'session.recover': 'Opened with the recovery key',
  'session.lock': 'Locked',
  'account.changePassword': 'Changed own password',
  'user.create': 'User added',
  'user.update': 'User changed',
  'user.disable': 'User disabled',
  'user.enable': 'User enabled',
  'user.resetPassword': 'Password reset',
  'school.update': 'School profile changed',
  'settings.update': 'Settings changed',
  'audit.verify': 'Audit trail checked',
  'backup.now': 'Backup made',
  'backup.restore': 'Backup restored',
  'vault.rotateKey': 'Encryption key changed',
  'vault.newRecoveryKey': 'New recovery key issued',
  'report.issue': 'Report issued',
  'report.verify': 'PDF checked',
  'certificate.import': 'Signing certificate imported',
  'certificate.generate': 'Signing certificate made',
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}
