import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBackupHeader } from '../../electron/core/backup/backup-file'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { findUserSlot, openUserSlot } from '../../electron/core/vault/vault'
import { parseVault } from '../../electron/core/vault/vault-file'
import { decryptText, decryptTextBytes, encryptText, fieldAad } from '../../electron/core/vault/field-cipher'
import { REPORT_TYPES } from '../../shared/domain/reports'
import { ROLES } from '../../shared/domain/roles'
import { newCore, ok, setUpSchool, tempDir } from './helpers'
import { issueReport } from './pdf-tools'
import { utf16leWithBom, windows1252 } from './text-bytes'

// The admin command line, tested as it ships: built by vite.cli.config.ts into out/cli/index.js
// and run by Node 24 as a separate process on real encrypted files (real scrypt cost, so a
// handful of sign-ins, not hundreds).

const ROOT = resolve(__dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')
const CLI = join(ROOT, 'out/cli/index.js')
const PASSWORD = 'kettle violet harbour jump'
const COMMANDS = ['init', 'users', 'backup', 'restore', 'verify', 'rekey', 'seed-demo', 'report', 'verify-pdf', 'import', 'move-data']
const RECOVERY_KEY = /\b([0-9A-Z]{4}-){7}[0-9A-Z]{4}\b/

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], stdin = '', env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(NODE, [CLI, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', fail)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, stdout, stderr })
    })
    child.stdin.on('error', () => {}) // the tool may exit without reading (usage errors)
    child.stdin.end(stdin)
  })
}

/** Signs in as the business manager with the password on standard input. */
const signedIn = (dir: string, ...args: string[]) => cli([...args, '--data-dir', dir, '--username', 'bmanager', '--password-stdin'], `${PASSWORD}\n`)

const noStackTrace = (r: Run) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/)

let root: { dir: string; cleanup: () => void }
const place = (name: string) => join(root.dir, name)

