// The encrypted store on its own: unlock with the calibrated scrypt cost, small saves with their
// audit entries, and the same raw workload on plain SQLite and on SQLCipher (the cost of encryption).
import { randomBytes, scryptSync } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { createCore } from '../electron/core/core'
import { Database, keyConnection, type RawDatabase } from '../electron/core/db/sqlcipher'
import { call, median, ms, percentile, round, rows, say } from './table'

const SECTION = 'The encrypted store'
const SAVES = 500
const UNLOCKS = 5
const RAW_ROWS = 50_000
const RAW_BATCH = 1_000
const LOOKUPS = 50_000
const SCANS = 10
/** The raw workload is noisy on a shared 2-core machine: more runs, after a warm-up run. */
const RAW_REPEATS = 7
const RAW_TARGET = 1.3

export const SCHOOL = {
  name: 'Ysgol Gymraeg Llanfair',
  address: '1 Heol yr Ysgol, Llanfair',
  urn: '123456',
  dslName: 'Siân Ŵyn',
  deputyDslNames: ['Łukasz Nowak'],
  onlineSafetyGovernor: 'Ярослава Коваль',
}
export const MANAGER = { username: 'bmanager', displayName: 'Bethan Manager', password: 'kettle violet harbour jump' }

/**
 * What every commit waits for (synchronous=FULL): a small write and its fsync, on the disk
 * the data folder is on. When other work shares the disk this, not the SQL, sets the saves' p95.
 */
export function benchFsync(dir: string): void {
  const file = join(dir, 'fsync-probe')
  const fd = openSync(file, 'w')
  const times: number[] = []
  try {
    for (let i = 0; i < 100; i++) {
      const t = process.hrtime.bigint()
      writeSync(fd, randomBytes(4096))
      fsyncSync(fd)
      times.push(ms(t))
    }
  } finally {
    closeSync(fd)
    rmSync(file, { force: true })
  }
  rows.push({
    section: SECTION,
    name: 'the disk: a 4 KiB write and its fsync, p95 of 100',
    value: round(percentile(times, 95)),
    unit: 'ms',
    target: '(no target)',
    met: null,
    note: `p50 ${round(median(times))} ms, max ${round(Math.max(...times), 1)} ms; each save waits for about two of these (WAL commit)`,
  })
}

