import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/** The core's idle timer is reset at most this often while someone is working. */
export const KEEP_ALIVE_EVERY_MS = 60_000
/** How long before the lock a warning shows, so a person reading a record can stay. */
export const WARN_BEFORE_MS = 30_000

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const

export interface IdleLockOptions {
  /** Minutes without input before locking; null or 0 turns the watch off. */
  minutes: Ref<number | null>
  /** Called once when the time runs out. */
  onIdle: () => void | Promise<void>
  /** Tells the core someone is still here; may answer with the current idle minutes. */
  keepAlive: () => Promise<number | null>
  /** Where input is watched (the window in the app). */
  target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
}

/**
 * Watches for input and locks after a spell without any. Timers are rescheduled only when
 * they fire (not on every mouse move), so watching costs next to nothing.
 */
export function createIdleLock(options: IdleLockOptions) {
  const target = options.target ?? window
  const warning = ref(false)
  let running = false
  let lastActivity = 0
  let lastKeepAlive = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const idleMs = () => (options.minutes.value ?? 0) * 60_000

  function check(): void {
    clearTimeout(timer)
    timer = undefined
    if (!running || idleMs() <= 0) return
    const remaining = idleMs() - (Date.now() - lastActivity)
    if (remaining <= 0) {
      stop()
      void options.onIdle()
      return
    }
    warning.value = remaining <= WARN_BEFORE_MS
    timer = setTimeout(check, warning.value ? remaining : remaining - WARN_BEFORE_MS)
  }

  function activity(): void {
    if (!running) return
    const now = Date.now()
    lastActivity = now
    if (warning.value) check()
    if (now - lastKeepAlive >= KEEP_ALIVE_EVERY_MS) {
      lastKeepAlive = now
      options
        .keepAlive()
        .then((minutes) => {
          if (minutes && minutes !== options.minutes.value) options.minutes.value = minutes
        })
        .catch(() => {
          // A locked core is handled centrally by the api module; nothing else to do here.
        })
    }
  }

  function start(): void {
    if (running) return
    running = true
    lastActivity = Date.now()
    // Signing in has just reset the core's timer.
    lastKeepAlive = lastActivity
    for (const name of ACTIVITY_EVENTS) target.addEventListener(name, activity, { passive: true, capture: true })
    check()
  }

  function stop(): void {
    running = false
    warning.value = false
    clearTimeout(timer)
    timer = undefined
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, activity, { capture: true })
  }

  const stopWatch = watch(options.minutes, () => check())

  function dispose(): void {
    stop()
    stopWatch()
  }

  return { warning, start, stop, activity, dispose, isRunning: () => running }
}

/** The idle lock for a component's lifetime, on while `enabled` is true. */
export function useIdleLock(enabled: Ref<boolean>, options: IdleLockOptions) {
  const lock = createIdleLock(options)
  watch(enabled, (on) => (on ? lock.start() : lock.stop()), { immediate: true })
  onBeforeUnmount(() => lock.dispose())
  return lock
}
