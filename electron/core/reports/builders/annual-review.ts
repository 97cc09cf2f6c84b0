import type { Content, TableCell } from 'pdfmake/interfaces'
import { academicYearContaining, OVERDUE_ACTION_DAYS, type AnnualCommentary, type AnnualFigures } from '../../../../shared/domain/annual-review'
import { invalid } from '../../api/app-error'
import { annualFigures } from '../../annual-review/annual-figures'
import { readCommentary } from '../../annual-review/commentary'
import type { FeatureContext } from '../../people/feature-context'
import { displayNameOfRow } from '../../people/person-rows'
import type { Anonymiser } from '../anonymiser'
import { barChartSvg } from '../charts/bar-chart'
import { readSchool } from '../../school/school'
import { ukLongDate } from '../uk-dates'
import { emptyNote, longTable } from './table'
import { HEADING } from './keep-with-next'
import type { ReportBody } from './report-body'

const ACCENT = '#1d4e89'
const MUTED = '#5b6575'
/** The page's text width (A4, 48 pt margins). */
const WIDTH = 499

const day = (ymd: string) => ukLongDate(`${ymd}T12:00:00Z`)
const n = (v: number) => v.toLocaleString('en-GB')
const pct = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : '—')
function change(now: number, before: number): string {
  if (now === before) return 'No change'
  const diff = now - before
  return `${diff > 0 ? '+' : '−'}${n(Math.abs(diff))}${before ? ` (${diff > 0 ? '+' : '−'}${Math.round((100 * Math.abs(diff)) / before)}%)` : ''}`
}

/** A numbered section heading that appears in the contents. */
const heading = (text: string, options: { pageBreak?: boolean } = {}): Content => ({
  text,
  style: 'h2',
  headlineLevel: HEADING,
  fontSize: 15,
  tocItem: true,
  tocMargin: [0, 3, 0, 0],
  margin: [0, 4, 0, 8],
  ...(options.pageBreak ? { pageBreak: 'before' as const } : {}),
})
const subheading = (text: string): Content => ({ text, bold: true, fontSize: 11, color: ACCENT, margin: [0, 10, 0, 4], headlineLevel: HEADING })
const para = (text: string): Content => ({ text, margin: [0, 0, 0, 6] })
/** Where a section's figures come from: every figure in the pack is counted, none is typed in. */
const source = (text: string): Content => ({ text: `Source: ${text}`, style: 'small', italics: true, margin: [0, 4, 0, 10] })

/**
 * The headteacher's annual online safety review for the governing body: one academic year's
 * figures from every record kind, this year against the last, with charts, the commentary and
 * priorities written in the app, and a page for the headteacher's and the chair's signatures.
 */
export async function annualReviewPack(ctx: FeatureContext, names: Anonymiser, from: string, to: string): Promise<ReportBody> {
  const year = academicYearContaining(from)
  if (year.from !== from || year.to !== to) throw invalid('from', 'The annual review covers one school year, 1 September to 31 August: choose the year.')
  const { db } = ctx.store.requireOpen()
  const figures = await annualFigures(ctx, year.startYear)
  const previous = await annualFigures(ctx, year.startYear - 1)
  const commentary = await readCommentary(ctx, db, year.startYear)
  const school = await readSchool(db)
  // The commentary is free text: names of anyone in the directory are replaced in the anonymised copy.
  const people = names.enabled
    ? [...((await db('people').whereNot('kind', 'visitor').select('forename', 'surname', 'preferred_forename', 'preferred_surname')) as Parameters<typeof displayNameOfRow>[0][]).map(displayNameOfRow), ...((await db('users').pluck('display_name')) as string[]), commentary.headName, commentary.chairName].filter(Boolean)
    : []

  const rows: string[][] = []
  const table = (headers: string[], widths: (number | string)[], body: string[][]): Content => {
    rows.push(...body)
    return longTable(headers, widths, body, { fontSize: 9 })
  }

  const content: Content[] = [
    ...cover(figures, commentary, school.name, names),
    ...contents(figures),
    ...summary(figures, previous, table),
    ...incidents(figures, table),
    ...openIncidents(figures, table),
    ...referrals(figures, previous, table),
    ...agreements(figures, table),
    ...reviews(figures, table),
    ...checks(figures, previous, table),
    ...filtering(figures, previous, table),
    ...permissions(figures, previous, table),
    ...commentaryPages(commentary, names, people, rows),
    ...signOff(commentary, names, school.name),
  ]
  return { content, rows, periodFrom: from, periodTo: to, subject: `School year ${year.label}`, ownCover: true }
}

