import type { Content, TableCell } from 'pdfmake/interfaces'
import { OVERDUE_ACTION_DAYS, type AnnualCommentary, type AnnualFigures, type AnnualRegisterFigures, type FigureCell } from '../../../../shared/domain/annual-review'
import { invalid } from '../../api/app-error'
import { annualFigures } from '../annual-figures'
import { readCommentary } from '../commentary'
import type { Anonymiser } from '../../reports/anonymiser'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import { barChartSvg } from '../../reports/charts/bar-chart'
import { readSchool } from '../../school/school'
import { emptyNote, longTable } from '../../reports/builders/table'
import { HEADING, NEW_PAGE } from '../../reports/builders/keep-with-next'
import type { ReportBody } from '../../reports/builders/report-body'
import { ACCENT, MUTED, WARNING } from '../../reports/palette'
import { academicYearContaining } from '../../../../shared/dates/school-year'
import { ukLongDate } from '../../../../shared/dates/uk-format'

/** The page's text width (A4, 48 pt margins). */
const WIDTH = 499

const day = (ymd: string) => ukLongDate(`${ymd}T12:00:00Z`)
const n = (v: number) => v.toLocaleString('en-GB')

/** How a section prints its figures: counts, shares and changes, with small ones held back in an anonymised copy. */
interface Kit {
  table: Table
  /** A count: "fewer than 5" for 1 to 4 in an anonymised copy. */
  n: (v: number) => string
  pct: (part: number, whole: number) => string
  change: (now: number, before: number) => string
  /** Some of these counts are held back: a chart of them would show what the table hides. */
  hidden: (...counts: number[]) => boolean
}

function kitFor(names: Anonymiser, table: Table): Kit {
  const hidden = (...counts: number[]) => counts.some((c) => names.hides(c))
  return {
    table,
    n: (v) => names.count(v),
    // A share or a change worked out from a count held back would give the count away.
    pct: (part, whole) => (hidden(part, whole) ? 'share not shown' : whole ? `${Math.round((100 * part) / whole)}%` : '—'),
    change: (now, before) => {
      if (now === before) return 'No change'
      if (hidden(now, before)) return 'Not shown'
      const diff = now - before
      return `${diff > 0 ? '+' : '−'}${n(Math.abs(diff))}${before ? ` (${diff > 0 ? '+' : '−'}${Math.round((100 * Math.abs(diff)) / before)}%)` : ''}`
    },
    hidden,
  }
}

/** How the year compares with the days of the year before that it is set against. */
interface Comparison {
  /** The year before holds records to compare with. */
  recorded: boolean
  /** A column heading for the year before's figures: "2024–25", or "1 Sep–15 Dec 2024" for a part year. */
  label: string
  /** The previous figure, or a dash for a year before the register. */
  value: (v: number) => string
  change: (now: number, before: number) => string
}

function comparisonOf(f: AnnualFigures, { n, change }: Kit): Comparison {
  const recorded = f.previousCoverage !== 'none'
  const label = f.partYear ? `${shortDay(f.previousCounted.from)}–${shortDay(f.previousCounted.to)}` : f.previousYear.label
  return {
    recorded,
    label,
    value: (v) => (recorded ? n(v) : '—'),
    change: (now, before) => (recorded ? change(now, before) : 'First year recorded'),
  }
}

/** "1 Sep 2025" */
const shortDay = (ymd: string) => ukLongDate(`${ymd}T12:00:00Z`).replace(/ (\w{3})\w* /, ' $1 ')
/** This year's days counted, as a column heading: "2025–26", or "1 Sep–15 Dec 2025" for a part year. */
const yearColumn = (f: AnnualFigures) => (f.partYear ? `${shortDay(f.counted.from)}–${shortDay(f.counted.to)}` : f.year.label)

/** A numbered section heading that appears in the contents. */
const heading = (text: string, options: { pageBreak?: boolean } = {}): Content => ({
  text,
  style: 'h2',
  headlineLevel: options.pageBreak ? NEW_PAGE : HEADING,
  fontSize: 15,
  tocItem: true,
  tocMargin: [0, 3, 0, 0],
  margin: [0, 4, 0, 8],
})
const chartLeftOut: Content = { text: 'The chart is left out of the anonymised copy: some of its counts are under 5. The table below gives the figures.', style: 'small', italics: true, margin: [0, 0, 0, 6] }
const subheading = (text: string): Content => ({ text, bold: true, fontSize: 11, color: ACCENT, margin: [0, 10, 0, 4], headlineLevel: HEADING })
const para = (text: string): Content => ({ text, margin: [0, 0, 0, 6] })
/**
 * A heading and the sentence that explains its table: the sentence keeps with the table as a
 * heading does (keep-with-next.ts), so when the table starts the next page both move on with it.
 */