beforeAll(() => {
  root = tempDir('osr-cli-')
  const build = spawnSync(NODE, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (build.status !== 0) throw new Error(`The CLI did not build:\n${build.stdout}\n${build.stderr}`)
})
afterAll(() => root.cleanup())

describe('the built command line', () => {
  it('is CommonJS that bundles the core and keeps the dependencies (knex, the SQLCipher driver) external', () => {
    const entry = readFileSync(CLI, 'utf8')
    const run = readFileSync(join(ROOT, 'out/cli/chunks/run.js'), 'utf8')
    // The entry answers --help without loading any package; the commands' chunk loads them.
    expect([...entry.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).sort()).toEqual(['./chunks/run.js', 'node:util'])
    expect(run).toMatch(/require\("knex"\)/)
    expect(run).toMatch(/require\("better-sqlite3-multiple-ciphers"\)/)
    expect(run).toContain('// electron/core/core.ts') // the core is bundled in, not required from source
    expect(`${entry}${run}`).not.toMatch(/require\("(electron|vue|vite)"\)/)
  })

  it('lists every command in --help, and each command has its own --help', async () => {
    const top = await cli(['--help'])
    expect(top.code).toBe(0)
    for (const name of COMMANDS) expect(top.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'))
    const helps = await Promise.all(COMMANDS.map((name) => cli([name, '--help'])))
    helps.forEach((r, i) => {
      expect(r.code, COMMANDS[i]).toBe(0)
      expect(r.stdout).toMatch(new RegExp(`^${COMMANDS[i]}: `))
      expect(r.stdout).toMatch(/Usage: .*--data-dir DIR/)
      expect(r.stdout).toMatch(/Example/)
    })
    // `report --help` names every report type, those a record kind adds included.
    const reportHelp = helps[COMMANDS.indexOf('report')]!.stdout
    for (const type of Object.keys(REPORT_TYPES)) expect(reportHelp, type).toMatch(new RegExp(`^\\s*${type}: \\S`, 'm'))
  })

  it('refuses an unknown command, an unknown option and a missing value with exit 2', async () => {
    const [command, flag, value] = await Promise.all([
      cli(['frobnicate']),
      cli(['users', '--data-dir', place('x'), '--username', 'u', '--colour']),
      cli(['backup', '--data-dir']),
    ])
    expect(command).toMatchObject({ code: 2, stdout: '' })
    expect(command.stderr).toMatch(/There is no command "frobnicate"\. The commands are: init, users/)
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/"users" has no option --colour/)
    expect(value.code).toBe(2)
    expect(value.stderr).toMatch(/--data-dir needs a value/)
    for (const r of [command, flag, value]) noStackTrace(r)
  })
})

describe('a school’s register through the command line', () => {
  const school = () => place('school')
  const usb = () => place('usb')
  const newComputer = () => place('new-computer')
  let backupFile = ''

  it('init sets up the school and prints the recovery key once, with what to do with it', async () => {
    const r = await cli(
      ['init', '--data-dir', school(), '--school', 'Ysgol Gymraeg Llanfair', '--username', 'bmanager', '--display-name', 'Siân O’Connor', '--urn', '123456', '--password-stdin'],
      `${PASSWORD}\n`,
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(RECOVERY_KEY)
    expect(r.stdout).toMatch(/Print this or write the key down now/)
    expect(existsSync(join(school(), 'vault.json'))).toBe(true)

    const again = await cli(['init', '--data-dir', school(), '--school', 'Other', '--username', 'x.y', '--display-name', 'X', '--password-stdin'], `${PASSWORD}\n`)
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already holds a school’s register/)
  })

  it('without --password-stdin and without a terminal, says how to give the password (exit 2)', async () => {
    const r = await cli(['users', '--data-dir', school(), '--username', 'bmanager'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no terminal to ask for the password.*--password-stdin/)
  })

  it('users lists the business manager in a table', async () => {
    const r = await signedIn(school(), 'users')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^ID +USERNAME +NAME +ROLE +STATUS +LAST SIGN-IN$/m)
    expect(r.stdout).toMatch(/^1 +bmanager +Siân O’Connor +School business manager +active /m)
  })

  it('a wrong password fails with the core’s plain message and exit 1, no stack trace', async () => {
    const r = await cli(['users', '--data-dir', school(), '--username', 'bmanager', '--password-stdin'], 'not the password at all\n')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toBe('That username and password do not match. Check the username and that Caps Lock is off, then try again.')
    noStackTrace(r)
  })

  it('backup writes the file where asked, and never overwrites one', async () => {
    mkdirSync(usb())
    backupFile = join(usb(), 'register.osrbackup')
    const r = await signedIn(school(), 'backup', '--out', backupFile)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Backed up Ysgol Gymraeg Llanfair to .*register\.osrbackup/)
    expect(readFileSync(backupFile).subarray(0, 11).toString()).toBe('OSR-BACKUP\n')
    expect(readdirSync(usb())).toEqual(['register.osrbackup']) // the staging folder is gone

    const again = await signedIn(school(), 'backup', '--out', backupFile)
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already a file at .* never overwrites/)
  })

  it('seed-demo small adds one user of each role', async () => {
    const r = await signedIn(school(), 'seed-demo', '--scale', 'small')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/DEMO ONLY/)
    const list = await signedIn(school(), 'users')
    const roles = list.stdout.split('\n').slice(2, -2).map((line) => line.split(/ {2,}/)[3])
    // The business manager from init, plus one of each role.
    expect(roles.filter((r) => r === 'School business manager')).toHaveLength(2)
    for (const label of ['Headteacher', 'Designated safeguarding lead', 'ICT manager', 'Office staff (reception)']) {
      expect(roles.filter((r) => r === label), label).toHaveLength(1)
    }
    expect(roles).toHaveLength(1 + ROLES.length)
    expect(list.stdout).toMatch(/Łukasz Kowalski/)
  })

  it('restore into the same folder checks the backup, replaces the records and keeps the replaced copy', async () => {
    const r = await signedIn(school(), 'restore', '--from', backupFile)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/The backup of Ysgol Gymraeg Llanfair made .*: 1 user\(s\)/)
    const replaced = /kept in (.+\.db)\./.exec(r.stdout)?.[1]
    expect(replaced && existsSync(replaced)).toBe(true)
  })

  it('refuses another school’s backup over this register, with a clear message', async () => {
    // The other school is made in this process (a low scrypt cost): only its backup matters here.
    const other = newCore(place('other-school'))
    await setUpSchool(other)
    const { file: otherBackup } = await ok(other, 'backup.now', {})
    await other.close()
    const r = await signedIn(school(), 'restore', '--from', otherBackup)
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe('That backup belongs to another school’s register, so it cannot be restored here. Nothing has been changed.')
  })

  it('restore into an empty folder on a new computer rebuilds the register from the backup alone; signing in there works', async () => {
    const r = await signedIn(newComputer(), 'restore', '--from', backupFile)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Restored the register of Ysgol Gymraeg Llanfair into .*new-computer/)
    expect(r.stdout).toMatch(/passed its checks/)
    // Only the first line of standard input is the password.
    const list = await cli(['users', '--data-dir', newComputer(), '--username', 'bmanager', '--password-stdin'], `${PASSWORD}\nnot read\n`)
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^1 +bmanager +Siân O’Connor/m)
  })

  it('verify passes on a sound register, and after one audit entry is altered fails naming the entry', async () => {
    const good = await signedIn(newComputer(), 'verify')
    expect(good.stderr).toBe('')
    expect(good.code).toBe(0)
    for (const check of ['Database integrity', 'Schema version', 'Key file', 'Audit trail']) expect(good.stdout).toMatch(new RegExp(`^✓ ${check}: `, 'm'))
    expect(good.stdout).toMatch(/All \d+ checks passed/)

    // An attacker with the key drops the append-only trigger and edits one entry.
    const vault = parseVault(readFileSync(join(newComputer(), 'vault.json'), 'utf8'))!
    const slot = findUserSlot(vault, 'bmanager')
    if (!('found' in slot)) throw new Error('no slot')
    const { dbKey } = await openUserSlot(slot.found, PASSWORD)
    const raw = openRaw(join(newComputer(), 'register.db'), dbKey)
    raw.exec('DROP TRIGGER audit_log_no_update')
    expect(raw.prepare("UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3").run().changes).toBe(1)
    raw.close()
    dbKey.fill(0)

    const bad = await signedIn(newComputer(), 'verify')
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/^✓ Database integrity: /m)
    expect(bad.stdout).toMatch(/^✗ Audit trail: .*entry 3 has been changed since it was written/m)
    expect(bad.stderr).toMatch(/1 of \d+ checks failed: Audit trail\./)
    noStackTrace(bad)
  })

  it('report makes a signed PDF that pdfsig verifies; verify-pdf says genuine (0), then altered (1)', async () => {
    const pdf = place('users.pdf')
    const made = await signedIn(school(), 'report', 'users-and-roles', '--out', pdf)
    expect(made.stderr).toBe('')
    expect(made.code).toBe(0)
    expect(made.stdout).toMatch(/Issued “Users and roles” \(1 page\), signed and entered in the report register/)
    expect(execFileSync('pdfsig', [pdf], { encoding: 'utf8' })).toContain('Signature is Valid.')
    expect((await signedIn(school(), 'report', 'users-and-roles', '--out', pdf)).stderr).toMatch(/never overwrites/)

    const genuine = await signedIn(school(), 'verify-pdf', pdf)
    expect(genuine.code).toBe(0)
    expect(genuine.stdout).toMatch(/Genuine and unaltered/)

    const bytes = readFileSync(pdf)
    const at = bytes.indexOf('/Producer') + 12
    bytes.writeUInt8(bytes.readUInt8(at) ^ 1, at)
    const altered = place('users-altered.pdf')
    writeFileSync(altered, bytes)
    const refusedCopy = await signedIn(school(), 'verify-pdf', altered)
    expect(refusedCopy.code).toBe(1)
    expect(refusedCopy.stdout).toMatch(/changed since it was signed/)
    expect(refusedCopy.stdout).toMatch(/✗ signature intact/)
  })

  it('report takes UK dates, and refuses an unknown report or a bad date with exit 2', async () => {
    const pdf = place('audit.pdf')
    const today = new Date()
    const uk = `${String(today.getUTCDate()).padStart(2, '0')}/${String(today.getUTCMonth() + 1).padStart(2, '0')}/${today.getUTCFullYear()}`
    const made = await signedIn(school(), 'report', 'audit-trail', '--from', uk, '--to', uk, '--out', pdf)
    expect(made.code).toBe(0)
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toMatch(/Set up the register/)
    const unknown = await cli(['report', 'pupils-on-mars', '--data-dir', school(), '--username', 'bmanager', '--out', place('x.pdf')])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/There is no report "pupils-on-mars"/)
    const badDate = await cli(['report', 'audit-trail', '--data-dir', school(), '--username', 'bmanager', '--from', '31/02/2026', '--to', '01/03/2026', '--out', place('y.pdf')])
    expect(badDate.code).toBe(2)
    expect(badDate.stderr).toMatch(/31\/02\/2026 is not a date/)
  })

  it('import people previews, names every bad row by line, imports nothing in part, and a second import changes nothing', async () => {
    const csv = place('pupils.csv')
    // As Excel saves "CSV (comma delimited)" on a UK PC: Windows-1252, one byte for â, ë, ’.
    writeFileSync(
      csv,
      windows1252(
        [
          'Adno,UPN,Legal Surname,Legal Forename,Preferred Surname,Preferred Forename,DOB,Year,Reg',
          '30001,,O’Brien,Siân,,,03/04/2013,8,8W',
          '30002,,Müller,Zoë,,,31/02/2013,8,8W',
          '30003,,Llewellyn-Jones,Dafydd,,Dai,12/12/2012,9,9R',
        ].join('\r\n'),
      ),
    )
    const dry = await signedIn(school(), 'import', 'people', '--type', 'pupils', '--csv', csv, '--dry-run')
    expect(dry.code).toBe(1)
    expect(dry.stdout).toContain('pupils.csv: 3 rows, SIMS layout (detected column mapping), read as Windows-1252 (Excel’s “CSV (comma delimited)”).')
    expect(dry.stdout).toMatch(/To add: 2\. To update: 0\. Unchanged: 0\. With problems: 1\./)
    expect(dry.stdout).toMatch(/line 3: /)
    const refusedImport = await signedIn(school(), 'import', 'people', '--type', 'pupils', '--csv', csv)
    expect(refusedImport.code).toBe(1)
    expect(refusedImport.stderr).toMatch(/nothing was imported.*--skip-bad-rows to import the 2 good rows/)
    const done = await signedIn(school(), 'import', 'people', '--type', 'pupils', '--csv', csv, '--skip-bad-rows')
    expect(done.code).toBe(0)
    expect(done.stdout).toMatch(/Imported: 2 added, 0 updated, 0 unchanged, 1 skipped/)
    // The names went in as written, not as Windows-1252 bytes read as UTF-8 ("Si�n").
    const vault = parseVault(readFileSync(join(school(), 'vault.json'), 'utf8'))!
    const slot = findUserSlot(vault, 'bmanager')
    if (!('found' in slot)) throw new Error('no slot')
    const { dbKey } = await openUserSlot(slot.found, PASSWORD)
    const raw = openRaw(join(school(), 'register.db'), dbKey)
    expect(raw.prepare("SELECT forename || ' ' || surname AS name FROM people WHERE mis_id = '30001'").get()).toEqual({ name: 'Siân O’Brien' })
    raw.close()
    dbKey.fill(0)
    const again = await signedIn(school(), 'import', 'people', '--type', 'pupils', '--csv', csv, '--skip-bad-rows')
    expect(again.stdout).toMatch(/Imported: 0 added, 0 updated, 2 unchanged, 1 skipped/)
  })

  it('import incidents reads an Appendix 4 log; verify then fails naming the entry changed outside the app, as the app does', async () => {
    const csv = place('incident-log.csv')
    // As Excel saves "Unicode Text": UTF-16 with a byte order mark.
    writeFileSync(
      csv,
      utf16leWithBom(
        [
          'Date,Where the incident took place,Description of the incident,Action taken,Name and signature of person recording',
          '12/09/2025,ICT suite,A proxy site got past the filter,Site blocked,Mr Jones',
          '3 October 2025,Library,Unkind messages in a chat,Parents told,Ms Ní Bhriain',
        ].join('\n'),
      ),
    )
    const dry = await signedIn(school(), 'import', 'incidents', '--csv', csv, '--dry-run')
    expect(dry.code).toBe(0)
    expect(dry.stdout).toMatch(/2 entries, read as UTF-16 \(Excel’s “Unicode Text”\)\. Columns used — date: Date; where: Where the incident took place/)
    expect(dry.stdout).toMatch(/All 2 entries would import/)
    const done = await signedIn(school(), 'import', 'incidents', '--csv', csv)
    expect(done.code).toBe(0)
    expect(done.stdout).toMatch(/Imported 2 entries into the incident log/)
    const good = await signedIn(school(), 'verify')
    expect(good.stdout).toMatch(/^✓ Incident log: All 2 signed incident records are intact/m)

    // One character of the second entry, changed outside the app by someone holding the keys
    // (the business manager's password opens the database key and the safeguarding key).
    const vault = parseVault(readFileSync(join(school(), 'vault.json'), 'utf8'))!
    const slot = findUserSlot(vault, 'bmanager')
    if (!('found' in slot)) throw new Error('no slot')
    const { dbKey, roleKeys } = await openUserSlot(slot.found, PASSWORD)
    const raw = openRaw(join(school(), 'register.db'), dbKey)
    raw.exec('DROP TRIGGER incident_records_no_update')
    let reference = ''
    for (const i of raw.prepare('SELECT id, reference, data_key FROM incidents').all() as { id: number; reference: string; data_key: string }[]) {
      const [name, wrapped] = [i.data_key.slice(0, i.data_key.indexOf(':')), i.data_key.slice(i.data_key.indexOf(':') + 1)]
      const key = decryptTextBytes(roleKeys.get(name as 'safeguarding')!, fieldAad('incidents', i.id, 'data_key'), wrapped)
      for (const r of raw.prepare('SELECT id, body FROM incident_records WHERE incident_id = ?').all(i.id) as { id: number; body: string }[]) {
        const body = decryptText(key, fieldAad('incident_records', r.id, 'body'), r.body)
        if (!body.includes('Unkind')) continue
        reference = i.reference
        raw.prepare('UPDATE incident_records SET body = ? WHERE id = ?').run(encryptText(key, fieldAad('incident_records', r.id, 'body'), body.replace('Unkind', 'Unkinf')), r.id)
      }
    }
    expect(reference).toMatch(/^INC-/)
    raw.close()
    dbKey.fill(0)

    const bad = await signedIn(school(), 'verify')
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(new RegExp(`^✗ Incident log: ${reference} \\(version 1\\): .*changed after it was signed`, 'm'))
    expect(bad.stderr).toMatch(/checks failed: Incident log\./)
    noStackTrace(bad)
  })

  it('rekey prints a new recovery key; the password still opens the register', async () => {
    const before = readFileSync(join(school(), 'vault.json'), 'utf8')
    const r = await signedIn(school(), 'rekey')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/NEW RECOVERY KEY/)
    expect(r.stdout).toMatch(RECOVERY_KEY)
    expect(readFileSync(join(school(), 'vault.json'), 'utf8')).not.toBe(before)
    const list = await signedIn(school(), 'users')
    expect(list.code).toBe(0)
    // The demo users were added after the backup that was restored: they are gone again.
    expect(list.stdout).toMatch(/^1 user\(s\)\.$/m)
  })
})