type Table = (headers: string[], widths: (number | string)[], body: string[][]) => Content

function cover(f: AnnualFigures, c: AnnualCommentary, schoolName: string, names: Anonymiser): Content[] {
  return [
    { text: schoolName, fontSize: 14, color: MUTED, margin: [0, 90, 0, 18] },
    { text: 'Annual online safety review', fontSize: 30, bold: true, color: ACCENT, margin: [0, 0, 0, 6] },
    { text: `School year ${f.year.label}`, fontSize: 20, color: ACCENT, margin: [0, 0, 0, 4] },
    { text: `${day(f.year.from)} to ${day(f.year.to)}`, fontSize: 12, color: MUTED, margin: [0, 0, 0, 40] },
    { text: 'A report from the headteacher to the governing body', fontSize: 13, margin: [0, 0, 0, 6] },
    c.headName ? { text: `Presented by ${names.name(c.headName)}, headteacher`, fontSize: 11, margin: [0, 0, 0, 4] } : { text: '' },
    { text: `Figures drawn from the register on ${day(f.drawnOn)}`, fontSize: 11, margin: [0, 0, 0, names.enabled ? 8 : 60] },
    ...(names.enabled ? [{ text: 'Anonymised copy for sharing outside the school: people’s names are replaced by their initials.', fontSize: 11, bold: true, color: '#8a1c1c', margin: [0, 0, 0, 40] } as Content] : []),
    {
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                { text: 'How the figures were made', bold: true, color: ACCENT, margin: [0, 0, 0, 4] },
                {
                  text: 'Every number, table and chart in this pack is counted by the Online Safety Register from the school’s own records: the signed incident log, the acceptable use agreements, the policy review schedule, the recurring checks, the filtering change log and the permission register. None of them is typed in or self-assessed. Only the headteacher’s commentary and priorities are written by hand, and they are marked as such.',
                },
                { text: 'Each section names the records it counts. Where a figure describes the register as it stands today rather than during the year, the section says so.', margin: [0, 4, 0, 0] },
              ],
              margin: [10, 8, 10, 8],
            },
          ],
        ],
      },
      layout: 'note-box',
    },
  ]
}

function contents(f: AnnualFigures): Content[] {
  return [
    { text: '', pageBreak: 'after' },
    {
      toc: {
        title: { text: 'Contents', fontSize: 16, bold: true, color: ACCENT, margin: [0, 0, 0, 12] },
        textStyle: { fontSize: 11 },
        numberStyle: { fontSize: 11 },
      },
    },
    {
      text: `This pack covers the school year ${f.year.label} and compares it with ${f.previousYear.label}. Incidents are counted by the day they happened; referrals by the day they were made; checks against the checks expected in the year.`,
      margin: [0, 20, 0, 0],
      color: MUTED,
    },
  ]
}

