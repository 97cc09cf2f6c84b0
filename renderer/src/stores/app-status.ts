import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppStatus } from '@shared/api/contract'
import { call, ApiCallError } from '@/api'

/** What the whole window needs to know: is the school set up, is anyone signed in, as whom. */
export const useAppStatus = defineStore('app-status', () => {
  const status = ref<AppStatus | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  /**
   * A sentence for the sign-in screen saying why it is showing (idle lock, hidden screen,
   * restored backup). Kept here because the screen that caused it is gone by then.
   */
  const notice = ref<string | null>(null)
  /** A sentence shown above every screen until dismissed: the window was reopened after a crash. */
  const banner = ref<string | null>(null)

  const user = computed(() => status.value?.user ?? null)
  const role = computed(() => user.value?.role ?? null)
  const signedIn = computed(() => Boolean(status.value?.unlocked && status.value.user))

  async function refresh(): Promise<void> {
    loading.value = true
    try {
      status.value = await call('app.status', {})
      error.value = null
    } catch (err) {
      error.value = err instanceof ApiCallError ? err.message : 'The app could not read its own status.'
    } finally {
      loading.value = false
    }
  }

  function setIdleLockMinutes(minutes: number): void {
    if (status.value) status.value = { ...status.value, idleLockMinutes: minutes }
  }

  return { status, loading, error, notice, banner, user, role, signedIn, refresh, setIdleLockMinutes }
})
