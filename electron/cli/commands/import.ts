import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Runner } from '../args'
import type { importRecords } from '../commands'
import { CliError, UsageError } from '../errors'
import { say } from '../output'
import { call, withSignedIn } from '../session'

export const run: Runner<typeof importRecords> = async (v) => {
  if (v.positional !== 'people') throw new UsageError(`There is nothing called "${v.positional}" to import. The command line imports: people.`, 'import')
  if (v.type !== 'pupils' && v.type !== 'staff') throw new UsageError(`--type is pupils or staff, not "${v.type}".`, 'import')
  const type = v.type
  const file = resolve(v.csv)
  let csv: string
  try {
    csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch {
    throw new CliError(`The file ${file} could not be read. Check the path.`)
  }

  return withSignedIn(v, async ({ core }) => {
    const preview = await call(core, 'people.importPreview', { type, csv })
    say(`${file}: ${preview.rowCount} rows, ${preview.layout} layout (${preview.mappingSource} column mapping).`)
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
      csv,
      archiveMissing: v['archive-missing'] === true,
      ...(preview.badRows.length ? { skipBadRows: { good, bad: preview.badRows.length } } : {}),
    })
    say(`Imported: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.skipped} skipped, ${result.archived} archived.`)
    return 0
  })
}
