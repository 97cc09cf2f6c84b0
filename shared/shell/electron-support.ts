/**
 * How long the Electron this app is built on gets security fixes, so the app can tell the business
 * manager when it is time for IT to install a newer version (docs/windows-install.md, "Updates").
 *
 * Electron supports its latest three major versions: a major stops getting fixes when the third
 * major after it is released. The dates are stable-release dates: those up to 43 from Electron's
 * release tags, later ones planned from Chromium's schedule (releases.electronjs.org/schedule).
 * Update this table when the app moves to a new Electron major; a major newer than the table is
 * reported as 'unknown', never as out of support.
 */
export const ELECTRON_STABLE_RELEASES: Readonly<Record<number, string>> = {
  36: '2025-04-29',
  37: '2025-06-24',
  38: '2025-09-02',
  39: '2025-10-28',
  40: '2026-01-13',
  41: '2026-03-10',
  42: '2026-05-05',
  43: '2026-06-30',
  // Planned (Chromium 152, 154, 156, 158, 160).
  44: '2026-09-01',
  45: '2026-10-27',
  46: '2027-01-12',
  47: '2027-03-09',
  48: '2027-05-04',
}

/** How long before the end the business manager is told to plan the update: one Electron cycle. */
export const ELECTRON_SUPPORT_WARNING_DAYS = 56

export type ElectronSupportState = 'supported' | 'ending-soon' | 'ended' | 'unknown'

export type ElectronSupport = {
  major: number
  state: ElectronSupportState
  /** The last day of security fixes (YYYY-MM-DD), when known. */
  endsOn: string | null
  /** One sentence for the business manager. */
  message: string
}

const DAY_MS = 86_400_000

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number)
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY_MS
}

function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
  return `${d} ${months[(m ?? 1) - 1]} ${y}`
}

/** The major version from "45.4.1", or null for anything else. */
export function electronMajor(version: string): number | null {
  const match = /^v?(\d+)\./.exec(version.trim())
  return match ? Number(match[1]) : null
}

/** The Electron version in a window's user agent ("... Electron/45.4.1 ..."), or null outside Electron. */
export function electronVersionFromUserAgent(userAgent: string): string | null {
  return /\bElectron\/(\d+\.\d+\.\d+)/.exec(userAgent)?.[1] ?? null
}

/**
 * Where the given Electron version stands on the given day (YYYY-MM-DD, the school's local date:
 * the caller reads its clock, so tests choose the day).
 */
export function electronSupport(version: string, today: string): ElectronSupport | null {
  const major = electronMajor(version)
  if (major === null) return null
  const majors = Object.keys(ELECTRON_STABLE_RELEASES).map(Number)
  const successor = ELECTRON_STABLE_RELEASES[major + 3]
  const ask = 'Ask your ICT support to install the current signed version of Online Safety Register.'
  if (major < Math.min(...majors)) {
    return { major, state: 'ended', endsOn: null, message: `This copy of the app is built on Electron ${major}, which no longer receives security fixes. ${ask}` }
  }
  if (!successor) {
    return { major, state: 'unknown', endsOn: null, message: `This copy of the app is built on Electron ${major}; the date its security fixes end is not known to this version.` }
  }
  // Support ends the day the third newer major is released.
  const endsOn = new Date((dayNumber(successor) - 1) * DAY_MS).toISOString().slice(0, 10)
  const daysLeft = dayNumber(endsOn) - dayNumber(today)
  if (daysLeft < 0) {
    return { major, state: 'ended', endsOn, message: `This copy of the app is built on Electron ${major}, which stopped receiving security fixes on ${longDate(endsOn)}. ${ask}` }
  }
  if (daysLeft <= ELECTRON_SUPPORT_WARNING_DAYS) {
    return {
      major,
      state: 'ending-soon',
      endsOn,
      message: `This copy of the app is built on Electron ${major}, which stops receiving security fixes on ${longDate(endsOn)}. Ask your ICT support to install the next version of Online Safety Register before then.`,
    }
  }
  return { major, state: 'supported', endsOn, message: `Built on Electron ${major}, which receives security fixes until ${longDate(endsOn)}.` }
}
