import { ref } from 'vue'
import type { VisitorMatch } from '@shared/domain/visits'
import { call, messageOf } from '@/api'
import { canSearch } from './reception-rules'

/** Finding a returning visitor as the letters are typed. Only the latest answer is shown. */
export function useVisitorSearch() {
  const text = ref('')
  const matches = ref<VisitorMatch[]>([])
  const searched = ref(false)
  const searching = ref(false)
  const error = ref<string | null>(null)
  let asked = 0

  async function search(): Promise<void> {
    const mine = ++asked
    if (!canSearch(text.value)) {
      matches.value = []
      searched.value = false
      error.value = null
      return
    }
    searching.value = true
    try {
      const found = await call('visitors.search', { text: text.value.trim(), limit: 8 })
      if (mine !== asked) return
      matches.value = found
      searched.value = true
      error.value = null
    } catch (err) {
      if (mine === asked) error.value = messageOf(err, 'The visitor book could not be searched.')
    } finally {
      if (mine === asked) searching.value = false
    }
  }

  function reset(): void {
    asked++
    text.value = ''
    matches.value = []
    searched.value = false
    searching.value = false
    error.value = null
  }

  return { text, matches, searched, searching, error, search, reset }
}