function summary(f: AnnualFigures, p: AnnualFigures, table: Table): Content[] {
  const i = f.incidents
  const aupPeople = f.aup.groups.reduce((s, g) => s + g.people, 0)
  const aupAgreed = f.aup.groups.reduce((s, g) => s + g.agreed, 0)
  const overdueReviews = f.reviews.next.filter((r) => r.overdue).length
  const body: string[][] = [
    ['Incidents recorded', n(i.total), n(p.incidents.total), change(i.total, p.incidents.total)],
    ['Incidents off site (of those recorded)', n(i.offSite), n(p.incidents.offSite), change(i.offSite, p.incidents.offSite)],
    ['Entries still open', n(i.open.length), '—', ''],
    [`Actions overdue (open more than ${OVERDUE_ACTION_DAYS} days)`, n(i.overdueActions), '—', ''],
    ['Referrals made to other agencies', n(i.referralsTotal), n(p.incidents.referralsTotal), change(i.referralsTotal, p.incidents.referralsTotal)],
    ['Decisions not to refer (with reasons)', n(i.notReferredTotal), n(p.incidents.notReferredTotal), change(i.notReferredTotal, p.incidents.notReferredTotal)],
    ['Policy reviews completed', n(f.reviews.done.length), n(p.reviews.done.length), change(f.reviews.done.length, p.reviews.done.length)],
    ['Recurring checks done / expected', `${n(f.checks.done)} / ${n(f.checks.expected)}`, `${n(p.checks.done)} / ${n(p.checks.expected)}`, `${pct(f.checks.done, f.checks.expected)} this year`],
    ['Filtering changes', n(f.filtering.total), n(p.filtering.total), change(f.filtering.total, p.filtering.total)],
    ['Permissions granted', n(f.permissions.grantedInYear), n(p.permissions.grantedInYear), change(f.permissions.grantedInYear, p.permissions.grantedInYear)],
    ['Portable media scans', n(f.permissions.scansInYear), n(p.permissions.scansInYear), change(f.permissions.scansInYear, p.permissions.scansInYear)],
  ]
  const today: string[][] = [
    ['People who have agreed the current acceptable use agreement', `${n(aupAgreed)} of ${n(aupPeople)} (${pct(aupAgreed, aupPeople)})`],
    ['Policies past their review date', `${n(overdueReviews)} of ${n(f.reviews.policies)}`],
    [`Permissions in force on ${day(f.permissions.asOf)}`, n(f.permissions.inForceTotal)],
  ]
  return [
    heading('1. Summary in numbers', { pageBreak: true }),
    para(`The year at a glance, against ${f.previousYear.label}. The sections that follow break each figure down.`),
    subheading('What the records show'),
    { ul: highlights(f, p), margin: [0, 0, 0, 8] },
    table(['Measure', f.year.label, f.previousYear.label, 'Change'], ['*', 70, 70, 80], body),
    subheading('As the register stands today'),
    table(['Measure', 'Figure'], ['*', 140], today),
    source(`every record kind in the register, counted on ${day(f.drawnOn)}. Open entries and overdue actions have no comparison: they describe today, not the end of ${f.previousYear.label}.`),
  ]
}

/** A few plain sentences, each read straight from the figures: no judgement is added. */
function highlights(f: AnnualFigures, p: AnnualFigures): string[] {
  const i = f.incidents
  const lines: string[] = []
  if (i.total === p.incidents.total) lines.push(`The same number of incidents was recorded as the year before (${n(i.total)}).`)
  else lines.push(`${n(i.total)} incidents were recorded, ${i.total > p.incidents.total ? 'up' : 'down'} from ${n(p.incidents.total)} the year before.`)
  const rises = i.byCategory.filter((c) => c.count > c.previous).sort((a, b) => b.count - b.previous - (a.count - a.previous))
  if (rises[0]) lines.push(`The largest rise was in ${rises[0].label.toLowerCase()}: ${n(rises[0].count)}, from ${n(rises[0].previous)}.`)
  const top = i.byCategory[0]
  if (top && top.count) lines.push(`The most frequent category was ${top.label.toLowerCase()} (${n(top.count)} of ${n(i.total)}).`)
  lines.push(i.open.length ? `${n(i.open.length)} of the year’s entries are still open.` : 'Every entry from the year is closed.')
  if (f.checks.expected) lines.push(`${pct(f.checks.done, f.checks.expected)} of the recurring checks expected were done (${n(f.checks.expected - f.checks.done)} missed).`)
  const overdue = f.reviews.next.filter((r) => r.overdue).length
  lines.push(overdue ? `${n(overdue)} polic${overdue === 1 ? 'y is' : 'ies are'} past ${overdue === 1 ? 'its' : 'their'} review date today.` : 'No policy is past its review date today.')
  return lines
}

