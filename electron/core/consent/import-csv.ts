import { CONSENT_PURPOSE_LABELS, CONSENT_PURPOSES, OWN_CONSENT_FROM, type ConsentAnswer, type ConsentPurpose } from '../../../shared/features/consent/consent'
import type { ConsentImportResult } from '../../../shared/features/consent/contract'
import { plural } from '../../../shared/domain/plural'
import { invalid } from '../api/app-error'
import { readCsv } from '../files/csv-table'
import { csvText } from '../files/csv-input'
import type { FeatureContext } from '../feature-kit/feature-context'
import { foldName } from './names'
import { displayNameOfRow, parseDate, type PersonRow } from '../people/services'
import { formInUse, todayOf } from './standings'
import type { ConsentAnswerRow } from './tables'

/** The headings each column may have in a school's spreadsheet (compared folded: case, spaces and punctuation aside). */
const HEADINGS = {
  pupil: ['pupil', 'pupil name', 'name', 'mis id', 'misid', 'admission number', 'adno', 'upn', 'child'],
  dateOfBirth: ['date of birth', 'dob', 'birth date', 'birthday'],
  purpose: ['purpose', 'consent for', 'for', 'use'],
  answer: ['answer', 'consent', 'response', 'given'],
  givenBy: ['given by', 'signed by', 'parent', 'parent or carer', 'parent carer', 'by'],
  date: ['date', 'date given', 'signed on', 'given on', 'date signed'],
  method: ['method', 'how', 'form'],
} as const
type Column = keyof typeof HEADINGS
const REQUIRED: readonly Column[] = ['pupil', 'purpose', 'answer', 'givenBy', 'date']
const COLUMN_WORDS: Record<Column, string> = { pupil: 'pupil', dateOfBirth: 'date of birth', purpose: 'purpose', answer: 'answer', givenBy: 'given by', date: 'date', method: 'method' }

const fold = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

const PURPOSE_WORDS: Record<string, ConsentPurpose> = {
  website: 'website', 'school website': 'website', web: 'website',
  newsletter: 'newsletter', newsletters: 'newsletter',
  'social media': 'social-media', 'official social media': 'social-media', social: 'social-media', facebook: 'social-media', twitter: 'social-media', x: 'social-media', instagram: 'social-media',
  press: 'press', newspaper: 'press', 'local press': 'press', media: 'press',
  recording: 'recording', video: 'recording', 'remote lessons': 'recording', videoconference: 'recording', videoconferencing: 'recording', 'video conferencing': 'recording', 'recording of remote lessons and videoconferences': 'recording',
}
const ANSWER_WORDS: Record<string, ConsentAnswer> = { yes: 'yes', y: 'yes', true: 'yes', given: 'yes', consent: 'yes', agreed: 'yes', '1': 'yes', no: 'no', n: 'no', false: 'no', refused: 'no', declined: 'no', '0': 'no', withdrawn: 'withdrawn', withdraw: 'withdrawn' }

interface ReadRow {
  line: number
  person: PersonRow
  answer: Omit<ConsentAnswerRow, 'id' | 'recorded_at' | 'recorded_by' | 'form_id'>
}

function columnsOf(headers: string[]): Record<Column, number> {
  const found = {} as Record<Column, number>
  headers.forEach((h, i) => {
    const f = fold(h)
    for (const col of Object.keys(HEADINGS) as Column[]) if (found[col] === undefined && (HEADINGS[col] as readonly string[]).includes(f)) found[col] = i
  })
  const missing = REQUIRED.filter((c) => found[c] === undefined)
  if (missing.length) {
    throw invalid('csv', `The file has no ${missing.map((c) => `“${COLUMN_WORDS[c]}”`).join(', ')} column. The first line must name the columns: pupil (MIS id, or name with a date of birth column), purpose, answer, given by and date.`)
  }
  return found
}

/** Finds the pupil a row is about: by MIS id, else by name and date of birth. */
function pupilFinder(pupils: PersonRow[]) {
  const byMis = new Map(pupils.filter((p) => p.mis_id).map((p) => [p.mis_id!.trim().toLowerCase(), p]))
  const byName = new Map<string, PersonRow[]>()
  for (const p of pupils) {
    const names = new Set([foldName(`${p.forename} ${p.surname}`), foldName(`${p.surname} ${p.forename}`), foldName(displayNameOfRow(p)), foldName(`${p.surname}, ${p.forename}`)])
    for (const n of names) byName.set(n, [...(byName.get(n) ?? []), p])
  }
  return (text: string, dob: string | null): PersonRow | string => {
    const mis = byMis.get(text.trim().toLowerCase())
    if (mis) return mis
    const named = byName.get(foldName(text)) ?? []
    if (named.length === 0) return `No pupil on roll has the MIS id or name “${text}”.`
    if (!dob) return named.length === 1 ? `“${text}” is a name: give the pupil’s date of birth in a “date of birth” column too (or use the MIS id), so the right pupil is found.` : `Several pupils are called “${text}”: give the MIS id or the date of birth.`
    const match = named.filter((p) => p.date_of_birth === dob)
    if (match.length !== 1) return `No pupil called “${text}” was born on ${dob.split('-').reverse().join('/')}. Check the name and date of birth.`
    return match[0]!
  }
}

/**
 * A school's consent spreadsheet, read row by row: every bad row is listed with its line, and
 * nothing is recorded while any is bad unless asked to skip them. A row the register already
 * holds (the same pupil, purpose, answer, day and giver) is left alone, so importing the same
 * file twice changes nothing.
 */