const subheadingWithIntro = (title: string, intro: string): Content[] => [subheading(title), { ...(para(intro) as object), headlineLevel: HEADING } as Content]
/** Where a section's figures come from: every figure in the pack is counted, none is typed in. */
const source = (text: string): Content => ({ text: `Source: ${text}`, style: 'small', italics: true, margin: [0, 4, 0, 10] })

/**
 * The headteacher's annual online safety review for the governing body: one academic year's
 * figures from every record kind, this year against the last, with charts, the commentary and
 * priorities written in the app, and a page for the headteacher's and the chair's signatures.
 */
export async function annualReviewPack(ctx: ReportContext, { from, to, withoutCommentary }: ReportRequest<'annual-review'>): Promise<ReportBody> {
  const { db, names } = ctx
  const year = academicYearContaining(from)
  if (year.from !== from || year.to !== to) throw invalid('from', 'The annual review covers one school year, 1 September to 31 August: choose the year.')
  const commentary = await readCommentary(ctx, db, year.startYear)
  const missing = [commentary.commentary ? '' : 'commentary', commentary.priorities ? '' : 'priorities for next year'].filter(Boolean)
  // The sign-off asks governors to agree the priorities: a pack without them is printed only when someone says so.
  if (missing.length && !withoutCommentary) {
    throw invalid(
      'withoutCommentary',
      `Nothing is written yet for the headteacher’s ${missing.join(' or the ')} for ${year.label}. Write ${pronoun(missing)} on the Annual review screen and save, or tick “Sign without the ${missing.join(' and the ')}” to print the pack without ${pronoun(missing)}.`,
    )
  }
  const figures = await annualFigures(ctx, ctx.features.annualPack, year.startYear)
  // The year before, counted over the same days: a part year is compared with the same months.
  // The kinds' own sections describe this year alone: none is compared with the year before.
  const previous = await annualFigures(ctx, [], year.startYear - 1, { until: figures.previousCounted.to })
  const school = await readSchool(db)
  // Every head's account: the presenter and the sign-off name the head the commentary names, or every head.
  const heads = commentary.headName ? [commentary.headName] : ((await db('users').where({ role: 'head' }).whereNull('disabled_at').orderBy('id').pluck('display_name')) as string[])
  // Names typed on the review screen are replaced like the register's own, wherever the pack prints them.
  names.know(commentary.headName, 'the headteacher', 'annual-review:head')
  names.know(commentary.chairName, 'the chair of governors', 'annual-review:chair')

  const rows: string[][] = []
  const table = (headers: string[], widths: (number | string)[], body: string[][]): Content => {
    rows.push(...body)
    return { stack: [longTable(headers, widths, body, { fontSize: 9 })], margin: [0, 0, 0, 6] }
  }
  const k = kitFor(names, table)

  const content: Content[] = [
    ...cover(figures, heads, school.name, names),
    ...contents(figures),
    ...summary(figures, previous, k),
    ...incidents(figures, k),
    ...whoAndHow(figures, k),
    ...openIncidents(figures, k),
    ...referrals(figures, previous, k),
    ...agreements(figures, k),
    ...reviews(figures, k),
    ...checks(figures, previous, k),
    ...filtering(figures, previous, k),
    ...permissions(figures, previous, k),
    ...figures.registers.flatMap((r, i) => registerSection(r, FIXED_SECTIONS + 1 + i, k)),
    ...commentaryPages(commentary, names, rows, missing, FIXED_SECTIONS + figures.registers.length + 1),
    ...signOff(heads, commentary.chairName, names, school.name, FIXED_SECTIONS + figures.registers.length + 2),
  ]
  return { content, rows, periodFrom: from, periodTo: to, subject: `School year ${year.label}`, ownCover: true }
}

/** The pack's own numbered sections, up to the permissions (10); the kinds' sections follow. */
const FIXED_SECTIONS = 10

/** A count, a share or text from a kind's section, as this copy prints it. */
function cellText(cell: FigureCell, k: Kit): string {
  if (typeof cell === 'string') return cell
  if ('count' in cell) return k.n(cell.count)
  return `${k.n(cell.part)} of ${k.n(cell.whole)} (${k.pct(cell.part, cell.whole)})`
}

/** A record kind's section, as the kind counted it (`annualPack` in its descriptor). */
function registerSection(r: AnnualRegisterFigures, number: number, k: Kit): Content[] {
  return [
    heading(`${number}. ${r.title}`),
    para(r.intro),
    ...r.tables.flatMap((t) => [
      ...(t.title ? [subheading(t.title)] : []),
      t.rows.length ? k.table(t.headers, t.widths ?? ['*', ...t.headers.slice(1).map(() => 80)], t.rows.map((row) => row.map((cell) => cellText(cell, k)))) : emptyNote(t.empty),
    ]),
    source(r.source),
  ]
}

