import { TZDate } from '@date-fns/tz'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical, { ICalEventRepeatingFreq, ICalWeekday, type ICalRepeatingOptions } from 'ical-generator'
import { ROLE_LABELS } from '../../../shared/domain/roles'
import { rhythmLabel, type CheckRhythm } from '../../../shared/domain/reviews-and-checks'
import type { FeatureContext } from '../feature-kit/feature-context'
import { loadTemplates } from './checks'
import { saveNewFile } from '../files/save-new-file'
import { saveChosenFile, type ChosenFile } from '../files/save-chosen-file'
import { calendarFileName } from '../../../shared/domain/file-names'
import { dayToUk, periodOf } from './periods'
import { schoolYearOf } from '../../../shared/dates/school-year'
import { summaries } from './policies'
import { ukDay as ukToday, SCHOOL_TZ } from '../../../shared/dates/uk-time'

/** Recurring checks start at this time, UK time, on the first day of each period (retired checks are left out). */
const CHECK_TIME = { hour: 9, minute: 0 }
const UID_DOMAIN = 'online-safety-register.local'

/** The rule that repeats a check on the first day of each of its periods (RFC 5545 RRULE). */
function repeatRule(rhythm: CheckRhythm, everyYears: number | null): ICalRepeatingOptions {
  switch (rhythm) {
    case 'weekly':
      return { freq: ICalEventRepeatingFreq.WEEKLY, byDay: [ICalWeekday.MO] }
    case 'monthly':
      return { freq: ICalEventRepeatingFreq.MONTHLY, byMonthDay: [1] }
    case 'termly':
      return { freq: ICalEventRepeatingFreq.YEARLY, byMonth: [1, 4, 9], byMonthDay: [1] }
    case 'yearly':
      return { freq: ICalEventRepeatingFreq.YEARLY }
    case 'years':
      return { freq: ICalEventRepeatingFreq.YEARLY, interval: everyYears ?? 2 }
  }
}

/** A UK wall-clock time as a date that carries its zone, so the file says 09:00 in London whatever this computer's zone. */
function londonTime(day: string, hour: number, minute: number): TZDate {
  return new TZDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hour, minute, SCHOOL_TZ)
}

/**
 * The calendar as iCalendar text: each policy's next review as an all-day event, and each
 * recurring check as one repeating event (09:00 Europe/London on the first day of each period),
 * with the zone's VTIMEZONE so Outlook keeps 09:00 across the clock changes.
 */
export async function buildIcs(ctx: FeatureContext): Promise<{ text: string; events: number }> {
  const { db } = ctx.store.requireOpen()
  const today = ukToday(ctx.now())
  const calendar = ical({
    name: 'Online safety reviews and checks',
    prodId: { company: 'Online Safety Register', product: 'reviews-and-checks', language: 'EN' },
    // No calendar-wide zone (it would write DTSTAMP in local time, where RFC 5545 wants UTC):
    // each event names Europe/London, and the generator adds that zone's VTIMEZONE once.
    timezone: { name: null, generator: getVtimezoneComponent },
  })
  const stamp = new Date(ctx.now())

  for (const p of await summaries(db, today)) {
    calendar.createEvent({
      id: `policy-${p.id}-${p.nextReviewOn}@${UID_DOMAIN}`,
      stamp,
      start: londonTime(p.nextReviewOn, 0, 0),
      timezone: SCHOOL_TZ,
      allDay: true,
      summary: `Policy review: ${p.title}`,
      description: `Review the ${p.title} (owner: ${p.owner}) and record the review in the Online Safety Register. Due ${dayToUk(p.nextReviewOn)}.`,
    })
  }

  for (const t of await loadTemplates(db)) {
    const span = t.spans.at(-1)!
    const first = periodOf(span.rhythm, span.everyYears, span.from, schoolYearOf(span.from))
    calendar.createEvent({
      id: `check-${t.row.id}-${span.from}@${UID_DOMAIN}`,
      stamp,
      start: londonTime(first.start, CHECK_TIME.hour, CHECK_TIME.minute),
      end: londonTime(first.start, CHECK_TIME.hour + 1, CHECK_TIME.minute),
      timezone: SCHOOL_TZ,
      summary: `Check: ${t.row.name}`,
      description: `${rhythmLabel(span.rhythm, span.everyYears)}; responsible: ${ROLE_LABELS[t.row.responsible_role]}. ${t.row.description} Record it in the Online Safety Register.`.trim(),
      repeating: repeatRule(span.rhythm, span.everyYears),
    })
  }
  return { text: calendar.toString(), events: calendar.events().length }
}

/** Writes the calendar as the file chosen in the Save window, else into the export folder. Audited. */
export async function exportIcs(ctx: FeatureContext, to: { chosen: ChosenFile | undefined; exportDir: string }): Promise<{ file: string; events: number }> {
  const { text, events } = await buildIcs(ctx)
  const bytes = Buffer.from(text, 'utf8')
  const file = to.chosen
    ? saveChosenFile(to.chosen, bytes, 'ics', 'A calendar for Outlook is an iCalendar file')
    : saveNewFile(to.exportDir, calendarFileName(ukToday(ctx.now())), bytes)
  await ctx.store.audit({ action: 'calendar.export', detail: `${events} events` })
  return { file, events }
}
