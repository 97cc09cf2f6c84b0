/**
 * A table wider than the window scrolls sideways inside its frame. Someone without a mouse can only
 * scroll what can take the keyboard's focus (WCAG 2.1.1), so a frame that overflows becomes a named,
 * focusable region; one that fits stays out of the Tab order. Whether it overflows depends on the
 * screen, the font and the data (a long detail in the audit trail), so this is measured, not assumed.
 */
const FRAME = '.v-table__wrapper'

export function overflows(frame: HTMLElement): boolean {
  return frame.scrollWidth > frame.clientWidth + 1 || frame.scrollHeight > frame.clientHeight + 1
}

/** Makes one table frame reachable by Tab while it overflows, and takes that away once it fits. */
export function markScrollable(frame: HTMLElement): void {
  if (overflows(frame)) {
    if (frame.getAttribute('tabindex') === '0') return
    frame.setAttribute('tabindex', '0')
    frame.setAttribute('role', 'region')
    frame.setAttribute('aria-label', frameName(frame))
  } else if (frame.hasAttribute('tabindex')) {
    frame.removeAttribute('tabindex')
    frame.removeAttribute('role')
    frame.removeAttribute('aria-label')
  }
}

/** "Audit trail table, scrolls sideways": the screen's heading names it, as a person would. */
function frameName(frame: HTMLElement): string {
  const caption = frame.querySelector('caption')?.textContent?.trim()
  const heading = caption || document.querySelector('main h1')?.textContent?.trim()
  return heading ? `${heading} table, scrolls sideways` : 'Table, scrolls sideways'
}

/**
 * Watches the whole window: tables come and go with screens and dialogs, and change size as rows
 * load or the window is resized. Returns a function that stops watching.
 */
export function watchScrollableTables(root: HTMLElement = document.body): () => void {
  const sizes = new ResizeObserver((entries) => {
    for (const entry of entries) markScrollable(entry.target as HTMLElement)
  })
  const seen = new WeakSet<Element>()
  const look = () => {
    for (const frame of root.querySelectorAll<HTMLElement>(FRAME)) {
      if (!seen.has(frame)) {
        seen.add(frame)
        sizes.observe(frame)
        const table = frame.querySelector('table')
        if (table) sizes.observe(table)
      }
      markScrollable(frame)
    }
  }
  // Rows arriving change the table's width without resizing its frame: look again on any change.
  let queued = false
  const changes = new MutationObserver(() => {
    if (queued) return
    queued = true
    requestAnimationFrame(() => {
      queued = false
      look()
    })
  })
  changes.observe(root, { childList: true, subtree: true })
  look()
  return () => {
    changes.disconnect()
    sizes.disconnect()
  }
}
