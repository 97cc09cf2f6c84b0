import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppStatus } from '@shared/api/contract'
import { call, ApiCallError } from '@/api'

/** What the whole window needs to know: is the school set up, is anyone signed in, as whom. */
export const useAppStatus = defineStore('app-status', () => {
  const status = ref<AppStatus | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  const role = computed(() => status.value?.user?.role ?? null)

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

  return { status, loading, error, role, refresh }
})
