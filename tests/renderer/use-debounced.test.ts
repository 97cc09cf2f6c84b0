import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useDebounced } from '@/lib/use-debounced'

describe('waiting for a pause in the typing', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs once, with the last thing typed, when the typing has paused for the time given', () => {
    const run = vi.fn()
    const typed = useDebounced((text: string) => run(text), 300)
    typed('R')
    vi.advanceTimersByTime(200)
    typed('Ri')
    vi.advanceTimersByTime(299)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledTimes(1)
    expect(run).toHaveBeenCalledWith('Ri')
  })

  it('does not run for a pause that was cancelled', () => {
    const run = vi.fn()
    const typed = useDebounced(run, 300)
    typed()
    typed.cancel()
    vi.advanceTimersByTime(1000)
    expect(run).not.toHaveBeenCalled()
  })

  it('does not run once the screen that owns it has closed', () => {
    const run = vi.fn()
    const scope = effectScope()
    const typed = scope.run(() => useDebounced(run, 300))!
    typed()
    scope.stop()
    vi.advanceTimersByTime(1000)
    expect(run).not.toHaveBeenCalled()
  })
})
