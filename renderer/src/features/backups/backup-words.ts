import type { BackupKind } from '@shared/domain/backups'

export const BACKUP_KIND_WORDS: Readonly<Record<BackupKind, string>> = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  'on-lock': 'When the register locked',
  manual: 'Backed up by hand',
}

/** The file's own name, for a narrow table cell (the full path is in its title). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] || path
}
