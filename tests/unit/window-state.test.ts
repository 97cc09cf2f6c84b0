import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_WINDOW_SIZE,
  placeWindow,
  readWindowState,
  SAVE_DELAY_MS,
  trackWindowState,
  writeWindowState,
  type Rect,
  type Timers,
  type TrackedWindow,
  type WindowState,
} from '../../electron/main/window-state'

const laptop: Rect = { x: 0, y: 0, width: 1536, height: 824 } // 1920x1080 at 125 %, minus the taskbar
const monitor: Rect = { x: 1536, y: 0, width: 2560, height: 1400 }
const saved = (over: Partial<WindowState> = {}): WindowState => ({ version: 1, x: 100, y: 50, width: 1200, height: 700, maximized: false, ...over })

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'osr-window-state-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('reading and writing the window state', () => {
  it('first run: no file, no state, nothing to report', () => {
    expect(readWindowState(join(dir, 'window-state.json'))).toEqual({ state: null, problem: null })
  })

  it('reads back what it wrote, creating the settings folder', () => {
    const file = join(dir, 'Online Safety Register', 'window-state.json')
    writeWindowState(file, saved({ maximized: true }))
    expect(readWindowState(file)).toEqual({ state: saved({ maximized: true }), problem: null })
    expect(existsSync(`${file}.tmp`)).toBe(false)
  })

  it.each([
    ['not JSON', '{"x": 10, "y":'],
    ['the wrong shape', JSON.stringify({ version: 1, x: 'left', y: 0, width: 800, height: 600, maximized: false })],
    ['a zero size', JSON.stringify({ version: 1, x: 0, y: 0, width: 0, height: 600, maximized: false })],
    ['an unknown key', JSON.stringify({ ...saved(), script: 'x' })],
    ['an empty file', ''],
  ])('a damaged file (%s) is ignored and reported', (_what, text) => {
    const file = join(dir, 'window-state.json')
    writeFileSync(file, text)
    const result = readWindowState(file)
    expect(result.state).toBeNull()
    expect(result.problem).toMatch(/ignored/)
  })
})

describe('placing the window', () => {
  it('first run: the default size, centred (no position) on the primary display', () => {
    expect(placeWindow(null, [laptop], laptop)).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false })
  })

  it('first run on a small screen: no bigger than the screen', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 728 }
    expect(placeWindow(null, [small], small)).toEqual({ width: 1024, height: 728, maximized: false })
  })

  it('puts a window back exactly where it was when that is still on a screen', () => {
    expect(placeWindow(saved({ maximized: true }), [laptop, monitor], laptop)).toEqual({ x: 100, y: 50, width: 1200, height: 700, maximized: true })
    expect(placeWindow(saved({ x: 2000, y: 100 }), [laptop, monitor], laptop)).toMatchObject({ x: 2000, y: 100 })
  })

  it('a window left on a monitor that is no longer there comes back onto the primary screen', () => {
    const placed = placeWindow(saved({ x: 2200, y: 300, width: 1800, height: 1000 }), [laptop], laptop)
    expect(placed).toEqual({ x: 0, y: 0, width: 1536, height: 824, maximized: false })
  })

  it('a window hanging off the edge is moved wholly onto the screen it is mostly on', () => {
    const placed = placeWindow(saved({ x: 1000, y: 500, width: 1200, height: 700 }), [laptop, monitor], laptop)
    // More of it is on the monitor (x 1536..2200) than on the laptop (1000..1536).
    expect(placed).toEqual({ x: 1536, y: 500, width: 1200, height: 700, maximized: false })
  })

  it('a screen to the left (negative coordinates) counts as a screen', () => {
    const left: Rect = { x: -1920, y: 0, width: 1920, height: 1040 }
    expect(placeWindow(saved({ x: -1500, y: 100 }), [laptop, left], laptop)).toMatchObject({ x: -1500, y: 100 })
  })

  it('never smaller than the minimum unless the screen is', () => {
    expect(placeWindow(saved({ width: 300, height: 200 }), [laptop], laptop)).toMatchObject({ width: 900, height: 600 })
  })
})

describe('saving as the window changes', () => {
  class FakeWindow implements TrackedWindow {
    listeners = new Map<string, Array<() => void>>()
    bounds: Rect = { x: 10, y: 20, width: 1000, height: 700 }
    maximized = false
    minimized = false
    on(event: string, listener: () => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    }
    emit(event: string) {
      for (const l of this.listeners.get(event) ?? []) l()
    }
    getNormalBounds() {
      return this.bounds
    }
    isMaximized() {
      return this.maximized
    }
    isMinimized() {
      return this.minimized
    }
    isFullScreen() {
      return false
    }
  }
  class FakeTimers implements Timers {
    pending = new Map<number, { fn: () => void; ms: number }>()
    next = 1
    setTimeout(fn: () => void, ms: number) {
      this.pending.set(this.next, { fn, ms })
      return this.next++
    }
    clearTimeout(handle: unknown) {
      this.pending.delete(handle as number)
    }
    runAll() {
      const due = [...this.pending.values()]
      this.pending.clear()
      for (const t of due) t.fn()
    }
  }

  it('saves once after a burst of resizes has settled, with the normal bounds', () => {
    const win = new FakeWindow()
    const timers = new FakeTimers()
    const file = join(dir, 'window-state.json')
    trackWindowState(win, (s) => writeWindowState(file, s), { timers })
    for (let i = 0; i < 20; i++) win.emit('resize')
    win.emit('move')
    expect(timers.pending.size).toBe(1)
    expect([...timers.pending.values()][0]!.ms).toBe(SAVE_DELAY_MS)
    expect(existsSync(file)).toBe(false)
    timers.runAll()
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, x: 10, y: 20, width: 1000, height: 700, maximized: false })
  })

  it('saves at once on close, maximised with the size to restore to', () => {
    const win = new FakeWindow()
    const timers = new FakeTimers()
    const saves: WindowState[] = []
    trackWindowState(win, (s) => saves.push(s), { timers })
    win.maximized = true
    win.emit('maximize')
    win.emit('close')
    expect(saves).toEqual([{ version: 1, x: 10, y: 20, width: 1000, height: 700, maximized: true }])
    expect(timers.pending.size).toBe(0)
  })

  it('a minimised window is not saved (it would come back minimised)', () => {
    const win = new FakeWindow()
    const saves: WindowState[] = []
    trackWindowState(win, (s) => saves.push(s), { timers: new FakeTimers() })
    win.minimized = true
    win.emit('close')
    expect(saves).toEqual([])
  })

  it('a failed save is reported and does not stop the window closing', () => {
    const win = new FakeWindow()
    const errors: unknown[] = []
    trackWindowState(
      win,
      () => {
        throw new Error('EACCES')
      },
      { timers: new FakeTimers(), onError: (e) => errors.push(e) },
    )
    expect(() => win.emit('close')).not.toThrow()
    expect(errors).toHaveLength(1)
  })
})
