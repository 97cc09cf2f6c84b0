import { randomUUID } from 'node:crypto'
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { requireWholePath } from '../files/local-path'
import type { BackupCheck, BackupInfo, BackupKind, BackupOverview } from '../../../shared/domain/backups'
import { AppError } from '../api/app-error'
import { appendAudit } from '../audit/audit-trail'
import { compareWithAnchor, takeAnchor, type Anchor } from '../audit/anchors'
import { newerSchemaError, openDatabase, schemaVersionOf, type Db } from '../db/database'
import { SCHEMA_VERSION } from '../db/migrations/index'
import { openRaw } from '../db/sqlcipher'
import { readSchool } from '../school/school'
import type { RegisterStore } from '../store/register-store'
import { fsyncDir } from '../vault/vault-file'
import { carryListing, readListing } from '../store/slot-listing'
import { BACKUP_EXTENSION, readBackupFile, readBackupHeader, writeBackupFile, writeError, type BackupHeader } from './backup-file'

const NAME = /^register-(\d{8}T\d{6}Z)-(daily|weekly|monthly|on-lock|manual)-a(\d+)\.osrbackup$/
const AUTOMATIC: readonly BackupKind[] = ['daily', 'on-lock']
/** The working files a backup, a check, a restore or a key rotation makes in the data folder (each a whole copy of the register). */
const WORK_FILE = /^\.(snapshot|inspect|restore|rekey)-[0-9a-f-]{36}\.db(-journal|-wal|-shm)?$/
/** Older than this, a working file is a leftover of a run that was killed, not one still under way. */
const LEFTOVER_AGE_MS = 3600_000
/** How many automatic backups to keep: the newest of each of the last N days, weeks, months. */
export const RETENTION = { days: 7, weeks: 4, months: 12 }

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')
}

