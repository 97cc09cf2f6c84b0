import type { MethodInput } from '@shared/api/contract'
import type { AupVersion, AupVersionSummary } from '@shared/domain/aup'
import { call } from '@/api'
import { useLoaded } from '@/lib/use-loaded'

/** The school's agreement texts, newest first, and publishing a new version. */
export function useAupVersions() {
  const { value: versions, loading, loaded, error, load } = useLoaded<AupVersionSummary[]>(
    () => call('aup.versions', {}),
    [],
    'The agreement texts could not be read.',
  )

  async function publish(input: MethodInput<'aup.publish'>): Promise<AupVersion> {
    const version = await call('aup.publish', input)
    await load()
    return version
  }

  const get = (id: number) => call('aup.get', { id })

  return { versions, loading, loaded, error, load, publish, get }
}

export type AupVersions = ReturnType<typeof useAupVersions>
