import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushDrafts, registerDraft } from '../../renderer/src/features/drafts/draft-registry'

let unregister: (() => void)[] = []
afterEach(() => {
  for (const u of unregister) u()
  unregister = []
  vi.useRealTimers()
})

describe('keeping open drafts before a lock', () => {
  it('waits for every open form’s save, and forgets a form that has closed', async () => {
    const kept: string[] = []
    unregister.push(registerDraft(async () => (kept.push('incident'), true)))
    const closeReview = registerDraft(async () => (kept.push('review'), true))
    closeReview()
    await flushDrafts()
    expect(kept).toEqual(['incident'])
  })

  it('never holds the lock up longer than its limit, even when a save never answers', async () => {
    vi.useFakeTimers()
    unregister.push(registerDraft(() => new Promise<boolean>(() => undefined)))
    let done = false
    const flushing = flushDrafts(3000).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(2999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await flushing
    expect(done).toBe(true)
  })

  it('still locks when a save fails', async () => {
    unregister.push(registerDraft(() => Promise.reject(new Error('the core refused'))))
    await expect(flushDrafts()).resolves.toBeUndefined()
  })
})
