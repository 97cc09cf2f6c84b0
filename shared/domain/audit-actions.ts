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
  'school.setLogo': 'Changed the school logo',
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
  'person.create': 'Added a person',
  'person.update': 'Changed a person’s details',
  'person.read': 'Viewed a person’s record',
  'person.archive': 'Archived a leaver',
  'person.unarchive': 'Brought a person back from the archive',
  'person.hold': 'Set a safeguarding hold',
  'person.release': 'Released a safeguarding hold',
  'people.import': 'Imported people from the MIS',
  'people.demo': 'Added demonstration people',
  'aup.publish': 'Added an acceptable use agreement version',
  'aup.renewal': 'Started an agreement renewal run',
  'agreement.record': 'Recorded an agreement',
  'agreement.correct': 'Corrected an agreement',
  'agreement.withdraw': 'Withdrew an agreement recorded in error',
  'agreement.read': 'Viewed a person’s agreements',
  'agreement.signature': 'Viewed an agreement’s signature',
  'visit.signIn': 'Signed a visitor in',
  'visit.signOut': 'Signed a visitor out',
  'visit.autoSignOut': 'Signed visitors out at the set time',
  'reception.settings': 'Changed the reception settings',
  'retention.run': 'Deleted visitor records past the retention period',
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}