function incidents(f: AnnualFigures, table: Table): Content[] {
  const i = f.incidents
  const series = [
    { name: f.year.label, counts: i.byMonth.map((m) => m.count) },
    { name: f.previousYear.label, counts: i.byMonth.map((m) => m.previous) },
  ]
  const byMonth = barChartSvg({ categories: i.byMonth.map((m) => m.label.slice(0, 3)), series, width: WIDTH, height: 190 })
  const categories = i.byCategory
  const byCategory = categories.length
    ? barChartSvg({
        categories: categories.map((c) => c.label),
        series: [
          { name: f.year.label, counts: categories.map((c) => c.count) },
          { name: f.previousYear.label, counts: categories.map((c) => c.previous) },
        ],
        horizontal: true,
        labelWidth: 190,
        width: WIDTH,
        height: 40 + categories.length * 26,
      })
    : null
  return [
    heading('2. Incidents', { pageBreak: true }),
    para(
      i.total === 0 && i.previousTotal === 0
        ? `No online safety incidents were recorded in ${f.year.label} or ${f.previousYear.label}.`
        : `${n(i.total)} online safety incident${i.total === 1 ? ' was' : 's were'} recorded in ${f.year.label} (${n(i.onSite)} on site, ${n(i.offSite)} off site), against ${n(i.previousTotal)} in ${f.previousYear.label}.${i.imported ? ` ${n(i.imported)} of them came from the school’s earlier paper or spreadsheet log.` : ''}`,
    ),
    subheading('By month'),
    { svg: byMonth, width: WIDTH, margin: [0, 0, 0, 4] },
    table(
      ['Year', ...i.byMonth.map((m) => m.label.slice(0, 3)), 'Total'],
      [44, ...i.byMonth.map(() => '*'), 34],
      [
        [f.year.label, ...i.byMonth.map((m) => n(m.count)), n(i.total)],
        [f.previousYear.label, ...i.byMonth.map((m) => n(m.previous)), n(i.previousTotal)],
      ],
    ),
    // The heading stays with its chart rather than ending a page alone.
    { stack: [subheading('By category'), ...(byCategory ? [{ svg: byCategory, width: WIDTH, margin: [0, 0, 0, 4] } as Content] : [])], unbreakable: true },
    categories.length
      ? table(['Category', f.year.label, f.previousYear.label, 'Change'], ['*', 60, 60, 70], categories.map((c) => [c.label, n(c.count), n(c.previous), change(c.count, c.previous)]))
      : emptyNote('No incidents in either year.'),
    source(`the signed incident log: entries dated ${day(f.year.from)} to ${day(f.year.to)}, and the same months a year before.`),
  ]
}

function openIncidents(f: AnnualFigures, table: Table): Content[] {
  const open = f.incidents.open
  return [
    heading('3. Open incidents and overdue actions'),
    para(
      open.length
        ? `${n(open.length)} entr${open.length === 1 ? 'y' : 'ies'} from ${f.year.label} ${open.length === 1 ? 'is' : 'are'} still open on ${day(f.drawnOn)}, with ${n(f.incidents.overdueActions)} checklist step${f.incidents.overdueActions === 1 ? '' : 's'} overdue (still to do on an entry recorded more than ${OVERDUE_ACTION_DAYS} days ago).`
        : `Every entry from ${f.year.label} is closed.`,
    ),
    ...(open.length
      ? [
          table(
            ['Reference', 'Date', 'Category', 'Days open', 'Steps to do'],
            [80, 70, '*', 50, 55],
            open.map((o) => [o.reference, day(o.occurredOn), o.category, n(o.daysOpen), o.stepsToDo ? `${n(o.stepsToDo)}${o.daysOpen > OVERDUE_ACTION_DAYS ? ' (overdue)' : ''}` : 'None']),
          ),
        ]
      : []),
    source('the incident log’s checklists as they stand on the day the pack was made.'),
  ]
}

function referrals(f: AnnualFigures, p: AnnualFigures, table: Table): Content[] {
  const i = f.incidents
  return [
    heading('4. Referrals and decisions not to refer'),
    para(`${n(i.referralsTotal)} referral${i.referralsTotal === 1 ? ' was' : 's were'} made to other agencies in ${f.year.label} (${n(p.incidents.referralsTotal)} in ${f.previousYear.label}). Where a category’s procedure asks for a referral and the designated safeguarding lead decided it was not needed, the reason is kept with the entry; those decisions are counted here.`),
    subheading('Referrals made, by agency'),
    i.referrals.length ? table(['Agency', 'Referrals'], ['*', 80], i.referrals.map((r) => [r.agency, n(r.count)])) : emptyNote(`No referrals were made in ${f.year.label}.`),
    subheading('Decisions not to refer, by step'),
    i.notReferred.length ? table(['Referral step', 'Decided not needed'], ['*', 100], i.notReferred.map((r) => [r.step, n(r.count)])) : emptyNote('No referral step was marked as not needed.'),
    source('the referrals and checklist steps recorded on the incident log’s signed entries.'),
  ]
}

