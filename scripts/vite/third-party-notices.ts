import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import type { Plugin } from 'vite'

interface PackageNotice {
  name: string
  version: string
  license: string
  texts: string[]
}

/** The package folder that holds a bundled module: the last `node_modules/<name>` (or `<@scope>/<name>`) in its path. */
function packageDirOf(moduleId: string): string | null {
  const path = moduleId.split('?')[0]!.replace(/^\0/, '')
  const marker = `${sep}node_modules${sep}`
  const at = path.lastIndexOf(marker)
  if (at < 0) return null
  const rest = path.slice(at + marker.length).split(sep)
  const depth = rest[0]!.startsWith('@') ? 2 : 1
  return path.slice(0, at + marker.length) + rest.slice(0, depth).join(sep)
}

/** LICENSE, LICENCE, COPYING and NOTICE files at the package's top, in that order. */
function noticeTexts(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying|notice)(\.|$|-)/i.test(f))
  files.sort((a, b) => Number(/^notice/i.test(a)) - Number(/^notice/i.test(b)) || a.localeCompare(b))
  return files.map((f) => `--- ${f} ---\n${readFileSync(join(dir, f), 'utf8').trim()}`)
}

/**
 * Writes `third-party-notices.txt` beside the bundle: every package whose code ended up in it, with its
 * licence and NOTICE files (Apache ECharts asks for its NOTICE to travel with the product). Minifying
 * strips the licence comments from the code, so this file is where they go.
 */
export function thirdPartyNotices(productName: string): Plugin {
  return {
    name: 'osr-third-party-notices',
    apply: 'build',
    generateBundle(_options, bundle) {
      const dirs = new Set<string>()
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue
        for (const id of Object.keys(chunk.modules)) {
          const dir = packageDirOf(id)
          if (dir) dirs.add(dir)
        }
      }
      const notices = new Map<string, PackageNotice>()
      for (const dir of dirs) {
        const manifest = join(dir, 'package.json')
        if (!existsSync(manifest)) continue
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; license?: string }
        const notice = { name: pkg.name ?? dirname(dir), version: pkg.version ?? '', license: pkg.license ?? 'see the licence text', texts: noticeTexts(dir) }
        notices.set(`${notice.name}@${notice.version}`, notice)
      }
      const listed = [...notices.values()].sort((a, b) => a.name.localeCompare(b.name))
      const header =
        `${productName} includes the following third-party software in its window's code.\n` +
        'The packages the app loads from its own node_modules folder carry their licence files there.\n'
      const body = listed.map((n) => `\n==== ${n.name} ${n.version} (${n.license}) ====\n${n.texts.join('\n\n') || '(no licence file in the package)'}\n`)
      this.emitFile({ type: 'asset', fileName: 'third-party-notices.txt', source: header + body.join('') })
    },
  }
}
