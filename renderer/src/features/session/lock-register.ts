import type { Router } from 'vue-router'
import { CORE_STOPPED_MESSAGE } from '@shared/api/core-stopped'
import { call, type ApiCallError } from '@/api'
import { useAppStatus } from '@/stores/app-status'
import { flushDrafts } from '@/features/drafts/draft-registry'

export type LockReason = 'hidden' | 'idle' | 'signed-out' | 'locked-elsewhere' | 'restored' | 'key-changed' | 'stopped'

function noticeFor(reason: LockReason, minutes: number | null): string {
  switch (reason) {
    case 'hidden':
      return 'The screen was hidden and the register locked. Sign in to carry on.'
    case 'idle':
      return minutes
        ? `The register locked itself after ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} without use. Sign in to carry on.`
        : 'The register locked itself after a while without use. Sign in to carry on.'
    case 'signed-out':
      return 'You have signed out. The records are locked.'
    case 'locked-elsewhere':
      return 'The register locked itself. Please sign in again to carry on; nothing you saved has been lost.'
    case 'restored':
      return 'The backup has been restored. Please sign in to check the records.'
    case 'key-changed':
      return 'The records are now locked. Sign in again with your password to carry on.'
    case 'stopped':
      return CORE_STOPPED_MESSAGE
  }
}

/** Why a call found the register locked: the process holding the records stopped, or the core locked itself. */
export function lockReasonOf(error: ApiCallError): LockReason {
  return error.message === CORE_STOPPED_MESSAGE ? 'stopped' : 'locked-elsewhere'
}

/** Sign-in returns to the screen that was open (the guard still checks the next person's role). */
function loginComingBack(router: Router) {
  const here = router.currentRoute.value
  const back = !here.meta.stage && here.fullPath !== '/'
  return back ? { name: 'login', query: { next: here.fullPath } } : { name: 'login' }
}

/**
 * Locks the register (the core closes the records and forgets the key), then shows the
 * sign-in screen with a sentence saying why.
 */
export async function lockRegister(router: Router, reason: LockReason): Promise<void> {
  const appStatus = useAppStatus()
  const minutes = appStatus.status?.idleLockMinutes ?? null
  // What was typed in the last second is kept before the records close (drafts of open forms).
  await flushDrafts()
  try {
    await call('session.lock', {})
  } catch {
    // Already locked, or the core is gone: either way the screen must still be hidden.
  }
  appStatus.notice = noticeFor(reason, minutes)
  const target = loginComingBack(router)
  await appStatus.refresh()
  await router.replace(target)
}

/** After the core locked without being asked: nothing to lock, only catch up with it. */
export async function followCoreLock(router: Router, reason: LockReason = 'locked-elsewhere'): Promise<void> {
  const appStatus = useAppStatus()
  appStatus.notice = noticeFor(reason, appStatus.status?.idleLockMinutes ?? null)
  const target = loginComingBack(router)
  await appStatus.refresh()
  if (router.currentRoute.value.name !== 'login') await router.replace(target)
}
