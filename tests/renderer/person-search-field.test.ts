import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import { VAutocomplete } from 'vuetify/components'
import PersonSearchField from '@/components/person-search-field.vue'

interface Found {
  id: number
  name: string
  line: string
}
const ava: Found = { id: 4, name: 'Ava Brown', line: 'Year 7' }

/** The field as a feature uses it: its own question to the core, its own words. */
function field(props: Record<string, unknown>, answers: Found[] = [ava]) {
  const asked: string[] = []
  const wrapper = mount(PersonSearchField, {
    props: { label: 'Person', find: (text: string) => (asked.push(text), Promise.resolve(answers)), itemTitle: 'name', describe: (p: { id: number }) => (p as Found).line, noMatch: 'Nobody current matches.', ...props },
    attachTo: document.body,
    global: { plugins: [createVuetify()] },
  })
  const box = wrapper.findComponent(VAutocomplete)
  async function typeText(text: string): Promise<void> {
    box.vm.$emit('update:search', text)
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
  }
  return { wrapper, box, asked, typeText }
}

describe('the person search field', () => {
  it('asks the feature’s own question once the typing pauses, from two letters, and says the feature’s words when nobody matches', async () => {
    vi.useFakeTimers()
    const { box, asked, typeText } = field({}, [])
    await typeText('A')
    expect(asked).toEqual([])
    expect(box.props('noDataText')).toBe('Type at least two letters of their name.')
    await typeText('  Av ')
    expect(asked).toEqual(['Av'])
    expect(box.props('noDataText')).toBe('Nobody current matches.')
  })

  it('as a value (the permission register): keeps the person chosen, and the name in the box is not a new search', async () => {
    vi.useFakeTimers()
    const { wrapper, box, asked, typeText } = field({ modelValue: null })
    await typeText('Av')
    box.vm.$emit('update:modelValue', ava)
    await flushPromises()
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([ava])
    await wrapper.setProps({ modelValue: ava })
    await typeText('Ava Brown')
    expect(asked).toEqual(['Av'])
    expect(box.props('items')).toEqual([ava])
  })

  it('as a picker (the incident log): hands each person on and empties for the next name', async () => {
    vi.useFakeTimers()
    const { wrapper, box, typeText } = field({ clearOnPick: true })
    await typeText('Av')
    box.vm.$emit('update:modelValue', ava)
    await flushPromises()
    expect(wrapper.emitted('picked')).toEqual([[ava]])
    expect(box.props('modelValue')).toBeNull()
    expect(box.props('search')).toBe('')
    expect(box.props('items')).toEqual([])
  })
})