describe('verify --against a backup or signed report kept elsewhere', () => {
  it('passes while the register holds what they knew; fails (1) naming what was removed once the key holder cuts the newest entries', async () => {
    // Made in this process (a low scrypt cost): a register with a signed report and a backup on a "stick".
    const dir = place('anchored')
    const stick = place('anchored-stick')
    mkdirSync(stick)
    const core = newCore(dir)
    await setUpSchool(core)
    const { file: report } = await issueReport(core, { type: 'users-and-roles' }, stick)
    const { file: backup } = await ok(core, 'backup.now', { folder: stick })
    const key = Buffer.from(core.store.requireOpen().key)
    await core.close()

    const good = await signedIn(dir, 'verify', '--against', report)
    expect(good.stderr).toBe('')
    expect(good.code).toBe(0)
    expect(good.stdout).toMatch(/^✓ Backups: The register still holds everything the backup of \d+ \w+ \d{4} \d\d:\d\d knew/m)
    expect(good.stdout).toMatch(/^✓ Against the copy given: The register still holds everything the report “Users and roles” issued /m)

    // Everything from the last entry the stick's backup knew on.
    const raw = openRaw(join(dir, 'register.db'), key)
    raw.exec('DROP TRIGGER audit_log_no_delete')
    expect(raw.prepare('DELETE FROM audit_log WHERE id >= ?').run(readBackupHeader(backup).auditHeadId).changes).toBeGreaterThan(3)
    raw.close()
    key.fill(0)

    const bad = await signedIn(dir, 'verify', '--against', backup)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/^✓ Audit trail: All \d+ entries of the audit trail are intact\.$/m)
    expect(bad.stdout).toMatch(/^✗ Backups: The audit trail has \d+ entries but the backup of .* knew \d+: the last \d+ or more have been removed since then\./m)
    expect(bad.stdout).toMatch(/^✗ Against the copy given: .*the backup of .* the last \d+ or more .*have been removed since then/m)
    expect(bad.stderr).toMatch(/^2 of \d+ checks failed: Backups, Against the copy given\.$/m)
    noStackTrace(bad)

    // A mistyped path is found before any sign-in (exit 1); a missing value is a wrong command line (exit 2).
    const missing = await cli(['verify', '--data-dir', dir, '--username', 'bmanager', '--against', place('no-such.pdf')])
    expect(missing).toMatchObject({ code: 1, stdout: '' })
    expect(missing.stderr).toMatch(/could not be found\. Check the path given to --against/)
    const noValue = await cli(['verify', '--data-dir', dir, '--username', 'bmanager', '--against'])
    expect(noValue.code).toBe(2)
    expect(noValue.stderr).toMatch(/--against needs a value/)
  })
})