type Table = (headers: string[], widths: (number | string)[], body: string[][]) => Content

/** "it" for the commentary alone, "them" for the priorities or both. */
const pronoun = (missing: string[]) => (missing.length === 1 && missing[0] === 'commentary' ? 'it' : 'them')

/** "A", "A and B", "A, B and C" */
const andList = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''))

const ANONYMISED_NOTE =
  'Anonymised copy for sharing outside the school: nobody is named. People are described by who they are (“a Year 9 pupil”, “the DSL”), and counts from 1 to 4 are shown as “fewer than 5”, with the shares and changes worked out from them.'

/** "Presented by Dafydd ap Rhys, headteacher"; an anonymised copy names the role alone. */
function presenter(heads: string[], names: Anonymiser): string {
  if (names.enabled) return `Presented by the ${heads.length > 1 ? 'headteachers' : 'headteacher'}`
  return `Presented by ${andList(heads)}, ${heads.length > 1 ? 'headteachers' : 'headteacher'}`
}

function cover(f: AnnualFigures, heads: string[], schoolName: string, names: Anonymiser): Content[] {
  return [
    { text: schoolName, fontSize: 14, color: MUTED, margin: [0, 90, 0, 18] },
    { text: 'Annual online safety review', fontSize: 30, bold: true, color: ACCENT, margin: [0, 0, 0, 6] },
    { text: `School year ${f.year.label}${f.partYear ? ' so far' : ''}`, fontSize: 20, color: ACCENT, margin: [0, 0, 0, 4] },
    {
      text: f.partYear
        ? `Part of the year: ${day(f.counted.from)} to ${day(f.counted.to)}. The year is not over; each figure is compared with the same days of ${f.previousYear.label}.`
        : `${day(f.year.from)} to ${day(f.year.to)}`,
      fontSize: 12,
      color: f.partYear ? WARNING : MUTED,
      bold: f.partYear,
      margin: [0, 0, 0, 40],
    },
    { text: 'A report from the headteacher to the governing body', fontSize: 13, margin: [0, 0, 0, 6] },
    heads.length ? { text: presenter(heads, names), fontSize: 11, margin: [0, 0, 0, 4] } : { text: '' },
    { text: `Figures drawn from the register on ${day(f.drawnOn)}`, fontSize: 11, margin: [0, 0, 0, names.enabled ? 8 : 60] },
    ...(names.enabled ? [{ text: ANONYMISED_NOTE, fontSize: 11, bold: true, color: WARNING, margin: [0, 0, 0, 40] } as Content] : []),
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
      text: `${
        f.partYear
          ? `This pack covers the school year ${f.year.label} so far, ${day(f.counted.from)} to ${day(f.counted.to)}, and compares it with the same days of ${f.previousYear.label}.`
          : `This pack covers the school year ${f.year.label} and compares it with ${f.previousYear.label}.`
      }${
        f.previousCoverage === 'none'
          ? ` The register holds records from ${day(f.recordsFrom)}: ${f.previousYear.label} came before it, so this is the first year recorded and nothing is compared.`
          : f.previousCoverage === 'part'
            ? ` The register holds records from ${day(f.recordsFrom)}: figures for ${f.previousYear.label} cover only the days from then.`
            : ''
      } Incidents are counted by the day they happened; referrals by the day they were made; checks against the checks expected in the year.`,
      margin: [0, 20, 0, 0],
      color: MUTED,
    },
  ]
}

