import { schoolYearOf } from '../../../shared/dates/school-year'
import { addDays, addMonths, ukDay } from '../../../shared/dates/uk-time'
import type { Requirement } from '../../../shared/features/training/requirements'
import type { DemoContext, DemoSeeder } from '../demo/demo'
import { displayNameOfRow } from '../people/services'
import { trainedPeople } from './training-people'

/** The working day on or before a day: training is not held at weekends. */
function weekday(day: string): string {
  const dow = new Date(`${day}T12:00:00Z`).getUTCDay()
  return dow === 0 ? addDays(day, -2) : dow === 6 ? addDays(day, -1) : day
}

/**
 * The demo school's training: most staff had this year's refresher on the first INSET day, a few
 * are overdue and a couple due soon, one new starter is still waiting for induction and another
 * has had it, the DSL is part-way through the two years with a recent update, and most governors
 * have had governor training.
 */
async function seed(ctx: DemoContext): Promise<string[]> {
  const { db } = ctx.store.requireOpen()
  if (await db('training_records').first('id')) return ['Training already there, left as it was.']
  const today = ukDay(ctx.store.now())
  const people = await trainedPeople(db)
  const staff = people.filter((p) => p.kind === 'staff')
  const governors = people.filter((p) => p.kind === 'governor')
  if (staff.length < 6) return ['Too few staff in the directory for demonstration training.']
  const { dslName } = await ctx.call('school.get', {})
  const dsl = staff.find((p) => displayNameOfRow(p) === dslName) ?? staff.find((p) => /deputy head/i.test(p.job_title ?? '')) ?? staff[0]!
  const deputies = staff.filter((p) => p !== dsl && /^(headteacher|assistant headteacher)$/i.test(p.job_title ?? '')).slice(0, ctx.scale === 'large' ? 2 : 1)
  const others = staff.filter((p) => p !== dsl && !deputies.includes(p))
  const overdueCount = ctx.scale === 'large' ? 6 : 2
  const overdue = others.slice(-overdueCount)
  const dueSoon = others.slice(-overdueCount - 2, -overdueCount)
  const waiting = others[0]!
  const inducted = others[1]!
  const upToDate = others.filter((p) => ![...overdue, ...dueSoon, waiting, inducted].includes(p))

  const firstInset = (year: number) => weekday(`${year}-09-02`)
  const thisYear = schoolYearOf(today)
  const inset = firstInset(thisYear) <= today ? firstInset(thisYear) : firstInset(thisYear - 1)
  const record = async (people: { id: number }[], course: string, completedOn: string, provider: string, countsFor: Requirement[]) => {
    if (people.length) await ctx.call('training.record', { personIds: people.map((p) => p.id), course, completedOn, provider, countsFor })
  }
  await ctx.call('training.setPerson', { personId: dsl.id, startedOn: null, designation: 'dsl' })
  for (const d of deputies) await ctx.call('training.setPerson', { personId: d.id, startedOn: null, designation: 'deputy' })
  await ctx.call('training.setPerson', { personId: waiting.id, startedOn: addDays(today, -9), designation: null })
  await ctx.call('training.setPerson', { personId: inducted.id, startedOn: weekday(addDays(today, -45)), designation: null })

  // The year before's INSET too, so last year's annual pack has its refreshers.
  await record([...upToDate, ...deputies], 'Online safety refresher (INSET)', firstInset(schoolYearOf(inset) - 1), 'The designated safeguarding lead', ['refresher'])
  await record([...upToDate, ...deputies], 'Online safety refresher (INSET)', inset, 'The designated safeguarding lead', ['refresher'])
  await record(overdue, 'Online safety refresher (INSET)', weekday(addMonths(today, -15)), 'The designated safeguarding lead', ['refresher'])
  await record(dueSoon, 'Online safety refresher (twilight session)', weekday(addDays(addMonths(today, -12), 12)), 'The designated safeguarding lead', ['refresher'])
  await record([inducted], 'Staff induction: safeguarding and online safety', weekday(addDays(today, -43)), 'The designated safeguarding lead', ['induction'])
  await record([dsl], 'Designated safeguarding lead training (refresher)', weekday(addMonths(today, -20)), 'Local authority safeguarding team', ['dsl-training'])
  await record([dsl, ...deputies], 'Online safety update for DSLs', weekday(addMonths(today, -5)), 'NSPCC Learning', ['dsl-update'])
  if (deputies.length) await record(deputies, 'Designated safeguarding lead training (new DSLs)', weekday(addMonths(today, -9)), 'Local authority safeguarding team', ['dsl-training'])
  const lapsed = governors.slice(-1)
  await record(governors.filter((g) => !lapsed.includes(g)), 'Safeguarding and online safety for governors', weekday(addMonths(today, -8)), 'Local authority governor services', ['governor'])
  await record(lapsed, 'Safeguarding and online safety for governors', weekday(addMonths(today, -40)), 'Local authority governor services', ['governor'])

  return [
    `${displayNameOfRow(dsl)} is the DSL${deputies.length ? `, with ${deputies.map(displayNameOfRow).join(' and ')} as deputies` : ''}.`,
    `${upToDate.length + deputies.length + 1} staff up to date with the yearly refresher; ${overdue.length} overdue and ${dueSoon.length} due soon.`,
    `${displayNameOfRow(waiting)} started ${addDays(today, -9)} and is waiting for induction.`,
  ]
}

export const demoTraining: DemoSeeder = { name: 'Training', seed }
