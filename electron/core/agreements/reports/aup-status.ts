import { AUP_AUDIENCE_LABELS, AUP_STANDING_LABELS } from '../../../../shared/domain/aup'
import { PERSON_KIND_LABELS, STAFF_GROUP_LABELS, yearGroupLabel } from '../../../../shared/domain/people'
import type { Content } from 'pdfmake/interfaces'
import { aupStatus } from '../aup-status'
import type { ReportContext } from '../../reports/builders/report-builder'
import type { Anonymiser } from '../../reports/anonymiser'
import { emptyNote, longTable } from '../../reports/builders/table'
import { HEADING } from '../../reports/builders/keep-with-next'
import type { ReportBody } from '../../reports/builders/report-body'
import { ukDate } from '../../../../shared/dates/uk-format'

type Counts = { total: number; current: number; due: number; never: number; noVersion: number }
/** A group's counts; an anonymised copy prints 1 to 4 as "fewer than 5", and no share worked out from such a count. */
const countCells = (c: Counts, names: Anonymiser) => [
  names.count(c.total),
  names.count(c.current),
  names.hides(c.total) || names.hides(c.current) ? 'not shown' : `${c.total ? Math.round((100 * c.current) / c.total) : 0}%`,
  names.count(c.due),
  names.count(c.never),
  names.count(c.noVersion),
]
const COUNT_HEADERS = ['People', 'Agreed to current', 'Coverage', 'Due for renewal', 'Never agreed', 'No version yet']
const COUNT_WIDTHS = [48, 62, 50, 58, 52, 52]

/**
 * Who has and has not agreed to the current acceptable use agreement, by group, then every
 * person who still needs to (section 7.3: a current record of who is granted access).
 */
export async function aupStatusReport(ctx: ReportContext): Promise<ReportBody> {
  const { names } = ctx
  // Everyone in one go: the report needs the whole list, not a page of it.
  const status = await aupStatus(ctx, { offset: 0, limit: 1_000_000 })
  const outstanding = status.rows.filter((r) => r.standing !== 'current')
  const rows: string[][] = []
  const group = (title: string, label: string, items: (Counts & { label: string })[]): Content[] => {
    const table = items.map((i) => [i.label, ...countCells(i, names)])
    rows.push(...table)
    return [{ text: title, style: 'h2', headlineLevel: HEADING }, items.length ? longTable([label, ...COUNT_HEADERS], ['*', ...COUNT_WIDTHS], table) : emptyNote('Nobody in this group.')]
  }
  // An audience the school has nobody in and no agreement for (Years 7 to 13 in a primary) is left out.
  const present = new Set(status.rows.map((r) => r.audience))
  const versions = status.audiences.filter((a) => a.current || present.has(a.audience)).map((a) => [AUP_AUDIENCE_LABELS[a.audience], a.current ? `${a.current.versionLabel} (from ${ukDate(`${a.current.effectiveFrom}T12:00:00Z`)})` : 'None published', a.renewalFrom ? ukDate(`${a.renewalFrom}T12:00:00Z`) : '—'])
  rows.push(...versions)
  const people = outstanding.map((r) => [
    names.name(r.displayName),
    PERSON_KIND_LABELS[r.kind],
    // A class narrows a year group to a handful: an anonymised copy gives the year group alone.
    r.yearGroup ? `${yearGroupLabel(r.yearGroup)}${r.regClass && !names.enabled ? ` · ${r.regClass}` : ''}` : r.staffGroup ? STAFF_GROUP_LABELS[r.staffGroup] : '',
    AUP_STANDING_LABELS[r.standing],
    r.lastAgreedOn ? `${ukDate(`${r.lastAgreedOn.slice(0, 10)}T12:00:00Z`)}${r.lastVersionLabel ? ` (${r.lastVersionLabel})` : ''}` : 'Never',
  ])
  rows.push(...people)
  return {
    content: [
      { text: `Coverage of the current agreements: ${status.totals.current.toLocaleString('en-GB')} of ${status.totals.total.toLocaleString('en-GB')} people (${status.totals.total ? Math.round((100 * status.totals.current) / status.totals.total) : 0}%). Drawn from the register’s agreement records as at ${ukDate(`${status.asOf}T12:00:00Z`)}.`, margin: [0, 0, 0, 8] },
      { text: 'Current versions', style: 'h2', headlineLevel: HEADING },
      longTable(['Audience', 'Current version', 'Renewal from'], ['*', 180, 90], versions),
      ...group('By kind of person', 'Kind', status.byKind.map((k) => ({ ...k, label: PERSON_KIND_LABELS[k.kind] }))),
      ...group('Pupils by year group', 'Year group', status.byYearGroup.map((y) => ({ ...y, label: yearGroupLabel(y.yearGroup) }))),
      ...(names.enabled ? [] : group('Pupils by class', 'Class', status.byClass.map((c) => ({ ...c, label: `${yearGroupLabel(c.yearGroup)} · ${c.regClass}` })))),
      ...group('Staff by group', 'Staff group', status.byStaffGroup.map((s) => ({ ...s, label: STAFF_GROUP_LABELS[s.staffGroup as keyof typeof STAFF_GROUP_LABELS] ?? s.staffGroup }))),
      { text: `Still to agree (${outstanding.length})`, style: 'h2', headlineLevel: HEADING },
      outstanding.length ? longTable(['Name', 'Kind', 'Group', 'Standing', 'Last agreed'], ['*', 60, 90, 90, 100], people) : emptyNote('Everyone has agreed to the current version.'),
    ],
    rows,
    periodFrom: null,
    periodTo: null,
  }
}
