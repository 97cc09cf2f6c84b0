import type { DemoSeeder } from '../demo/demo'
import { random } from '../demo/random'
import type { RegisterStore } from '../store/register-store'
import { entryHash } from './audit-trail'

/** Ten years of a busy office leave about a million audit entries (sign-ins, reads, changes). */
const LARGE_ENTRIES = 1_000_000
/** knex writes a many-row insert as one compound SELECT: SQLite allows 500 terms in one. */
const BATCH = 400

/** The everyday actions of a school office, with how often each happens. */
const ACTIONS: readonly [action: string, weight: number, target: (n: number) => string | null][] = [
  ['session.login', 30, () => null],
  ['session.lock', 25, () => null],
  ['visit.signIn', 20, (n) => `visit:${n}`],
  ['visit.signOut', 18, (n) => `visit:${n}`],
  ['person.read', 12, (n) => `person:${n}`],
  ['incident.read', 6, (n) => `incident:${n}`],
  ['incident.list', 4, () => null],
  ['person.update', 3, (n) => `person:${n}`],
  ['agreement.record', 3, (n) => `person:${n}`],
  ['report.issue', 1, () => 'visitor-log'],
  ['backup.now', 1, () => null],
  ['check.record', 1, (n) => `check:${n % 12}`],
]

/**
 * The audit trail's history for the large demo school: a million entries over ten years, chained
 * onto the entries already there exactly as the app chains them, so `verify` walks all of them.
 * Written straight into the table in batches (through the API it would take hours); the entries
 * are dated in the past, in order, and say what a real office's would, without record content.
 */
export async function seedAuditHistory(store: RegisterStore, count: number, options: { now?: number } = {}): Promise<string[]> {
  const { db } = store.requireOpen()
  const [{ n }] = (await db('audit_log').count({ n: '*' })) as [{ n: number }]
  if (Number(n) >= count) return [`The audit trail already has ${Number(n).toLocaleString('en-GB')} entries, left as they were.`]
  const users = await db('users').select('id', 'username')
  const rnd = random(1984)
  const total = ACTIONS.reduce((s, a) => s + a[1], 0)
  const pick = () => {
    let r = rnd.next() * total
    for (const a of ACTIONS) if ((r -= a[1]) < 0) return a
    return ACTIONS[0]!
  }
  const end = options.now ?? Date.now()
  const at = officeHours(end - 10 * 365 * DAY, end, count)
  await db.transaction(async (trx) => {
    const last = (await trx('audit_log').select('id', 'hash').orderBy('id', 'desc').first())!
    let id = last.id
    let prev = last.hash
    for (let done = 0; done < count; done += BATCH) {
      const rows = []
      for (let i = done; i < Math.min(count, done + BATCH); i++) {
        const [action, , target] = pick()
        const user = rnd.pick(users)
        const row = {
          id: ++id,
          at: at(i),
          user_id: user.id,
          username: user.username,
          action,
          target: target(rnd.int(1, 60_000)),
          result: 'ok' as const,
          detail: null,
          prev_hash: prev,
        }
        prev = entryHash(row)
        rows.push({ ...row, hash: prev })
      }
      await trx('audit_log').insert(rows)
    }
  })
  return [`${count.toLocaleString('en-GB')} audit entries of past activity over ten years, chained onto the trail`]
}

const DAY = 86_400_000
/** The office's working day in UTC: 08:00 to 17:00 (09:00 to 18:00 in summer time). */
const OPENS = 8 * 3_600_000
const OPEN_FOR = 9 * 3_600_000

/**
 * Times for `count` entries spread evenly over the working hours of the weekdays between `from` and
 * `to`, in order: a school's register is used in the office's day, not at night or at weekends.
 */
function officeHours(from: number, to: number, count: number): (i: number) => string {
  const days: number[] = []
  for (let day = Math.floor(from / DAY) * DAY; day + OPENS + OPEN_FOR < to; day += DAY) {
    const weekday = new Date(day).getUTCDay()
    if (weekday !== 0 && weekday !== 6) days.push(day)
  }
  const step = (days.length * OPEN_FOR) / count
  return (i) => {
    const into = i * step
    const day = days[Math.floor(into / OPEN_FOR)]!
    return new Date(day + OPENS + (into % OPEN_FOR)).toISOString()
  }
}

export const demoAuditHistory: DemoSeeder = {
  name: 'Audit trail history',
  seed: (ctx) => (ctx.scale === 'large' ? seedAuditHistory(ctx.store, LARGE_ENTRIES, { now: ctx.store.now() }) : Promise.resolve(['Only the large demo adds years of audit history.'])),
}
