import { computed, onBeforeUnmount, ref, watch } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import type { Draft, DraftForm } from '@shared/domain/drafts'
import { call, messageOf } from '@/api'
import { registerDraft } from './draft-registry'

/** How long after the last key press the typing is kept. */
export const DRAFT_DEBOUNCE_MS = 1000

export interface DraftOptions<T> {
  /** Which form (a screen serving two forms gives a function). */
  form: DraftForm | (() => DraftForm)
  /** Which record the form is about ('' for a new one). */
  recordKey: () => string
  /** What the form holds now, or null while it is not ready. */
  snapshot: () => T | null
  /** Puts a kept draft back into the form. */
  restore: (content: T) => void
  /** False for a screen that asks before leaving in its own words (it calls `flush` itself). */
  guardLeaving?: boolean
}

type DraftState = 'idle' | 'waiting' | 'saving' | 'saved' | 'failed'

/**
 * Keeps a form's typing as the signed-in user's draft in the register while they type, offers
 * it back when they return ("Carry on" / "Discard"), and deletes it when the record is saved.
 * Leaving the form (a menu item, another address) first keeps the typing; only when that fails
 * does the screen ask whether to stay (`leaving`). Call `start()` once the form has its data.
 */
export function useDraft<T>(options: DraftOptions<T>) {
  const offer = ref<Draft | null>(null)
  const state = ref<DraftState>('idle')
  const savedAt = ref<string | null>(null)
  const error = ref<string | null>(null)
  /** Set while leaving waits for an answer: go anyway, or stay. */
  const leaving = ref<((go: boolean) => void) | null>(null)
  let ready = false
  let finished = false
  let baseline = ''
  let lastKept: string | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  const now = () => JSON.stringify(options.snapshot())
  const which = () => ({ form: typeof options.form === 'function' ? options.form() : options.form, recordKey: options.recordKey() })

  /** After the form is loaded: what it holds is the starting point; a kept draft is offered. */
  async function start(): Promise<void> {
    clearTimeout(timer)
    ready = false
    finished = false
    offer.value = null
    savedAt.value = null
    error.value = null
    state.value = 'idle'
    baseline = now()
    lastKept = null
    try {
      const kept = await call('drafts.get', which())
      if (kept && kept.content !== baseline) offer.value = kept
      else if (kept) await call('drafts.discard', which())
    } catch {
      // No draft to offer (the register says why on the next save); the form works as before.
    }
    ready = true
  }

  /** Keeps the typing now. False when it could not be kept (the reason is in `error`). */
  async function flush(): Promise<boolean> {
    clearTimeout(timer)
    if (!ready || finished || offer.value || options.snapshot() === null) return true
    const text = now()
    if (text === lastKept) {
      state.value = savedAt.value ? 'saved' : 'idle'
      return true
    }
    state.value = 'saving'
    try {
      if (text === baseline) {
        // Typed and rubbed out again: nothing is left to keep.
        if (lastKept !== null) await call('drafts.discard', which())
        savedAt.value = null
        state.value = 'idle'
      } else {
        savedAt.value = (await call('drafts.save', { ...which(), content: text })).savedAt
        state.value = 'saved'
      }
      lastKept = text
      error.value = null
      return true
    } catch (err) {
      state.value = 'failed'
      error.value = messageOf(err, 'What you typed could not be kept as a draft.')
      return false
    }
  }

  watch(now, () => {
    if (!ready || finished || offer.value || options.snapshot() === null) return
    state.value = 'waiting'
    clearTimeout(timer)
    timer = setTimeout(() => void flush(), DRAFT_DEBOUNCE_MS)
  })

  function carryOn(): void {
    const kept = offer.value
    if (!kept) return
    offer.value = null
    options.restore(JSON.parse(kept.content) as T)
    lastKept = now()
    savedAt.value = kept.savedAt
    state.value = 'saved'
  }

  async function discard(): Promise<void> {
    offer.value = null
    lastKept = null
    try {
      await call('drafts.discard', which())
    } catch (err) {
      error.value = messageOf(err, 'The draft could not be deleted.')
    }
  }

  /** The record is saved: its draft goes, and leaving asks nothing. */
  async function finish(): Promise<void> {
    finished = true
    clearTimeout(timer)
    try {
      await call('drafts.discard', which())
    } catch {
      // The record is saved; a draft left behind is offered next time and can be discarded.
    }
  }

  const unregister = registerDraft(flush)
  onBeforeUnmount(() => {
    unregister()
    clearTimeout(timer)
  })

  onBeforeRouteLeave(async (to) => {
    if (options.guardLeaving === false) return true
    // Locking has kept the typing already and must never be held up.
    if (finished || to.name === 'login' || to.name === 'setup') return true
    if (await flush()) return true
    return new Promise<boolean>((resolve) => {
      leaving.value = (go) => {
        leaving.value = null
        resolve(go)
      }
    })
  })

  const unkept = computed(() => state.value === 'waiting' || state.value === 'saving' || state.value === 'failed')

  return { offer, state, savedAt, error, leaving, unkept, start, flush, carryOn, discard, finish }
}

export type DraftHandle = ReturnType<typeof useDraft>
