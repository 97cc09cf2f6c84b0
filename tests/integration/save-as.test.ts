import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { demoPdf } from '../../electron/core/reviews-and-checks/demo-reviews'
import type { IncidentEntry } from '../../shared/domain/incidents'
import { ok, refused, tempDir } from './helpers'
import { auditRows, clock, school, type School } from './people-fixtures'
import { pdfsig } from './pdf-tools'

// Copies written where the user chose in the Save window: the core takes a whole path with the
// extension that kind of copy has, writes nothing over a file unless told the user agreed to
// replace it, and refuses anything else with a sentence. (Whether the user agreed is the shell's
// word, not the window's: tests/integration/shell-services.test.ts.)

let s: School | null = null
const cleanups: (() => void)[] = []
afterEach(async () => {
  await s?.close()
  s = null
  for (const c of cleanups.splice(0)) c()
})

/** A folder standing for the place the user picked (a USB stick, Documents). */
function chosenFolder(): string {
  const t = tempDir('osr-save-as-')
  cleanups.push(t.cleanup)
  return t.dir
}

async function finishedReport(core: School['core']): Promise<string> {
  const { jobId } = await ok(core, 'reports.start', { type: 'policy-reviews', anonymised: false })
  let job = await ok(core, 'reports.job', { jobId })
  for (let i = 0; job.status === 'running' && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 50))
    job = await ok(core, 'reports.job', { jobId })
  }
  if (job.status !== 'done') throw new Error(`report ${job.status}: ${job.message}`)
  return jobId
}

async function categoryId(core: School['core'], name: string): Promise<number> {
  return (await ok(core, 'incidents.categories', {})).find((c) => c.name.startsWith(name))!.id
}

const ENTRY: Omit<IncidentEntry, 'categoryId'> = {
  occurredOn: '2026-06-15',
  occurredTime: '13:10',
  place: 'ICT suite 2',
  onSite: true,
  device: 'school',
  description: 'Hurtful messages about a pupil were posted in a class group chat.',
  actionTaken: 'Form tutor told.',
  childsWords: null,
  people: [],
  status: 'open',
  outcome: null,
}

