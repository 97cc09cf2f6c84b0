/**
 * Puts the cursor in a field as a screen opens, unless the person has already put it somewhere.
 * Vuetify's `autofocus` waits until the field is seen scrolled into view, which on a busy PC can
 * come after someone has clicked into the next field and started typing: their typing then landed
 * in the first field. Focusing at mount, and never away from a field already in use, cannot do that.
 */
export function focusUnlessTyping(field: HTMLElement | null | undefined): void {
  const active = document.activeElement
  if (active && active !== document.body) return
  field?.focus()
}
