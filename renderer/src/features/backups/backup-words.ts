import type { BackupKind } from '@shared/domain/backups'

export const BACKUP_KIND_WORDS: Readonly<Record<BackupKind, string>> = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  'on-lock': 'When the register locked',
  manual: 'Backed up by hand',
}
