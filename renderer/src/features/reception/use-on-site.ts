import { onBeforeUnmount, ref } from 'vue'
import type { Visit } from '@shared/domain/visits'
import { call, messageOf } from '@/api'

/** How often the list refreshes itself: someone may be signed in or out at another desk. */
export const REFRESH_MS = 30_000

/** Who is on site now, kept fresh while the screen is open, and signing people out. */
export function useOnSite() {
  const visits = ref<Visit[]>([])
  const asAt = ref<string | null>(null)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)
  const signingOut = ref<number | null>(null)
  const signOutError = ref<string | null>(null)
  let timer: ReturnType<typeof setInterval> | null = null

  async function load(): Promise<void> {
    loading.value = true
    try {
      const list = await call('visits.onSite', {})
      visits.value = list.visits
      asAt.value = list.asAt
      loaded.value = true
      error.value = null
    } catch (err) {
      error.value = messageOf(err, 'The list of who is on site could not be read.')
    } finally {
      loading.value = false
    }
  }

  /** Signs out anyone still in after the school's set time, then reads the list. */
  async function open(): Promise<void> {
    try {
      await call('visits.autoSignOut', {})
    } catch {
      // Not fatal: the list below says whether the records can be read at all.
    }
    await load()
    stop()
    timer = setInterval(() => void load(), REFRESH_MS)
  }

  function stop(): void {
    if (timer) clearInterval(timer)
    timer = null
  }
  onBeforeUnmount(stop)

  async function signOut(visit: Visit): Promise<Visit | null> {
    signingOut.value = visit.id
    signOutError.value = null
    try {
      const done = await call('visits.signOut', { visitId: visit.id })
      visits.value = visits.value.filter((v) => v.id !== visit.id)
      void load()
      return done
    } catch (err) {
      signOutError.value = messageOf(err, `${visit.visitorName} could not be signed out. Please try again.`)
      return null
    } finally {
      signingOut.value = null
    }
  }

  /** Puts back someone signed out by mistake (the core allows it for a few minutes). */
  async function undoSignOut(visit: Visit): Promise<Visit | null> {
    signOutError.value = null
    try {
      const back = await call('visits.undoSignOut', { visitId: visit.id })
      add(back)
      return back
    } catch (err) {
      signOutError.value = messageOf(err, `${visit.visitorName} could not be put back on the list. Sign them in again.`)
      return null
    }
  }

  /** A visit just made at this desk goes straight onto the list, without waiting for the refresh. */
  function add(visit: Visit): void {
    visits.value = [...visits.value.filter((v) => v.id !== visit.id), visit].sort((a, b) => a.visitorName.localeCompare(b.visitorName, 'en-GB'))
    void load()
  }

  return { visits, asAt, loading, loaded, error, signingOut, signOutError, open, load, stop, signOut, undoSignOut, add }
}
