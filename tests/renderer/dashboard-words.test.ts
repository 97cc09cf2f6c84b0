import { describe, expect, it } from 'vitest'
import { greeting, longDay, trendChart, trendWords } from '@/features/dashboard/dashboard-words'

describe('the dashboard’s words', () => {
  it('greets by the school’s clock, by first name', () => {
    // 24 November: UK time is UTC.
    expect(greeting(new Date('2026-11-24T08:30:00Z'), 'Siân Jones')).toBe('Good morning, Siân')
    expect(greeting(new Date('2026-11-24T12:00:00Z'), 'Siân Jones')).toBe('Good afternoon, Siân')
    expect(greeting(new Date('2026-11-24T18:05:00Z'), 'Siân')).toBe('Good evening, Siân')
    // 15 June, 11:30 UTC is 12:30 in British Summer Time.
    expect(greeting(new Date('2026-06-15T11:30:00Z'), 'Łukasz Nowak')).toBe('Good afternoon, Łukasz')
  })

  it('writes the day in full, the UK way', () => {
    expect(longDay('2026-11-24')).toBe('Tuesday 24 November 2026')
  })

  it('says the trend in words, one or many', () => {
    const t = { term: 'Autumn term 2026', previousTerm: 'Autumn term 2025', months: [{ label: 'September', count: 1, previous: 1200 }], total: 1, previousTotal: 1200 }
    expect(trendWords(t)).toBe('1 incident so far this term, 1,200 in the same months last year.')
    expect(trendChart(t)).toEqual({ categories: ['September'], series: [{ name: 'Autumn term 2026', counts: [1] }, { name: 'Autumn term 2025', counts: [1200] }] })
  })
})
