import { computed, reactive, ref, watch, type Ref } from 'vue'
import type { AnnualCommentary } from '@shared/domain/annual-review'
import { call, messageOf } from '@/api'
import { useFieldErrors } from '@/lib/field-errors'

export const COMMENTARY_FIELDS = ['commentary', 'priorities', 'headName', 'chairName'] as const
export type CommentaryField = (typeof COMMENTARY_FIELDS)[number]
type Edits = Partial<Record<CommentaryField, string>>

/**
 * The headteacher's commentary for one academic year, kept the way Directus keeps an item:
 * `item` is what the core holds, `edits` only what has been typed since, so `dirty` is exact
 * (typing a word and deleting it again is not an unsaved change). A new year is read whenever
 * `startYear` changes; the screen asks before switching away from unsaved typing.
 */
export function useAnnualCommentary(startYear: Ref<number>, options: { afterSave?: () => Promise<void> } = {}) {
  const item = ref<AnnualCommentary | null>(null)
  const edits = reactive<Edits>({})
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  const saving = ref(false)
  const errors = useFieldErrors()

  const dirty = computed(() => COMMENTARY_FIELDS.some((f) => edits[f] !== undefined))
  /** What the form shows: the saved text with the typing on top. */
  const values = computed<Record<CommentaryField, string>>(() => {
    const saved = item.value
    return Object.fromEntries(COMMENTARY_FIELDS.map((f) => [f, edits[f] ?? saved?.[f] ?? ''])) as Record<CommentaryField, string>
  })
  const savedAt = computed(() => item.value?.updatedAt ?? null)
  const savedBy = computed(() => item.value?.updatedBy ?? null)

  function set(field: CommentaryField, value: string): void {
    errors.clear(field)
    if (value === (item.value?.[field] ?? '')) Reflect.deleteProperty(edits, field)
    else edits[field] = value
  }

  function discard(): void {
    for (const f of COMMENTARY_FIELDS) Reflect.deleteProperty(edits, f)
    errors.clear()
  }

  async function load(): Promise<void> {
    const year = startYear.value
    loading.value = true
    loadError.value = null
    try {
      const read = await call('annualReview.commentary', { startYear: year })
      // A slow answer for a year the person has already left must not overwrite the new one.
      if (year !== startYear.value) return
      item.value = read
      discard()
    } catch (err) {
      if (year === startYear.value) loadError.value = messageOf(err, 'The commentary for this year could not be read.')
    } finally {
      if (year === startYear.value) loading.value = false
    }
  }

  /** Keeps the typing. True when nothing is left unsaved; field problems go under their fields. */
  async function save(): Promise<boolean> {
    if (!dirty.value) return true
    errors.clear()
    saving.value = true
    const year = startYear.value
    try {
      const saved = await call('annualReview.saveCommentary', { startYear: year, ...values.value })
      // The year's draft goes before the form shows the saved text, so it is not offered again.
      await options.afterSave?.()
      item.value = saved
      discard()
      return true
    } catch (err) {
      errors.fromCall(err, COMMENTARY_FIELDS, 'The commentary could not be saved. Please try again.')
      return false
    } finally {
      saving.value = false
    }
  }

  watch(startYear, () => void load(), { immediate: true })

  return { item, edits, values, dirty, loading, loadError, saving, errors, savedAt, savedBy, set, discard, load, save }
}

export type AnnualCommentaryForm = ReturnType<typeof useAnnualCommentary>
