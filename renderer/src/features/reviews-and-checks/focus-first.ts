/**
 * Puts the cursor in a dialog's first field once it has opened: Vuetify's `autofocus` does not
 * reach every field inside a dialog (a combobox, for one), and a keyboard user starts typing at once.
 */
export function focusFirstField(root: Element | null | undefined): void {
  root?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]):not(.d-sr-only), textarea:not([disabled])')?.focus()
}
