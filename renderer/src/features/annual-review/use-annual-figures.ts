import { ref, watch, type Ref } from 'vue'
import type { AnnualFigures } from '@shared/domain/annual-review'
import { call, messageOf } from '@/api'

/** The year's figures, read again whenever the year changes; an answer for a year already left is dropped. */
export function useAnnualFigures(startYear: Ref<number>) {
  const figures = ref<AnnualFigures | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    const year = startYear.value
    loading.value = true
    error.value = null
    try {
      const read = await call('annualReview.figures', { startYear: year })
      if (year === startYear.value) figures.value = read
    } catch (err) {
      if (year === startYear.value) error.value = messageOf(err, 'The figures for this year could not be counted.')
    } finally {
      if (year === startYear.value) loading.value = false
    }
  }

  watch(startYear, () => void load(), { immediate: true })
  return { figures, loading, error, load }
}
