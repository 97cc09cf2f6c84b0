import { describe, expect, it } from 'vitest'
import { electronMajor, electronSupport, electronVersionFromUserAgent, ELECTRON_STABLE_RELEASES, ELECTRON_SUPPORT_WARNING_DAYS } from '../../shared/shell/electron-support'

describe('Electron support dates', () => {
  it('a major is supported until the day before the third newer major is released', () => {
    // 45 ends when 48 is released (2027-05-04).
    expect(electronSupport('45.4.1', '2026-12-04')).toMatchObject({ major: 45, state: 'supported', endsOn: '2027-05-03' })
    expect(electronSupport('45.4.1', '2027-05-03')?.state).toBe('ending-soon')
    expect(electronSupport('45.4.1', '2027-05-04')).toMatchObject({ state: 'ended', endsOn: '2027-05-03' })
  })

  it(`warns the business manager ${ELECTRON_SUPPORT_WARNING_DAYS} days ahead`, () => {
    expect(electronSupport('45.0.0', '2027-03-07')?.state).toBe('supported')
    const soon = electronSupport('45.0.0', '2027-03-08')
    expect(soon?.state).toBe('ending-soon')
    expect(soon?.message).toMatch(/stops receiving security fixes on 3 May 2027/)
    expect(soon?.message).toMatch(/ICT support/)
  })

  it('says plainly when support has ended', () => {
    expect(electronSupport('40.1.0', '2026-07-01')?.message).toMatch(/stopped receiving security fixes on 29 June 2026\. Ask your ICT support/)
  })

  it('a major older than the table has ended; a newer one is unknown, never called unsupported', () => {
    expect(electronSupport('30.0.0', '2024-01-01')).toMatchObject({ state: 'ended', endsOn: null })
    const newest = Math.max(...Object.keys(ELECTRON_STABLE_RELEASES).map(Number))
    expect(electronSupport(`${newest}.0.0`, '2030-01-01')).toMatchObject({ state: 'unknown', endsOn: null })
  })

  it('reads the version from Electron’s user agent, and nothing from a browser’s', () => {
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) online-safety-register/0.1.0 Chrome/154.0.7700.0 Electron/45.4.1 Safari/537.36'
    expect(electronVersionFromUserAgent(ua)).toBe('45.4.1')
    expect(electronVersionFromUserAgent('Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0 Safari/537.36')).toBeNull()
    expect(electronMajor('not a version')).toBeNull()
    expect(electronSupport('garbage', '2026-01-01')).toBeNull()
  })

  it('the table is in release order, eight weeks or so apart', () => {
    const entries = Object.entries(ELECTRON_STABLE_RELEASES).map(([m, d]) => [Number(m), Date.parse(d)] as const)
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]![0]).toBe(entries[i - 1]![0] + 1)
      const weeks = (entries[i]![1] - entries[i - 1]![1]) / (7 * 86_400_000)
      expect(weeks).toBeGreaterThanOrEqual(7)
      expect(weeks).toBeLessThanOrEqual(12)
    }
  })
})
