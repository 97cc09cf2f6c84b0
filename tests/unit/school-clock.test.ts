import { describe, expect, it } from 'vitest'
import { academicYear, academicYearOf, lastMonth, periodCountsIn, schoolYearLabel, schoolYearOf } from '../../shared/dates/school-year'
import { periodBounds, periodLabel, ukDate, ukLongDate } from '../../shared/dates/uk-format'
import { addDays, isRealDay, ukDay, ukInstant, ukToday } from '../../shared/dates/uk-time'

// One clock for the core, the command line and the window: these run in the test's own time zone
// (CI runs them under faketime and TZ of its choosing); every answer is the school's, in UK time.
describe('the school’s clock', () => {
  it('gives the UK day and instant either side of midnight, in summer and winter', () => {
    expect(ukDay('2026-08-31T23:30:00Z')).toBe('2026-09-01')
    expect(ukDay('2026-12-31T23:30:00Z')).toBe('2026-12-31')
    expect(ukToday(Date.parse('2026-03-29T00:30:00Z'))).toBe('2026-03-29')
    expect(new Date(ukInstant('2026-06-01', '18:00')).toISOString()).toBe('2026-06-01T17:00:00.000Z')
    expect(new Date(ukInstant('2026-12-01', '18:00')).toISOString()).toBe('2026-12-01T18:00:00.000Z')
    expect(periodBounds('2026-06-01', '2026-06-30')).toEqual({ start: '2026-05-31T23:00:00.000Z', end: '2026-06-30T23:00:00.000Z' })
  })

  it('counts days across months and leap years, and knows which days exist', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect([isRealDay('2028-02-29'), isRealDay('2027-02-29'), isRealDay('2026-04-31'), isRealDay('4/12/2026')]).toEqual([true, false, false, false])
  })

  it('writes dates as the office does, a dash for none', () => {
    expect(ukDate('2026-07-01T23:30:00Z')).toBe('02/07/2026')
    expect(ukLongDate(new Date('2026-11-24T10:00:00Z'))).toBe('24 November 2026')
    expect(ukDate(null)).toBe('—')
    expect(periodLabel('2025-09-01', '2026-08-31')).toBe('1 September 2025 to 31 August 2026')
  })

  it('puts a day in one school year, and names every school year one way', () => {
    expect([schoolYearOf('2026-08-31'), schoolYearOf('2026-09-01')]).toEqual([2025, 2026])
    expect(schoolYearLabel(2025)).toBe('2025–26')
    expect(schoolYearLabel(1999)).toBe('1999–00')
    expect(schoolYearLabel(2020, 6)).toBe('2020–26')
    expect(academicYearOf(2025)).toEqual({ startYear: 2025, from: '2025-09-01', to: '2026-08-31', label: '2025–26' })
    // 23:30 UTC on 31 August is 00:30 on 1 September in the school: the new year has begun.
    expect(academicYear(Date.parse('2026-08-31T23:30:00Z')).label).toBe('2026–27')
    expect(academicYear(Date.parse('2026-08-31T22:30:00Z'), 1).label).toBe('2024–25')
    expect(periodCountsIn({ start: '2024-08-26' }, '2023-09-01', '2024-08-31')).toBe(true)
    expect(periodCountsIn({ start: '2024-08-26' }, '2024-09-01', '2025-08-31')).toBe(false)
  })

  it('gives last month from the school’s today, across the new year', () => {
    expect(lastMonth(Date.parse('2027-01-01T00:30:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31', label: 'December 2026' })
    expect(lastMonth(Date.parse('2026-03-31T23:30:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-31', label: 'March 2026' })
  })
})
