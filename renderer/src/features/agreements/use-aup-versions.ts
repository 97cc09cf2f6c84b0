import { ref } from 'vue'
import type { MethodInput } from '@shared/api/contract'
import type { AupVersion, AupVersionSummary } from '@shared/domain/aup'
import { call, messageOf } from '@/api'

/** The school's agreement texts, newest first, and publishing a new version. */
export function useAupVersions() {
  const versions = ref<AupVersionSummary[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      versions.value = await call('aup.versions', {})
      loaded.value = true
      error.value = null
    } catch (err) {
      error.value = messageOf(err, 'The agreement texts could not be read.')
    } finally {
      loading.value = false
    }
  }

  async function publish(input: MethodInput<'aup.publish'>): Promise<AupVersion> {
    const version = await call('aup.publish', input)
    await load()
    return version
  }

  const get = (id: number) => call('aup.get', { id })

  return { versions, loading, loaded, error, load, publish, get }
}

export type AupVersions = ReturnType<typeof useAupVersions>
