import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import type { AnnualCommentary } from '@shared/domain/annual-review'
import { useAnnualCommentary } from '@/features/annual-review/use-annual-commentary'
import { removeApi, stubApi } from './helpers'

afterEach(removeApi)

const saved = (startYear: number, over: Partial<AnnualCommentary> = {}): AnnualCommentary => ({
  startYear,
  commentary: `About ${startYear}.`,
  priorities: '',
  headName: 'Helen Head',
  chairName: '',
  updatedAt: null,
  updatedBy: null,
  ...over,
})

/** The composable inside a component, as a screen uses it (its watcher lives with the component). */
async function withCommentary(startYear = 2025) {
  const year = ref(startYear)
  let form!: ReturnType<typeof useAnnualCommentary>
  mount(defineComponent({ setup: () => ((form = useAnnualCommentary(year)), () => h('div')) }))
  await flushPromises()
  return { year, form }
}

describe('useAnnualCommentary', () => {
  it('reads the year’s commentary and counts only real changes as unsaved', async () => {
    const api = stubApi({ 'annualReview.commentary': (i) => saved(i.startYear) })
    const { form } = await withCommentary()
    expect(api.callsTo('annualReview.commentary')).toEqual([{ startYear: 2025 }])
    expect(form.values.value).toEqual({ commentary: 'About 2025.', priorities: '', headName: 'Helen Head', chairName: '' })
    expect(form.dirty.value).toBe(false)

    form.set('priorities', 'Train the new governors.')
    expect(form.dirty.value).toBe(true)
    expect(form.edits).toEqual({ priorities: 'Train the new governors.' })
    // Typing it back to what was saved is not a change.
    form.set('priorities', '')
    expect(form.dirty.value).toBe(false)
    expect(form.edits).toEqual({})
  })

  it('saves the whole page, takes the core’s copy back and says who saved it', async () => {
    const api = stubApi({
      'annualReview.commentary': (i) => saved(i.startYear),
      'annualReview.saveCommentary': (i) => ({ ...i, commentary: i.commentary.trim(), updatedAt: '2026-11-24T10:00:00.000Z', updatedBy: 'Helen Head' }),
    })
    const { form } = await withCommentary()
    expect(await form.save()).toBe(true) // nothing to save: no call
    expect(api.callsTo('annualReview.saveCommentary')).toEqual([])

    form.set('commentary', 'A calmer year.  ')
    form.set('chairName', 'Colin Chair')
    const saving = form.save()
    expect(form.saving.value).toBe(true)
    expect(await saving).toBe(true)
    expect(api.callsTo('annualReview.saveCommentary')).toEqual([{ startYear: 2025, commentary: 'A calmer year.  ', priorities: '', headName: 'Helen Head', chairName: 'Colin Chair' }])
    expect(form.dirty.value).toBe(false)
    expect(form.values.value.commentary).toBe('A calmer year.')
    expect(form.savedAt.value).toBe('2026-11-24T10:00:00.000Z')
    expect(form.savedBy.value).toBe('Helen Head')
    expect(form.saving.value).toBe(false)
  })

  it('puts the core’s refusal under its field and keeps the typing', async () => {
    stubApi({
      'annualReview.commentary': (i) => saved(i.startYear),
      'annualReview.saveCommentary': () => ({ error: { kind: 'validation', field: 'chairName', message: 'The chair of governors’ name can be at most 100 characters.' } }),
    })
    const { form } = await withCommentary()
    form.set('chairName', 'x'.repeat(101))
    expect(await form.save()).toBe(false)
    expect(form.errors.of('chairName')).toEqual(['The chair of governors’ name can be at most 100 characters.'])
    expect(form.dirty.value).toBe(true)
    // Typing in the field again clears its message.
    form.set('chairName', 'Colin Chair')
    expect(form.errors.of('chairName')).toEqual([])
  })

  it('reads the new year when the year changes, and drops a late answer for the year left behind', async () => {
    let release2024: (() => void) | null = null
    stubApi({
      'annualReview.commentary': (i) =>
        i.startYear === 2024 ? new Promise<AnnualCommentary>((resolve) => (release2024 = () => resolve(saved(2024)))) : saved(i.startYear),
    })
    const { year, form } = await withCommentary(2025)
    year.value = 2024
    await nextTick()
    year.value = 2026
    await flushPromises()
    expect(form.values.value.commentary).toBe('About 2026.')
    release2024!()
    await flushPromises()
    expect(form.values.value.commentary).toBe('About 2026.')
    expect(form.loading.value).toBe(false)
  })

  it('says when the commentary cannot be read', async () => {
    stubApi({ 'annualReview.commentary': () => ({ error: { kind: 'locked', message: 'The register is locked. Please sign in.' } }) })
    const { form } = await withCommentary()
    expect(form.loadError.value).toBe('The register is locked. Please sign in.')
  })
})
