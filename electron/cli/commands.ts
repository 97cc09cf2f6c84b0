import { REPORT_TYPES } from '../../shared/domain/reports'
import { DATA_DIR, defineCommand, PASSWORD_STDIN, PROG, SIGN_IN } from './args'

// Every command's name, options and help. What each one does is in commands/<name>.ts, loaded
// only when it runs (see run.ts).

export const init = defineCommand({
  name: 'init',
  summary: 'Set up the register for a school in an empty data folder, and print its recovery key',
  description:
    'Creates the encrypted register in the data folder with the school’s name and its first user, the school business manager, ' +
    'and prints the recovery key once. The URN, the DSL and the rest of the profile can be filled in later in the app.',
  options: {
    ...DATA_DIR,
    school: { type: 'string', value: 'NAME', required: true, help: 'The school’s name, as it should head every report.' },
    username: { type: 'string', value: 'U', required: true, help: 'Username of the school business manager (letters, digits, dots, dashes).' },
    'display-name': { type: 'string', value: 'NAME', required: true, help: 'The business manager’s full name.' },
    urn: { type: 'string', value: '123456', help: 'The school’s six-digit URN (Get Information about Schools).' },
    dsl: { type: 'string', value: 'NAME', help: 'The designated safeguarding lead’s name.' },
    ...PASSWORD_STDIN,
  },
  examples: [
    `${PROG} init --data-dir /srv/osr --school "Ysgol Gymraeg Llanfair" --username bmanager --display-name "Bethan Jones" --urn 123456`,
  ],
})

export const users = defineCommand({
  name: 'users',
  summary: 'List everyone who can sign in, with their role and status (business manager)',
  description: 'Prints a table of the register’s users: username, name, role, whether the account is active, and the last sign-in.',
  options: { ...SIGN_IN },
  examples: [`${PROG} users --data-dir /srv/osr --username bmanager`],
})

export const backup = defineCommand({
  name: 'backup',
  summary: 'Back up the register to a file you name (a USB stick, a network share) (business manager)',
  description:
    'Makes a backup exactly as the app’s "Back up now" does (still encrypted: it opens only with a password or the recovery key), ' +
    'then puts it at the path given. An existing file is never overwritten.',
  options: {
    ...SIGN_IN,
    out: { type: 'string', value: 'FILE', required: true, help: 'Where to write the backup, e.g. E:\\register-2026-11-24.osrbackup. Must not exist yet.' },
  },
  examples: [`printf '%s\\n' "$OSR_PASSWORD" | ${PROG} backup --data-dir /srv/osr --username bmanager --password-stdin --out /mnt/usb/register.osrbackup`],
})

export const restore = defineCommand({
  name: 'restore',
  summary: 'Restore a backup: over this school’s register, or into an empty folder on a new computer',
  description:
    'If the data folder holds the school’s register, sign in as a business manager: the backup is checked, the records are replaced ' +
    'and the replaced copy is kept in backups/replaced/. A backup of another school is refused.\n' +
    'If the data folder is empty (a new computer after the old one was lost), the backup alone rebuilds the register: it must open ' +
    'with a username and the password that account had when the backup was made, or with the recovery key of that time ' +
    '(--recovery-key-stdin). The database is checked before anything is put in place.',
  options: {
    ...DATA_DIR,
    from: { type: 'string', value: 'FILE', required: true, help: 'The backup file (.osrbackup).' },
    username: { type: 'string', value: 'U', help: 'Sign in as this user (a business manager over an existing register; any account on a new computer).' },
    'password-stdin': { type: 'boolean', help: 'Read the password from the first line of standard input. Without it the password is asked for and not shown.' },
    'recovery-key-stdin': {
      type: 'boolean',
      help: 'Into an empty folder only: open the backup with the recovery key, read from the first line of standard input (or asked for).',
    },
  },
  examples: [
    `${PROG} restore --data-dir /srv/osr --from /mnt/usb/register.osrbackup --username bmanager`,
    `printf '%s\\n' "$RECOVERY_KEY" | ${PROG} restore --data-dir /srv/osr-new --from /mnt/usb/register.osrbackup --recovery-key-stdin`,
  ],
})

