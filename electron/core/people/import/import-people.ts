import type { z } from 'zod'
import type { importApplyInput, importPreviewInput } from '../../../../shared/api/people-fields'
import {
  displayNameOf,
  IMPORT_FIELD_SPECS,
  type BadRow,
  type ColumnMapping,
  type ImportChange,
  type ImportField,
  type ImportPreview,
  type ImportResult,
  type ImportType,
  type PersonKind,
} from '../../../../shared/domain/people'
import { conflict, invalid } from '../../api/app-error'
import type { Db } from '../../db/database'
import type { FeatureContext } from '../../feature-kit/feature-context'
import { insertChunks, insertMany } from '../../db/bulk-insert'
import { foldText, nameTokens, writeNameTokens } from '../name-search'
import { displayNameOfRow, type PersonColumns } from '../person-rows'
import { csvText } from '../../files/csv-input'
import { readCsv, type CsvRow } from '../../files/csv-table'
import { inferStaffGroup, parseDate, parseYearGroup } from './import-values'
import { detectLayout, headingKey, looksLike } from './mis-layouts'
import { ukDay } from '../../../../shared/dates/uk-time'
import type { PersonRow } from '../tables'

/** The settings row that remembers the last mapping used for each layout. */
const MAPPINGS_KEY = 'people.importMappings'

const KIND: Readonly<Record<ImportType, PersonKind>> = { pupils: 'pupil', staff: 'staff' }

const COLUMN: Readonly<Record<ImportField, keyof PersonColumns>> = {
  misId: 'mis_id',
  upn: 'upn',
  forename: 'forename',
  surname: 'surname',
  preferredForename: 'preferred_forename',
  preferredSurname: 'preferred_surname',
  dateOfBirth: 'date_of_birth',
  yearGroup: 'year_group',
  regClass: 'reg_class',
  jobTitle: 'job_title',
  staffGroup: 'staff_group',
  username: 'username',
}

/** Identifiers a blank cell never erases: an export without usernames must not wipe the register's. */
const KEEP_WHEN_BLANK: ReadonlySet<ImportField> = new Set(['misId', 'upn', 'username'])

const MAX_LENGTH: Partial<Record<ImportField, number>> = { misId: 30, forename: 100, surname: 100, preferredForename: 100, preferredSurname: 100, regClass: 20, jobTitle: 100, username: 64 }

type Values = Partial<Record<keyof PersonColumns, string | null>>

/** Values readRow accepted: a row without both names, or with a year group it could not read, is never added or updated. */
const accepted = (values: Values) => values as Partial<PersonColumns> & Pick<PersonColumns, 'forename' | 'surname'>

interface Candidate {
  line: number
  values: Values
  name: string
}

interface Plan {
  preview: ImportPreview
  adds: Candidate[]
  updates: { personId: number; values: Values; rejoins: boolean }[]
}

type ImportInput = z.output<typeof importPreviewInput>

async function rememberedMappings(db: Db): Promise<Record<string, ColumnMapping>> {
  const row = await db('settings').where({ key: MAPPINGS_KEY }).first()
  return row ? (JSON.parse(row.value) as Record<string, ColumnMapping>) : {}
}

const labelOf = (type: ImportType, field: ImportField) => IMPORT_FIELD_SPECS[type].find((s) => s.field === field)?.label ?? field

