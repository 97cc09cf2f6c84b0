import type { Content } from 'pdfmake/interfaces'
import { ITEM_KIND_LABELS, SEARCH_POWER_LABELS, SEARCH_REASON_LABELS, TAKEN_REASON_LABELS, type ConfiscatedItem } from '../../../../shared/features/searches/contract'
import { isoDateToUk } from '../../../../shared/dates/uk-format'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import type { ReportBody } from '../../reports/builders/report-body'
import { HEADING } from '../../reports/builders/keep-with-next'
import { emptyNote, longTable } from '../../reports/builders/table'
import { listItems } from '../confiscations'
import { openSearches } from '../searches'
import { namedPeople } from '../named-people'

const day = (d: string | null) => (d ? isoDateToUk(d) : '')

function section(heading: string, body: Content): Content {
  return { stack: [{ text: heading, style: 'h2', headlineLevel: HEADING }, body] }
}

function itemState(i: ConfiscatedItem): string {
  if (i.state === 'police') return `Passed to the police ${day(i.policeOn)}${i.policeReference ? `, reference ${i.policeReference}` : ''}`
  if (i.state === 'returned') return `Handed back ${day(i.returnedOn)}`
  return `Held: ${i.heldWhere}`
}

/**
 * Every search in the period with its grounds, what was looked at and deleted, and who was told;
 * then every item taken in the period and where it went. Read with the safeguarding key: the
 * roles that may make it are the ones that hold it.
 */
export async function searchesReport(ctx: ReportContext, { from, to }: ReportRequest<'searches-and-confiscations'>): Promise<ReportBody> {
  const { db, names } = ctx
  const rows = await db('searches').whereBetween('searched_on', [from, to]).orderBy([{ column: 'searched_on' }, { column: 'id' }])
  const searches = await openSearches(db, ctx, rows)
  const person = await namedPeople(db, searches.flatMap((s) => [s.people.searcherId, s.people.witnessId]))
  const searchRows = searches.map((s) => {
    const searcher = person(s.people.searcherId)
    const witness = s.people.witnessId === null ? null : person(s.people.witnessId)
    const people = [s.pupil.name, searcher.name, ...(witness ? [witness.name] : [])]
    const device = s.words.deviceLookedAt ? `Looked at on a device: ${names.text(s.words.deviceLookedAt, people)}` : 'No device looked at'
    const deleted = s.words.deleted ? `\nDeleted: ${names.text(s.words.deleted, people)}` : ''
    return [
      `${day(s.searchedOn)}${s.searchedTime ? ` ${s.searchedTime}` : ''}\n${s.reference}${s.incident ? `\n${s.incident.reference}` : ''}`,
      `${names.person(s.pupil.personId, s.pupil.name)}\n${names.kindOf(s.pupil.personId, s.pupil.description)}\n${names.text(s.place, people)}`,
      `${SEARCH_REASON_LABELS[s.reason]}\n${SEARCH_POWER_LABELS[s.power]}\n\n${names.text(s.words.grounds, people)}`,
      `Found: ${names.text(s.words.found, people) || 'nothing'}\n${device}${deleted}`,
      `By ${names.person(searcher.personId, searcher.name)}${witness ? `\nWitness ${names.person(witness.personId, witness.name)}` : '\nNo witness'}\nParents told: ${day(s.parentsInformedOn) || 'not yet'}\nDSL told: ${day(s.dslInformedOn) || 'not yet'}`,
    ]
  })
  const items = (await listItems(ctx, 'all')).filter((i) => i.takenOn >= from && i.takenOn <= to)
  const itemRows = items.map((i) => [
    `${day(i.takenOn)}${i.searchReference ? `\n${i.searchReference}` : ''}${i.incident ? `\n${i.incident.reference}` : ''}`,
    `${ITEM_KIND_LABELS[i.kind]}\n${i.description}${i.serial ? `\nSerial ${i.serial}` : ''}`,
    `${names.person(i.pupil.personId, i.pupil.name)}\n${names.kindOf(i.pupil.personId, i.pupil.description)}`,
    `${TAKEN_REASON_LABELS[i.reason]}\n${names.text(i.why, [i.pupil.name])}${i.reason === 'exam' ? `\nExam board told: ${i.examBoardToldOn ? `${day(i.examBoardToldOn)}, ${i.examBoardToldWhom ?? ''}` : 'not yet'}` : ''}`,
    i.state === 'returned' ? `${itemState(i)} to ${names.text(i.returnedTo, [])}` : itemState(i),
  ])
  const content: Content[] = [
    section(
      'Searches',
      searchRows.length === 0
        ? emptyNote('No search was recorded in this period.')
        : longTable(['When', 'Pupil and place', 'Why, and on what footing', 'What was found, looked at or deleted', 'Who, and who was told'], [62, 90, '*', '*', 100], searchRows, { keepWhole: /SRCH-\d{4}-\d+|INC-\d{4}-\d+/g }),
    ),
    section(
      'Confiscated items',
      itemRows.length === 0 ? emptyNote('No item was taken from a pupil in this period.') : longTable(['Taken', 'Item', 'Whose', 'Why', 'Where it is now'], [62, 110, 90, '*', 110], itemRows),
    ),
  ]
  return { content, rows: [...searchRows, ...itemRows], periodFrom: from, periodTo: to }
}
