import { ref } from 'vue'
import { pickSaveFile } from '@/api/shell'

/** Where a copy is to be written, as the core's save methods take it. */
export interface SaveTarget {
  file: string
  /** The Save window asked whether to replace the file there and the user said yes. */
  replace: boolean
}

/**
 * "Save a copy…" for a readable copy (a report, an evidence file, a policy document, the
 * calendar): the computer's own Save window with the app's name for the file filled in, then —
 * for a folder synced to the cloud or on a network share — a warning the user must accept
 * (ExportWarningDialog shows it). Resolves to the file, or null when the user cancelled either step.
 */
export function useSaveAs() {
  const warning = ref<string | null>(null)
  const file = ref<string | null>(null)
  let answer: ((go: boolean) => void) | null = null

  async function choose(title: string, fileName: string): Promise<SaveTarget | null> {
    const picked = await pickSaveFile(title, fileName)
    if (!picked.path) return null
    const target = { file: picked.path, replace: picked.replaces }
    if (!picked.warning) return target
    file.value = picked.path
    warning.value = picked.warning
    const go = await new Promise<boolean>((resolve) => (answer = resolve))
    warning.value = null
    return go ? target : null
  }

  function decide(go: boolean): void {
    answer?.(go)
    answer = null
  }

  return { warning, file, choose, decide }
}

export type SaveAs = ReturnType<typeof useSaveAs>