/** The mapping to use: the one given, else the last one used for this layout, else what the headings suggest. */
async function chooseMapping(db: Db, input: ImportInput, headers: string[]) {
  const { layout, mapping: detected } = detectLayout(input.type, headers)
  const allowed = new Set(IMPORT_FIELD_SPECS[input.type].map((s) => s.field))
  const find = (heading: string) => headers.find((h) => h === heading) ?? headers.find((h) => headingKey(h) === headingKey(heading))
  if (input.mapping) {
    const mapping: ColumnMapping = {}
    for (const [field, heading] of Object.entries(input.mapping) as [ImportField, string][]) {
      if (!heading.trim()) continue
      if (!allowed.has(field)) throw invalid(`mapping.${field}`, `The register does not import “${field}” for ${input.type}. Leave that column unmapped.`)
      const found = find(heading)
      if (!found) throw invalid(`mapping.${field}`, `There is no column headed “${heading}” in this file. Choose one of its columns for ${labelOf(input.type, field)}.`)
      mapping[field] = found
    }
    return { layout, mapping, source: 'given' as const }
  }
  const remembered = (await rememberedMappings(db))[layout.id]
  if (remembered) {
    const mapping: ColumnMapping = {}
    for (const [field, heading] of Object.entries(remembered) as [ImportField, string][]) {
      const found = allowed.has(field) ? find(heading) : undefined
      if (found) mapping[field] = found
    }
    return { layout, mapping: { ...detected, ...mapping }, source: 'remembered' as const }
  }
  return { layout, mapping: detected, source: 'detected' as const }
}

/** One row's values, or every reason it cannot be imported. */
function readRow(type: ImportType, row: CsvRow, columns: [ImportField, number][], today: string): { values: Values } | { bad: BadRow } {
  const problems: { field: ImportField; reason: string }[] = []
  const values: Values = {}
  const cell = (i: number) => (row.cells[i] ?? '').normalize('NFC').trim().replace(/\s+/g, ' ')
  for (const [field, index] of columns) {
    const raw = cell(index)
    const max = MAX_LENGTH[field]
    if (max && raw.length > max) {
      problems.push({ field, reason: `The ${labelOf(type, field).toLowerCase()} is longer than ${max} characters.` })
      continue
    }
    if (!raw) {
      if (!KEEP_WHEN_BLANK.has(field)) values[COLUMN[field]] = null
      continue
    }
    switch (field) {
      case 'dateOfBirth': {
        const d = parseDate(raw, 'date of birth')
        if (!d.ok) problems.push({ field, reason: d.reason })
        else if (d.value > today) problems.push({ field, reason: `The date of birth “${raw}” is in the future.` })
        else {
          const age = Number(today.slice(0, 4)) - Number(d.value.slice(0, 4))
          if (age < 2 || age > 25) problems.push({ field, reason: `The date of birth “${raw}” makes the pupil about ${age}: pupils are 2 to 25. Check the year.` })
          else values.date_of_birth = d.value
        }
        break
      }
      case 'yearGroup': {
        const y = parseYearGroup(raw)
        if (y.ok) values.year_group = y.value
        else problems.push({ field, reason: y.reason })
        break
      }
      case 'upn': {
        const upn = raw.toUpperCase().replace(/\s/g, '')
        if (/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) values.upn = upn
        else problems.push({ field, reason: `The UPN “${raw}” is not 13 characters (a letter, 11 digits, then a digit or letter).` })
        break
      }
      case 'username':
        if (/^[A-Za-z0-9._@-]{2,64}$/.test(raw)) values.username = raw
        else problems.push({ field, reason: `The username “${raw}” has spaces or characters a username cannot have.` })
        break
      case 'staffGroup':
        break // worked out below, with the job title
      default:
        values[COLUMN[field]] = raw
    }
  }
  const missingName: typeof problems = []
  if (!values.forename && !problems.some((p) => p.field === 'forename')) missingName.push({ field: 'forename', reason: 'There is no legal forename.' })
  if (!values.surname && !problems.some((p) => p.field === 'surname')) missingName.push({ field: 'surname', reason: 'There is no legal surname.' })
  problems.unshift(...missingName)
  if (type === 'pupils') {
    if (!values.date_of_birth && !problems.some((p) => p.field === 'dateOfBirth')) problems.push({ field: 'dateOfBirth', reason: 'There is no date of birth.' })
    if (!values.year_group && !problems.some((p) => p.field === 'yearGroup')) problems.push({ field: 'yearGroup', reason: 'There is no year group.' })
  }
  if (type === 'staff') {
    const group = columns.find(([f]) => f === 'staffGroup')
    if (group) values.staff_group = inferStaffGroup(cell(group[1]), values.job_title)
  }
  if (values.preferred_forename === values.forename) values.preferred_forename = null
  if (values.preferred_surname === values.surname) values.preferred_surname = null
  if (problems.length > 0) return { bad: { line: row.line, field: problems[0]!.field, reason: problems.map((p) => p.reason).join(' ') } }
  return { values }
}

