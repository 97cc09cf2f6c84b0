import { ref } from 'vue'
import { call, messageOf } from '@/api'
import { useDebounced } from '@/lib/use-debounced'
import type { QuickAnswer } from '@shared/features/consent/contract'

/** The consent check by name: what was typed, the pupils found (with their yes / no answers), and any error. */
export function usePupilSearch() {
  const text = ref('')
  const found = ref<QuickAnswer[]>([])
  const searched = ref(false)
  const searching = ref(false)
  const error = ref<string | null>(null)

  async function search(): Promise<void> {
    const typed = text.value.trim()
    if (typed.length < 2) {
      found.value = []
      searched.value = false
      error.value = null
      return
    }
    searching.value = true
    try {
      found.value = await call('consent.check', { text: typed })
      searched.value = true
      error.value = null
    } catch (err) {
      error.value = messageOf(err, 'The pupils could not be searched. Try again.')
    } finally {
      searching.value = false
    }
  }

  const typed = useDebounced(() => void search(), 250)
  return { text, found, searched, searching, error, search, typed }
}