function summary(f: AnnualFigures, p: AnnualFigures, k: Kit): Content[] {
  const { table, n, pct } = k
  const i = f.incidents
  const c = comparisonOf(f, k)
  const aupPeople = f.aup.groups.reduce((s, g) => s + g.people, 0)
  const aupAgreed = f.aup.groups.reduce((s, g) => s + g.agreed, 0)
  const overdueReviews = f.reviews.next.filter((r) => r.overdue).length
  const line = (label: string, now: number, before: number): string[] => [label, n(now), c.value(before), c.change(now, before)]
  const body: string[][] = [
    line('Incidents recorded', i.total, p.incidents.total),
    line('Incidents off site (of those recorded)', i.offSite, p.incidents.offSite),
    ['Entries still open', n(i.open.length), '—', ''],
    [`Actions overdue (open more than ${OVERDUE_ACTION_DAYS} days)`, n(i.overdueActions), '—', ''],
    line('Referrals made to other agencies', i.referralsTotal, p.incidents.referralsTotal),
    line('Decisions not to refer (with reasons)', i.notReferredTotal, p.incidents.notReferredTotal),
    line('Policy reviews completed', f.reviews.done.length, p.reviews.done.length),
    ['Recurring checks done / expected', `${n(f.checks.done)} / ${n(f.checks.expected)}`, c.recorded ? `${n(p.checks.done)} / ${n(p.checks.expected)}` : '—', `${pct(f.checks.done, f.checks.expected)} this year`],
    line('Filtering changes', f.filtering.total, p.filtering.total),
    line('Permissions granted', f.permissions.grantedInYear, p.permissions.grantedInYear),
    line('Portable media scans', f.permissions.scansInYear, p.permissions.scansInYear),
  ]
  const asOf = atDay(f)
  const standing: string[][] = [
    [`People who had agreed the acceptable use agreement that applied to them, ${asOf}`, `${n(aupAgreed)} of ${n(aupPeople)} (${pct(aupAgreed, aupPeople)})`],
    ['Online safety policy reviewed at least every twelve months', f.reviews.onlineSafetyPolicy.missed ? 'NO: see section 7' : 'Yes'],
    ['Policies past their review date today', `${n(overdueReviews)} of ${n(f.reviews.policies)}`],
    [`Permissions in force, ${asOf}`, n(f.permissions.inForceTotal)],
    ...f.registers.flatMap((r) => r.headlines.map((h) => [h.label, cellText(h.cell, k)])),
  ]
  return [
    heading('1. Summary in numbers', { pageBreak: true }),
    para(
      f.partYear
        ? `The year so far (${day(f.counted.from)} to ${day(f.counted.to)}), against the same days of ${f.previousYear.label}. The sections that follow break each figure down.`
        : `The year at a glance, against ${f.previousYear.label}. The sections that follow break each figure down.`,
    ),
    subheading('What the records show'),
    { ul: highlights(f, p, k), margin: [0, 0, 0, 8] },
    table(['Measure', yearColumn(f), c.label, 'Change'], ['*', 70, 70, 80], body),
    subheading(f.partYear ? 'As the register stands today' : `At the end of the year, and today`),
    table(['Measure', 'Figure'], ['*', 140], standing),
    source(
      `every record kind in the register, counted on ${day(f.drawnOn)}.${c.recorded ? '' : ` ${f.previousYear.label} came before the register’s first record (${day(f.recordsFrom)}): it is the first year recorded, and nothing is compared.`} Open entries, overdue actions and policies past their review date describe today, not the end of a year.`,
    ),
  ]
}

/** "as at 31 August 2026 (the last day of the year)" or "as at today, 15 December 2025 (the year is not over)" */
function atDay(f: AnnualFigures): string {
  return f.partYear ? `as at today, ${day(f.counted.to)} (the year is not over)` : `as at ${day(f.counted.to)}, the last day of the year`
}

/** A few plain sentences, each read straight from the figures: no judgement is added. */
function highlights(f: AnnualFigures, p: AnnualFigures, k: Kit): string[] {
  const { n, pct } = k
  const i = f.incidents
  const c = comparisonOf(f, k)
  const lines: string[] = []
  const against = f.partYear ? `the same days of ${f.previousYear.label}` : 'the year before'
  if (!c.recorded) lines.push(`${n(i.total)} incident${i.total === 1 ? ' was' : 's were'} recorded. This is the first year the register holds, so there is nothing to compare with.`)
  else if (i.total === p.incidents.total) lines.push(`The same number of incidents was recorded as in ${against} (${n(i.total)}).`)
  else lines.push(`${n(i.total)} incident${i.total === 1 ? ' was' : 's were'} recorded, ${i.total > p.incidents.total ? 'up' : 'down'} from ${n(p.incidents.total)} in ${against}.`)
  const rises = c.recorded ? i.byCategory.filter((x) => x.count > x.previous && x.previous > 0).sort((a, b) => b.count - b.previous - (a.count - a.previous)) : []
  if (rises[0]) lines.push(`The largest rise was in ${rises[0].label.toLowerCase()}: ${n(rises[0].count)}, from ${n(rises[0].previous)}.`)
  const top = i.byCategory[0]
  if (top && top.count) lines.push(`The most frequent category was ${top.label.toLowerCase()} (${n(top.count)} of ${n(i.total)}).`)
  lines.push(i.open.length ? `${n(i.open.length)} of the year’s entries are still open.` : 'Every entry from the year is closed.')
  if (i.timeToClose.medianDays !== null) lines.push(`Half the entries closed were closed within ${days(i.timeToClose.medianDays)} of being recorded; the longest took ${days(i.timeToClose.longestDays!)}.`)
  if (f.checks.expected) lines.push(`${k.hidden(f.checks.done, f.checks.expected) ? `${n(f.checks.done)} of ${n(f.checks.expected)}` : pct(f.checks.done, f.checks.expected)} of the recurring checks expected were done (${n(f.checks.expected - f.checks.done)} missed).`)
  const os = f.reviews.onlineSafetyPolicy
  if (os.missed) lines.push(os.policy ? `The ${os.policy.toLowerCase()} missed its yearly review: it was due by ${day(os.dueOn!)}.` : 'No online safety policy is in the review calendar, so its yearly review cannot be shown.')
  const overdue = f.reviews.next.filter((r) => r.overdue).length
  lines.push(overdue ? `${n(overdue)} polic${overdue === 1 ? 'y is' : 'ies are'} past ${overdue === 1 ? 'its' : 'their'} review date today.` : 'No policy is past its review date today.')
  // A count held back may open a sentence ("fewer than 5 policies …").
  return lines.map((line) => line.charAt(0).toUpperCase() + line.slice(1))
}

