import { z } from 'zod'
import type { Role } from '../domain/roles'
import type { AuditPage, ChainVerification } from '../domain/audit'
import type { BackupCheck, BackupInfo, BackupOverview } from '../domain/backups'
import { REPORT_ROLES, REPORT_TYPES, type IssuedReport, type PdfVerification, type ReportJob, type SigningCertificate } from '../domain/reports'
import type { AppSettings, SchoolProfile } from '../domain/school'
import type { SignedInUser, UserPage, UserSummary } from '../domain/users'
import * as f from './fields'
import { chosenFile, replaceChosen } from './chosen-file'
import type { Agreement, AupStatusReport, AupVersion, AupVersionSummary, PaperBatchResult, RenewalRun } from '../domain/aup'
import type { DirectoryGroups, Host, ImportPreview, ImportResult, Person, PersonPage } from '../domain/people'
import type { OnSiteList, ReceptionSettings, RetentionReport, Visit, VisitorMatch, VisitPage } from '../domain/visits'
import * as pf from './people-fields'
import type { MethodName } from './method-names'
import type { Result } from './result'
import { fileBase64, id, noInput, returns, sortOf, type MethodSpec } from './contract-kit'
import { INCIDENT_STATUSES } from '../domain/incidents'

import { incidentMethods } from './incidents-contract'
import { reviewAndCheckMethods } from './reviews-and-checks-contract'
import { permissionMethods } from './permissions-contract'
import { annualReviewMethods } from './annual-review-contract'
import { draftMethods } from './drafts-contract'

export type { Access, MethodSpec } from './contract-kit'

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

const ALL_ROLES = ['manager', 'head', 'dsl', 'ict', 'office'] as const satisfies readonly Role[]
const MANAGER = ['manager'] as const satisfies readonly Role[]
const AUDIT_READERS = ['manager', 'head'] as const satisfies readonly Role[]
const CHECKERS = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]
/** The people directory and agreement records: the business manager writes, the head and DSL read. */
const PEOPLE_READERS = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]
/** The ICT manager also reads agreement status (with usernames) before granting access (section 7.3). */
const AUP_READERS = ['manager', 'head', 'dsl', 'ict'] as const satisfies readonly Role[]
/** A safeguarding hold is the business manager's or the DSL's call. */
const HOLD_SETTERS = ['manager', 'dsl'] as const satisfies readonly Role[]
const RECEPTION = ['manager', 'office'] as const satisfies readonly Role[]
/** Anyone who may have to call the roll in an evacuation. */
const ROLL_CALL = ['manager', 'office', 'head', 'dsl'] as const satisfies readonly Role[]
/** The users list's columns it can be sorted by. */
export const USER_SORT_KEYS = ['name', 'username', 'role', 'status', 'lastSignInAt'] as const
/** The audit trail's columns it can be sorted by (the result and detail are not: a detail's words are worked out as the page is read). */
export const AUDIT_SORT_KEYS = ['when', 'who', 'action', 'record'] as const
const reportType = z.enum(Object.keys(REPORT_TYPES) as [keyof typeof REPORT_TYPES, ...(keyof typeof REPORT_TYPES)[]], { message: 'Please choose a report.' })
const jobId = z.string().uuid('That report is no longer available. Make it again.')

