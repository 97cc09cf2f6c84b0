import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { refuseToOpen } from '../../electron/main/open-file-guard'
import type { IncidentEntry } from '../../shared/domain/incidents'
import { FAST_KDF, ok, refused, setUpSchool, tempDir } from './helpers'
import { BATCH, PDF, PNG, RLO, SHORTCUT, windowsProgram } from './outside-files'

// Evidence from outside, through the real core on a real register: the name it is kept and
// saved under comes from its content, and only pictures, PDFs and plain text are ever opened.
// Opening goes through main's own check (electron/main/open-file-guard.ts) as in the app; what
// passed it is recorded instead of being shown.

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

interface Register {
  core: Core
  exportDir: string
  chosen: string
  /** What main was asked to open, and what it let through to the viewer. */
  asked: string[]
  opened: string[]
}

async function register(): Promise<Register> {
  const t = tempDir('osr-evidence-')
  const exportDir = join(t.dir, 'temp', 'Online Safety Register')
  const chosen = join(t.dir, 'USB', 'Evidence')
  mkdirSync(chosen, { recursive: true })
  const asked: string[] = []
  const opened: string[] = []
  const core = createCore({
    dataDir: join(t.dir, 'data'),
    appVersion: '0.0.0-test',
    kdfCost: FAST_KDF,
    logger: { error: () => {} },
    now: () => Date.parse('2026-06-16T10:00:00Z'),
    exportDir,
    openFile: async (file) => {
      asked.push(file)
      const refusal = await refuseToOpen(file, exportDir)
      if (refusal) throw new Error(refusal)
      opened.push(file)
    },
  })
  cleanups.push(t.cleanup, () => core.close())
  await setUpSchool(core)
  return { core, exportDir, chosen, asked, opened }
}

async function incident(core: Core): Promise<number> {
  const category = (await ok(core, 'incidents.categories', {})).find((c) => c.name.startsWith('Cyberbullying'))!
  const entry: IncidentEntry = {
    occurredOn: '2026-06-15',
    occurredTime: '13:10',
    place: 'ICT suite 2',
    onSite: true,
    device: 'school',
    categoryId: category.id,
    description: 'Messages sent to a pupil with attachments.',
    actionTaken: 'Files kept as evidence.',
    childsWords: null,
    people: [],
    status: 'open',
    outcome: null,
  }
  return (await ok(core, 'incidents.record', { entry })).id
}

const FILES: { sent: string; bytes: Buffer; kept: string; mediaType: string; canOpen: boolean; label: RegExp }[] = [
  { sent: 'x.bat', bytes: BATCH, kept: 'x.txt', mediaType: 'text/plain', canOpen: true, label: /plain text/ },
  { sent: 'x.pdf.lnk', bytes: SHORTCUT, kept: 'x_pdf.bin', mediaType: 'application/x-ms-shortcut', canOpen: false, label: /Windows shortcut/ },
  { sent: `photo${RLO}gnp.exe`, bytes: windowsProgram(), kept: 'photo_gnp.bin', mediaType: 'application/x-msdownload', canOpen: false, label: /Windows program/ },
  { sent: 'CON.txt', bytes: Buffer.from('Notes typed by the pupil.\r\n'), kept: '_CON.txt', mediaType: 'text/plain', canOpen: true, label: /plain text/ },
  { sent: 'lpt1 .png', bytes: PNG, kept: '_lpt1.png', mediaType: 'image/png', canOpen: true, label: /PNG picture/ },
  { sent: 'invoice.pdf', bytes: PDF, kept: 'invoice.pdf', mediaType: 'application/pdf', canOpen: true, label: /PDF document/ },
  { sent: 'screenshot.pdf', bytes: PNG, kept: 'screenshot.png', mediaType: 'image/png', canOpen: true, label: /PNG picture/ },
]

