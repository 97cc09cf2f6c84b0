import type { Directive } from 'vue'

/**
 * Puts the cursor in a field as a screen or dialog opens, unless the person is already typing in
 * another field. Vuetify's `autofocus` waits until the field is seen scrolled into view, which on a
 * busy PC can come after someone has clicked into the next field and started typing: the rest of
 * their typing then landed in the first field (a URN on the end of the school's name, a new
 * password on the end of the old one). Focusing at mount, and never out of a field in use, cannot.
 */
export function focusUnlessTyping(field: HTMLElement | null | undefined): void {
  const active = document.activeElement
  if (active && active !== field && isTypingPlace(active)) return
  field?.focus()
}

function isTypingPlace(el: Element): boolean {
  if (el instanceof HTMLTextAreaElement) return true
  if (el instanceof HTMLInputElement) return !['button', 'submit', 'reset', 'checkbox', 'radio', 'file'].includes(el.type)
  return el instanceof HTMLElement && el.isContentEditable
}

/**
 * `v-focus-on-open` (or `v-focus-on-open="condition"`) on a field component: its input gets the
 * cursor when it is mounted, by the rule above. Use it instead of Vuetify's `autofocus`.
 */
export const vFocusOnOpen: Directive<HTMLElement, boolean | undefined> = {
  mounted(el, binding) {
    if (binding.value === false) return
    focusUnlessTyping(el.matches('input, textarea') ? el : el.querySelector<HTMLElement>('input:not([type=hidden]), textarea'))
  },
}