const days = (d: number) => `${Number.isInteger(d) ? n(d) : d.toFixed(1)} day${d === 1 ? '' : 's'}`

function incidents(f: AnnualFigures, k: Kit): Content[] {
  const { table, n } = k
  const i = f.incidents
  const c = comparisonOf(f, k)
  const series = [
    { name: yearColumn(f), counts: i.byMonth.map((m) => m.count) },
    ...(c.recorded ? [{ name: c.label, counts: i.byMonth.map((m) => m.previous) }] : []),
  ]
  const byMonth = barChartSvg({ categories: i.byMonth.map((m) => m.label.slice(0, 3)), series, width: WIDTH, height: 190 })
  const categories = i.byCategory
  // A bar's height shows the count the table holds back: the anonymised copy leaves such a chart out.
  const monthChartHidden = k.hidden(...series.flatMap((x) => x.counts))
  const categoryChartHidden = k.hidden(...categories.flatMap((x) => [x.count, ...(c.recorded ? [x.previous] : [])]))
  const byCategory = categories.length
    ? barChartSvg({
        categories: categories.map((x) => x.label),
        series: [{ name: yearColumn(f), counts: categories.map((x) => x.count) }, ...(c.recorded ? [{ name: c.label, counts: categories.map((x) => x.previous) }] : [])],
        horizontal: true,
        labelWidth: 190,
        width: WIDTH,
        height: 40 + categories.length * 26,
      })
    : null
  return [
    heading('2. Incidents', { pageBreak: true }),
    para(
      i.total === 0 && (i.previousTotal === 0 || !c.recorded)
        ? `No online safety incidents were recorded in ${f.year.label}${c.recorded ? ` or ${f.previousYear.label}` : ''}${f.partYear ? ' so far' : ''}.`
        : `${n(i.total)} online safety incident${i.total === 1 ? ' was' : 's were'} recorded in ${f.year.label}${f.partYear ? ` to ${day(f.counted.to)}` : ''} (${n(i.onSite)} on site, ${n(i.offSite)} off site)${c.recorded ? `, against ${n(i.previousTotal)} in ${f.partYear ? `the same days of ${f.previousYear.label}` : f.previousYear.label}` : ''}.${i.imported ? ` ${n(i.imported)} of them came from the school’s earlier paper or spreadsheet log.` : ''}`,
    ),
    subheading('By month'),
    monthChartHidden ? chartLeftOut : { svg: byMonth, width: WIDTH, margin: [0, 0, 0, 4] },
    table(
      ['Year', ...i.byMonth.map((m) => m.label.slice(0, 3)), 'Total'],
      [44, ...i.byMonth.map(() => '*'), 34],
      [[f.year.label, ...i.byMonth.map((m) => n(m.count)), n(i.total)], ...(c.recorded ? [[f.previousYear.label, ...i.byMonth.map((m) => n(m.previous)), n(i.previousTotal)]] : [])],
    ),
    // The heading stays with its chart rather than ending a page alone.
    { stack: [subheading('By category'), ...(byCategory ? [categoryChartHidden ? chartLeftOut : ({ svg: byCategory, width: WIDTH, margin: [0, 0, 0, 4] } as Content)] : [])], unbreakable: true },
    categories.length
      ? table(['Category', yearColumn(f), c.label, 'Change'], ['*', 60, 60, 70], categories.map((x) => [x.label, n(x.count), c.value(x.previous), c.change(x.count, x.previous)]))
      : emptyNote('No incidents in either year.'),
    source(
      `the signed incident log: entries dated ${day(f.counted.from)} to ${day(f.counted.to)}${c.recorded ? `, and ${day(f.previousCounted.from)} to ${day(f.previousCounted.to)}` : ''}.${f.partYear ? ' Months after today have nothing to count yet in either year.' : ''}`,
    ),
  ]
}

