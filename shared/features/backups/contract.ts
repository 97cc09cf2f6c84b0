import { z } from 'zod'
import type { BackupCheck, BackupInfo, BackupOverview } from '../../domain/backups'
import * as f from '../../api/fields'
import { noInput, returns, defineKind, type MethodSpec } from '../../api/contract-kit'
import { MANAGER } from '../../api/access'

/** Backups: listing, making, checking and restoring them. */
export const backupsMethods = {
  // Backups and keys.
  'backup.list': {
    summary: 'The automatic backups kept on this computer, and when the last one was made',
    access: MANAGER,
    input: noInput,
    output: returns<BackupOverview>(),
  },
  'backup.now': {
    summary: 'Back up now, to the backup folder or to a chosen folder (a USB stick)',
    access: MANAGER,
    input: z.object({ folder: f.localPath.optional() }).strict(),
    output: returns<BackupInfo>(),
  },
  'backup.inspect': {
    summary: 'Check a backup file before restoring it: whose it is, when, and that it opens',
    access: MANAGER,
    input: z.object({ file: f.localPath }).strict(),
    output: returns<BackupCheck>(),
  },
  'backup.restore': {
    summary: 'Replace the records with a checked backup (the replaced copy is kept); locks the register',
    access: MANAGER,
    input: z.object({ file: f.localPath, confirmSchoolName: z.string().trim().min(1, 'Type the school’s name to confirm.') }).strict(),
    output: returns<{ replacedCopy: string }>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The backups kind: its methods and the audit trail's words for the actions it writes. */
export const backupsKind = defineKind({
  name: 'backups',
  methods: backupsMethods,
  auditWords: {
    'backup.now': 'Made a backup',
    'backup.restore': 'Restored a backup',
  },
})
