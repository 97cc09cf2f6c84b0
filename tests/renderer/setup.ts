/**
 * Runs before every renderer test file (vitest's setupFiles). The files share each worker's
 * modules (isolate: false in vitest.config.mts), so anything a test leaves behind in a module,
 * the window or the document would reach the next file: every test ends here, and the next one
 * starts from an empty page with no bridge, no active store, no lock listener and real timers.
 * Hooks belong in this file rather than in helpers.ts: a shared module is evaluated once per
 * worker, so hooks registered there would reach only the first file that imported it.
 */
import { afterAll, afterEach } from 'vitest'
import { disableAutoUnmount, enableAutoUnmount } from '@vue/test-utils'
import { resetRendererTestState } from './helpers'

// Screens attach to document.body (dialogs teleport there): unmounting runs their own clean-up
// (listeners, timers, drafts) before the page is cleared.
enableAutoUnmount(afterEach)
afterEach(resetRendererTestState)
// @vue/test-utils is shared too and allows one auto-unmount hook at a time: the next file adds its own.
afterAll(disableAutoUnmount)
