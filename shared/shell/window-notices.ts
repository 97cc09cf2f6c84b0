/**
 * Sentences the Electron shell asks the window to show when it reloads it: after the page crashed,
 * or after the File menu locked the register. The shell names one of these in the page address
 * (`?notice=<key>`); the window shows the matching sentence and removes the key from the address.
 * Only these keys are ever shown: nothing from the address is displayed as text.
 */
export const WINDOW_NOTICE_PARAM = 'notice'

export const WINDOW_NOTICES = {
  'window-restarted': {
    where: 'banner',
    message:
      'The window stopped unexpectedly and has been reopened. Anything you had saved is safe; anything you were typing and had not saved yet will need entering again. If this keeps happening, tell your ICT support.',
  },
  'locked-from-menu': {
    where: 'sign-in',
    message: 'The register was locked from the File menu. Sign in to carry on.',
  },
  'hidden-from-menu': {
    where: 'sign-in',
    message: 'The screen was hidden and the register locked. Sign in to carry on.',
  },
} as const satisfies Record<string, { where: 'banner' | 'sign-in'; message: string }>

export type WindowNoticeKey = keyof typeof WINDOW_NOTICES

export function isWindowNoticeKey(value: unknown): value is WindowNoticeKey {
  return typeof value === 'string' && Object.hasOwn(WINDOW_NOTICES, value)
}
