import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'

/**
 * The window opens where it was closed: size, position and whether it was maximised, kept in a
 * small file in each Windows user's own settings folder (%APPDATA%\Online Safety Register), not
 * with the register's records. A damaged file, or a screen that is no longer there (the laptop
 * left its docking station), falls back to a window that fits on a screen that is.
 */
export const WINDOW_STATE_FILE = 'window-state.json'
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 }
export const MIN_WINDOW_SIZE = { width: 900, height: 600 }
/** Resizing and moving send many events: save once things have settled. */
export const SAVE_DELAY_MS = 500

const coordinate = z.number().int().min(-100_000).max(100_000)
const length = z.number().int().min(1).max(100_000)
const windowStateSchema = z
  .object({ version: z.literal(1), x: coordinate, y: coordinate, width: length, height: length, maximized: z.boolean() })
  .strict()
export type WindowState = z.infer<typeof windowStateSchema>

export type Rect = { x: number; y: number; width: number; height: number }
export type Placement = { x?: number; y?: number; width: number; height: number; maximized: boolean }

export type ReadResult = { state: WindowState | null; problem: string | null }

/** The saved state, or null (first run, or a damaged file: `problem` says which, for the log). */
export function readWindowState(file: string): ReadResult {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return { state: null, problem: code === 'ENOENT' ? null : `could not read ${file}: ${code ?? String(err)}` }
  }
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text))
    if (parsed.success) return { state: parsed.data, problem: null }
    return { state: null, problem: `ignored ${file}: ${parsed.error.issues[0]?.message ?? 'not a window state'}` }
  } catch {
    return { state: null, problem: `ignored ${file}: not JSON` }
  }
}

/** Written beside, then renamed over: a crash mid-write leaves the old file, never half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.tmp`
  writeFileSync(temp, JSON.stringify(state))
  renameSync(temp, file)
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

/**
 * Where to open the window, given the saved state and the work areas (screen minus taskbar) of
 * the displays there are now. The window goes on the display it overlaps most, or the primary
 * one if it overlaps none, shrunk to fit and moved wholly onto it.
 */
export function placeWindow(saved: WindowState | null, workAreas: Rect[], primary: Rect): Placement {
  if (!saved) {
    // No x/y: Electron centres the window on the primary display.
    return {
      width: Math.min(DEFAULT_WINDOW_SIZE.width, primary.width),
      height: Math.min(DEFAULT_WINDOW_SIZE.height, primary.height),
      maximized: false,
    }
  }
  let best = primary
  let bestOverlap = 0
  for (const area of workAreas) {
    const o = overlap(saved, area)
    if (o > bestOverlap) {
      best = area
      bestOverlap = o
    }
  }
  const width = clamp(saved.width, Math.min(MIN_WINDOW_SIZE.width, best.width), best.width)
  const height = clamp(saved.height, Math.min(MIN_WINDOW_SIZE.height, best.height), best.height)
  return {
    x: clamp(saved.x, best.x, best.x + best.width - width),
    y: clamp(saved.y, best.y, best.y + best.height - height),
    width,
    height,
    maximized: saved.maximized,
  }
}

/** The part of a BrowserWindow the tracker needs. */
export type TrackedWindow = {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
  getNormalBounds(): Rect
  isMaximized(): boolean
  isMinimized(): boolean
  isFullScreen(): boolean
}

export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Saves the window's state after it has stopped moving or resizing for SAVE_DELAY_MS, and at once
 * when it closes. The normal (restored) bounds are kept, so a maximised window un-maximises to
 * the size it had. A failed save is reported, never thrown: it must not stop the window closing.
 */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  options: { timers?: Timers; onError?: (err: unknown) => void } = {},
): void {
  const timers = options.timers ?? realTimers
  let pending: unknown = null

  const saveNow = () => {
    if (pending !== null) timers.clearTimeout(pending)
    pending = null
    // A minimised or full-screen window is not a state to come back to; keep the last one.
    if (win.isMinimized() || win.isFullScreen()) return
    const b = win.getNormalBounds()
    try {
      save({ version: 1, x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height), maximized: win.isMaximized() })
    } catch (err) {
      options.onError?.(err)
    }
  }
  const saveSoon = () => {
    if (pending !== null) timers.clearTimeout(pending)
    pending = timers.setTimeout(saveNow, SAVE_DELAY_MS)
  }

  win.on('resize', saveSoon)
  win.on('move', saveSoon)
  win.on('maximize', saveSoon)
  win.on('unmaximize', saveSoon)
  win.on('close', saveNow)
}
