import { parseUkDate, ukDateProblem } from '../../../shared/dates/uk-date-input'
import { ukDay } from '../../../shared/dates/uk-time'
import type { TrainingImportPreview, TrainingImportResult, TrainingImportRow } from '../../../shared/features/training/contract'
import { REQUIREMENTS, RULES, type Requirement } from '../../../shared/features/training/requirements'
import { AppError, conflict } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { csvText } from '../files/csv-input'
import { readCsv } from '../files/csv-table'
import { displayNameOfRow } from '../people/services'
import { dateProblem } from './training'
import { trainedPeople } from './training-people'

// Schools keep training in a spreadsheet: one row per person per course. The columns are found by
// their headings, in the words spreadsheets use; a person is matched as the people import matches
// staff: by staff (MIS) id when the file gives one, else by name.

const HEADINGS: Record<'name' | 'staffId' | 'course' | 'date' | 'provider' | 'countsFor', RegExp> = {
  name: /^(name|person|full name|staff name|staff member|attendee|delegate)$/,
  staffId: /^(staff id|staff number|mis id|id|staff code|payroll number)$/,
  course: /^(course|training|course name|course title|title)$/,
  date: /^(date|completed|completed on|date completed|date of training|training date)$/,
  provider: /^(provider|trainer|delivered by|run by|organisation)$/,
  countsFor: /^(counts for|counts towards|requirement|type|training type|category)$/,
}

/** Words a spreadsheet may use for each requirement. */
const REQUIREMENT_WORDS: [RegExp, Requirement][] = [
  [/^induction$/, 'induction'],
  [/^(yearly |annual )?(online safety )?refresher$|^refresher training$/, 'refresher'],
  [/^dsl( training)?$|^dsl-training$|^designated safeguarding lead training$/, 'dsl-training'],
  [/^dsl update$|^dsl-update$|^dsl yearly update$/, 'dsl-update'],
  [/^governor( training)?$/, 'governor'],
]

const norm = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim()

function requirementsIn(cell: string): { found: Requirement[]; unknown: string[] } {
  const found: Requirement[] = []
  const unknown: string[] = []
  for (const part of cell.split(/[;,/+]| and /).map(norm).filter(Boolean)) {
    const hit = REQUIREMENT_WORDS.find(([re]) => re.test(part))?.[1] ?? REQUIREMENTS.find((k) => norm(RULES[k].label) === part)
    if (!hit) unknown.push(part)
    else if (!found.includes(hit)) found.push(hit)
  }
  return { found, unknown }
}

interface ParsedRow extends TrainingImportRow {
  personId: number
  provider: string
  countsFor: Requirement[]
}

