import { ref } from 'vue'
import { pickFolder } from '@/api/shell'

/**
 * Choosing where a readable copy (a report, an evidence file, a calendar) is saved: the
 * computer's own folder window, then — for a folder synced to the cloud or on a network share —
 * a warning the user must accept (ExportWarningDialog shows it). Resolves to the folder, or null
 * when the user cancelled either step.
 */
export function useExportFolder() {
  const warning = ref<string | null>(null)
  const folder = ref<string | null>(null)
  let answer: ((go: boolean) => void) | null = null

  async function choose(title: string): Promise<string | null> {
    const picked = await pickFolder(title, 'export')
    if (!picked.path) return null
    if (!picked.warning) return picked.path
    folder.value = picked.path
    warning.value = picked.warning
    const go = await new Promise<boolean>((resolve) => (answer = resolve))
    warning.value = null
    return go ? picked.path : null
  }

  function decide(go: boolean): void {
    answer?.(go)
    answer = null
  }

  return { warning, folder, choose, decide }
}

export type ExportFolder = ReturnType<typeof useExportFolder>
