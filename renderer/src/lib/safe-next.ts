/** Only paths inside the app, so a crafted link cannot send someone elsewhere after sign-in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}
