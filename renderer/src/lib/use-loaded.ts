import { ref, type Ref } from 'vue'
import { messageOf } from '@/api'

/**
 * Something read from the core that a screen shows: the value, whether it is loading, whether it
 * has loaded once (for the empty state), and the error to show with a retry.
 */
export function useLoaded<T>(read: () => Promise<T>, initial: T, failMessage: string) {
  const value = ref(initial) as Ref<T>
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      value.value = await read()
      loaded.value = true
      error.value = null
    } catch (err) {
      error.value = messageOf(err, failMessage)
    } finally {
      loading.value = false
    }
  }

  return { value, loading, loaded, error, load }
}
