import { describe, expect, it } from 'vitest'
import { useSaving } from '@/lib/use-saving'

/** A promise the test settles when it chooses: the call to the core still on its way. */
function pending() {
  let resolve!: () => void
  let reject!: (err: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('an action that saves', () => {
  it('is saving while the action runs, and not once it has finished', async () => {
    const { saving, run } = useSaving()
    const call = pending()
    expect(saving.value).toBe(false)
    const done = run(() => call.promise)
    expect(saving.value).toBe(true)
    call.resolve()
    expect(await done).toBe(true)
    expect(saving.value).toBe(false)
  })

  it('does not run a second time while the first is still on its way, and can run again after', async () => {
    const { run } = useSaving()
    const call = pending()
    let runs = 0
    const first = run(() => {
      runs++
      return call.promise
    })
    const second = run(async () => {
      runs++
    })
    expect(await second).toBe(false)
    expect(runs).toBe(1)
    call.resolve()
    await first
    expect(await run(async () => void runs++)).toBe(true)
    expect(runs).toBe(2)
  })

  it('hands the error to the form, and is no longer saving by then', async () => {
    const { saving, run } = useSaving()
    const refusal = new Error('That name is taken.')
    const seen: unknown[] = []
    const call = pending()
    const done = run(
      () => call.promise,
      (err) => seen.push(err),
    )
    call.reject(refusal)
    expect(await done).toBe(false)
    expect(seen).toEqual([refusal])
    expect(saving.value).toBe(false)
  })

  it('without an error handler, the error reaches whoever awaited it, and saving is over', async () => {
    const { saving, run } = useSaving()
    const refusal = new Error('The register is locked.')
    await expect(run(() => Promise.reject(refusal))).rejects.toBe(refusal)
    expect(saving.value).toBe(false)
    expect(await run(async () => {})).toBe(true)
  })
})
