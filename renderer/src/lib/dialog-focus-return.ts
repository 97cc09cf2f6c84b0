/**
 * Gives the cursor back to what opened a dialog when the dialog closes (Esc, Cancel, a choice).
 * Vuetify does so only for a dialog with an activator slot; most of ours are opened from a
 * button elsewhere with `v-model`, and closing them left the cursor on the page itself, so a
 * keyboard user started again from the top. Watching the whole document covers every dialog.
 */
const OVERLAY = '.v-overlay'
/** Longer than Vuetify's closing transition. */
const SETTLE_MS = [50, 250, 500]

export function watchDialogFocus(doc: Document = document): () => void {
  let lastOutside: HTMLElement | null = null
  let opener: HTMLElement | null = null

  function onFocusIn(event: FocusEvent): void {
    const target = event.target
    if (!(target instanceof HTMLElement)) return
    if (target.closest(OVERLAY)) {
      // The first focus inside a dialog: what had the cursor before opened it.
      if (!opener && lastOutside) opener = lastOutside
    } else {
      lastOutside = target
      opener = null
    }
  }

  function giveBack(): void {
    const back = opener
    if (!back) return
    for (const ms of SETTLE_MS) {
      setTimeout(() => {
        const active = doc.activeElement
        const lost = !active || active === doc.body || !active.isConnected || (active instanceof HTMLElement && active.closest(OVERLAY) && !active.closest('.v-overlay--active'))
        if (lost && back.isConnected && opener === back) {
          back.focus()
          opener = null
        }
      }, ms)
    }
  }

  function onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' || event.key === 'Enter' || event.key === ' ') giveBack()
  }
  function onClick(event: MouseEvent): void {
    if (event.target instanceof HTMLElement && event.target.closest(OVERLAY)) giveBack()
  }

  doc.addEventListener('focusin', onFocusIn, true)
  doc.addEventListener('keydown', onKey, true)
  doc.addEventListener('click', onClick, true)
  return () => {
    doc.removeEventListener('focusin', onFocusIn, true)
    doc.removeEventListener('keydown', onKey, true)
    doc.removeEventListener('click', onClick, true)
  }
}