export const verify = defineCommand({
  name: 'verify',
  summary: 'Check the register: database integrity, schema version, key file, the audit trail and incident log, and the backups',
  description:
    'Signs in (a business manager or the headteacher) and runs every health check, printing ✓ or ✗ for each. ' +
    'Besides each chain in itself, the register is compared with every backup in its backup folder: each records how long the audit ' +
    'trail and the incident log were when it was made, so entries removed or rewritten since then show, even by someone who holds the key. ' +
    'With --against, it is also compared with a backup or a signed report kept elsewhere (a USB stick, a copy sent to governors), ' +
    'which nobody at this computer can have changed. ' +
    'Exits 0 only when every check holds, 1 otherwise, naming what failed: suitable for a scheduled task.',
  options: {
    ...SIGN_IN,
    against: {
      type: 'string',
      value: 'FILE',
      help: 'Also check the register against this backup (.osrbackup) or signed PDF report from it: entries it knew must still be there, unchanged.',
    },
  },
  examples: [
    `printf '%s\\n' "$OSR_PASSWORD" | ${PROG} verify --data-dir /srv/osr --username bmanager --password-stdin`,
    `${PROG} verify --data-dir D:\\OSR --username head --against E:\\register-2027-03-03.osrbackup`,
    `${PROG} verify --data-dir D:\\OSR --username head --against "Annual online safety review 2025-09-01 to 2026-08-31.pdf"`,
  ],
})

export const rekey = defineCommand({
  name: 'rekey',
  summary: 'Give the records a new encryption key and print the new recovery key (business manager)',
  description:
    'Re-encrypts the database under a new key (for example after a laptop or a recovery key sheet went missing). Everyone keeps ' +
    'their password; the old recovery key stops opening the register. Backups made before keep opening with the passwords and ' +
    'recovery key of their time.',
  options: { ...SIGN_IN },
  examples: [`${PROG} rekey --data-dir /srv/osr --username bmanager`],
})

export const seedDemo = defineCommand({
  name: 'seed-demo',
  summary: 'Fill a set-up register with demonstration records, for training and demos (business manager)',
  description:
    'Adds demonstration records through the same rules as the app, as the signed-in business manager: for now, users of every role ' +
    '(small: one per role; large: a realistic office). Every demo account starts with one shared password, printed at the end, ' +
    'which it must change at first sign-in. Running it again adds nothing twice. Never use it on a register with real records.',
  options: {
    ...SIGN_IN,
    scale: { type: 'string', value: 'small|large', required: true, help: 'small: one of each role; large: a realistic school office.' },
  },
  examples: [`${PROG} seed-demo --data-dir /tmp/osr-demo --username bmanager --scale large`],
})

const reportList = Object.entries(REPORT_TYPES)
  .map(([type, t]) => `  ${type}: ${t.summary}${t.period ? ' (needs --from and --to)' : ''}${'record' in t ? ' (needs --incident)' : ''}.`)
  .join('\n')

export const report = defineCommand({
  name: 'report',
  summary: 'Make a signed PDF report, entered in the report register, and save it to a file',
  positional: { key: 'type', value: 'TYPE', help: 'Which report (see the list above).' },
  description:
    'Makes the report exactly as the app does: digitally signed with the school’s certificate and recorded in the report register, ' +
    'so a copy can be checked later with verify-pdf. Dates are written YYYY-MM-DD or dd/mm/yyyy; both days are included.\n' +
    `Reports:\n${reportList}`,
  options: {
    ...SIGN_IN,
    out: { type: 'string', value: 'FILE', required: true, help: 'Where to save the PDF. Must not exist yet.' },
    from: { type: 'string', value: 'DATE', help: 'First day of the period (for reports over a period).' },
    to: { type: 'string', value: 'DATE', help: 'Last day of the period.' },
    anonymised: { type: 'boolean', help: 'Replace people’s names with initials (for sharing outside the school).' },
    incident: { type: 'string', value: 'REF', help: 'For incident-record: the incident’s reference, for example INC-2026-0042.' },
  },
  examples: [
    `${PROG} report users-and-roles --data-dir /srv/osr --username head --out users.pdf`,
    `${PROG} report audit-trail --data-dir /srv/osr --username bmanager --from 01/09/2025 --to 31/08/2026 --out audit-2025-26.pdf`,
  ],
})

export const verifyPdf = defineCommand({
  name: 'verify-pdf',
  summary: 'Check a PDF: is it a genuine, unaltered report from this register? (exit 0 only if so)',
  positional: { key: 'file', value: 'FILE', help: 'The PDF to check.' },
  description:
    'Checks the PDF’s digital signature, that nothing was changed or added after signing, that it was signed with this school’s ' +
    'certificate, and that this exact file is in the report register. Exits 0 only when all hold, 1 otherwise, saying why.',
  options: { ...SIGN_IN },
  examples: [`${PROG} verify-pdf "Audit trail 2025-09-01 to 2026-08-31.pdf" --data-dir /srv/osr --username head`],
})

