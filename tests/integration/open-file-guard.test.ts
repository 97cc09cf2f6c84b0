import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { refuseToOpen } from '../../electron/main/open-file-guard'
import { tempDir } from './helpers'
import { BATCH, JPEG, PDF, PNG, SHORTCUT, windowsProgram } from './outside-files'

// What the Electron main process decides before it hands a file to shell.openPath, run in plain
// Node on real files: it trusts neither the core host's word nor the renderer's.

let cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.reverse()) c()
  cleanups = []
})

function folders(): { exportDir: string; elsewhere: string } {
  const t = tempDir('osr-open-')
  cleanups.push(t.cleanup)
  const exportDir = join(t.dir, 'Online Safety Register')
  const elsewhere = join(t.dir, 'elsewhere')
  mkdirSync(exportDir)
  mkdirSync(elsewhere)
  return { exportDir, elsewhere }
}

function put(dir: string, name: string, bytes: Buffer): string {
  const file = join(dir, name)
  writeFileSync(file, bytes)
  return file
}

describe('main, before it opens a file', () => {
  it('opens pictures, PDF documents and plain text whose names say what they are', async () => {
    const { exportDir } = folders()
    for (const [name, bytes] of [['photo.png', PNG], ['scan.jpg', JPEG], ['scan.JPEG', JPEG], ['report.pdf', PDF], ['chat.txt', Buffer.from('You are not welcome here.\r\n')], ['note.txt', Buffer.from('Siân’s message, 14 June', 'utf8')]] as const) {
      expect(await refuseToOpen(put(exportDir, name, bytes), exportDir), name).toBeNull()
    }
  })

  it('refuses programs, shortcuts and batch files, whatever they are called', async () => {
    const { exportDir } = folders()
    const cases: [string, Buffer][] = [
      ['x.bat', BATCH],
      ['x.pdf.lnk', SHORTCUT],
      ['invoice.pdf', SHORTCUT],
      ['exe.png', windowsProgram()],
      ['photo\u202Egnp.exe', windowsProgram()],
      ['readme.txt', windowsProgram()],
      ['unknown.bin', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff])],
    ]
    for (const [name, bytes] of cases) {
      const reason = await refuseToOpen(put(exportDir, name, bytes), exportDir)
      expect(reason, name).toMatch(/^The register did not open this file: /)
      expect(reason, name).toMatch(/ask IT support to check the copy/)
    }
  })

  it('refuses a picture or PDF whose extension says something else (Windows picks the program by it)', async () => {
    const { exportDir } = folders()
    for (const [name, bytes] of [['photo.pdf', PNG], ['report.png', PDF], ['chat.html', Buffer.from('<script>alert(1)</script>')], ['CON.txt.js', BATCH]] as const) {
      expect(await refuseToOpen(put(exportDir, name, bytes), exportDir), name).toMatch(/name does not match what it contains|not a picture, a PDF document or plain text/)
    }
  })

  it('opens nothing outside the app’s own folder, through a link, or that is not a file', async () => {
    const { exportDir, elsewhere } = folders()
    const outside = put(elsewhere, 'photo.png', PNG)
    expect(await refuseToOpen(outside, exportDir)).toMatch(/only the copies it saves in its own folder/)
    expect(await refuseToOpen(join(exportDir, '..', 'elsewhere', 'photo.png'), exportDir)).toMatch(/own folder/)
    symlinkSync(outside, join(exportDir, 'linked.png'))
    expect(await refuseToOpen(join(exportDir, 'linked.png'), exportDir)).toMatch(/own folder/)
    mkdirSync(join(exportDir, 'folder.png'))
    expect(await refuseToOpen(join(exportDir, 'folder.png'), exportDir)).toMatch(/own folder/)
    expect(await refuseToOpen(join(exportDir, 'gone.png'), exportDir)).toMatch(/own folder/)
    mkdirSync(join(exportDir, 'sub'))
    expect(await refuseToOpen(put(join(exportDir, 'sub'), 'photo.png', PNG), exportDir)).toMatch(/own folder/)
  })
})
