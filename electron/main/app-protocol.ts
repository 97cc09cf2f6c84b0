import { net, protocol } from 'electron'
import { isAbsolute, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The UI is served from app://ui/, never file:// (which would grant the page file access). */
export const APP_ORIGIN = 'app://ui'

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export function registerAppProtocol(rendererDir: string): void {
  const root = resolve(rendererDir)
  protocol.handle('app', (request) => {
    const url = new URL(request.url)
    if (url.host !== 'ui') return new Response('Not found', { status: 404 })
    const wanted = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
    const file = resolve(root, `.${wanted}`)
    const rel = relative(root, file)
    if (rel.startsWith('..') || isAbsolute(rel)) return new Response('Not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
}
