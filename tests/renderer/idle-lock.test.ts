import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { createIdleLock, KEEP_ALIVE_EVERY_MS } from '@/features/session/idle-lock'

const MINUTE = 60_000

function setUp(minutes = 10) {
  const target = new EventTarget()
  const onIdle = vi.fn()
  const keepAlive = vi.fn(() => Promise.resolve<number | null>(null))
  const mins = ref<number | null>(minutes)
  const lock = createIdleLock({ minutes: mins, onIdle, keepAlive, target })
  lock.start()
  const input = (type = 'keydown') => target.dispatchEvent(new Event(type))
  return { lock, onIdle, keepAlive, mins, input }
}

describe('the idle lock', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('locks after the set minutes without any input, once', () => {
    const { onIdle } = setUp(10)
    vi.advanceTimersByTime(10 * MINUTE - 1000)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(30 * MINUTE)
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('counts from the last input: a key, the mouse or a touch keeps the register open', () => {
    const { onIdle, input } = setUp(10)
    vi.advanceTimersByTime(9 * MINUTE)
    input('pointermove')
    vi.advanceTimersByTime(9 * MINUTE)
    input('touchstart')
    vi.advanceTimersByTime(9 * MINUTE)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1 * MINUTE)
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('tells the core at most once a minute while someone is working', () => {
    const { keepAlive, input } = setUp(10)
    // Signing in has just reset the core's timer: no call straight away.
    input()
    expect(keepAlive).not.toHaveBeenCalled()
    vi.advanceTimersByTime(KEEP_ALIVE_EVERY_MS)
    for (let i = 0; i < 50; i++) input('pointermove')
    expect(keepAlive).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(30_000)
    input()
    expect(keepAlive).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(30_000)
    input()
    expect(keepAlive).toHaveBeenCalledTimes(2)
  })

  it('does not call the core while nobody is there', () => {
    const { keepAlive } = setUp(10)
    vi.advanceTimersByTime(9 * MINUTE)
    expect(keepAlive).not.toHaveBeenCalled()
  })

  it('warns 30 seconds before locking, and any input clears the warning', () => {
    const { lock, input, onIdle } = setUp(2)
    vi.advanceTimersByTime(89_000)
    expect(lock.warning.value).toBe(false)
    vi.advanceTimersByTime(2_000)
    expect(lock.warning.value).toBe(true)
    input()
    expect(lock.warning.value).toBe(false)
    vi.advanceTimersByTime(2 * MINUTE - 1000)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1000)
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('follows a new idle time from the settings', async () => {
    const { mins, onIdle } = setUp(10)
    vi.advanceTimersByTime(3 * MINUTE)
    mins.value = 2
    await nextTick()
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('takes the idle time the core answers with', async () => {
    const { mins, keepAlive, input } = setUp(10)
    keepAlive.mockResolvedValueOnce(5)
    vi.advanceTimersByTime(KEEP_ALIVE_EVERY_MS)
    input()
    await vi.advanceTimersByTimeAsync(0)
    expect(mins.value).toBe(5)
  })

  it('stops watching when stopped (signed out)', () => {
    const { lock, onIdle, input, keepAlive } = setUp(1)
    lock.stop()
    vi.advanceTimersByTime(5 * MINUTE)
    input()
    expect(onIdle).not.toHaveBeenCalled()
    expect(keepAlive).not.toHaveBeenCalled()
  })
})
