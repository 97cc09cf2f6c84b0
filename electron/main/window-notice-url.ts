import { WINDOW_NOTICE_PARAM, type WindowNoticeKey } from '../../shared/shell/window-notices'

/**
 * The address to reload the window at so it shows a notice: the page it was on (its screen is in
 * the #hash), or the start page if the current address is not the app's own, with ?notice=<key>.
 * `hash` replaces the screen (the sign-in screen after a lock).
 */
export function urlWithNotice(currentUrl: string, startUrl: string, isOurs: (url: string) => boolean, key: WindowNoticeKey, hash?: string): string {
  const url = new URL(currentUrl && isOurs(currentUrl) ? currentUrl : startUrl)
  url.searchParams.set(WINDOW_NOTICE_PARAM, key)
  if (hash !== undefined) url.hash = hash
  return url.toString()
}

/** Screens with nothing to hide (set-up, sign-in): a lock from the menu leaves them as they are. */
export function showsRecords(currentUrl: string): boolean {
  let hash: string
  try {
    hash = new URL(currentUrl).hash
  } catch {
    return true
  }
  return !/^#\/(setup|login)(?:[/?]|$)/.test(hash)
}
