import { describe, expect, it } from 'vitest'
import { CRASH_LIMIT, CRASH_WINDOW_MS, handleRenderCrashes, type CrashableContents } from '../../electron/main/render-crash'
import { showsRecords, urlWithNotice } from '../../electron/main/window-notice-url'
import { isWindowNoticeKey, WINDOW_NOTICES } from '../../shared/shell/window-notices'

type Details = { reason: 'crashed' | 'clean-exit' | 'killed' | 'oom' | 'abnormal-exit' | 'launch-failed' | 'integrity-failure' | 'memory-eviction'; exitCode: number }

class FakeContents implements CrashableContents {
  loaded: string[] = []
  url = 'app://ui/index.html#/incidents/12'
  destroyed = false
  private listener: ((event: unknown, details: Details) => void) | null = null
  on(_event: 'render-process-gone', listener: (event: unknown, details: Details) => void) {
    this.listener = listener
  }
  gone(details: Details) {
    this.listener?.({}, details)
  }
  getURL() {
    return this.url
  }
  async loadURL(url: string) {
    this.loaded.push(url)
  }
  isDestroyed() {
    return this.destroyed
  }
}

function setUp(options: { quitting?: boolean } = {}) {
  const contents = new FakeContents()
  const log: string[] = []
  let now = 1_000_000
  let gaveUp = 0
  handleRenderCrashes(contents, {
    reloadUrl: (current) => urlWithNotice(current, 'app://ui/index.html', (u) => u.startsWith('app://ui/'), 'window-restarted'),
    log: (m) => log.push(m),
    now: () => now,
    giveUp: () => gaveUp++,
    isQuitting: () => options.quitting ?? false,
  })
  return { contents, log, advance: (ms: number) => (now += ms), gaveUp: () => gaveUp }
}

describe('a crashed page', () => {
  it('is logged and reloaded on the screen it was on, with the plain message', () => {
    const { contents, log } = setUp()
    contents.gone({ reason: 'crashed', exitCode: -1073741819 })
    expect(contents.loaded).toEqual(['app://ui/index.html?notice=window-restarted#/incidents/12'])
    expect(log[0]).toMatch(/crashed, exit code -1073741819/)
  })

  it.each(['oom', 'killed', 'abnormal-exit'] as const)('reloads after %s too', (reason) => {
    const { contents } = setUp()
    contents.gone({ reason, exitCode: 1 })
    expect(contents.loaded).toHaveLength(1)
  })

  it('a clean exit, or the app quitting, reloads nothing', () => {
    const a = setUp()
    a.contents.gone({ reason: 'clean-exit', exitCode: 0 })
    expect(a.contents.loaded).toEqual([])
    const b = setUp({ quitting: true })
    b.contents.gone({ reason: 'killed', exitCode: 1 })
    expect(b.contents.loaded).toEqual([])
  })

  it('a page somewhere else than the app reloads the app’s start page', () => {
    const { contents } = setUp()
    contents.url = 'https://example.org/'
    contents.gone({ reason: 'crashed', exitCode: 1 })
    expect(contents.loaded).toEqual(['app://ui/index.html?notice=window-restarted'])
  })

  it(`stops reloading after ${CRASH_LIMIT} crashes in a short time, and gives up cleanly`, () => {
    const { contents, advance, gaveUp, log } = setUp()
    for (let i = 0; i < CRASH_LIMIT; i++) {
      contents.gone({ reason: 'crashed', exitCode: 1 })
      advance(10_000)
    }
    expect(contents.loaded).toHaveLength(CRASH_LIMIT - 1)
    expect(gaveUp()).toBe(1)
    expect(log.at(-1)).toMatch(/keeps stopping/)
  })

  it('crashes far apart are each reloaded', () => {
    const { contents, advance, gaveUp } = setUp()
    for (let i = 0; i < CRASH_LIMIT + 2; i++) {
      contents.gone({ reason: 'crashed', exitCode: 1 })
      advance(CRASH_WINDOW_MS + 1)
    }
    expect(contents.loaded).toHaveLength(CRASH_LIMIT + 2)
    expect(gaveUp()).toBe(0)
  })
})

describe('the notice in the address', () => {
  it('replaces an earlier notice rather than adding a second', () => {
    const url = urlWithNotice('app://ui/index.html?notice=window-restarted#/', 'app://ui/index.html', () => true, 'locked-from-menu', '#/login')
    expect(url).toBe('app://ui/index.html?notice=locked-from-menu#/login')
  })

  it('only the known notices are accepted by the window', () => {
    expect(Object.keys(WINDOW_NOTICES).every(isWindowNoticeKey)).toBe(true)
    expect(isWindowNoticeKey('toString')).toBe(false)
    expect(isWindowNoticeKey('<img src=x>')).toBe(false)
  })

  it('a lock from the menu leaves the set-up and sign-in screens alone', () => {
    expect(showsRecords('app://ui/index.html#/incidents')).toBe(true)
    expect(showsRecords('app://ui/index.html#/')).toBe(true)
    expect(showsRecords('app://ui/index.html#/login')).toBe(false)
    expect(showsRecords('app://ui/index.html#/login?next=%2Fincidents')).toBe(false)
    expect(showsRecords('app://ui/index.html#/setup')).toBe(false)
    expect(showsRecords('app://ui/index.html#/setupish')).toBe(true)
  })
})
