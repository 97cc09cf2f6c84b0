import { describe, expect, it } from 'vitest'
import { markScrollable } from '@/lib/scrollable-tables'

/** happy-dom has no layout: the frame's sizes are set as a browser would measure them. */
function frame(scrollWidth: number, clientWidth: number): HTMLElement {
  const el = document.createElement('div')
  el.className = 'v-table__wrapper'
  Object.defineProperty(el, 'scrollWidth', { configurable: true, get: () => scrollWidth })
  Object.defineProperty(el, 'clientWidth', { configurable: true, get: () => clientWidth })
  Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => 100 })
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => 100 })
  return el
}

describe('tables wider than the window', () => {
  it('can be reached by Tab and are named while they scroll, and leave the Tab order once they fit', () => {
    document.body.innerHTML = '<main><h1>Audit trail</h1></main>'
    const wide = frame(1400, 900)
    document.querySelector('main')!.append(wide)
    markScrollable(wide)
    expect(wide.getAttribute('tabindex')).toBe('0')
    expect(wide.getAttribute('role')).toBe('region')
    expect(wide.getAttribute('aria-label')).toBe('Audit trail table, scrolls sideways')

    Object.defineProperty(wide, 'clientWidth', { configurable: true, get: () => 1400 })
    markScrollable(wide)
    expect(wide.hasAttribute('tabindex')).toBe(false)
    expect(wide.hasAttribute('role')).toBe(false)
  })

  it('leaves a table that fits alone', () => {
    const fits = frame(800, 900)
    markScrollable(fits)
    expect(fits.hasAttribute('tabindex')).toBe(false)
  })
})
