import { ref } from 'vue'
import type { BackupCheck, BackupInfo, BackupOverview } from '@shared/domain/backups'
import { call, messageOf } from '@/api'

/** The backups on this computer, and making one now. */
export function useBackups() {
  const overview = ref<BackupOverview | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      overview.value = await call('backup.list', {})
      error.value = null
    } catch (err) {
      error.value = messageOf(err, 'The list of backups could not be read.')
    } finally {
      loading.value = false
    }
  }

  const backingUp = ref(false)

  /** Resolves with the new backup; throws the core's error for the screen to place. */
  async function backUpNow(folder?: string): Promise<BackupInfo> {
    backingUp.value = true
    try {
      const made = await call('backup.now', folder ? { folder } : {})
      await load()
      return made
    } finally {
      backingUp.value = false
    }
  }

  return { overview, loading, error, load, backingUp, backUpNow }
}

/** Restoring: check the file first, then replace the records only when the person confirms. */
export function useRestore() {
  const file = ref('')
  const check = ref<BackupCheck | null>(null)
  const checkedFile = ref('')
  const inspecting = ref(false)
  const restoring = ref(false)

  async function inspect(): Promise<BackupCheck> {
    inspecting.value = true
    check.value = null
    try {
      const result = await call('backup.inspect', { file: file.value })
      check.value = result
      checkedFile.value = file.value
      return result
    } finally {
      inspecting.value = false
    }
  }

  async function restore(confirmSchoolName: string): Promise<{ replacedCopy: string }> {
    restoring.value = true
    try {
      return await call('backup.restore', { file: checkedFile.value, confirmSchoolName })
    } finally {
      restoring.value = false
    }
  }

  function forget(): void {
    check.value = null
    checkedFile.value = ''
  }

  return { file, check, checkedFile, inspecting, restoring, inspect, restore, forget }
}