/** Who was involved and how entries ended: metadata only (categories, status, referrals, year groups), never what an entry says. */
function whoAndHow(f: AnnualFigures, k: Kit): Content[] {
  const { table, n } = k
  const i = f.incidents
  const r = i.repeatInvolvement
  const t = i.timeToClose
  return [
    heading('3. Outcomes, year groups and repeat involvement'),
    subheading('Outcomes by category'),
    i.outcomesByCategory.length
      ? table(
          ['Category', 'Still open', 'Closed after a referral', 'Closed within school'],
          ['*', 60, 90, 90],
          i.outcomesByCategory.map((o) => [o.category, n(o.open), n(o.closedAfterReferral), n(o.closedInSchool)]),
        )
      : emptyNote(`No incidents in ${f.year.label}.`),
    subheading('Time from record to close'),
    para(
      t.closed
        ? `${n(t.closed)} of the year’s entries are closed. From the day each was recorded to the day it was closed: median ${days(t.medianDays!)}, longest ${days(t.longestDays!)}.`
        : 'None of the year’s entries has been closed yet.',
    ),
    ...subheadingWithIntro(
      'Incidents by year group and key stage',
      'An incident counts once in each year group (and key stage) of the pupils named on it, in their year group that school year; one naming pupils of two year groups counts in both.',
    ),
    i.byYearGroup.length ? table(['Year group', 'Incidents'], ['*', 80], i.byYearGroup.map((g) => [g.yearGroup, n(g.count)])) : emptyNote('No pupil is named on the year’s entries.'),
    ...(i.byKeyStage.length ? [table(['Key stage', 'Incidents'], ['*', 80], i.byKeyStage.map((k) => [k.keyStage === 'Not known' ? 'Key stage not known' : k.keyStage, n(k.count)]))] : []),
    para(i.noPupilNamed === 0 ? 'Every entry of the year names at least one pupil.' : `${n(i.noPupilNamed)} of the year’s entries ${i.noPupilNamed === 1 ? 'names' : 'name'} no pupil.`),
    subheading('Repeat involvement'),
    table(
      ['Pupils named on', 'Pupils'],
      ['*', 80],
      [
        ['One entry', n(r.once)],
        ['Two entries', n(r.twice)],
        ['Three or more entries', n(r.threeOrMore)],
      ],
    ),
    source('the incident log’s entries of the year: their category, status, referrals and when they were recorded and closed, and the year groups of the pupils named on them. Counts only: no pupil is named here.'),
  ]
}

