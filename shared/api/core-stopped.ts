/**
 * What the window is told when the process that holds the records stopped unexpectedly (a crash,
 * or the operating system ended it). The session and the key went with it, so the register is
 * locked; every save had been committed before it was answered. The core host's client answers
 * with it (kind 'locked'), and the renderer recognises it to show it on the sign-in screen.
 */
export const CORE_STOPPED_MESSAGE =
  'The register closed unexpectedly and locked itself. Everything you saved is kept. Please sign in again to carry on.'