const nameKey = (forename: string | null | undefined, surname: string | null | undefined, dob: string | null | undefined) =>
  `${foldText(forename ?? '')}|${foldText(surname ?? '')}|${dob ?? ''}`

const ukDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`

async function plan(ctx: FeatureContext, input: ImportInput): Promise<Plan> {
  const { db } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const { text, encoding } = csvText(input)
  const table = readCsv(text)
  const { layout, mapping, source } = await chooseMapping(db, input, table.headers)
  const missingFields = IMPORT_FIELD_SPECS[input.type].filter((s) => s.required && !mapping[s.field]).map((s) => s.field)
  const preview: ImportPreview = {
    type: input.type,
    layout,
    encoding,
    mappingSource: source,
    mapping,
    headers: table.headers,
    missingFields,
    rowCount: table.rows.length,
    toAdd: [],
    toUpdate: [],
    unchanged: [],
    badRows: [],
    notInFile: [],
    hint: null,
  }
  if (missingFields.length > 0) {
    const other = looksLike(table.headers)
    if (other && other !== input.type) preview.hint = `The headings look like a ${other} export: check that you chose “${other}”.`
    return { preview, adds: [], updates: [] }
  }

  const kind = KIND[input.type]
  const columns = (Object.entries(mapping) as [ImportField, string][]).map(([field, heading]) => [field, table.headers.indexOf(heading)] as [ImportField, number])
  const existing = await db('people').where({ kind })
  const byMisId = new Map(existing.filter((p) => p.mis_id).map((p) => [p.mis_id!, p]))
  const byName = new Map<string, PersonRow[]>()
  for (const p of existing) {
    const key = nameKey(p.forename, p.surname, kind === 'pupil' ? p.date_of_birth : null)
    byName.set(key, [...(byName.get(key) ?? []), p])
  }
  const usernames = new Map(
    (await db('people').whereNotNull('username').select('id', 'username', 'forename', 'surname', 'preferred_forename', 'preferred_surname')).map((p) => [
      p.username!.toLowerCase(),
      p,
    ]),
  )

  const seenMisId = new Map<string, number>()
  const seenUsername = new Map<string, number>()
  const seenName = new Map<string, number>()
  const matchedBy = new Map<number, number>() // person id → the line that matched them
  const misIdsInFile = new Set<string>()
  const adds: Candidate[] = []
  const updates: Plan['updates'] = []
  const bad = (line: number, field: ImportField | null, reason: string) => preview.badRows.push({ line, field, reason })

  for (const row of table.rows) {
    const mis = columns.find(([f]) => f === 'misId')
    if (mis) {
      const id = (row.cells[mis[1]] ?? '').trim()
      if (id) misIdsInFile.add(id)
    }
    const read = readRow(input.type, row, columns, today)
    if ('bad' in read) {
      preview.badRows.push(read.bad)
      continue
    }
    const v = read.values
    const name = displayNameOf({ forename: v.forename!, surname: v.surname!, preferredForename: v.preferred_forename, preferredSurname: v.preferred_surname })
    const misId = v.mis_id ?? null
    const key = nameKey(v.forename, v.surname, kind === 'pupil' ? v.date_of_birth : null)

    if (misId) {
      const earlier = seenMisId.get(misId)
      if (earlier) {
        bad(row.line, 'misId', `The ${labelOf(input.type, 'misId').toLowerCase()} “${misId}” is also on line ${earlier}: each person appears once.`)
        continue
      }
      seenMisId.set(misId, row.line)
    } else {
      const earlier = seenName.get(key)
      if (earlier) {
        const born = kind === 'pupil' ? ` (born ${ukDate(v.date_of_birth!)})` : ''
        bad(row.line, 'misId', `${name}${born} is also on line ${earlier}. Give each row its ${labelOf(input.type, 'misId').toLowerCase()} so the two can be told apart.`)
        continue
      }
    }
    seenName.set(key, seenName.get(key) ?? row.line)

    // Match by MIS id first; then by legal name (and date of birth for pupils).
    let match: PersonRow | undefined = misId ? byMisId.get(misId) : undefined
    if (!match) {
      const sameName = byName.get(key) ?? []
      if (sameName.length > 1) {
        bad(row.line, 'surname', `${name} matches ${sameName.length} people already in the register. Add the ${labelOf(input.type, 'misId').toLowerCase()} to the file so the right one is updated.`)
        continue
      }
      const candidate = sameName[0]
      if (candidate?.mis_id && misId && candidate.mis_id !== misId) {
        bad(row.line, 'misId', `${name} is already in the register with ${labelOf(input.type, 'misId').toLowerCase()} “${candidate.mis_id}”, not “${misId}”. Check which is right on the MIS.`)
        continue
      }
      match = candidate
    }
    if (match) {
      const earlier = matchedBy.get(match.id)
      if (earlier) {
        bad(row.line, 'misId', `This row and line ${earlier} both match ${displayNameOfRow(match)} in the register.`)
        continue
      }
    }
    if (v.username) {
      const lower = v.username.toLowerCase()
      const holder = usernames.get(lower)
      const earlier = seenUsername.get(lower)
      if (earlier) {
        bad(row.line, 'username', `The username “${v.username}” is also on line ${earlier}: each username is unique.`)
        continue
      }
      if (holder && holder.id !== match?.id) {
        bad(row.line, 'username', `The username “${v.username}” already belongs to ${displayNameOfRow(holder)}: each username is unique.`)
        continue
      }
      seenUsername.set(lower, row.line)
    }

    const ref = { line: row.line, name, misId }
    if (!match) {
      if (kind === 'staff' && !('staff_group' in v)) v.staff_group = inferStaffGroup(v.job_title)
      adds.push({ line: row.line, values: v, name })
      preview.toAdd.push(ref)
      continue
    }
    matchedBy.set(match.id, row.line)
    const changes: ImportChange[] = (Object.keys(v) as (keyof PersonColumns)[])
      .filter((col) => (v[col] ?? null) !== (match[col] ?? null))
      .map((col) => ({ field: (Object.keys(COLUMN) as ImportField[]).find((f) => COLUMN[f] === col)!, from: (match[col] as string | null) ?? null, to: v[col] ?? null }))
    const rejoins = match.archived_at !== null
    if (changes.length === 0 && !rejoins) {
      preview.unchanged.push({ ...ref, personId: match.id })
      continue
    }
    updates.push({ personId: match.id, values: v, rejoins })
    preview.toUpdate.push({ ...ref, personId: match.id, changes, rejoins })
  }

  preview.notInFile = existing
    .filter((p) => p.archived_at === null && !matchedBy.has(p.id) && !(p.mis_id && misIdsInFile.has(p.mis_id)))
    .map((p) => ({ personId: p.id, name: displayNameOfRow(p) }))
  if (preview.rowCount > 0 && preview.badRows.length === preview.rowCount) {
    const other = looksLike(table.headers)
    if (other && other !== input.type) preview.hint = `No row could be read, and the headings look like a ${other} export: check that you chose “${other}”.`
  }
  return { preview, adds, updates }
}

export async function previewImport(ctx: FeatureContext, input: ImportInput): Promise<ImportPreview> {
  return (await plan(ctx, input)).preview
}

/**
 * Imports in one transaction: everything or nothing. With bad rows, only when the caller
 * confirms the exact numbers the preview showed, so an import is never silently partial.
 */
export async function applyImport(ctx: FeatureContext, input: z.output<typeof importApplyInput>): Promise<ImportResult> {
  const { db, session } = ctx.store.requireOpen()
  const { preview, adds, updates } = await plan(ctx, input)
  if (preview.missingFields.length > 0) {
    throw invalid('mapping', `Choose the column that holds: ${preview.missingFields.map((f) => labelOf(input.type, f).toLowerCase()).join(', ')}.`)
  }
  const good = preview.toAdd.length + preview.toUpdate.length + preview.unchanged.length
  const badCount = preview.badRows.length
  if (badCount > 0) {
    if (!input.skipBadRows) {
      throw invalid(
        'skipBadRows',
        `${badCount} ${badCount === 1 ? 'row' : 'rows'} cannot be imported (the preview lists each by line). Confirm that you want to import the other ${good} and skip ${badCount === 1 ? 'it' : 'them'}, or correct the file and try again.`,
      )
    }
    if (input.skipBadRows.bad !== badCount || input.skipBadRows.good !== good) {
      throw conflict(`The file no longer matches the preview you confirmed: it now has ${good} rows to import and ${badCount} to skip. Preview it again.`)
    }
  }
  const archive = input.archiveMissing ? preview.notInFile : []
  const at = new Date(ctx.now()).toISOString()
  const today = ukDay(ctx.now())
  const remembered = await rememberedMappings(db)
  const mappingChanged = JSON.stringify(remembered[preview.layout.id] ?? null) !== JSON.stringify(preview.mapping)
  const detail = `${input.type} (${preview.layout.id}): ${adds.length} added, ${updates.length} updated, ${preview.unchanged.length} unchanged, ${badCount} skipped${archive.length ? `, ${archive.length} archived` : ''}`

  await ctx.store.change({ action: 'people.import', target: input.type, detail }, async (trx) => {
    const kind = KIND[input.type]
    // Every row carries every column, so the chunks of one insert line up.
    const blankRow = Object.fromEntries(Object.values(COLUMN).map((c) => [c, null]))
    const ids = await insertMany(
      trx,
      'people',
      adds.map((add) => ({ ...blankRow, ...accepted(add.values), kind, source: 'import', created_at: at, created_by: session.userId, updated_at: at })),
    )
    const tokens = adds.flatMap((add, i) =>
      nameTokens(add.values.forename, add.values.surname, add.values.preferred_forename, add.values.preferred_surname).map((token) => ({ token, person_id: ids[i]! })),
    )
    await insertChunks(trx, 'person_search', tokens)
    for (const u of updates) {
      await trx('people')
        .where({ id: u.personId })
        .update({ ...accepted(u.values), updated_at: at, ...(u.rejoins ? { archived_at: null, archived_by: null, left_on: null } : {}) })
      const row = (await trx('people').where({ id: u.personId }).first())!
      await writeNameTokens(trx, u.personId, [row.forename, row.surname, row.preferred_forename, row.preferred_surname])
    }
    for (const gone of archive) {
      await trx('people').where({ id: gone.personId }).whereNull('archived_at').update({ archived_at: at, archived_by: session.userId, left_on: today, updated_at: at })
    }
    if (mappingChanged) {
      await trx('settings')
        .insert({ key: MAPPINGS_KEY, value: JSON.stringify({ ...remembered, [preview.layout.id]: preview.mapping }) })
        .onConflict('key')
        .merge()
    }
  })
  return {
    type: input.type,
    layout: preview.layout,
    added: adds.length,
    updated: updates.length,
    unchanged: preview.unchanged.length,
    skipped: badCount,
    archived: archive.length,
  }
}
