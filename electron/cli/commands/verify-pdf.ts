import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Runner } from '../args'
import type { verifyPdf } from '../commands'
import { CliError } from '../errors'
import { say, when } from '../output'
import { call, withSignedIn } from '../session'

export const run: Runner<typeof verifyPdf> = async (v) => {
  const file = resolve(v.positional ?? '')
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    throw new CliError(`The file ${file} could not be read. Check the path.`)
  }
  return withSignedIn(v, async ({ core }) => {
    const result = await call(core, 'reports.verify', { fileBase64: bytes.toString('base64') })
    const mark = (ok: boolean) => (ok ? '✓' : '✗')
    say(
      result.message,
      `  ${mark(result.signatureIntact)} signature intact`,
      `  ${mark(result.coversWholeFile)} nothing added after signing`,
      `  ${mark(result.signedByThisSchool)} signed with this school’s certificate${result.signedBy ? ` (${result.signedBy.holder})` : ''}`,
      `  ${mark(result.registerEntry !== null)} in the report register${result.registerEntry ? ` (no. ${result.registerEntry.id}, issued ${when(result.registerEntry.producedAt)})` : ''}`,
    )
    return result.verdict === 'genuine' ? 0 : 1
  })
}