/** The register's own methods: the session, school, users, audit, backups, reports, people, agreements and reception. */
const registerMethods = {
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

  // The school and its settings.
  'school.get': {
    summary: 'The school profile',
    access: ALL_ROLES,
    input: noInput,
    output: returns<SchoolProfile>(),
  },
  'school.update': {
    summary: 'Change the school profile',
    access: MANAGER,
    input: f.schoolProfile,
    output: returns<SchoolProfile>(),
  },
  'school.recordsBegan': {
    summary: 'The day the school’s records began: an incident dated earlier needs a reason',
    // Those who record incidents (the form asks for the reason before saving); reception records none.
    access: ['manager', 'head', 'dsl', 'ict'],
    input: noInput,
    output: returns<{ on: string }>(),
  },
  'school.setRecordsBegan': {
    summary: 'Change the day the school’s records began (audited)',
    access: MANAGER,
    input: z.object({ on: f.isoDate }).strict(),
    output: returns<{ on: string }>(),
  },
  'settings.get': {
    summary: 'App settings (idle lock)',
    access: MANAGER,
    input: noInput,
    output: returns<AppSettings>(),
  },
  'school.logo': {
    summary: 'The school’s logo for report headers, as a data URL (or none)',
    access: MANAGER,
    input: noInput,
    output: returns<{ dataUrl: string | null }>(),
  },
  'school.setLogo': {
    summary: 'Set or remove the school’s logo for report headers (PNG or JPEG, up to 300 KB)',
    access: MANAGER,
    input: z.object({ imageBase64: z.string().max(420_000, 'That image is too large: use a PNG or JPEG of at most 300 KB.').nullable() }).strict(),
    output: returns<{ dataUrl: string | null }>(),
  },
  'settings.update': {
    summary: 'Change app settings',
    access: MANAGER,
    input: z
      .object({
        idleLockMinutes: z.number({ error: 'Choose a whole number of minutes from 1 to 120.' }).int('Choose a whole number of minutes from 1 to 120.').min(1, 'Lock after at least 1 minute.').max(120, 'Lock after at most 120 minutes: these are safeguarding records.'),
      })
      .strict(),
    output: returns<AppSettings>(),
  },

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

  // The audit trail.
  'audit.list': {
    summary: 'A page of the audit trail, newest first, filtered by period and text',
    access: AUDIT_READERS,
    input: z
      .object({
        from: f.isoDate.optional(),
        to: f.isoDate.optional(),
        text: z.string().trim().max(100).optional(),
        /** Newest first when not given; by when, oldest first, to read a period as it happened; or by who, what or which record. */
        sort: sortOf(AUDIT_SORT_KEYS),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: returns<AuditPage>(),
  },
  'audit.verify': {
    summary: 'Check the audit trail’s hash chain, the roles it gave, and the register against its backups (and a backup or signed report given)',
    access: AUDIT_READERS,
    input: z.object({ against: f.localPath.optional() }).strict(),
    output: returns<ChainVerification>(),
  },

  // Backups and keys.
  'backup.list': {
    summary: 'The automatic backups kept on this computer, and when the last one was made',
    access: MANAGER,
    input: noInput,
    output: returns<BackupOverview>(),
  },
  'backup.now': {
    summary: 'Back up now, to the backup folder or to a chosen folder (a USB stick)',
    access: MANAGER,
    input: z.object({ folder: f.localPath.optional() }).strict(),
    output: returns<BackupInfo>(),
  },
  'backup.inspect': {
    summary: 'Check a backup file before restoring it: whose it is, when, and that it opens',
    access: MANAGER,
    input: z.object({ file: f.localPath }).strict(),
    output: returns<BackupCheck>(),
  },
  'backup.restore': {
    summary: 'Replace the records with a checked backup (the replaced copy is kept); locks the register',
    access: MANAGER,
    input: z.object({ file: f.localPath, confirmSchoolName: z.string().trim().min(1, 'Type the school’s name to confirm.') }).strict(),
    output: returns<{ replacedCopy: string }>(),
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

  // Signed reports.
  'reports.start': {
    summary: 'Start making a signed report; returns a job to follow',
    access: REPORT_ROLES,
    input: z
      .object({
        type: reportType,
        from: f.isoDate.optional(),
        to: f.isoDate.optional(),
        anonymised: z.boolean().default(false),
        password: z.string().min(8, 'A password for the PDF needs at least 8 characters.').max(100, 'That password is too long.').optional(),
        /** For a report about one record (an incident): its id. */
        recordId: id.optional(),
        /** The annual review pack only: sign it although the headteacher's commentary or priorities are empty. */
        withoutCommentary: z.boolean().optional(),
        /** The incident log only: just the entries the log screen shows with these filters (the period may then be left open). */
        logView: z
          .object({
            categoryId: id.optional(),
            status: z.enum(INCIDENT_STATUSES).optional(),
            personId: id.optional(),
            text: z.string().trim().max(100, 'Search for at most 100 characters.').optional(),
            waitingForDsl: z.boolean().optional(),
          })
          .strict()
          .optional(),
        /** A blank agreement form: which of the version's audiences it is printed for. */
        audience: pf.aupAudience.optional(),
        /** Agreement sheets for a class or staff group. */
        group: pf.aupGroup.optional(),
      })
      .strict(),
    output: returns<{ jobId: string }>(),
  },
  'reports.job': {
    summary: 'How far a report has got, and the issued report when done',
    access: REPORT_ROLES,
    input: z.object({ jobId }).strict(),
    output: returns<ReportJob>(),
  },
  'reports.save': {
    summary: 'Save a finished report as a PDF file (where the user chose in the Save window, or a new file in the export folder)',
    access: REPORT_ROLES,
    input: z.object({ jobId, file: chosenFile('pdf', 'A signed report is a PDF document').optional(), replace: replaceChosen }).strict(),
    output: returns<{ file: string }>(),
  },
  'reports.open': {
    summary: 'Open a finished report in the computer’s PDF viewer (to read or print)',
    access: REPORT_ROLES,
    input: z.object({ jobId }).strict(),
    output: returns<{ file: string }>(),
  },
  'reports.register': {
    summary: 'The register of every report issued, newest first',
    access: AUDIT_READERS,
    input: z
      .object({
        /** Newest first when not given. */
        sort: sortOf(['producedAt', 'title', 'producedBy', 'pageCount']),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: returns<{ rows: IssuedReport[]; total: number }>(),
  },
  'reports.verify': {
    summary: 'Check a PDF: is it a genuine, unaltered report from this register?',
    access: CHECKERS,
    input: z.object({ fileBase64 }).strict(),
    output: returns<PdfVerification>(),
  },
  'certificate.get': {
    summary: 'The certificate reports are signed with: holder and expiry',
    access: AUDIT_READERS,
    input: noInput,
    output: returns<SigningCertificate & { expiresSoon: boolean }>(),
  },
  'certificate.import': {
    summary: 'Sign reports with the school’s own certificate (a .p12/.pfx file and its passphrase)',
    access: MANAGER,
    input: z.object({ fileBase64, passphrase: z.string().max(200) }).strict(),
    output: returns<SigningCertificate & { expiresSoon: boolean }>(),
  },
  'certificate.generate': {
    summary: 'Make a new self-signed certificate for reports (the old one is retired, not deleted)',
    access: MANAGER,
    input: noInput,
    output: returns<SigningCertificate & { expiresSoon: boolean }>(),
  },
  'certificate.export': {
    summary: 'Save the certificate reports are signed with as a .cer file, for readers outside the school to trust',
    access: AUDIT_READERS,
    input: z.object({ file: chosenFile('cer', 'The school’s certificate is saved as a .cer file'), replace: replaceChosen }).strict(),
    output: returns<{ file: string }>(),
  },

  // People: the directory behind the agreements (section 7.3), and importing it from the MIS.
  'people.list': {
    summary: 'A page of the people directory, filtered by kind, group or a few letters of a name',
    access: PEOPLE_READERS,
    input: pf.peopleListQuery,
    output: returns<PersonPage>(),
  },
  'people.get': {
    summary: 'One person in full (audited: it shows a pupil’s date of birth)',
    access: PEOPLE_READERS,
    input: z.object({ id }).strict(),
    output: returns<Person>(),
  },
  'people.groups': {
    summary: 'The year groups, classes and staff groups in the directory, with counts',
    access: PEOPLE_READERS,
    input: noInput,
    output: returns<DirectoryGroups>(),
  },
  'people.create': {
    summary: 'Add a pupil, member of staff, governor, volunteer, contractor or visitor',
    access: MANAGER,
    input: pf.personDetails,
    output: returns<Person>(),
  },
  'people.update': {
    summary: 'Change a person’s details (their kind stays as it is)',
    access: MANAGER,
    input: z.object({ id, person: pf.personDetails }).strict(),
    output: returns<Person>(),
  },
  'people.archive': {
    summary: 'Archive a leaver: kept, but out of every current list and count',
    access: MANAGER,
    input: z.object({ id, leftOn: f.isoDate.optional() }).strict(),
    output: returns<Person>(),
  },
  'people.unarchive': {
    summary: 'Bring an archived person back (they returned)',
    access: MANAGER,
    input: z.object({ id }).strict(),
    output: returns<Person>(),
  },
  'people.setSafeguardingHold': {
    summary: 'Put a person’s records on safeguarding hold (kept past retention), or release it',
    access: HOLD_SETTERS,
    input: pf.safeguardingHold,
    output: returns<Person>(),
  },
  'people.hosts': {
    summary: 'Staff a visitor can be here to see: names only',
    access: RECEPTION,
    input: z.object({ text: z.string().trim().max(100).optional() }).strict(),
    output: returns<Host[]>(),
  },
  'people.importPreview': {
    summary: 'Check a pupil or staff CSV from the MIS: who would be added, updated or left, and every bad row; writes nothing',
    access: MANAGER,
    input: pf.importPreviewInput,
    output: returns<ImportPreview>(),
  },
  'people.importApply': {
    summary: 'Import a checked CSV in one go; with bad rows only when the counts to skip are confirmed',
    access: MANAGER,
    input: pf.importApplyInput,
    output: returns<ImportResult>(),
  },

  // Acceptable use agreements: the school's texts, who agreed, and who has not.
  'aup.versions': {
    summary: 'The acceptable use agreement versions, newest first, and which are current',
    access: AUP_READERS,
    input: z.object({ audience: pf.aupAudience.optional() }).strict(),
    output: returns<AupVersionSummary[]>(),
  },
  'aup.get': {
    summary: 'One agreement version with its full text',
    access: AUP_READERS,
    input: z.object({ id }).strict(),
    output: returns<AupVersion>(),
  },
  'aup.publish': {
    summary: 'Add a new version of an agreement text; from its date, older agreements are due for renewal',
    access: MANAGER,
    input: pf.aupPublish,
    output: returns<AupVersion>(),
  },
  'aup.status': {
    summary: 'Who has and has not agreed to the current versions, by year group, class and staff group',
    access: AUP_READERS,
    input: pf.aupStatusQuery,
    output: returns<AupStatusReport>(),
  },
  'aup.startRenewal': {
    summary: 'Start a renewal run (start of the school year): agreements before the date are due again',
    access: MANAGER,
    input: pf.renewalRun,
    output: returns<RenewalRun>(),
  },
  'agreements.record': {
    summary: 'Record that someone agreed: signed on screen or on paper, witnessed by the signed-in user',
    access: MANAGER,
    input: pf.agreementRecord,
    output: returns<Agreement>(),
  },
  'agreements.recordPaperBatch': {
    summary: 'Record the signed paper agreements of a class or staff group in one go, one audited agreement per person',
    access: MANAGER,
    input: pf.paperBatch,
    output: returns<PaperBatchResult>(),
  },
  'agreements.correct': {
    summary: 'Correct an agreement: a new record replaces it, and the old one stays readable',
    access: MANAGER,
    input: pf.agreementCorrect,
    output: returns<Agreement>(),
  },
  'agreements.withdraw': {
    summary: 'Mark an agreement as recorded in error: it stops counting and stays readable',
    access: MANAGER,
    input: pf.agreementWithdraw,
    output: returns<Agreement>(),
  },
  'agreements.forPerson': {
    summary: 'Every agreement a person made, corrections included (audited)',
    access: PEOPLE_READERS,
    input: z.object({ personId: id }).strict(),
    output: returns<Agreement[]>(),
  },
  'agreements.signature': {
    summary: 'The signature drawn for an agreement, as an image (audited)',
    access: PEOPLE_READERS,
    input: z.object({ agreementId: id }).strict(),
    output: returns<{ dataUrl: string | null }>(),
  },

  // Reception: visitors found or registered, signed in and out; the fire roll call; retention.
  'visitors.search': {
    summary: 'Find a returning visitor by a few letters of their name, most recent first',
    access: RECEPTION,
    input: pf.visitorSearch,
    output: returns<VisitorMatch[]>(),
  },
  'visitors.register': {
    summary: 'Register a new visitor or contractor: name, organisation, DBS check',
    access: RECEPTION,
    input: pf.visitorRegister,
    output: returns<VisitorMatch>(),
  },
  'visitors.update': {
    summary: 'Correct a visitor’s name, organisation or DBS check',
    access: RECEPTION,
    input: pf.visitorUpdate,
    output: returns<VisitorMatch>(),
  },
  'visitors.currentAup': {
    summary: 'The acceptable use agreement to show a visitor at the desk (null if the school has none yet)',
    access: RECEPTION,
    // A visitor not yet registered is asked about by kind: they are registered as they sign in.
    input: z.union([z.object({ personId: id }).strict(), z.object({ kind: z.enum(['visitor', 'contractor']) }).strict()]),
    output: returns<AupVersion | null>(),
  },
  'visits.signIn': {
    summary: 'Sign a visitor in; one who will use school ICT needs a current agreement or signs one now',
    access: RECEPTION,
    input: pf.visitSignIn,
    output: returns<Visit>(),
  },
  'visits.signOut': {
    summary: 'Sign a visitor out',
    access: RECEPTION,
    input: z.object({ visitId: id }).strict(),
    output: returns<Visit>(),
  },
  'visits.undoSignOut': {
    summary: 'Undo signing a visitor out at the desk, within a few minutes of it',
    access: RECEPTION,
    input: z.object({ visitId: id }).strict(),
    output: returns<Visit>(),
  },
  'visits.onSite': {
    summary: 'Who is on site now: the fire roll call',
    access: ROLL_CALL,
    input: noInput,
    output: returns<OnSiteList>(),
  },
  'visits.autoSignOut': {
    summary: 'Sign out everyone still signed in after the set time (safe to call at any time)',
    access: ALL_ROLES,
    input: noInput,
    output: returns<{ signedOut: number }>(),
  },
  'visits.list': {
    summary: 'The visitor log for a period, newest first',
    access: PEOPLE_READERS,
    input: pf.visitList,
    output: returns<VisitPage>(),
  },
  'visits.settings': {
    summary: 'Reception settings: the automatic sign-out time and how long visitor records are kept',
    access: RECEPTION,
    input: noInput,
    output: returns<ReceptionSettings>(),
  },
  'visits.updateSettings': {
    summary: 'Change the automatic sign-out time or the visitor retention period',
    access: MANAGER,
    input: pf.receptionSettings,
    output: returns<ReceptionSettings>(),
  },
  'retention.preview': {
    summary: 'What the retention rule would delete today (nothing is deleted)',
    access: MANAGER,
    input: noInput,
    output: returns<RetentionReport>(),
  },
  'retention.run': {
    summary: 'Delete visitor records past the retention period, except those on safeguarding hold; audited with the counts',
    access: MANAGER,
    input: noInput,
    output: returns<RetentionReport>(),
  },
} as const satisfies Partial<Record<MethodName, MethodSpec>>

/**
 * Every method of the API. Each record kind added after the first release keeps its methods in
 * its own `<feature>-contract.ts`; they are joined here. The checks below make a name listed in
 * METHOD_NAMES without a method, or a method not listed there, a type error.
 */
export const contract = {
  ...registerMethods,
  ...incidentMethods,
  ...reviewAndCheckMethods,
  ...permissionMethods,
  ...annualReviewMethods,
  ...draftMethods,
} as const satisfies Record<MethodName, MethodSpec>

type Unlisted = Exclude<keyof typeof contract, MethodName>
/** A method in a feature contract whose name is missing from METHOD_NAMES fails to compile here. */
export const everyMethodIsListed: [Unlisted] extends [never] ? true : Unlisted = true

export type Contract = typeof contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = Contract[M]['output']

/** The shape of `window.api`: one function per method, each resolving to a Result. */
export type ApiBridge = {
  readonly [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>
}
