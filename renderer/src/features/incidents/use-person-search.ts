import { ref } from 'vue'
import type { PersonSummary } from '@shared/domain/people'
import { call, messageOf } from '@/api'
import { useDebounced } from '@/lib/use-debounced'

/** Finding someone in the people directory as letters are typed. Only the latest answer is kept. */
export function usePersonSearch(limit = 10) {
  const matches = ref<PersonSummary[]>([])
  const searching = ref(false)
  const error = ref<string | null>(null)
  let asked = 0

  async function search(text: string): Promise<void> {
    const mine = ++asked
    const t = text.trim()
    if (t.length < 2) {
      matches.value = []
      searching.value = false
      error.value = null
      return
    }
    searching.value = true
    try {
      const rows = await call('incidents.findPeople', { text: t.slice(0, 100), limit })
      if (mine !== asked) return
      matches.value = rows
      error.value = null
    } catch (err) {
      if (mine === asked) error.value = messageOf(err, 'The people directory could not be searched.')
    } finally {
      if (mine === asked) searching.value = false
    }
  }

  /** Waits for a pause in the typing before asking. */
  const typed = useDebounced((text: string | null) => void search(text ?? ''), 250)

  return { matches, searching, error, search, typed }
}