/** Sign-in with the scrypt cost the app calibrates on this machine, then small saves through core.call. */
export async function benchUnlockAndSaves(dataDir: string): Promise<void> {
  const core = createCore({ dataDir, appVersion: 'bench', logger: { error: (m, d) => process.stderr.write(`${m} ${String(d)}\n`) } })
  try {
    say('Setting up a school with the calibrated scrypt cost...')
    await call(core, 'setup.create', { school: SCHOOL, manager: MANAGER })
    const cost = core.store.kdfCost
    const office = await call<{ id: number }>(core, 'users.create', { username: 'reception', displayName: 'Rhian Office', role: 'office', password: 'copper meadow sleepy anchor' })
    // For the answer times below: a name whose account was disabled.
    const leaver = await call<{ id: number }>(core, 'users.create', { username: 'leaver', displayName: 'Left Last Year', role: 'office', password: 'copper meadow sleepy anchor' })
    await call(core, 'users.setDisabled', { id: leaver.id, disabled: true })

    // Unlock: the whole sign-in (scrypt, GCM unwrap of the database key and the three role keys the
    // manager holds, each checked against the register, open and check the database, audit entry).
    await call(core, 'session.lock', {})
    const unlocks: number[] = []
    for (let i = 0; i < UNLOCKS; i++) {
      const t = process.hrtime.bigint()
      await call(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
      unlocks.push(ms(t))
      await call(core, 'session.lock', {})
    }
    const unlock = median(unlocks) / 1000
    // The share of scrypt alone, with the same cost (node:crypto directly).
    const scrypts: number[] = []
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint()
      scryptSync(MANAGER.password, randomBytes(16), 32, { ...cost, maxmem: 256 * cost.N * cost.r + (16 << 20) })
      scrypts.push(ms(t))
    }
    rows.push({
      section: SECTION,
      name: `unlock (sign-in, scrypt N=2^${Math.log2(cost.N)} r=${cost.r} p=${cost.p}; the database key and three role keys), median of ${UNLOCKS}`,
      value: round(unlock, 3),
      unit: 's',
      target: '< 0.5 s',
      met: unlock < 0.5,
      note: `runs ${unlocks.map((v) => Math.round(v)).join(', ')} ms; scrypt alone ${Math.round(median(scrypts))} ms`,
      detail: { runsMs: unlocks.map((v) => round(v, 1)), scryptAloneMs: scrypts.map((v) => round(v, 1)), kdf: cost },
    })

    // Saves: each is a transaction with its audit entry, synchronous=FULL, through the dispatcher.
    await call(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    const saves: Record<string, number[]> = { 'settings.update': [], 'school.update': [], 'users.update': [] }
    const save = (i: number): [string, unknown] => {
      switch (i % 3) {
        case 0:
          return ['settings.update', { idleLockMinutes: 5 + (i % 60) }]
        case 1:
          return ['school.update', { ...SCHOOL, address: `${i} Heol yr Ysgol, Llanfair` }]
        default:
          return ['users.update', { id: office.id, displayName: `Rhian Office ${i}`, role: 'office' }]
      }
    }
    for (let i = 0; i < 30; i++) await call(core, ...save(i)) // warm-up
    for (let i = 0; i < SAVES; i++) {
      const [method, input] = save(i)
      const t = process.hrtime.bigint()
      await call(core, method, input)
      saves[method]!.push(ms(t))
    }
    const all = Object.values(saves).flat()
    const byMethod = Object.fromEntries(Object.entries(saves).map(([m, v]) => [m, { p50: round(percentile(v, 50)), p95: round(percentile(v, 95)) }]))
    rows.push({
      section: SECTION,
      name: `small save + audit entry, p95 of ${SAVES} (empty register)`,
      value: round(percentile(all, 95)),
      unit: 'ms',
      target: '< 10 ms',
      met: percentile(all, 95) < 10,
      note: `p50 ${round(percentile(all, 50))} ms; ${Object.entries(byMethod).map(([m, v]) => `${m} ${v.p95}`).join(', ')}; max ${round(Math.max(...all), 1)} ms`,
      detail: { byMethod, max: round(Math.max(...all)) },
    })
  } finally {
    await core.close()
  }
}

/** How many refused sign-ins of each kind the answer-time row times. */
const ANSWERS = 7

/**
 * How long a refused sign-in takes for a name with an account (wrong password), a name with
 * none and a disabled one, on the register benchUnlockAndSaves made (slots at the calibrated
 * cost). The same time for each is what keeps the answer from saying which names exist. The
 * core's clock jumps two hours between attempts so the back-off never answers instead.
 */
export async function benchSignInAnswers(dataDir: string): Promise<void> {
  let clock = Date.now()
  const core = createCore({ dataDir, appVersion: 'bench', now: () => (clock += 2 * 3600_000), logger: { error: (m, d) => process.stderr.write(`${m} ${String(d)}\n`) } })
  try {
    const refusedIn = async (username: string): Promise<number> => {
      const t = process.hrtime.bigint()
      const r = await core.call('session.login', { username, password: 'not the password at all' })
      const took = ms(t)
      if (r.ok || r.error.kind === 'locked') throw new Error(`the sign-in of ${username} was not refused for its password: ${JSON.stringify(r)}`)
      return took
    }
    await refusedIn('reception') // warm-up
    const known: number[] = []
    const unknown: number[] = []
    const disabled: number[] = []
    for (let i = 0; i < ANSWERS; i++) {
      known.push(await refusedIn('reception'))
      unknown.push(await refusedIn(`nobody.${i}`))
      disabled.push(await refusedIn('leaver'))
    }
    const ratio = median(unknown) / median(known)
    const worst = Math.max(ratio, median(disabled) / median(known))
    const best = Math.min(ratio, median(disabled) / median(known))
    rows.push({
      section: SECTION,
      name: `refused sign-in: unknown / known name (wrong password), median of ${ANSWERS}`,
      value: round(ratio),
      unit: 'x',
      target: '0.8–1.25x',
      met: best >= 0.8 && worst <= 1.25,
      note: `known ${Math.round(median(known))} ms, unknown ${Math.round(median(unknown))} ms, disabled ${Math.round(median(disabled))} ms (its ratio counts for "met" too)`,
      detail: { knownMs: known.map((v) => round(v, 1)), unknownMs: unknown.map((v) => round(v, 1)), disabledMs: disabled.map((v) => round(v, 1)) },
    })
  } finally {
    await core.close()
  }
}

/** A small deterministic generator, so both databases get the same rows. */
function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = 'pupil reported message staff laptop filter blocked website parent contacted follow-up incident social media chat group photo shared password reset device lost found classroom library review'.split(' ')

function makeRows(): { at: string; pupil: string; category: string; note: string }[] {
  const rand = prng(42)
  const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!
  const out = []
  for (let i = 0; i < RAW_ROWS; i++) {
    const note = Array.from({ length: 30 }, pick).join(' ')
    out.push({ at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), pupil: `Pupil ${Math.floor(rand() * 900)}`, category: pick(), note })
  }
  return out
}