function fromStamp(s: string): Date {
  return new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`)
}

interface Listed extends BackupInfo {
  auditHeadId: number
}

export class Backups {
  constructor(
    private readonly store: RegisterStore,
    private readonly appVersion: string,
    private readonly now: () => number = Date.now,
  ) {}

  get folder(): string {
    return this.store.paths.backups
  }

  /** Copies the open database (a consistent snapshot, still encrypted) into a backup file. */
  async make(db: Db, kind: BackupKind, targetDir?: string): Promise<BackupInfo> {
    const dir = targetDir ?? this.folder
    if (targetDir !== undefined) {
      requireWholePath(targetDir, 'folder')
      // A chosen folder must be there already: a mistyped path or an unplugged USB stick must
      // not quietly put the backup somewhere on this computer's own disk.
      if (!existsSync(targetDir)) {
        throw new AppError('not-found', 'That folder does not exist. Check the path, and that the USB stick is plugged in.')
      }
      if (!statSync(targetDir).isDirectory()) throw new AppError('validation', 'That is a file, not a folder. Choose a folder for the backup.', 'folder')
    } else {
      try {
        mkdirSync(dir, { recursive: true })
      } catch (err) {
        throw writeError(err)
      }
    }
    const snapshot = join(this.store.paths.dataDir, `.snapshot-${randomUUID()}.db`)
    try {
      // VACUUM INTO writes a consistent copy under the same key (the backup API cannot key its target).
      await db.raw('VACUUM INTO ?', [snapshot])
      const school = await readSchool(db)
      const createdAt = new Date(this.now())
      // The call queue lets nothing in between the copy and this: the anchor is the copy's.
      const anchor = await takeAnchor(db, createdAt.toISOString())
      const auditHeadId = anchor.audit.seq
      const file = join(dir, `register-${stamp(createdAt)}-${kind}-a${auditHeadId}${BACKUP_EXTENSION}`)
      const sizeBytes = writeBackupFile(file, snapshot, {
        kind,
        createdAt: createdAt.toISOString(),
        appVersion: this.appVersion,
        schoolId: school.schoolId,
        schemaVersion: SCHEMA_VERSION,
        auditHeadId,
        anchor,
        vault: this.store.loadVault().data,
      })
      if (AUTOMATIC.includes(kind) && dir === this.folder) await this.prune(db)
      return { file, kind, createdAt: createdAt.toISOString(), sizeBytes }
    } catch (err) {
      throw writeError(err)
    } finally {
      rmSync(snapshot, { force: true })
    }
  }

  /**
   * Removes the working files of a backup, check, restore or key rotation killed half way (and the
   * half-written backups in the backup folder): they are normally removed when it ends, and each
   * is a copy of the register that would otherwise fill the disk. Only those an hour old, so a
   * command-line backup running now keeps its own. "Now" is the file system's own clock (the time
   * it stamps on a file written this instant), so a process clock that differs from it (a wrong
   * system date being corrected, a test's faked clock) never makes a fresh copy look old.
   */
  removeLeftovers(): void {
    const now = fileSystemNow(this.store.paths.dataDir)
    const places: [string, RegExp][] = [
      [this.store.paths.dataDir, WORK_FILE],
      [this.folder, /\.osrbackup\.partial$/],
    ]
    for (const [dir, pattern] of places) {
      if (!existsSync(dir)) continue
      for (const name of readdirSync(dir)) {
        if (!pattern.test(name)) continue
        const file = join(dir, name)
        if (now - statSync(file).mtimeMs > LEFTOVER_AGE_MS) rmSync(file, { force: true })
      }
    }
  }

  list(): BackupInfo[] {
    return this.listed().map(({ auditHeadId: _a, ...info }) => info)
  }

  overview(): BackupOverview {
    const backups = this.list()
    return { backups, lastBackupAt: backups[0]?.createdAt ?? null, folder: this.folder }
  }

  /**
   * On lock or quit: a backup, unless nothing but signing in and out happened since the last.
   * A register that no longer agrees with the last backup is backed up too (the one that knew
   * more is kept by prune as the evidence).
   */
  async onLock(db: Db, reason: string): Promise<void> {
    if (reason === 'restore') return
    if ((await this.sinceLastAutomatic(db)) === 'unchanged') return
    await this.make(db, 'on-lock')
  }

  /**
   * At sign-in: a daily backup when the newest automatic one is more than a day old; otherwise
   * the on-lock backup the last session did not make (the app was killed, or the computer lost
   * power), so the anchor of what that session saved is not left for the end of this one. Not
   * when the register disagrees with the last backup: that was changed outside the app, and the
   * newest backup stays the one that shows it.
   */
  async atSignIn(db: Db): Promise<void> {
    const last = this.listed().find((b) => AUTOMATIC.includes(b.kind))
    if (!last || this.now() - Date.parse(last.createdAt) >= 24 * 3600_000) {
      await this.make(db, 'daily')
      return
    }
    if ((await this.sinceLastAutomatic(db)) === 'changed') await this.make(db, 'on-lock')
  }

  /** What happened since the newest automatic backup: nothing but signing in and out, more, or a register that no longer holds what it knew. */
  private async sinceLastAutomatic(db: Db): Promise<'unchanged' | 'changed' | 'disagrees'> {
    const last = this.listed().find((b) => AUTOMATIC.includes(b.kind))
    if (!last) return 'changed'
    // Entries counted by number alone would miss a register cut short and written on since.
    if (!(await this.registerStillAgrees(db, last.file))) return 'disagrees'
    const [row] = (await db('audit_log')
      .where('id', '>', last.auditHeadId)
      .whereNotIn('action', ['session.login', 'session.lock'])
      .count({ n: '*' })) as { n: number }[]
    return Number(row?.n) === 0 ? 'unchanged' : 'changed'
  }

  /**
   * The anchors of the backups in the backup folder, newest first. Only headers are read (a
   * damaged database part is the backup check's business, not the anchor's); a file whose
   * header cannot be read, or made before backups carried anchors, has none.
   */
  folderAnchors(): { file: string; createdAt: string; schoolId: string; anchor: Anchor }[] {
    const out: { file: string; createdAt: string; schoolId: string; anchor: Anchor }[] = []
    for (const b of this.listed()) {
      let header: BackupHeader
      try {
        header = readBackupHeader(b.file)
      } catch {
        continue
      }
      if (header.anchor) out.push({ file: b.file, createdAt: header.createdAt, schoolId: header.schoolId, anchor: header.anchor })
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  /** Checks a backup with the open register's key: whose it is, that it opens, that it is whole. */
  async inspect(file: string): Promise<BackupCheck> {
    requireWholePath(file, 'file')
    const { db, key } = this.store.requireOpen()
    const school = await readSchool(db)
    const extracted = join(this.store.paths.dataDir, `.inspect-${randomUUID()}.db`)
    try {
      const { check } = checkBackup(file, key, extracted, school.schoolId)
      return check
    } finally {
      rmSync(extracted, { force: true })
    }
  }

  /**
   * Replaces the records with a checked backup. The replaced database is kept in
   * backups/replaced/, the restore is written into the restored trail, and the register locks.
   */
  async restore(file: string, confirmSchoolName: string): Promise<{ replacedCopy: string }> {
    requireWholePath(file, 'file')
    const { db, key, session } = this.store.requireOpen()
    const school = await readSchool(db)
    if (confirmSchoolName.trim().toLowerCase() !== school.name.trim().toLowerCase()) {
      throw new AppError('validation', `To confirm, type the school’s name exactly as it is: ${school.name}.`, 'confirmSchoolName')
    }
    const incoming = join(this.store.paths.dataDir, `.restore-${randomUUID()}.db`)
    const keyCopy = Buffer.from(key)
    const listing = await readListing(db)
    try {
      const { header } = checkBackup(file, keyCopy, incoming, school.schoolId)
      const replacedDir = join(this.folder, 'replaced')
      const replacedCopy = join(replacedDir, `register-replaced-${stamp(new Date(this.now()))}.db`)
      // The restore is written into the restored trail on the copy, before it is put in place:
      // the register never shows the backup's state without saying it was restored, or a check
      // against a newer backup would read the entries made since as removed.
      const restored = await openDatabase(incoming, keyCopy)
      try {
        // The users' key slots are today's, not the backup's: the copy lists them, and a slot the
        // register no longer lists leaves the vault.
        await carryListing(restored, listing)
        await this.store.dropUnlistedSlots(restored)
        await appendAudit(restored, {
          at: new Date(this.now()).toISOString(),
          userId: session.userId,
          username: session.username,
          action: 'backup.restore',
          target: `replaced:${basename(replacedCopy)}`,
          detail: `restored the backup made ${header.createdAt}; the replaced database is kept`,
        })
        // Out of WAL mode, so the one file holds everything when it is renamed into place.
        await restored.raw('PRAGMA journal_mode = DELETE')
      } finally {
        await restored.destroy()
      }
      await this.store.lock('restore')
      mkdirSync(replacedDir, { recursive: true })
      const live = this.store.paths.database
      // register.db must be whole at every moment (the app can be killed between two renames):
      // the replaced copy is a second name for the live file (a copy where links are not
      // supported), then the restored file replaces the live one in a single rename.
      try {
        linkSync(live, replacedCopy)
      } catch {
        copyFileSync(live, replacedCopy)
      }
      fsyncDir(replacedDir)
      for (const side of ['-wal', '-shm']) if (existsSync(live + side)) renameSync(live + side, replacedCopy + side)
      renameSync(incoming, live)
      fsyncDir(this.store.paths.dataDir)
      return { replacedCopy }
    } finally {
      keyCopy.fill(0)
      for (const side of ['', '-wal', '-shm']) rmSync(incoming + side, { force: true })
    }
  }

  private listed(): Listed[] {
    if (!existsSync(this.folder)) return []
    const out: Listed[] = []
    for (const name of readdirSync(this.folder)) {
      const m = NAME.exec(name)
      if (!m) continue
      const file = join(this.folder, name)
      out.push({
        file,
        kind: m[2] as BackupKind,
        createdAt: fromStamp(m[1]!).toISOString(),
        sizeBytes: statSync(file).size,
        auditHeadId: Number(m[3]),
      })
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  /**
   * Keeps the newest automatic backup of each of the last 7 days, 4 weeks and 12 months, and
   * every backup whose anchor the register no longer agrees with: that backup is the evidence
   * of what was removed or rewritten, and the backup just made (of the changed register) must
   * not push it out.
   */
  async prune(db: Db): Promise<void> {
    const automatic = this.listed().filter((b) => AUTOMATIC.includes(b.kind))
    const keep = new Set<string>()
    const buckets: [number, (d: Date) => string][] = [
      [RETENTION.days, (d) => d.toISOString().slice(0, 10)],
      [RETENTION.weeks, (d) => isoWeek(d)],
      [RETENTION.months, (d) => d.toISOString().slice(0, 7)],
    ]
    for (const [count, bucketOf] of buckets) {
      const seen = new Set<string>()
      for (const b of automatic) {
        const bucket = bucketOf(new Date(b.createdAt))
        if (seen.has(bucket)) continue
        seen.add(bucket)
        if (seen.size > count) break
        keep.add(b.file)
      }
    }
    for (const b of automatic) {
      if (keep.has(b.file) || !(await this.registerStillAgrees(db, b.file))) continue
      rmSync(b.file, { force: true })
    }
  }

  /** True when the register still holds everything this backup's anchor knew (or it has none to compare). */
  private async registerStillAgrees(db: Db, file: string): Promise<boolean> {
    try {
      const { anchor } = readBackupHeader(file)
      return anchor ? (await compareWithAnchor(db, anchor, 'the backup')).ok : true
    } catch {
      return false
    }
  }
}

/**
 * Everything a backup must pass before it replaces anything: the file is whole (hash), it is
 * this school's, its schema is not newer than this app, it opens with the key, and SQLite's
 * integrity check passes.
 */
export function checkBackup(file: string, key: Buffer, extractTo: string, schoolId: string | null): { header: BackupHeader; check: BackupCheck } {
  const header = readBackupFile(file, extractTo)
  if (schoolId !== null && header.schoolId !== schoolId) {
    throw new AppError('conflict', 'That backup belongs to another school’s register, so it cannot be restored here. Nothing has been changed.')
  }
  if (header.schemaVersion > SCHEMA_VERSION) throw newerSchemaError(header.schemaVersion)
  let raw
  try {
    raw = openRaw(extractTo, key, { readonly: true, mustExist: true })
  } catch {
    throw new AppError(
      'conflict',
      'That backup does not open with this register’s current key: it was made before the encryption key was last changed. ' +
        'Restore it with the command line tool and the recovery key of that time, or choose a newer backup.',
    )
  }
  try {
    const integrity = raw.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new AppError('validation', 'That backup file is damaged inside, so it cannot be used. Try another backup.', 'file')
    const school = raw.prepare('SELECT name, school_id FROM school WHERE id = 1').get() as { name: string; school_id: string } | undefined
    if (!school || (schoolId !== null && school.school_id !== schoolId)) {
      throw new AppError('conflict', 'That backup belongs to another school’s register, so it cannot be restored here. Nothing has been changed.')
    }
    const count = (table: string) => (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    return {
      header,
      check: {
        schoolName: school.name,
        createdAt: header.createdAt,
        schemaVersion: schemaVersionOf(raw),
        sameSchool: true,
        records: { users: count('users'), auditEntries: count('audit_log') },
      },
    }
  } finally {
    raw.close()
  }
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const day = t.getUTCDay() || 7
  t.setUTCDate(t.getUTCDate() + 4 - day)
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1))
  const week = Math.ceil(((t.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7)
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

/** The time the file system stamps on a file written now (falls back to the process clock). */
function fileSystemNow(dir: string): number {
  const probe = join(dir, `.clock-${randomUUID()}`)
  try {
    writeFileSync(probe, '')
    return statSync(probe).mtimeMs
  } catch {
    return Date.now()
  } finally {
    rmSync(probe, { force: true })
  }
}
