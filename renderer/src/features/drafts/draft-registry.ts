/**
 * The drafts of the forms on screen, so locking (F9, idle, signing out) can keep what was typed
 * in the last second before the records close. The core runs calls one at a time, so a save sent
 * before `session.lock` is kept before the lock; waiting for it also shows it finished.
 */
type Flush = () => Promise<boolean>

const open = new Set<Flush>()

export function registerDraft(flush: Flush): () => void {
  open.add(flush)
  return () => open.delete(flush)
}

/** Keeps every open form's typing now; never holds a lock up for longer than `limitMs`. */
export async function flushDrafts(limitMs = 3000): Promise<void> {
  if (open.size === 0) return
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)))
  await Promise.race([Promise.allSettled([...open].map((f) => f())), late])
  clearTimeout(timer)
}
