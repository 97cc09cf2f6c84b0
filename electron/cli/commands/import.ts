import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { TEXT_ENCODING_LABELS, type TextEncodingName } from '../../../shared/domain/text-encodings'
import type { Runner, Values } from '../args'
import type { importRecords } from '../commands'
import { CliError, UsageError } from '../errors'
import { say } from '../output'
import { call, withSignedIn } from '../session'
import { importTraining } from './import-training'

export const run: Runner<typeof importRecords> = async (v) => {
  if (v.positional === 'incidents') return importIncidents(v, readCsvFile(v.csv))
  if (v.positional === 'training') return importTraining(v, readCsvFile(v.csv))
  if (v.positional === 'consent') return importConsent(v, readCsvFile(v.csv))
  if (v.positional !== 'people') throw new UsageError(`There is nothing called "${v.positional}" to import. The command line imports: people, incidents, training, consent.`, 'import')
  if (v.type !== 'pupils' && v.type !== 'staff') throw new UsageError(`--type is pupils or staff${v.type ? `, not "${v.type}"` : ' (say which the file lists)'}.`, 'import')
  const type = v.type
  const { file, csvBase64 } = readCsvFile(v.csv)

  return withSignedIn(v, async ({ core }) => {
    const preview = await call(core, 'people.importPreview', { type, csvBase64 })
    say(`${file}: ${preview.rowCount} rows, ${preview.layout.name} layout (${preview.mappingSource} column mapping), read as ${encodingName(preview.encoding)}.`)
    if (preview.hint) say(preview.hint)
    if (preview.missingFields.length) {
      throw new CliError(
        `No column in the file gives: ${preview.missingFields.join(', ')}. Nothing was imported. Map the columns once in the app's import screen (the mapping is remembered), or export again with those columns.`,
      )
    }
    say(`To add: ${preview.toAdd.length}. To update: ${preview.toUpdate.length}. Unchanged: ${preview.unchanged.length}. With problems: ${preview.badRows.length}.`)
    for (const bad of preview.badRows) say(`  line ${bad.line}: ${bad.reason}`)
    if (preview.notInFile.length) say(`${preview.notInFile.length} ${type} in the register are not in the file${v['archive-missing'] ? ' and will be archived' : ' (use --archive-missing if the file is the whole roll)'}.`)

    const good = preview.toAdd.length + preview.toUpdate.length + preview.unchanged.length
    if (v['dry-run']) {
      say(preview.badRows.length ? 'Dry run: nothing imported. Fix the rows listed, or import with --skip-bad-rows.' : 'Dry run: nothing imported. The whole file would import.')
      return preview.badRows.length ? 1 : 0
    }
    if (preview.badRows.length && !v['skip-bad-rows']) {
      throw new CliError(
        `${preview.badRows.length} row${preview.badRows.length === 1 ? ' has' : 's have'} problems (listed above), so nothing was imported. ` +
          `Fix them in the MIS and export again, or run again with --skip-bad-rows to import the ${good} good rows and skip them.`,
      )
    }
    const result = await call(core, 'people.importApply', {
      type,
      csvBase64,
      archiveMissing: v['archive-missing'] === true,
      ...(preview.badRows.length ? { skipBadRows: { good, bad: preview.badRows.length } } : {}),
    })
    say(`Imported: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.skipped} skipped, ${result.archived} archived.`)
    return 0
  })
}

/** A consent spreadsheet: previewed, then recorded whole, or the good rows with --skip-bad-rows. */
function importConsent(v: Values<(typeof importRecords)['options']>, { file, csvBase64 }: { file: string; csvBase64: string }): Promise<number> {
  return withSignedIn(v, async ({ core }) => {
    const preview = await call(core, 'consent.import', { csvBase64, dryRun: true })
    say(`${file}: ${preview.recorded} answers to record, ${preview.alreadyRecorded} already in the register, ${preview.badRows.length} with problems.`)
    for (const p of preview.preview) say(`  line ${p.line}: ${p.pupil}, ${p.purpose}: ${p.answer}, given by ${p.givenByName} on ${p.givenOn}`)
    if (preview.recorded > preview.preview.length) say(`  … and ${preview.recorded - preview.preview.length} more.`)
    for (const bad of preview.badRows) say(`  line ${bad.line}: ${bad.message}`)
    if (v['dry-run']) {
      say(preview.badRows.length ? 'Dry run: nothing imported. Fix the rows listed, or import with --skip-bad-rows.' : 'Dry run: nothing imported. The whole file would import.')
      return preview.badRows.length ? 1 : 0
    }
    if (preview.badRows.length && !v['skip-bad-rows']) {
      throw new CliError(
        `${preview.badRows.length} row${preview.badRows.length === 1 ? ' has' : 's have'} problems (listed above), so nothing was imported. Fix them in the spreadsheet, or run again with --skip-bad-rows to import the ${preview.recorded} good rows and skip them.`,
      )
    }
    const result = await call(core, 'consent.import', { csvBase64, skipBadRows: v['skip-bad-rows'] === true })
    say(`Imported: ${result.recorded} answers recorded, ${result.alreadyRecorded} already in the register, ${result.badRows.length} skipped.`)
    return 0
  })
}

const encodingName = (encoding: TextEncodingName | null) => (encoding ? TEXT_ENCODING_LABELS[encoding] : 'text')

/** The file's bytes as saved: the core works out whether they are UTF-8, UTF-16 or Windows-1252, as for the window. */
function readCsvFile(path: string): { file: string; csvBase64: string } {
  const file = resolve(path)
  try {
    return { file, csvBase64: readFileSync(file).toString('base64') }
  } catch {
    throw new CliError(`The file ${file} could not be read. Check the path.`)
  }
}

/** An earlier incident log (Appendix 4 columns): every row checked, then all imported or none. */
function importIncidents(v: Values<(typeof importRecords)['options']>, { file, csvBase64 }: { file: string; csvBase64: string }): Promise<number> {
  return withSignedIn(v, async ({ core }) => {
    const preview = await call(core, 'incidents.importPreview', { csvBase64 })
    const c = preview.columns
    say(`${file}: ${preview.rows.length} entries, read as ${encodingName(preview.encoding)}. Columns used — date: ${c.date}; where: ${c.place ?? 'none'}; description: ${c.description}; action taken: ${c.action ?? 'none'}; recorded by: ${c.recordedBy ?? 'none'}.`)
    for (const row of preview.rows.filter((r) => r.problems.length)) say(`  line ${row.line}: ${row.problems.join(' ')}`)
    if (v['dry-run']) {
      say(preview.withProblems ? 'Dry run: nothing imported. Correct the rows listed and try again.' : `Dry run: nothing imported. All ${preview.ready} entries would import.`)
      return preview.withProblems ? 1 : 0
    }
    if (preview.withProblems) throw new CliError(`${preview.withProblems} row(s) have problems (listed above), so nothing was imported. Correct them in the file and run again.`)
    const result = await call(core, 'incidents.importApply', { csvBase64 })
    say(`Imported ${result.imported} entries into the incident log, each marked as imported and signed by you.`)
    return 0
  })
}
