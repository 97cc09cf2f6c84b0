export type BackupKind = 'daily' | 'weekly' | 'monthly' | 'on-lock' | 'manual'

export interface BackupInfo {
  file: string
  kind: BackupKind
  /** ISO 8601, UTC. */
  createdAt: string
  sizeBytes: number
}

export interface BackupOverview {
  backups: BackupInfo[]
  lastBackupAt: string | null
  folder: string
}

/** What a backup file says about itself, read and checked before anything is replaced. */
export interface BackupCheck {
  schoolName: string
  createdAt: string
  schemaVersion: number
  /** False when the file belongs to another school's register. */
  sameSchool: boolean
  records: { users: number; auditEntries: number }
}