/** Plain SQLite gets the same settings as the app's connection, minus the key. */
function openPlain(file: string): RawDatabase {
  const db = new Database(file)
  db.pragma('journal_mode=WAL')
  db.pragma('synchronous=FULL')
  db.pragma('foreign_keys=ON')
  db.pragma('busy_timeout=5000')
  db.pragma('cache_size=-65536')
  return db
}

function openCipher(file: string, key: Buffer): RawDatabase {
  const db = new Database(file)
  keyConnection(db, key)
  return db
}

type Kind = 'plain' | 'cipher'

/** Bulk insert into a new file: the whole data set, in transactions of RAW_BATCH rows. */
function timeInsert(db: RawDatabase, data: ReturnType<typeof makeRows>): number {
  db.exec('CREATE TABLE rec (id INTEGER PRIMARY KEY, at TEXT NOT NULL, pupil TEXT NOT NULL, category TEXT NOT NULL, note TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO rec (at, pupil, category, note) VALUES (@at, @pupil, @category, @note)')
  const batch = db.transaction((slice: typeof data) => {
    for (const r of slice) insert.run(r)
  })
  const t = process.hrtime.bigint()
  for (let i = 0; i < data.length; i += RAW_BATCH) batch(data.slice(i, i + RAW_BATCH))
  return ms(t)
}

function timeLookups(db: RawDatabase, rowCount: number, seed: number): number {
  const get = db.prepare('SELECT * FROM rec WHERE id = ?')
  const rand = prng(seed)
  const t = process.hrtime.bigint()
  for (let i = 0; i < LOOKUPS; i++) if (!get.get(1 + Math.floor(rand() * rowCount))) throw new Error('lookup missed')
  return ms(t)
}

const SCAN = "SELECT count(*) AS n FROM rec WHERE note LIKE '%laptop filter%'"

function timeScan(db: RawDatabase): number {
  const t = process.hrtime.bigint()
  db.prepare(SCAN).get()
  return ms(t)
}

/**
 * Each measurement is made for plain and SQLCipher back to back (alternating which goes first),
 * RAW_REPEATS times; the ratio reported is the median of the paired ratios, which holds up
 * better than a ratio of medians when other work shares the machine.
 */
