import type { Role } from '../../../shared/domain/roles'
import { ROLE_LABELS } from '../../../shared/domain/roles'
import type { DemoSeeder } from './demo'

interface DemoPerson {
  username: string
  displayName: string
  role: Role
}

/** One of each role: enough to try every screen as every kind of user. */
const SMALL: readonly DemoPerson[] = [
  { username: 'a.oconnor', displayName: 'Aoife O’Connor', role: 'manager' },
  { username: 'd.aprhys', displayName: 'Dafydd ap Rhys', role: 'head' },
  { username: 's.griffiths', displayName: 'Siân Griffiths', role: 'dsl' },
  { username: 'l.kowalski', displayName: 'Łukasz Kowalski', role: 'ict' },
  { username: 'z.fairbairn', displayName: 'Zoë Fairbairn', role: 'office' },
]

/** A realistic primary-school office: head and deputy, three DSLs, two ICT, six in the office. */
const LARGE: readonly DemoPerson[] = [
  ...SMALL,
  { username: 'p.chaudhary', displayName: 'Priya Chaudhary', role: 'head' },
  { username: 'm.nibhriain', displayName: 'Mairéad Ní Bhriain', role: 'dsl' },
  { username: 'c.okafor', displayName: 'Chidinma Okafor', role: 'dsl' },
  { username: 'j.mcallister', displayName: 'Jamie McAllister', role: 'ict' },
  { username: 's.obrien', displayName: "Seán O'Brien", role: 'office' },
  { username: 'b.llewellyn-jones', displayName: 'Bronwen Llewellyn-Jones', role: 'office' },
  { username: 'a.wisniewska', displayName: 'Agnieszka Wiśniewska', role: 'office' },
  { username: 'k.dsouza', displayName: 'Kerry-Ann D’Souza', role: 'office' },
  { username: 'f.hughes', displayName: 'Ffion Hughes', role: 'office' },
]

export const DEMO_PEOPLE = { small: SMALL, large: LARGE } as const

export const demoUsers: DemoSeeder = {
  name: 'Users',
  async seed(ctx) {
    const existing = new Set((await ctx.call('users.list', {})).rows.map((u) => u.username.toLowerCase()))
    const lines: string[] = []
    let skipped = 0
    for (const person of DEMO_PEOPLE[ctx.scale]) {
      if (existing.has(person.username.toLowerCase())) {
        skipped += 1
        continue
      }
      await ctx.call('users.create', { ...person, password: ctx.password })
      lines.push(`${person.username.padEnd(20)} ${person.displayName} (${ROLE_LABELS[person.role]})`)
    }
    if (skipped > 0) lines.push(`${skipped} demo user(s) already there, left as they were.`)
    return lines
  },
}