export const importRecords = defineCommand({
  name: 'import',
  summary: 'Import people from the MIS, an earlier incident log, a training spreadsheet or consent answers (CSV): preview first, never silently in part',
  positional: { key: 'what', value: 'WHAT', help: 'What to import: people, incidents, training or consent.' },
  description:
    'people: reads a CSV export of pupils or staff from SIMS, Arbor or Bromcom (the layout is recognised from the column headings; any ' +
    'other layout uses the column mapping last chosen in the app). Every row is checked first and every bad row is listed with its ' +
    'line number and the reason. With bad rows nothing is imported unless --skip-bad-rows says to import the good ones and skip ' +
    'those. People are matched by MIS id, then by name and date of birth, so importing the same file again changes nothing. ' +
    '--dry-run only checks: it exits 0 when the whole file would import, 1 otherwise.\n' +
    'incidents: reads the school’s earlier online safety incident log saved as CSV, with the Appendix 4 columns (Date, Where the ' +
    'incident took place, Description, Action taken, Name of the person recording it; dates as dd/mm/yyyy). Each row becomes an ' +
    'entry marked as imported, signed by you and naming the original recorder. All or nothing: any bad row stops the import.\n' +
    'training: reads a training spreadsheet saved as CSV, one row per person per course, with columns Name (or Staff ID), Course, ' +
    'Date, Provider and Counts for (induction, refresher, DSL training, DSL update or governor; several separated by ";"). People ' +
    'are matched by staff id, then by name. Bad rows are listed with their line numbers; with bad rows nothing is imported unless ' +
    '--skip-bad-rows. Training already recorded (the same person, course and date) is left as it is, so importing the same file ' +
    'again changes nothing. --dry-run only checks.\n' +
    'consent: reads a photo and publishing consent spreadsheet saved as CSV, one answer a row, with the columns pupil (MIS id, or ' +
    'name with a "date of birth" column), purpose (website, newsletter, social media, press, recording), answer (yes, no, withdrawn), ' +
    'given by (the parent or carer, or "pupil") and date. Bad rows are listed with their line; nothing is imported while any is bad ' +
    'unless --skip-bad-rows. A row already in the register is left alone, so importing the same file twice changes nothing.',
  options: {
    ...SIGN_IN,
    csv: { type: 'string', value: 'FILE', required: true, help: 'The CSV file exported from the MIS.' },
    type: { type: 'string', value: 'pupils|staff', help: 'For people: whether the file lists pupils or staff.' },
    'dry-run': { type: 'boolean', help: 'Check the file and show what would change, without importing anything.' },
    'skip-bad-rows': { type: 'boolean', help: 'When some rows have problems, import the good rows and skip those (they are listed).' },
    'archive-missing': { type: 'boolean', help: 'The file is the whole roll: archive people of this kind who are not in it (leavers).' },
  },
  examples: [
    `${PROG} import people --data-dir D:\\OSR --username bmanager --type pupils --csv pupils.csv --dry-run`,
    `${PROG} import people --data-dir D:\\OSR --username bmanager --type pupils --csv pupils.csv --skip-bad-rows`,
    `${PROG} import incidents --data-dir D:\\OSR --username bmanager --csv incident-log.csv --dry-run`,
    `${PROG} import training --data-dir D:\\OSR --username bmanager --csv training.csv --dry-run`,
    `${PROG} import consent --data-dir D:\\OSR --username bmanager --csv consent.csv --dry-run`,
  ],
})

/** In the order --help lists them. */
export const moveData = defineCommand({
  name: 'move-data',
  summary: 'Move the register to another folder on this computer, for the app and this tool (business manager)',
  description:
    'Close the app first: the move is refused while the app has the register open. Signs in to check you are a business manager, ' +
    'then copies every file into the new folder (which must be empty or not exist yet), checks each copy against the original ' +
    '(SHA-256), and records the new place in the per-machine folder, so the app and this tool open it from then on. The old files are ' +
    'put aside in a "moved-away-…" folder and removed after the next sign-in. A folder inside OneDrive, Dropbox, Google Drive, iCloud ' +
    'or Box, or on a network drive, is refused with the reason. If anything fails, nothing moves and the old folder stays in use.',
  options: {
    ...SIGN_IN,
    to: { type: 'string', value: 'DIR', required: true, help: 'The new data folder, e.g. D:\\Online Safety Register. Empty or not made yet.' },
  },
  examples: [`${PROG} move-data --username bmanager --to "D:\\Online Safety Register"`],
})

export const COMMANDS = [init, users, backup, restore, verify, rekey, seedDemo, report, verifyPdf, importRecords, moveData] as const

export type CommandName = (typeof COMMANDS)[number]['name']
