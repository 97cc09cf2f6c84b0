import { describe, expect, it } from 'vitest'
import { changeWords, countedFrom, currentStartYear, defaultStartYear, percent, yearChoices } from '@/features/annual-review/annual-words'

describe('the academic year to show', () => {
  it('starts on the year that ended most recently: the pack is printed in the autumn for the year before', () => {
    expect(defaultStartYear('2026-11-24')).toBe(2025)
    expect(defaultStartYear('2026-08-31')).toBe(2024) // 2025–26 has not ended yet on its last day
    expect(defaultStartYear('2026-09-01')).toBe(2025)
    expect(currentStartYear('2026-11-24')).toBe(2026)
  })

  it('offers the current year and the ten before it, newest first, labelled the school way', () => {
    const choices = yearChoices('2026-11-24')
    expect(choices).toHaveLength(11)
    expect(choices.map((c) => c.label).slice(0, 3)).toEqual(['2026–27', '2025–26', '2024–25'])
    expect(choices.at(-1)).toMatchObject({ startYear: 2016, label: '2016–17', from: '2016-09-01', to: '2017-08-31', title: '2016–17' })
    expect(choices[0]!.title).toBe('2026–27 (this school year, so far)')
    expect(choices[1]!.title).toBe('2025–26 (last school year)')
    // A new century's year keeps two digits.
    expect(yearChoices('2100-01-10')[0]!.label).toBe('2099–00')
  })
})

describe('the change on last year, in words', () => {
  it('says up, down or the same, with the count and share', () => {
    expect(changeWords(12, 9, '2024–25')).toBe('Up 3 from 9 in 2024–25 (+33%)')
    expect(changeWords(3, 5, '2024–25')).toBe('Down 2 from 5 in 2024–25 (−40%)')
    expect(changeWords(4, 4, '2024–25')).toBe('The same as in 2024–25 (4)')
    expect(changeWords(0, 0, '2024–25')).toBe('The same as in 2024–25 (0)')
    // No percentage of nothing.
    expect(changeWords(4, 0, '2024–25')).toBe('Up 4 from none in 2024–25')
    expect(changeWords(1_250, 1_000, '2024–25')).toBe('Up 250 from 1,000 in 2024–25 (+25%)')
  })

  it('gives percentages whole, and a dash when there is nothing to count', () => {
    expect(percent(2, 3)).toBe('67%')
    expect(percent(0, 0)).toBe('—')
  })

  it('says where and when the figures were counted', () => {
    expect(countedFrom('the incident log', { drawnOn: '2026-11-24' })).toBe('Counted from the incident log on 24 November 2026.')
  })
})