describe('this computer’s data folder, without --data-dir', () => {
  // The per-machine folder on Linux follows XDG_DATA_HOME: a temp folder stands for the machine.
  const machine = () => ({ XDG_DATA_HOME: place('machine') })
  const defaultDir = () => join(place('machine'), 'Online Safety Register')
  const asManager = (...args: string[]) => cli([...args, '--username', 'bmanager', '--password-stdin'], `${PASSWORD}\n`, machine())

  it('init and users use the folder the app on this computer opens', async () => {
    const made = await cli(['init', '--school', 'Ysgol y Machine', '--username', 'bmanager', '--display-name', 'Bethan Jones', '--password-stdin'], `${PASSWORD}\n`, machine())
    expect(made.stderr).toBe('')
    expect(made.stdout).toContain(`is set up in ${defaultDir()}`)
    const list = await asManager('users')
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^1 user\(s\)\.$/m)
  })

  it('refuses to set up in a synced folder, saying why', async () => {
    const r = await cli(['init', '--data-dir', place('Dropbox/Register'), '--school', 'X', '--username', 'bmanager', '--display-name', 'B', '--password-stdin'], `${PASSWORD}\n`)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/This folder is inside Dropbox\. The register must live on this computer’s own disk/)
    expect(existsSync(place('Dropbox'))).toBe(false)
  })

  it('move-data refuses while the app has the register open, and a synced folder', async () => {
    // The app leaves a note with its process id while it runs: this test's own process stands for it.
    writeFileSync(join(defaultDir(), 'app-open.json'), JSON.stringify({ pid: process.pid }))
    const busy = await asManager('move-data', '--to', place('moved'))
    expect(busy.code).toBe(1)
    expect(busy.stderr).toMatch(/The app has the register open .*Close the app on this computer first/)
    rmSync(join(defaultDir(), 'app-open.json'))

    const synced = await asManager('move-data', '--to', place('OneDrive - Ysgol/Register'))
    expect(synced.code).toBe(1)
    expect(synced.stderr).toMatch(/This folder is inside OneDrive\..*The records were not moved: they are still in /)
    noStackTrace(synced)
  })

  it('move-data moves the register; the app’s folder and the tool follow it there', async () => {
    const r = await asManager('move-data', '--to', place('moved'))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Moved \d+ files .* every copy matches the original\.$/m)
    expect(r.stdout).toMatch(/The app on this computer opens the register there from now on/)
    expect(JSON.parse(readFileSync(join(defaultDir(), 'location.json'), 'utf8'))).toMatchObject({ dataDir: place('moved') })
    expect(existsSync(join(defaultDir(), 'register.db'))).toBe(false)

    const list = await asManager('users')
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^1 user\(s\)\.$/m)
    // That sign-in at the new place removed the old copy.
    expect(readdirSync(defaultDir())).toEqual(['location.json'])
  })
})
