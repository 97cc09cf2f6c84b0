import { describe, expect, it } from 'vitest'
import { parseUkDate, ukDateProblem } from '../../shared/dates/uk-date-input'
import { isoDateToUk, ukDate, ukDateTime } from '../../shared/dates/uk-format'

describe('UK dates', () => {
  it('shows times on the school’s clock, in summer and in winter', () => {
    expect(ukDateTime('2025-07-01T08:30:00Z')).toBe('01/07/2025 09:30')
    expect(ukDateTime('2025-12-01T08:30:00Z')).toBe('01/12/2025 08:30')
    expect(ukDate('2025-08-31T23:30:00Z')).toBe('01/09/2025')
    expect(ukDateTime(null)).toBe('—')
    expect(ukDateTime('not a date')).toBe('—')
  })

  it('reads dates typed the UK way and refuses ones that do not exist', () => {
    expect(parseUkDate('01/09/2025')).toBe('2025-09-01')
    expect(parseUkDate('1/9/2025')).toBe('2025-09-01')
    expect(parseUkDate(' 31.08.2026 ')).toBe('2026-08-31')
    expect(parseUkDate('31/02/2025')).toBeNull()
    expect(ukDateProblem('31/02/2025')).toBe('There is no 31/02/2025 in the calendar: check the day and the month.')
    expect(ukDateProblem('31 Sep 2025')).toBe('There is no 31 Sep 2025 in the calendar: check the day and the month.')
    expect(ukDateProblem('next tuesday')).toBe('Write the date day first, for example 04/12/2026 or 4 Dec 2026.')
    expect(parseUkDate('2025-09-01')).toBeNull()
    expect(isoDateToUk('2025-09-01')).toBe('01/09/2025')
  })

  it('reads the other ways a UK office writes a date, day first, and two-digit years sensibly', () => {
    const now = new Date(2026, 11, 5)
    expect(parseUkDate('4/12/26', now)).toBe('2026-12-04')
    expect(parseUkDate('04.12.2026', now)).toBe('2026-12-04')
    expect(parseUkDate('4-12-2026', now)).toBe('2026-12-04')
    expect(parseUkDate('4 Dec 2026', now)).toBe('2026-12-04')
    expect(parseUkDate('4 dec 2026', now)).toBe('2026-12-04')
    expect(parseUkDate('4 December 2026', now)).toBe('2026-12-04')
    expect(parseUkDate('4th December 2026', now)).toBe('2026-12-04')
    expect(parseUkDate('  4   Dec   26 ', now)).toBe('2026-12-04')
    expect(parseUkDate('30 Sept 2026', now)).toBe('2026-09-30')
    expect(parseUkDate('01/09/25', now)).toBe('2025-09-01')
    // Ten years ahead at most: a two-digit year further on is last century's.
    expect(parseUkDate('1/1/36', now)).toBe('2036-01-01')
    expect(parseUkDate('1/1/37', now)).toBe('1937-01-01')
    expect(parseUkDate('12/3/85', now)).toBe('1985-03-12')
    // Still refused: impossible days, month names that are not months, American order and ISO.
    expect(parseUkDate('31 Feb 2026', now)).toBeNull()
    expect(parseUkDate('29/02/27', now)).toBeNull()
    expect(parseUkDate('4 Dex 2026', now)).toBeNull()
    expect(parseUkDate('12/31/2026', now)).toBeNull()
    expect(parseUkDate('Dec 4 2026', now)).toBeNull()
    expect(parseUkDate('4/12/202', now)).toBeNull()
    expect(isoDateToUk('2025-09-01')).toBe('01/09/2025')
  })
})