async function check(db: Db, input: { csv?: string; csvBase64?: string }, today: string): Promise<{ preview: TrainingImportPreview; good: ParsedRow[] }> {
  const { rows, headers } = readCsv(csvText(input).text)
  const col = Object.fromEntries(Object.entries(HEADINGS).map(([k, re]) => [k, headers.findIndex((h) => re.test(norm(h)))])) as Record<keyof typeof HEADINGS, number>
  const missing = [col.course < 0 && 'course', col.date < 0 && 'date', col.provider < 0 && 'provider', col.countsFor < 0 && 'counts for', col.name < 0 && col.staffId < 0 && 'name or staff id'].filter(Boolean)
  if (missing.length) {
    throw new AppError('validation', `The file has no column for: ${missing.join(', ')}. Give it headings such as Name, Staff ID, Course, Date, Provider, Counts for, and try again. Nothing was imported.`, 'csvBase64')
  }
  const people = await trainedPeople(db)
  const withMis = await db('people').whereIn('id', people.map((p) => p.id)).whereNotNull('mis_id').select('id', 'mis_id')
  const byMis = new Map(withMis.map((p) => [norm(p.mis_id!), p.id]))
  const byName = new Map<string, number[]>()
  for (const p of people) {
    const names = new Set([`${p.forename} ${p.surname}`, `${p.surname}, ${p.forename}`, displayNameOfRow(p)].map(norm))
    if (p.preferred_forename) names.add(norm(`${p.preferred_forename} ${p.preferred_surname ?? p.surname}`))
    for (const n of names) byName.set(n, [...(byName.get(n) ?? []), p.id])
  }
  const existing = new Set((await db('training_records').select('person_id', 'course', 'completed_on')).map((r) => `${r.person_id}|${r.course}|${r.completed_on}`))
  const seen = new Map<string, number>()
  const good: ParsedRow[] = []
  const badRows: TrainingImportPreview['badRows'] = []
  const cell = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '')
  for (const { line, cells } of rows) {
    const problems: string[] = []
    const name = cell(cells, col.name)
    const staffId = cell(cells, col.staffId)
    let personId: number | undefined
    if (staffId) {
      personId = byMis.get(norm(staffId))
      if (personId === undefined) problems.push(`No member of staff, governor or volunteer on the current list has the staff id ${staffId}.`)
    } else if (name) {
      const ids = byName.get(norm(name)) ?? []
      if (ids.length === 0) problems.push(`Nobody called ${name} is on the current list of staff, governors and volunteers.`)
      else if (ids.length > 1) problems.push(`${ids.length} people are called ${name}: give their staff id to say which.`)
      else personId = ids[0]
    } else problems.push('The row names nobody: give a name or a staff id.')
    const course = cell(cells, col.course)
    if (!course) problems.push('The course is missing.')
    else if (course.length > 200) problems.push('The course name is longer than 200 characters.')
    const provider = cell(cells, col.provider)
    if (!provider) problems.push('The provider is missing.')
    else if (provider.length > 150) problems.push('The provider is longer than 150 characters.')
    const dateText = cell(cells, col.date)
    const completedOn = /^\d{4}-\d{2}-\d{2}$/.test(dateText) ? dateText : parseUkDate(dateText, new Date(`${today}T12:00:00Z`))
    if (!dateText) problems.push('The date is missing.')
    else if (!completedOn) problems.push(ukDateProblem(dateText))
    else {
      const p = dateProblem(completedOn, today)
      if (p) problems.push(p)
    }
    const { found, unknown } = requirementsIn(cell(cells, col.countsFor))
    if (unknown.length) problems.push(`“${unknown.join('”, “')}” is not something training counts for: use induction, refresher, DSL training, DSL update or governor.`)
    else if (found.length === 0) problems.push('Say what the training counts for (induction, refresher, DSL training, DSL update or governor).')
    const key = `${personId}|${course}|${completedOn}`
    if (problems.length === 0 && seen.has(key)) problems.push(`It repeats line ${seen.get(key)}.`)
    if (problems.length) {
      badRows.push({ line, reason: problems.join(' ') })
      continue
    }
    seen.set(key, line)
    good.push({ line, person: name || staffId, course, completedOn: completedOn!, provider, countsFor: found, personId: personId!, alreadyRecorded: existing.has(key) })
  }
  const strip = ({ line, person, course, completedOn, alreadyRecorded }: ParsedRow): TrainingImportRow => ({ line, person, course, completedOn, alreadyRecorded })
  return {
    preview: { rowCount: rows.length, toAdd: good.filter((r) => !r.alreadyRecorded).map(strip), unchanged: good.filter((r) => r.alreadyRecorded).map(strip), badRows },
    good,
  }
}

export async function previewTrainingImport(ctx: FeatureContext, input: { csv?: string; csvBase64?: string }): Promise<TrainingImportPreview> {
  return (await check(ctx.store.requireOpen().db, input, ukDay(ctx.now()))).preview
}

/** All or nothing: with bad rows, only when the caller confirms the counts the preview showed. */
export async function applyTrainingImport(ctx: FeatureContext, input: { csv?: string; csvBase64?: string; skipBadRows?: { good: number; bad: number } | undefined }): Promise<TrainingImportResult> {
  const { db, session } = ctx.store.requireOpen()
  const { preview, good } = await check(db, input, ukDay(ctx.now()))
  const bad = preview.badRows.length
  if (bad && !input.skipBadRows) throw conflict(`${bad} row${bad === 1 ? ' has' : 's have'} problems, so nothing was imported. Correct them, or choose to import the good rows and skip those.`)
  if (input.skipBadRows && (input.skipBadRows.bad !== bad || input.skipBadRows.good !== good.length)) {
    throw conflict('The file has changed since it was checked, so nothing was imported. Check it again.')
  }
  const adding = good.filter((r) => !r.alreadyRecorded)
  const at = new Date(ctx.now()).toISOString()
  const event = { action: 'training.import', target: 'training', detail: `${adding.length} added, ${preview.unchanged.length} already recorded, ${bad} skipped` }
  await ctx.store.change(event, async (trx) => {
    for (const r of adding) {
      await trx('training_records').insert({ person_id: r.personId, course: r.course, completed_on: r.completedOn, provider: r.provider, counts_for: JSON.stringify(r.countsFor), source: 'import', recorded_at: at, recorded_by_name: session.displayName })
    }
  })
  return { added: adding.length, unchanged: preview.unchanged.length, skipped: bad }
}