function openIncidents(f: AnnualFigures, k: Kit): Content[] {
  const { table, n } = k
  const open = f.incidents.open
  return [
    heading('4. Open incidents and overdue actions'),
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

function referrals(f: AnnualFigures, p: AnnualFigures, k: Kit): Content[] {
  const { table, n } = k
  const i = f.incidents
  const c = comparisonOf(f, k)
  return [
    heading('5. Referrals and decisions not to refer'),
    para(
      `${n(i.referralsTotal)} referral${i.referralsTotal === 1 ? ' was' : 's were'} made to other agencies in ${f.year.label}${f.partYear ? ' so far' : ''}${c.recorded ? ` (${n(p.incidents.referralsTotal)} in ${f.partYear ? `the same days of ${f.previousYear.label}` : f.previousYear.label})` : ''}. Where a category’s procedure asks for a referral and the designated safeguarding lead decided it was not needed, the reason is kept with the entry; those decisions are counted here.`,
    ),
    subheading('Referrals made, by agency'),
    i.referrals.length ? table(['Agency', 'Referrals'], ['*', 80], i.referrals.map((r) => [r.agency, n(r.count)])) : emptyNote(`No referrals were made in ${f.year.label}.`),
    subheading('Decisions not to refer, by step'),
    i.notReferred.length ? table(['Referral step', 'Decided not needed'], ['*', 100], i.notReferred.map((r) => [r.step, n(r.count)])) : emptyNote('No referral step was marked as not needed.'),
    source('the referrals and checklist steps recorded on the incident log’s signed entries.'),
  ]
}

function agreements(f: AnnualFigures, k: Kit): Content[] {
  const { table, n, pct } = k
  const a = f.aup
  const people = a.groups.reduce((s, g) => s + g.people, 0)
  const agreed = a.groups.reduce((s, g) => s + g.agreed, 0)
  return [
    heading('6. Acceptable use agreements', { pageBreak: true }),
    para(
      `${f.partYear ? 'As at today' : `As at ${day(a.asOf)}, the last day of the year`}, ${n(agreed)} of ${n(people)} pupils, staff, governors, volunteers and contractors then on roll (${pct(agreed, people)}) had agreed to the version of the acceptable use agreement that applied to them${f.partYear ? ` (${day(a.asOf)}: the year is not over)` : ''}.`,
    ),
    a.groups.length
      ? table(['Group', 'People', 'Agreed current', 'Coverage', 'Renewal due', 'Never agreed'], ['*', 50, 62, 55, 60, 60], a.groups.map((g) => [g.group, n(g.people), n(g.agreed), pct(g.agreed, g.people), n(g.due), n(g.never)]))
      : emptyNote('Nobody was in the directory on that day.'),
    subheading(`Versions in force on ${day(a.asOf)}`),
    a.versions.length ? table(['Audience', 'Version', 'In force from'], ['*', 80, 100], a.versions.map((v) => [v.audience, v.versionLabel, day(v.effectiveFrom)])) : emptyNote('No agreement text was in force on that day.'),
    subheading('Visitors'),
    para(
      a.visitsUsingIct
        ? `${n(a.visitsUsingIct)} visit${a.visitsUsingIct === 1 ? '' : 's'} in ${f.year.label} used the school’s computers or wifi; on ${n(a.visitsUsingIctWithAgreement)} of them (${pct(a.visitsUsingIctWithAgreement, a.visitsUsingIct)}) the visitor had agreed to the visitors’ agreement at reception.`
        : `No visitor used the school’s computers or wifi in ${f.year.label}.`,
    ),
    source(
      `the acceptable use agreements ${atDay(f)}: the people on roll that day (pupils in their year group that school year), the versions in force and the renewals started by then, and the agreements made by then; and the visits recorded at reception in the year.`,
    ),
  ]
}

function reviews(f: AnnualFigures, k: Kit): Content[] {
  const { table } = k
  const r = f.reviews
  const os = r.onlineSafetyPolicy
  return [
    heading('7. Policy reviews'),
    os.missed
      ? {
          table: {
            widths: ['*'],
            body: [
              [
                {
                  text: os.policy
                    ? `The ${os.policy.toLowerCase()} missed its yearly review. The policy asks for a review at least every twelve months: ${os.lastReviewedOn ? `it was last reviewed on ${day(os.lastReviewedOn)}` : `it was written on ${day(os.writtenOn!)} and had not been reviewed since`}, and a review was due by ${day(os.dueOn!)}.`
                    : 'No online safety policy is in the review calendar: its yearly review cannot be shown. Add it to the calendar on the Policies screen.',
                  bold: true,
                  color: WARNING,
                  margin: [8, 6, 8, 6],
                },
              ],
            ],
          },
          layout: 'note-box',
          margin: [0, 0, 0, 8],
        }
      : para(`The ${os.policy!.toLowerCase()} was never more than twelve months from its last review during the year (${os.lastReviewedOn ? `last reviewed ${day(os.lastReviewedOn)}` : `written on ${day(os.writtenOn!)}, not yet reviewed`}).`),
    subheading(`Reviews completed in ${f.year.label}${f.partYear ? ' so far' : ''}`),
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

function checks(f: AnnualFigures, p: AnnualFigures, k: Kit): Content[] {
  const { table, n, pct } = k
  const c = f.checks
  const cmp = comparisonOf(f, k)
  const t = f.training.rows
  return [
    heading('8. Recurring checks and training', { pageBreak: true }),
    para(
      c.expected
        ? `${n(c.done)} of the ${n(c.expected)} checks expected in ${f.year.label}${f.partYear ? ' so far' : ''} were done (${pct(c.done, c.expected)})${cmp.recorded ? `, against ${n(p.checks.done)} of ${n(p.checks.expected)} (${pct(p.checks.done, p.checks.expected)}) in ${f.partYear ? `the same days of ${f.previousYear.label}` : f.previousYear.label}` : ''}. A period counts once it has ended, or as soon as its check is done; a week that runs over 31 August counts in the year it starts in.`
        : `No recurring check was expected in ${f.year.label}.`,
    ),
    c.rows.length
      ? table(['Check', 'How often', 'Done / expected', 'Rate', 'Missed'], [110, 85, 62, 38, '*'], c.rows.map((r) => [r.name, r.rhythm, `${n(r.done)} / ${n(r.expected)}`, pct(r.done, r.expected), r.missed.length ? r.missed.join('; ') : r.expected ? 'None' : 'Not due this year']))
      : emptyNote('No recurring checks are set up.'),
    subheading('Training'),
    t.length
      ? table(
          ['Training', 'How often', 'Done / expected', 'Last recorded'],
          ['*', 85, 70, 90],
          t.map((r) => [r.name, r.rhythm, r.expected ? `${n(r.done)} / ${n(r.expected)}` : 'Not due this year', r.lastDoneOn ? day(r.lastDoneOn) : 'Never']),
        )
      : emptyNote('No training is recorded in the register: training is counted from recurring checks whose name says training.'),
    source('the recurring check log: every check recorded against the periods expected by each check’s rhythm. Training is the checks that record training; who attended is kept in the school’s training records, not here.'),
  ]
}

function filtering(f: AnnualFigures, p: AnnualFigures, k: Kit): Content[] {
  const { table, n } = k
  const c = comparisonOf(f, k)
  return [
    heading('9. Filtering changes'),
    para(
      f.filtering.total
        ? `${n(f.filtering.total)} change${f.filtering.total === 1 ? ' was' : 's were'} made to what the web filter blocks or allows in ${f.year.label}${f.partYear ? ' so far' : ''}${c.recorded ? ` (${n(p.filtering.total)} in ${f.partYear ? `the same days of ${f.previousYear.label}` : f.previousYear.label})` : ''}, each with its reason, who asked and who approved it.`
        : `No change was made to the web filter in ${f.year.label}${f.partYear ? ' so far' : ''}.`,
    ),
    table(['Change', yearColumn(f), c.label], ['*', 80, 80], f.filtering.byChange.map((x, i) => [x.label, n(x.count), c.value(p.filtering.byChange[i]?.count ?? 0)])),
    source('the filtering change log, changes dated in each year.'),
  ]
}

function permissions(f: AnnualFigures, p: AnnualFigures, k: Kit): Content[] {
  const { table, n } = k
  const x = f.permissions
  const c = comparisonOf(f, k)
  return [
    heading('10. Password and portable media permissions'),
    para(`${f.partYear ? `Today, ${day(x.asOf)}` : `On ${day(x.asOf)}, the last day of the year`}, ${n(x.inForceTotal)} permission${x.inForceTotal === 1 ? ' was' : 's were'} in force.`),
    table(['Kind of permission', `In force on ${day(x.asOf)}`], ['*', 140], x.inForce.map((k) => [k.label, n(k.count)])),
    subheading('During the year'),
    table(
      ['Measure', yearColumn(f), c.label],
      ['*', 80, 80],
      [
        ['Permissions granted', n(x.grantedInYear), c.value(p.permissions.grantedInYear)],
        ['Permissions revoked', n(x.revokedInYear), c.value(p.permissions.revokedInYear)],
        ['Portable media scans', n(x.scansInYear), c.value(p.permissions.scansInYear)],
        ['Scans that found a problem', n(x.scansWithProblems), c.value(p.permissions.scansWithProblems)],
        [`Permitted devices without a recent clean scan on the last day counted`, n(x.devicesNotCleared), c.value(p.permissions.devicesNotCleared)],
      ],
    ),
    source('the permission register and its scan records.'),
  ]
}

function commentaryPages(c: AnnualCommentary, names: Anonymiser, rows: string[][], missing: string[], number: number): Content[] {
  const commentary = names.text(c.commentary)
  const priorities = names.text(c.priorities)
  rows.push([commentary, priorities])
  const written = (text: string, empty: string): Content => (text ? { text, margin: [0, 0, 0, 8], lineHeight: 1.35 } : emptyNote(empty))
  return [
    heading(`${number}. The headteacher’s commentary`, { pageBreak: true }),
    { text: 'Written by the headteacher; not counted from the records.', style: 'small', margin: [0, 0, 0, 8] },
    ...(missing.length
      ? [
          {
            text: `This pack was signed without the headteacher’s ${missing.join(' or the ')}: whoever printed it chose to sign it without ${pronoun(missing)}.`,
            bold: true,
            color: WARNING,
            margin: [0, 0, 0, 8],
          } as Content,
        ]
      : []),
    written(commentary, 'No commentary was written for this year.'),
    subheading('Priorities for next year'),
    written(priorities, 'No priorities were written for next year.'),
    ...(c.updatedAt ? [{ text: `Last changed by ${names.name(c.updatedBy)} on ${ukLongDate(c.updatedAt)}.`, style: 'small', margin: [0, 8, 0, 0] } as Content] : []),
  ]
}

function signOff(heads: string[], chairName: string, names: Anonymiser, schoolName: string, number: number): Content[] {
  const line = (label: string): TableCell[] => [{ text: label, color: MUTED, margin: [0, 14, 0, 0] }, { text: ' ', margin: [0, 14, 0, 0] }]
  const box = (role: string, name: string): Content => ({
    unbreakable: true,
    margin: [0, 0, 0, 18],
    table: {
      widths: [90, '*'],
      body: [
        [{ text: role, bold: true, color: ACCENT, colSpan: 2, fontSize: 11 }, {}],
        [{ text: 'Name', color: MUTED, margin: [0, 14, 0, 0] }, { text: names.enabled ? 'Not given in the anonymised copy' : name || ' ', margin: [0, 14, 0, 0] }],
        line('Signature'),
        line('Date'),
      ],
    },
    layout: 'signature-lines',
  })
  return [
    heading(`${number}. Sign-off`, { pageBreak: true }),
    para(`We have read this review of online safety at ${schoolName} and agree the priorities for next year.`),
    { text: '', margin: [0, 8, 0, 0] },
    ...(heads.length ? heads.map((h) => box('Headteacher', h)) : [box('Headteacher', '')]),
    box('Chair of governors', chairName),
  ]
}