export function benchRaw(dir: string): void {
  say(`Raw workload: ${RAW_ROWS.toLocaleString('en-GB')} rows, plain SQLite vs SQLCipher, ${RAW_REPEATS} paired runs after a warm-up...`)
  const data = makeRows()
  const key = randomBytes(32)
  const open = (kind: Kind, file: string) => (kind === 'plain' ? openPlain(file) : openCipher(file, key))
  const files = { plain: join(dir, 'plain.db'), cipher: join(dir, 'cipher.db') }
  const removeDb = (file: string) => {
    for (const side of ['', '-wal', '-shm']) rmSync(file + side, { force: true })
  }
  const paired = (measure: (kind: Kind, rep: number) => number) => {
    const times: Record<Kind, number[]> = { plain: [], cipher: [] }
    for (let rep = 0; rep < RAW_REPEATS; rep++) {
      for (const kind of rep % 2 === 0 ? (['plain', 'cipher'] as const) : (['cipher', 'plain'] as const)) times[kind].push(measure(kind, rep))
    }
    return times
  }

  // Warm-up: a tenth of the work on each, thrown away.
  for (const kind of ['plain', 'cipher'] as const) {
    const db = open(kind, files[kind])
    timeInsert(db, data.slice(0, RAW_ROWS / 10))
    timeLookups(db, RAW_ROWS / 10, 1)
    timeScan(db)
    db.close()
    removeDb(files[kind])
  }

  const results: [string, Record<Kind, number[]>][] = []
  results.push([
    `bulk insert ${RAW_ROWS.toLocaleString('en-GB')} rows (transactions of ${RAW_BATCH})`,
    paired((kind) => {
      removeDb(files[kind])
      const db = open(kind, files[kind])
      const took = timeInsert(db, data)
      db.close()
      return took
    }),
  ])
  if (!readFileSync(files.plain).subarray(0, 15).equals(Buffer.from('SQLite format 3'))) throw new Error('the plain database is not plain')
  if (readFileSync(files.cipher).includes(Buffer.from('laptop filter'))) throw new Error('the SQLCipher database is not encrypted')

  const dbs = { plain: open('plain', files.plain), cipher: open('cipher', files.cipher) }
  for (const db of Object.values(dbs)) timeLookups(db, RAW_ROWS, 99) // the page cache now holds what lookups touch
  results.push([`${LOOKUPS.toLocaleString('en-GB')} point lookups by primary key`, paired((kind, rep) => timeLookups(dbs[kind], RAW_ROWS, 100 + rep))])
  for (const db of Object.values(dbs)) timeScan(db) // the page cache now holds the table
  results.push([`LIKE full scan, warm page cache (${SCANS} scans)`, paired((kind) => Array.from({ length: SCANS }, () => timeScan(dbs[kind])).reduce((a, b) => a + b, 0))])
  for (const db of Object.values(dbs)) db.close()
  // A new connection: every page is read (and, for SQLCipher, decrypted) again. The OS file cache is warm.
  results.push([
    'LIKE full scan, new connection (first scan)',
    paired((kind) => {
      const db = open(kind, files[kind])
      try {
        return timeScan(db)
      } finally {
        db.close()
      }
    }),
  ])

  const ratios: number[] = []
  for (const [label, times] of results) {
    const pairRatios = times.cipher.map((c, i) => c / times.plain[i]!)
    const ratio = median(pairRatios)
    ratios.push(ratio)
    const plain = median(times.plain)
    const cipher = median(times.cipher)
    rows.push({
      section: SECTION,
      name: `SQLCipher / plain: ${label}`,
      value: round(ratio),
      unit: 'x',
      target: `< ${RAW_TARGET}x`,
      met: ratio < RAW_TARGET,
      note: `medians: plain ${round(plain, 1)} ms, SQLCipher ${round(cipher, 1)} ms`,
      detail: {
        plainMs: round(plain),
        cipherMs: round(cipher),
        pairRatios: pairRatios.map((r) => round(r)),
        ratioOfMinimums: round(Math.min(...times.cipher) / Math.min(...times.plain)),
        plainRunsMs: times.plain.map((v) => round(v)),
        cipherRunsMs: times.cipher.map((v) => round(v)),
      },
    })
  }
  const overall = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length)
  rows.push({ section: SECTION, name: 'SQLCipher / plain: overall (geometric mean of the above)', value: round(overall), unit: 'x', target: `< ${RAW_TARGET}x`, met: overall < RAW_TARGET })
}
