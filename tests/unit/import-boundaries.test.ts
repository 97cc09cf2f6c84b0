import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'

// The folder rules of ARCHITECTURE.md are lint rules; this proves each one really fires.
const root = resolve(__dirname, '../..')
const eslint = new ESLint({ cwd: root })

async function restrictedImports(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

// The first lint loads the configuration and the TypeScript parser (seconds on a busy machine):
// done once here, so no single check pays for it inside its own time limit.
beforeAll(async () => {
  await eslint.lintText('export {}\n', { filePath: resolve(root, 'electron/core/example.ts') })
}, 60_000)

describe('import boundaries', () => {
  it.each([
    ['the core importing Electron', "import { app } from 'electron'\nexport const a = app\n", 'electron/core/example.ts'],
    ['the core importing the shell', "import { registerApi } from '../main/ipc'\nexport const a = registerApi\n", 'electron/core/example.ts'],
    ['shared importing Node', "import { readFileSync } from 'node:fs'\nexport const a = readFileSync\n", 'shared/example.ts'],
    ['shared importing the core', "import { createCore } from '../electron/core/core'\nexport const a = createCore\n", 'shared/example.ts'],
    ['the renderer importing the core', "import { createCore } from '../../electron/core/core'\nexport const a = createCore\n", 'renderer/src/example.ts'],
    ['the renderer importing Node', "import { join } from 'path'\nexport const a = join\n", 'renderer/src/example.ts'],
    ['the preload importing a package', "import { z } from 'zod'\nexport const a = z\n", 'electron/preload/example.ts'],
    ['the preload importing the shell contract (zod)', "import { shellContract } from '../../shared/api/shell-contract'\nexport const a = shellContract\n", 'electron/preload/example.ts'],
    ['the core importing the command line', "import { main } from '../cli/index'\nexport const a = main\n", 'electron/core/example.ts'],
    ['the command line importing Electron', "import { app } from 'electron'\nexport const a = app\n", 'electron/cli/example.ts'],
    ['the command line importing the shell', "import { registerApi } from '../main/ipc'\nexport const a = registerApi\n", 'electron/cli/example.ts'],
    ['the shell importing the core', "import { createCore } from '../core/core'\nexport const a = createCore\n", 'electron/main/example.ts'],
    ['the shell importing a type from the core', "import type { Core } from '../core/core'\nexport type A = Core\n", 'electron/main/example.ts'],
    ['the shell importing the host itself', "import { serveCore } from '../core-host/serve-core'\nexport const a = serveCore\n", 'electron/main/example.ts'],
    ['the core host importing Electron', "import { utilityProcess } from 'electron'\nexport const a = utilityProcess\n", 'electron/core-host/example.ts'],
    ['the core client importing the core', "import { createCore } from '../core/core'\nexport const a = createCore\n", 'electron/core-host/core-client.ts'],
  ])('refuses %s', async (_what, code, file) => {
    expect(await restrictedImports(code, file)).toHaveLength(1)
  })

  it.each([
    ['the core importing shared', "import { ROLES } from '../../shared/domain/roles'\nexport const a = ROLES\n", 'electron/core/example.ts'],
    ['the renderer importing shared', "import { ROLES } from '@shared/domain/roles'\nexport const a = ROLES\n", 'renderer/src/example.ts'],
    ['the command line importing the core', "import { createCore } from '../core/core'\nexport const a = createCore\n", 'electron/cli/example.ts'],
    ['the shell importing the core client', "import { createCoreClient } from '../core-host/core-client'\nexport const a = createCoreClient\n", 'electron/main/example.ts'],
    ['the core host importing the core', "import { createCore } from '../core/core'\nexport const a = createCore\n", 'electron/core-host/example.ts'],
    ['the preload importing the API channel', "import { API_CHANNEL } from '../../shared/api/method-names'\nexport const a = API_CHANNEL\n", 'electron/preload/example.ts'],
    ['the preload importing the shell-service names', "import { SHELL_METHOD_NAMES } from '../../shared/api/shell-names'\nexport const a = SHELL_METHOD_NAMES\n", 'electron/preload/example.ts'],
  ])('allows %s', async (_what, code, file) => {
    expect(await restrictedImports(code, file)).toEqual([])
  })
})

describe('record text is never rendered as HTML in the window', () => {
  async function htmlRules(code: string, file: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: resolve(root, file) })
    return (result?.messages ?? []).filter((m) => m.ruleId === 'vue/no-v-html' || m.ruleId === 'no-restricted-properties').map((m) => m.ruleId!)
  }

  it.each([
    ['v-html in a template', '<template><p v-html="entry.description" /></template>\n', 'renderer/src/example.vue'],
    ['innerHTML', 'export function show(el: HTMLElement, text: string) {\n  el.innerHTML = text\n}\n', 'renderer/src/example.ts'],
    ['insertAdjacentHTML', "export function show(el: HTMLElement, text: string) {\n  el.insertAdjacentHTML('beforeend', text)\n}\n", 'renderer/src/example.ts'],
    ['document.write', 'export function show(text: string) {\n  document.write(text)\n}\n', 'renderer/src/example.ts'],
  ])('refuses %s', async (_what, code, file) => {
    expect(await htmlRules(code, file)).toHaveLength(1)
  })

  it('lets text through as text', async () => {
    expect(await htmlRules('<template><p>{{ entry.description }}</p></template>\n', 'renderer/src/example.vue')).toEqual([])
    expect(await htmlRules('export function show(el: HTMLElement, text: string) {\n  el.textContent = text\n}\n', 'renderer/src/example.ts')).toEqual([])
  })
})
