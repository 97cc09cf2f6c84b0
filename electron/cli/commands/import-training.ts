import type { Values } from '../args'
import type { importRecords } from '../commands'
import { CliError } from '../errors'
import { say } from '../output'
import { call, withSignedIn } from '../session'

/** A training spreadsheet: every row checked and listed; all or nothing unless --skip-bad-rows. */
export function importTraining(v: Values<(typeof importRecords)['options']>, { file, csvBase64 }: { file: string; csvBase64: string }): Promise<number> {
  return withSignedIn(v, async ({ core }) => {
    const preview = await call(core, 'training.importPreview', { csvBase64 })
    say(`${file}: ${preview.rowCount} rows. To add: ${preview.toAdd.length}. Already recorded: ${preview.unchanged.length}. With problems: ${preview.badRows.length}.`)
    for (const bad of preview.badRows) say(`  line ${bad.line}: ${bad.reason}`)
    const good = preview.toAdd.length + preview.unchanged.length
    if (v['dry-run']) {
      say(preview.badRows.length ? 'Dry run: nothing imported. Correct the rows listed, or import with --skip-bad-rows.' : 'Dry run: nothing imported. The whole file would import.')
      return preview.badRows.length ? 1 : 0
    }
    if (preview.badRows.length && !v['skip-bad-rows']) {
      throw new CliError(
        `${preview.badRows.length} row${preview.badRows.length === 1 ? ' has' : 's have'} problems (listed above), so nothing was imported. ` +
          `Correct them in the spreadsheet, or run again with --skip-bad-rows to import the ${good} good rows and skip them.`,
      )
    }
    const result = await call(core, 'training.importApply', { csvBase64, ...(preview.badRows.length ? { skipBadRows: { good, bad: preview.badRows.length } } : {}) })
    say(`Imported: ${result.added} added, ${result.unchanged} already recorded, ${result.skipped} skipped.`)
    return 0
  })
}