function agreements(f: AnnualFigures, table: Table): Content[] {
  const a = f.aup
  const people = a.groups.reduce((s, g) => s + g.people, 0)
  const agreed = a.groups.reduce((s, g) => s + g.agreed, 0)
  return [
    heading('5. Acceptable use agreements', { pageBreak: true }),
    para(`${n(agreed)} of ${n(people)} pupils, staff, governors, volunteers and contractors (${pct(agreed, people)}) have agreed to the version of the acceptable use agreement that applies to them now.`),
    a.groups.length
      ? table(['Group', 'People', 'Agreed current', 'Coverage', 'Renewal due', 'Never agreed'], ['*', 50, 62, 55, 60, 60], a.groups.map((g) => [g.group, n(g.people), n(g.agreed), pct(g.agreed, g.people), n(g.due), n(g.never)]))
      : emptyNote('Nobody is in the directory yet.'),
    subheading('Versions in force'),
    a.versions.length ? table(['Audience', 'Version', 'In force from'], ['*', 80, 100], a.versions.map((v) => [v.audience, v.versionLabel, day(v.effectiveFrom)])) : emptyNote('No agreement text has been published yet.'),
    subheading('Visitors'),
    para(
      a.visitsUsingIct
        ? `${n(a.visitsUsingIct)} visit${a.visitsUsingIct === 1 ? '' : 's'} in ${f.year.label} used the school’s computers or wifi; on ${n(a.visitsUsingIctWithAgreement)} of them (${pct(a.visitsUsingIctWithAgreement, a.visitsUsingIct)}) the visitor had agreed to the visitors’ agreement at reception.`
        : `No visitor used the school’s computers or wifi in ${f.year.label}.`,
    ),
    source(`the acceptable use agreements as they stand on ${day(a.asOf)} (coverage is against the versions in force today), and the visits recorded at reception in the year.`),
  ]
}

function reviews(f: AnnualFigures, table: Table): Content[] {
  const r = f.reviews
  return [
    heading('6. Policy reviews'),
    subheading(`Reviews completed in ${f.year.label}`),
    r.done.length
      ? table(['Policy', 'Reviewed', 'New version', 'Ratified'], ['*', 90, 60, 90], r.done.map((d) => [d.policy, day(d.reviewedOn), d.newVersion ?? '—', d.ratifiedOn ? day(d.ratifiedOn) : 'Not yet ratified']))
      : emptyNote(`No policy review was recorded in ${f.year.label}.`),
    subheading('Next reviews'),
    r.next.length
      ? table(['Policy', 'Next review', 'Standing'], ['*', 100, 80], r.next.map((x) => [x.policy, day(x.nextReviewOn), x.overdue ? 'OVERDUE' : 'Scheduled']))
      : emptyNote('No policies are on the review schedule yet.'),
    source(`the policy review schedule: reviews dated in the year, and each policy’s next review as it stands on ${day(f.drawnOn)}.`),
  ]
}

function checks(f: AnnualFigures, p: AnnualFigures, table: Table): Content[] {
  const c = f.checks
  return [
    heading('7. Recurring checks', { pageBreak: true }),
    para(
      c.expected
        ? `${n(c.done)} of the ${n(c.expected)} checks expected in ${f.year.label} were done (${pct(c.done, c.expected)}), against ${n(p.checks.done)} of ${n(p.checks.expected)} (${pct(p.checks.done, p.checks.expected)}) in ${f.previousYear.label}. A period counts once it has ended, or as soon as its check is done.`
        : `No recurring check was expected in ${f.year.label}.`,
    ),
    c.rows.length
      ? table(['Check', 'How often', 'Done / expected', 'Rate', 'Missed'], [110, 85, 62, 38, '*'], c.rows.map((r) => [r.name, r.rhythm, `${n(r.done)} / ${n(r.expected)}`, pct(r.done, r.expected), r.missed.length ? r.missed.join('; ') : r.expected ? 'None' : 'Not due this year']))
      : emptyNote('No recurring checks are set up.'),
    source('the recurring check log: every check recorded against the periods expected by each check’s rhythm.'),
  ]
}

