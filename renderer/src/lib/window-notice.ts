import { isWindowNoticeKey, WINDOW_NOTICE_PARAM, WINDOW_NOTICES, type WindowNoticeKey } from '@shared/shell/window-notices'

/**
 * The notice the Electron shell asked for when it reloaded the window (after a crash, or a lock
 * from the File menu), taken out of the address so a later reload does not show it again.
 * Unknown keys are dropped: only the app's own sentences are ever shown.
 */
export function takeWindowNotice(location: Pick<Location, 'search' | 'pathname' | 'hash'>, history: Pick<History, 'replaceState' | 'state'>): WindowNoticeKey | null {
  const params = new URLSearchParams(location.search)
  if (!params.has(WINDOW_NOTICE_PARAM)) return null
  const key = params.get(WINDOW_NOTICE_PARAM)
  params.delete(WINDOW_NOTICE_PARAM)
  const rest = params.toString()
  // Keep the router's own state (it already stored its position there).
  history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`)
  return isWindowNoticeKey(key) ? key : null
}

export function windowNoticeText(key: WindowNoticeKey): { where: 'banner' | 'sign-in'; message: string } {
  return WINDOW_NOTICES[key]
}
