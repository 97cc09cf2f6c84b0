import { focusUnlessTyping } from '@/lib/focus-unless-typing'

/**
 * Puts the cursor in a dialog's first field once it has opened: Vuetify's `autofocus` does not
 * reach every field inside a dialog (a combobox, for one), and a keyboard user starts typing at
 * once — which is also why it never takes the cursor from a field they are already typing in.
 */
export function focusFirstField(root: Element | null | undefined): void {
  focusUnlessTyping(root?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]):not(.d-sr-only), textarea:not([disabled])'))
}