describe('saving a copy as the file chosen in the Save window', () => {
  it('writes a signed report to the chosen file, and refuses a path that is not a whole path to a .pdf', async () => {
    s = await school(clock().now)
    const { core } = s
    const jobId = await finishedReport(core)
    const out = chosenFolder()

    const { file } = await ok(core, 'reports.save', { jobId, file: join(out, 'Policy reviews for governors.pdf') })
    expect(file).toBe(join(out, 'Policy reviews for governors.pdf'))
    expect(pdfsig(file)).toContain('Signature is Valid.')
    // The user's own spelling of the type is theirs to keep.
    expect((await ok(core, 'reports.save', { jobId, file: join(out, 'Copy.PDF') })).file).toBe(join(out, 'Copy.PDF'))

    const cases: [unknown, string, RegExp][] = [
      ['Reports/report.pdf', 'validation', /whole path/],
      [join(out, 'report.docx'), 'validation', /A signed report is a PDF document, so its name must end in \.pdf/],
      [join(out, 'report'), 'validation', /must end in \.pdf/],
      [join(out, 'what?.pdf'), 'validation', /characters Windows does not allow/],
      [`${out}/`, 'validation', /Give the file a name/],
      [join(out, 'gone', 'report.pdf'), 'not-found', /is not there any more/],
    ]
    for (const [bad, kind, message] of cases) {
      const error = await refused(core, 'reports.save', { jobId, file: bad })
      expect(error, String(bad)).toMatchObject({ kind, message: expect.stringMatching(message) })
      if (kind === 'validation') expect(error.field, String(bad)).toBe('file')
    }
    // "C:\Reports\…" passes the contract (it is a whole path on Windows) but is not one here.
    expect(await refused(core, 'reports.save', { jobId, file: 'C:\\Reports\\report.pdf' })).toMatchObject({ kind: 'validation', message: expect.stringMatching(/whole path/) })
    expect(readdirSync(out).sort()).toEqual(['Copy.PDF', 'Policy reviews for governors.pdf'])
  })

  it('never writes over a file unless asked to replace it; a replacement is whole, and a failed one leaves the old file', async () => {
    s = await school(clock().now)
    const { core } = s
    const jobId = await finishedReport(core)
    const out = chosenFolder()
    const target = join(out, 'Audit.pdf')
    writeFileSync(target, 'the governors’ own notes')

    const kept = await refused(core, 'reports.save', { jobId, file: target })
    expect(kept).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/^There is already a file called “Audit\.pdf” there, and nothing was saved over it\./) })
    expect(readFileSync(target, 'utf8')).toBe('the governors’ own notes')

    await ok(core, 'reports.save', { jobId, file: target, replace: true })
    expect(pdfsig(target)).toContain('Signature is Valid.')
    // Written beside it and renamed over it: nothing half-written is left behind.
    expect(readdirSync(out)).toEqual(['Audit.pdf'])

    // A "file" that is a folder with something in it cannot be replaced: the folder and its contents stay.
    const folderNamedLikeAFile = join(out, 'Folder.pdf')
    mkdirSync(folderNamedLikeAFile)
    writeFileSync(join(folderNamedLikeAFile, 'inside.txt'), 'keep me')
    expect(await refused(core, 'reports.save', { jobId, file: folderNamedLikeAFile, replace: true })).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/is a folder\. Nothing was saved/) })
    expect(readFileSync(join(folderNamedLikeAFile, 'inside.txt'), 'utf8')).toBe('keep me')
    expect(readdirSync(out).sort()).toEqual(['Audit.pdf', 'Folder.pdf'])
  })

  it('saves an evidence copy only with the evidence file’s own extension', async () => {
    s = await school(clock().now)
    const { core } = s
    const incident = await ok(core, 'incidents.record', { entry: { ...ENTRY, categoryId: await categoryId(core, 'Cyberbullying') } })
    await ok(core, 'incidents.attach', { incidentId: incident.id, fileName: 'chat.txt', fileBase64: Buffer.from('You are not welcome here.').toString('base64'), description: 'The chat, copied' })
    const fileId = (await ok(core, 'incidents.get', { id: incident.id })).files[0]!.id
    const out = chosenFolder()

    const { file } = await ok(core, 'incidents.copyEvidence', { fileId, file: join(out, 'Chat for the police.txt') })
    expect(readFileSync(file, 'utf8')).toBe('You are not welcome here.')
    // A copy renamed to a program would run when double-clicked: refused.
    expect(await refused(core, 'incidents.copyEvidence', { fileId, file: join(out, 'chat.exe') })).toMatchObject({
      kind: 'validation',
      field: 'file',
      message: 'A copy keeps the type of the evidence file, so its name must end in .txt. Save it again with a name that ends in .txt.',
    })
    expect(readdirSync(out)).toEqual(['Chat for the police.txt'])
    expect(await auditRows(core, 'incident.evidenceCopy')).toHaveLength(1)
  })

  it('saves a policy document copy with its own extension, and the calendar only as .ics', async () => {
    s = await school(clock('2026-01-06T10:00:00Z').now)
    const { core } = s
    const pdf = demoPdf('Online safety policy')
    const policy = await ok(core, 'policies.create', { title: 'Online safety policy', owner: 'DSL', version: 'v1', writtenOn: '2025-09-01', ratifiedOn: '2025-10-01', ratifiedBy: 'Governing body', reviewIntervalMonths: 12, nextReviewOn: '2026-10-01' })
    const withPdf = await ok(core, 'policies.uploadDocument', { policyId: policy.id, versionLabel: 'v1', fileName: 'OS policy.pdf', fileBase64: pdf.toString('base64') })
    const documentId = withPdf.document!.id
    const out = chosenFolder()

    const { file } = await ok(core, 'policies.saveDocument', { documentId, file: join(out, 'OS policy (v1).pdf') })
    expect(readFileSync(file).equals(pdf)).toBe(true)
    expect(await refused(core, 'policies.saveDocument', { documentId, file: join(out, 'OS policy.docx') })).toMatchObject({ kind: 'validation', field: 'file', message: expect.stringMatching(/must end in \.pdf/) })
    expect(await auditRows(core, 'policy.documentRead')).toEqual([expect.objectContaining({ detail: 'to a chosen file' })])

    const ics = await ok(core, 'calendar.exportIcs', { file: join(out, 'Online safety calendar 2026-01-06.ics') })
    expect(readFileSync(ics.file, 'utf8')).toMatch(/^BEGIN:VCALENDAR/)
    expect(await refused(core, 'calendar.exportIcs', { file: join(out, 'calendar.pdf') })).toMatchObject({
      kind: 'validation',
      field: 'file',
      message: 'A calendar for Outlook is an iCalendar file, so its name must end in .ics. Save it again with a name that ends in .ics.',
    })
    expect(readdirSync(out).sort()).toEqual(['OS policy (v1).pdf', 'Online safety calendar 2026-01-06.ics'])
  })
})
