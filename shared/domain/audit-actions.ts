/**
 * The audit trail's action codes in words, for the screen and the printed trail alike.
 * A code missing here shows as it is: add its words when a feature adds an action.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'setup.create': 'Set up the register',
  'session.login': 'Signed in',
  'session.recover': 'Opened with the recovery key',
  'session.lock': 'Locked the register',
  'user.create': 'Added a user',
  'user.update': 'Changed a user',
  'user.disable': 'Disabled a user',
  'user.enable': 'Enabled a user',
  'user.resetPassword': 'Reset a user’s password',
  'account.changePassword': 'Changed their own password',
  'school.update': 'Changed the school profile',
  'settings.update': 'Changed the settings',
  'audit.verify': 'Checked the audit trail',
  'backup.now': 'Made a backup',
  'backup.restore': 'Restored a backup',
  'vault.rotateKey': 'Changed the encryption key',
  'vault.newRecoveryKey': 'Issued a new recovery key',
  'report.issue': 'Issued a signed report',
  'report.verify': 'Checked a PDF',
  'certificate.import': 'Imported a signing certificate',
  'certificate.generate': 'Made a signing certificate',
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}