function filtering(f: AnnualFigures, p: AnnualFigures, table: Table): Content[] {
  return [
    heading('8. Filtering changes'),
    para(
      f.filtering.total
        ? `${n(f.filtering.total)} change${f.filtering.total === 1 ? ' was' : 's were'} made to what the web filter blocks or allows in ${f.year.label} (${n(p.filtering.total)} in ${f.previousYear.label}), each with its reason, who asked and who approved it.`
        : `No change was made to the web filter in ${f.year.label}.`,
    ),
    table(['Change', f.year.label, f.previousYear.label], ['*', 80, 80], f.filtering.byChange.map((c, i) => [c.label, n(c.count), n(p.filtering.byChange[i]?.count ?? 0)])),
    source('the filtering change log, changes dated in each year.'),
  ]
}

function permissions(f: AnnualFigures, p: AnnualFigures, table: Table): Content[] {
  const x = f.permissions
  return [
    heading('9. Password and portable media permissions'),
    para(`On ${day(x.asOf)}, ${n(x.inForceTotal)} permission${x.inForceTotal === 1 ? ' was' : 's were'} in force.`),
    table(['Kind of permission', `In force on ${day(x.asOf)}`], ['*', 140], x.inForce.map((k) => [k.label, n(k.count)])),
    subheading('During the year'),
    table(
      ['Measure', f.year.label, f.previousYear.label],
      ['*', 80, 80],
      [
        ['Permissions granted', n(x.grantedInYear), n(p.permissions.grantedInYear)],
        ['Permissions revoked', n(x.revokedInYear), n(p.permissions.revokedInYear)],
        ['Portable media scans', n(x.scansInYear), n(p.permissions.scansInYear)],
        ['Scans that found a problem', n(x.scansWithProblems), n(p.permissions.scansWithProblems)],
        [`Permitted devices without a recent clean scan on ${day(x.asOf)}`, n(x.devicesNotCleared), n(p.permissions.devicesNotCleared)],
      ],
    ),
    source('the permission register and its scan records.'),
  ]
}

function commentaryPages(c: AnnualCommentary, names: Anonymiser, people: string[], rows: string[][]): Content[] {
  const commentary = names.text(c.commentary, people)
  const priorities = names.text(c.priorities, people)
  rows.push([commentary, priorities])
  const written = (text: string, empty: string): Content => (text ? { text, margin: [0, 0, 0, 8], lineHeight: 1.35 } : emptyNote(empty))
  return [
    heading('10. The headteacher’s commentary', { pageBreak: true }),
    { text: 'Written by the headteacher; not counted from the records.', style: 'small', margin: [0, 0, 0, 8] },
    written(commentary, 'No commentary was written for this year.'),
    subheading('Priorities for next year'),
    written(priorities, 'No priorities were written for next year.'),
    ...(c.updatedAt ? [{ text: `Last changed by ${names.name(c.updatedBy)} on ${ukLongDate(c.updatedAt)}.`, style: 'small', margin: [0, 8, 0, 0] } as Content] : []),
  ]
}

function signOff(c: AnnualCommentary, names: Anonymiser, schoolName: string): Content[] {
  const line = (label: string): TableCell[] => [{ text: label, color: MUTED, margin: [0, 14, 0, 0] }, { text: ' ', margin: [0, 14, 0, 0] }]
  const box = (role: string, name: string): Content => ({
    unbreakable: true,
    margin: [0, 0, 0, 18],
    table: {
      widths: [90, '*'],
      body: [
        [{ text: role, bold: true, color: ACCENT, colSpan: 2, fontSize: 11 }, {}],
        [{ text: 'Name', color: MUTED, margin: [0, 14, 0, 0] }, { text: name ? names.name(name) : ' ', margin: [0, 14, 0, 0] }],
        line('Signature'),
        line('Date'),
      ],
    },
    layout: 'signature-lines',
  })
  return [
    heading('11. Sign-off', { pageBreak: true }),
    para(`We have read this review of online safety at ${schoolName} and agree the priorities for next year.`),
    { text: '', margin: [0, 8, 0, 0] },
    box('Headteacher', c.headName),
    box('Chair of governors', c.chairName),
  ]
}
