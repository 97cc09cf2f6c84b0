// Dates as people type them in a UK office: day first, in any of the usual forms.
import { format, isValid, parse } from 'date-fns'
import { enGB } from 'date-fns/locale'

/** How far ahead of this year a two-digit year may point: "26" is 2026, "85" is 1985. */
const TWO_DIGIT_YEARS_AHEAD = 10

function fullYear(typed: string, now: Date): number {
  if (typed.length === 4) return Number(typed)
  const thisYear = now.getFullYear()
  const year = 2000 + Number(typed)
  return year > thisYear + TWO_DIGIT_YEARS_AHEAD ? year - 100 : year
}

const NUMERIC = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$/
const WITH_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? (\d{2}|\d{4})$/i

/**
 * Reads a date typed the UK way — 04/12/2026, 4/12/26, 04.12.2026, 4-12-2026, 4 Dec 2026,
 * 4 December 2026 — and gives it as YYYY-MM-DD, or null when it is not a real date. Always day
 * first. A two-digit year is this century's unless that is more than ten years ahead
 * (26 → 2026, 85 → 1985); `now` is for the tests.
 */
export function parseUkDate(text: string, now: Date = new Date()): string | null {
  const t = text.trim().replace(/\s+/g, ' ')
  const numeric = NUMERIC.exec(t)
  if (numeric) {
    const [, d, m, y] = numeric
    const day = parse(`${fullYear(y!, now)}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`, 'yyyy-MM-dd', new Date(2000, 0, 1))
    return isValid(day) ? format(day, 'yyyy-MM-dd') : null
  }
  const named = WITH_MONTH_NAME.exec(t)
  if (named) {
    const [, d, month, y] = named
    // "Sept" is how many people shorten September; date-fns knows it as "Sep".
    const m = /^sept$/i.test(month!) ? 'Sep' : month!
    for (const pattern of ['d MMM yyyy', 'd MMMM yyyy']) {
      const day = parse(`${d} ${m} ${fullYear(y!, now)}`, pattern, new Date(2000, 0, 1), { locale: enGB })
      if (isValid(day)) return format(day, 'yyyy-MM-dd')
    }
  }
  return null
}

/**
 * What is wrong with a date that `parseUkDate` could not read, in words: a day the calendar does
 * not have (31/02/2026, 31 Sep 2026) is named as such; anything else is shown the forms it takes.
 */
export function ukDateProblem(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ')
  if (NUMERIC.test(t) || WITH_MONTH_NAME.test(t)) return `There is no ${t} in the calendar: check the day and the month.`
  return 'Write the date day first, for example 04/12/2026 or 4 Dec 2026.'
}
