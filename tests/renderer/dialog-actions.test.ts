import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import { defineComponent, h, ref } from 'vue'
import DialogActions from '@/components/dialog-actions.vue'

/** A form with the footer in it, as the dialogs have it: counts how often the form was sent. */
function formWithFooter(props: Record<string, unknown>) {
  const sent = ref(0)
  const Form = defineComponent({
    setup: () => () =>
      h('form', { onSubmit: (e: Event) => (e.preventDefault(), sent.value++) }, [
        h('input', { 'data-testid': 'field' }),
        h(DialogActions, { testid: 'save', ...props }, () => 'Save the details'),
      ]),
  })
  const wrapper = mount(Form, { attachTo: document.body, global: { plugins: [createVuetify()] } })
  return { wrapper, sent }
}

const save = (root: ParentNode) => root.querySelector<HTMLButtonElement>('[data-testid="save"]')!
const cancel = (root: ParentNode) => root.querySelector<HTMLButtonElement>('[data-testid="dialog-cancel"]')!

describe('the foot of a dialog', () => {
  it('shows Cancel and the action, which sends the form when pressed', async () => {
    const { wrapper, sent } = formWithFooter({})
    expect(cancel(wrapper.element).textContent?.trim()).toBe('Cancel')
    expect(save(wrapper.element).textContent?.trim()).toBe('Save the details')
    expect(save(wrapper.element).getAttribute('aria-busy')).toBeNull()
    expect(cancel(wrapper.element).disabled).toBe(false)
    save(wrapper.element).click()
    expect(sent.value).toBe(1)
  })

  it('while busy: the action shows it is working, says it is unavailable and sends nothing; Cancel is off', async () => {
    const { wrapper, sent } = formWithFooter({ busy: true })
    const button = save(wrapper.element)
    expect(button.getAttribute('aria-busy')).toBe('true')
    expect(button.getAttribute('aria-disabled')).toBe('true')
    expect(button.querySelector('.v-progress-circular')).not.toBeNull()
    expect(cancel(wrapper.element).disabled).toBe(true)
    // A press (the mouse, Space or Enter on the button, or Enter in a field, which presses the
    // form's first submit button) is cancelled rather than sending the form again.
    button.click()
    expect(sent.value).toBe(0)
    expect(wrapper.findComponent(DialogActions).emitted('confirm')).toBeUndefined()
  })

  it('emits cancel from Cancel, and confirm from a plain action button', async () => {
    const { wrapper, sent } = formWithFooter({ type: 'button' })
    cancel(wrapper.element).click()
    save(wrapper.element).click()
    const footer = wrapper.findComponent(DialogActions)
    expect(footer.emitted('cancel')).toHaveLength(1)
    expect(footer.emitted('confirm')).toHaveLength(1)
    expect(sent.value).toBe(0)
  })

  it('keeps the action off when there is nothing to do yet, busy or not', async () => {
    const { wrapper } = formWithFooter({ type: 'button', disabled: true })
    expect(save(wrapper.element).disabled).toBe(true)
    expect(cancel(wrapper.element).disabled).toBe(false)
  })
})
