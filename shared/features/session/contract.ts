import { z } from 'zod'
import type { SignedInUser } from '../../domain/users'
import * as f from '../../api/fields'
import { noInput, returns, defineKind, type MethodSpec } from '../../api/contract-kit'
import { ALL_ROLES, MANAGER } from '../../api/access'

export interface AppStatus {
  appVersion: string
  /** Whether the school has been set up in this data folder. */
  setUp: boolean
  /** Whether someone is signed in and the records are open. */
  unlocked: boolean
  user: SignedInUser | null
  /** Minutes of no use before the register locks itself (while unlocked). */
  idleLockMinutes: number | null
  /**
   * Locked, and the register is from before this version's encryption of the incident log: the
   * next sign-in by the business manager, headteacher or DSL does it once, which can take a minute.
   */
  upgradePending: boolean
}
/** Shown once: the words that open the records if every password is forgotten. */
export interface RecoveryKeyIssued {
  recoveryKey: string
}

/** Set-up, signing in and out, one’s own password and the register’s keys: most work while the register is locked. */
export const sessionMethods = {
  'app.status': {
    summary: 'The app version and whether the data folder is set up and unlocked',
    access: 'anyone',
    input: noInput,
    output: returns<AppStatus>(),
  },
  // Set-up and sessions: these work while the register is locked.
  'setup.create': {
    summary: 'Set up the school once: profile, the business manager’s account, the recovery key',
    access: 'anyone',
    input: z
      .object({
        school: f.schoolProfile,
        manager: z.object({ username: f.username, displayName: f.displayName, password: f.newPassword }).strict(),
        /** The day the school's online safety records began (the day of set-up when not given). */
        recordsBeganOn: f.isoDate.optional(),
      })
      .strict(),
    output: returns<RecoveryKeyIssued>(),
  },
  'session.login': {
    summary: 'Sign in with a username and password, which opens the records',
    access: 'anyone',
    input: z.object({ username: z.string().trim().min(1, 'Please enter your username.').max(64), password: f.password }).strict(),
    output: returns<SignedInUser>(),
  },
  'session.recover': {
    summary: 'Open the records with the recovery key and set a new password for one account',
    access: 'anyone',
    input: z.object({ recoveryKey: f.recoveryKey, username: f.username, newPassword: f.newPassword }).strict(),
    output: returns<SignedInUser>(),
  },
  'session.lock': {
    summary: 'Lock now: close the records and forget the key (also the hide-screen key)',
    access: 'anyone',
    input: noInput,
    output: returns<null>(),
  },
  'session.keepAlive': {
    summary: 'Tell the core the person at the screen is still working (resets the idle lock)',
    access: ALL_ROLES,
    input: noInput,
    output: returns<{ idleLockMinutes: number }>(),
  },
  'account.changePassword': {
    summary: 'Change one’s own password',
    access: ALL_ROLES,
    input: z.object({ currentPassword: f.password, newPassword: f.newPassword }).strict(),
    output: returns<null>(),
  },
  'vault.rotateKey': {
    summary: 'Give the records a new encryption key and issue a new recovery key',
    access: MANAGER,
    input: z.object({ password: f.password }).strict(),
    output: returns<RecoveryKeyIssued>(),
  },
  'vault.newRecoveryKey': {
    summary: 'Replace the recovery key (the old sheet stops working)',
    access: MANAGER,
    input: z.object({ password: f.password }).strict(),
    output: returns<RecoveryKeyIssued>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The session kind: its methods and the audit trail's words for the actions it writes. */
export const sessionKind = defineKind({
  name: 'session',
  methods: sessionMethods,
  auditWords: {
    'setup.create': 'Set up the register',
    'session.login': 'Signed in',
    'session.recover': 'Opened with the recovery key',
    'session.lock': 'Locked the register',
    'signing-key.create': 'Entered a signing key in the trail',
    'account.changePassword': 'Changed their own password',
    'vault.rotateKey': 'Changed the encryption key',
    'vault.newRecoveryKey': 'Issued a new recovery key',
    'vault.roleKeys': 'Made the role keys and encrypted the incident log with them',
  },
})