describe('evidence from outside', () => {
  it('is kept under a safe name from its content, with the name it came with shown harmlessly beside it', async () => {
    const { core } = await register()
    const id = await incident(core)
    for (const f of FILES) await ok(core, 'incidents.attach', { incidentId: id, fileName: f.sent, fileBase64: f.bytes.toString('base64'), description: `sent as ${f.sent}` })
    const { files, chronology } = await ok(core, 'incidents.get', { id })
    expect(files.map((f) => f.fileName)).toEqual(FILES.map((f) => f.kept))
    for (const [i, f] of FILES.entries()) {
      expect(files[i], f.sent).toMatchObject({ mediaType: f.mediaType, canOpen: f.canOpen, sentAs: f.sent === f.kept ? null : expect.any(String) })
      expect(files[i]!.typeLabel, f.sent).toMatch(f.label)
    }
    // The override is shown as a code, never applied: the name cannot pass for "photoexe.png".
    expect(files[2]!.sentAs).toBe('photo<U+202E>gnp.exe')
    expect(JSON.stringify(files.map((f) => [f.fileName, f.typeLabel]))).not.toContain(RLO)
    expect(chronology.filter((c) => c.kind === 'evidence').map((c) => c.summary)).toEqual(FILES.map((f) => `Evidence file added: ${f.kept}`))
    expect((await ok(core, 'incidents.verify', {})).ok).toBe(true)
  })

  it('never hands a program, a shortcut or an unknown file to the computer to open, and says what to do instead', async () => {
    const { core, exportDir, asked } = await register()
    const id = await incident(core)
    for (const f of FILES) await ok(core, 'incidents.attach', { incidentId: id, fileName: f.sent, fileBase64: f.bytes.toString('base64'), description: `sent as ${f.sent}` })
    const { files } = await ok(core, 'incidents.get', { id })
    for (const f of files.filter((f) => !f.canOpen)) {
      const error = await refused(core, 'incidents.copyEvidence', { fileId: f.id, open: true })
      expect(error.kind, f.fileName).toBe('conflict')
      expect(error.message, f.fileName).toMatch(new RegExp(`“${f.fileName}” is really a Windows (shortcut|program)`))
      expect(error.message).toMatch(/use “Save a copy…” and ask IT support to check the copy before anyone opens it/)
    }
    expect(asked).toEqual([])
    expect(existsSync(exportDir) ? readdirSync(exportDir) : []).toEqual([])
  })

  it('opens pictures, PDFs and plain text under their safe names, after main’s own check', async () => {
    const { core, exportDir, opened } = await register()
    const id = await incident(core)
    for (const f of FILES) await ok(core, 'incidents.attach', { incidentId: id, fileName: f.sent, fileBase64: f.bytes.toString('base64'), description: `sent as ${f.sent}` })
    const { files } = await ok(core, 'incidents.get', { id })
    for (const f of files.filter((f) => f.canOpen)) {
      const { file } = await ok(core, 'incidents.copyEvidence', { fileId: f.id, open: true })
      expect(file).toBe(join(exportDir, f.fileName))
    }
    expect(opened).toEqual(FILES.filter((f) => f.canOpen).map((f) => join(exportDir, f.kept)))
    expect(readFileSync(join(exportDir, 'x.txt'))).toEqual(BATCH)
    // A copy to open always goes to the app's own folder, the only place main opens files from.
    const chosenToo = await refused(core, 'incidents.copyEvidence', { fileId: files[0]!.id, open: true, file: join(exportDir, 'copy.png') })
    expect(chosenToo).toMatchObject({ kind: 'validation', field: 'file' })
  })

  it('saves a copy of anything under its safe name, so that a program saved from it cannot run', async () => {
    const { core, chosen, asked } = await register()
    const id = await incident(core)
    for (const f of FILES) await ok(core, 'incidents.attach', { incidentId: id, fileName: f.sent, fileBase64: f.bytes.toString('base64'), description: `sent as ${f.sent}` })
    const { files } = await ok(core, 'incidents.get', { id })
    for (const [i, f] of files.entries()) {
      // The Save window suggests the safe name; a copy saved under the sent name's type is refused.
      expect(f.fileName).toBe(FILES[i]!.kept)
      const sentType = FILES[i]!.sent.split('.').pop()!
      if (!FILES[i]!.kept.endsWith(`.${sentType}`)) {
        const disguised = await refused(core, 'incidents.copyEvidence', { fileId: f.id, open: false, file: join(chosen, `copy.${sentType}`) })
        expect(disguised).toMatchObject({ kind: 'validation', field: 'file' })
      }
      const { file } = await ok(core, 'incidents.copyEvidence', { fileId: f.id, open: false, file: join(chosen, f.fileName) })
      expect(file).toBe(join(chosen, FILES[i]!.kept))
      expect(readFileSync(file)).toEqual(FILES[i]!.bytes)
    }
    expect(readdirSync(chosen).sort()).toEqual(FILES.map((f) => f.kept).sort())
    expect(readdirSync(chosen).some((n) => /\.(exe|lnk|bat)$/i.test(n) || n.includes(RLO))).toBe(false)
    expect(asked).toEqual([])
  })

  it('tells the user plainly when main refuses a copy it was asked to open', async () => {
    const t = tempDir('osr-evidence-')
    cleanups.push(t.cleanup)
    // A core host whose idea of its export folder differs from main's: main still refuses.
    const core = createCore({
      dataDir: join(t.dir, 'data'),
      appVersion: '0.0.0-test',
      kdfCost: FAST_KDF,
      logger: { error: () => {} },
      exportDir: join(t.dir, 'somewhere else'),
      openFile: async (file) => {
        const refusal = await refuseToOpen(file, join(t.dir, 'main’s own folder'))
        if (refusal) throw new Error(refusal)
      },
    })
    cleanups.push(() => core.close())
    await setUpSchool(core)
    const id = await incident(core)
    await ok(core, 'incidents.attach', { incidentId: id, fileName: 'photo.png', fileBase64: PNG.toString('base64'), description: 'A screenshot' })
    const { files } = await ok(core, 'incidents.get', { id })
    const error = await refused(core, 'incidents.copyEvidence', { fileId: files[0]!.id, open: true })
    expect(error.kind).toBe('conflict')
    expect(error.message).toMatch(/^A copy was saved as .*photo\.png, but it was not opened: The register opens only the copies it saves in its own folder/)
  })
})
