import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'

// Packaging cannot run here (it downloads Electron), so the packaging settings are checked against
// electron-builder's own JSON schema — the one it validates with before building — and the settings
// the school's IT relies on are asserted one by one.
const root = resolve(__dirname, '../..')
const require = createRequire(import.meta.url)
// js-yaml and the schema come with electron-builder (app-builder-lib), the version that will package.
const yaml = require('js-yaml') as { load(text: string): unknown }
const schema = require('app-builder-lib/scheme.json') as object

type Config = {
  publish?: unknown
  win?: { icon?: string; signtoolOptions?: { publisherName?: string | string[]; signingHashAlgorithms?: string[] }; cscLink?: unknown }
  nsis?: Record<string, unknown>
}
const text = readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')
const config = yaml.load(text) as Config

describe('electron-builder.yml', () => {
  // Compiling the schema takes seconds: once for the file.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)

  it('is valid against electron-builder’s schema', () => {
    const ok = validate(config)
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([])
    expect(ok).toBe(true)
  })

  it('the schema check really refuses a mistyped key', () => {
    expect(validate({ ...config, nsis: { ...config.nsis, perMachin: true } })).toBe(false)
  })

  it('installs once per machine, in Program Files, where AppLocker’s default rules allow it', () => {
    expect(config.nsis).toMatchObject({
      perMachine: true,
      oneClick: false,
      allowToChangeInstallationDirectory: false,
      deleteAppDataOnUninstall: false,
      include: 'build/installer.nsh',
    })
  })

  it('signs with a named publisher and keeps the certificate out of the file', () => {
    expect(config.win?.signtoolOptions?.publisherName).toBeTruthy()
    expect(config.win?.signtoolOptions?.signingHashAlgorithms).toEqual(['sha256'])
    // The certificate and its password come from CSC_LINK / WIN_CSC_LINK and CSC_KEY_PASSWORD only.
    expect(text).not.toMatch(/cscLink|cscKeyPassword|certificateFile|certificatePassword/)
  })

  it('publishes no update feed: updates are IT installing a signed installer', () => {
    expect(config.publish).toBeNull()
  })

  it('uses the multi-size Windows icon and the installer script it names', () => {
    expect(config.win?.icon).toBe('build/icon.ico')
    expect(existsSync(resolve(root, 'build/icon.ico'))).toBe(true)
    expect(existsSync(resolve(root, 'build/installer.nsh'))).toBe(true)
  })
})

describe('build/icon.ico', () => {
  // The ICO directory: a 6-byte header, then 16 bytes per image (width and height 0 mean 256).
  function icoSizes(file: string): number[] {
    const data = readFileSync(file)
    expect(data.readUInt16LE(0)).toBe(0)
    expect(data.readUInt16LE(2)).toBe(1)
    const count = data.readUInt16LE(4)
    return Array.from({ length: count }, (_, i) => {
      const width = data[6 + i * 16] || 256
      const height = data[6 + i * 16 + 1] || 256
      expect(height).toBe(width)
      return width
    })
  }

  it('holds every size Windows asks for, 16 to 256 px', () => {
    expect(icoSizes(resolve(root, 'build/icon.ico')).sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256])
  })
})

describe('build/installer.nsh', () => {
  const script = readFileSync(resolve(root, 'build/installer.nsh'), 'utf8')

  it('tells the person uninstalling that the records are kept, and where', () => {
    expect(script).toMatch(/!macro customUnInstall\b/)
    expect(script).toContain('PROGRAMDATA')
    expect(script).toContain('\\Online Safety Register')
    expect(script).toMatch(/NOT deleted/)
    // Silent (IT) uninstalls and updates do not stop on the message.
    expect(script).toContain('/SD IDOK')
    expect(script).toMatch(/\$\{ifNot\} \$\{isUpdated\}/)
  })

  const makensis = ['/usr/bin/makensis'].find((p) => existsSync(p))
  it.skipIf(!makensis)('compiles with NSIS (makensis, where installed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'osr-nsis-'))
    const test = join(dir, 'check.nsi')
    // A minimal uninstaller around the macro, with electron-builder's isUpdated test stubbed.
    const nsi = [
      'Unicode true',
      '!include LogicLib.nsh',
      '!macro _isUpdated _a _b _t _f',
      '  StrCmp "1" "0" `${_t}` `${_f}`',
      '!macroend',
      '!define isUpdated `"" isUpdated ""`',
      `!include "${resolve(root, 'build/installer.nsh')}"`,
      `OutFile "${join(dir, 'check.exe')}"`,
      'Section',
      '  WriteUninstaller "$TEMP\\u.exe"',
      'SectionEnd',
      'Section "un.Uninstall"',
      '  !insertmacro customUnInstall',
      'SectionEnd',
    ].join('\n')
    writeFileSync(test, nsi)
    try {
      // makensis exits non-zero on any error or (with -WX) warning, which throws here.
      execFileSync(makensis!, ['-V2', '-WX', test], { encoding: 'utf8' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