export async function importConsent(ctx: FeatureContext, input: { csv?: string | undefined; csvBase64?: string | undefined; dryRun: boolean; skipBadRows: boolean }): Promise<ConsentImportResult> {
  const { db, session } = ctx.store.requireOpen()
  const table = readCsv(csvText({ ...(input.csv !== undefined ? { csv: input.csv } : {}), ...(input.csvBase64 !== undefined ? { csvBase64: input.csvBase64 } : {}) }).text)
  const cols = columnsOf(table.headers)
  const pupils = (await db('people').where({ kind: 'pupil' }).whereNull('archived_at').select('*')) as PersonRow[]
  const find = pupilFinder(pupils)
  const today = todayOf(ctx)
  const badRows: { line: number; message: string }[] = []
  const good: ReadRow[] = []
  for (const { line, cells } of table.rows) {
    const cell = (c: Column) => (cols[c] === undefined ? '' : (cells[cols[c]] ?? '').trim())
    const problems: string[] = []
    let dob: string | null = null
    if (cell('dateOfBirth')) {
      const d = parseDate(cell('dateOfBirth'), 'date of birth')
      if (d.ok) dob = d.value
      else problems.push(d.reason)
    }
    const found = cell('pupil') ? find(cell('pupil'), dob) : 'The pupil is missing.'
    const purpose = PURPOSE_WORDS[fold(cell('purpose'))]
    if (!purpose) problems.push(`“${cell('purpose')}” is not a purpose the register knows: use ${CONSENT_PURPOSES.map((p) => CONSENT_PURPOSE_LABELS[p].toLowerCase()).join(', ')}.`)
    const answer = ANSWER_WORDS[fold(cell('answer'))]
    if (!answer) problems.push(`The answer “${cell('answer')}” should be yes, no or withdrawn.`)
    const giver = cell('givenBy')
    if (!giver) problems.push('Who gave the answer is missing.')
    else if (giver.length > 100) problems.push('The name in “given by” is longer than 100 characters.')
    const day = parseDate(cell('date'), 'date')
    if (!day.ok) problems.push(day.reason)
    else if (day.value > today) problems.push(`The date ${cell('date')} is after today.`)
    const method = fold(cell('method'))
    const onScreen = method === 'screen' || method === 'on screen' || method === 'online'
    if (typeof found === 'string') problems.unshift(found)
    else if (giver && (fold(giver) === 'pupil' || foldName(giver) === foldName(displayNameOfRow(found))) && !(found.year_group && OWN_CONSENT_FROM.includes(found.year_group))) {
      problems.push(`${displayNameOfRow(found)} is too young to answer for themselves: a parent or carer gives consent until Year 8.`)
    }
    if (problems.length || typeof found === 'string' || !purpose || !answer || !day.ok) {
      badRows.push({ line, message: problems.join(' ') })
      continue
    }
    const byPupil = fold(giver) === 'pupil' || foldName(giver) === foldName(displayNameOfRow(found))
    good.push({
      line,
      person: found,
      answer: { person_id: found.id, purpose, answer, given_by: byPupil ? 'pupil' : 'parent', given_by_name: byPupil ? displayNameOfRow(found) : giver, given_on: day.value, method: onScreen ? 'screen' : 'paper', note: null },
    })
  }
  if (table.rows.length === 0) throw invalid('csv', 'The file has column headings but no rows. Fill in a row per answer and try again.')

  const keyOf = (a: ReadRow['answer']) => [a.person_id, a.purpose, a.answer, a.given_on, a.given_by_name.toLowerCase()].join('|')
  const existing = new Set(
    ((await db('consent_answers').whereIn('person_id', [...new Set(good.map((g) => g.person.id))]).select('*')) as ConsentAnswerRow[]).map((r) => keyOf(r)),
  )
  const fresh: ReadRow[] = []
  let alreadyRecorded = 0
  for (const g of good) {
    const key = keyOf(g.answer)
    if (existing.has(key)) alreadyRecorded++
    else {
      existing.add(key)
      fresh.push(g)
    }
  }
  const preview = fresh.slice(0, 20).map((g) => ({ line: g.line, pupil: displayNameOfRow(g.person), purpose: g.answer.purpose, answer: g.answer.answer === 'no' ? ('no' as const) : ('yes' as const), givenByName: g.answer.given_by_name, givenOn: g.answer.given_on }))
  const result: ConsentImportResult = { dryRun: input.dryRun, recorded: fresh.length, alreadyRecorded, badRows, preview }
  if (input.dryRun) return result
  if (badRows.length && !input.skipBadRows) {
    const shown = badRows.slice(0, 5).map((b) => `line ${b.line}: ${b.message}`).join(' ')
    throw invalid('csv', `${plural(badRows.length, 'row')} could not be read, so nothing was imported. ${shown}${badRows.length > 5 ? ' …' : ''} Correct the file, or import only the good rows.`)
  }
  if (fresh.length === 0) return result
  const recordedAt = new Date(ctx.now()).toISOString()
  const forms = new Map<string, number | null>()
  for (const g of fresh) if (!forms.has(g.answer.given_on)) forms.set(g.answer.given_on, (await formInUse(db, g.answer.given_on))?.id ?? null)
  await ctx.store.change(
    { action: 'consent.import', target: null, detail: `${fresh.length} answers recorded from a spreadsheet, ${alreadyRecorded} already held, ${badRows.length} bad rows skipped` },
    async (trx) => {
      const rows = fresh.map((g) => ({ ...g.answer, form_id: forms.get(g.answer.given_on) ?? null, recorded_at: recordedAt, recorded_by: session!.userId }))
      for (let i = 0; i < rows.length; i += 200) await trx('consent_answers').insert(rows.slice(i, i + 200))
    },
  )
  return result
}
