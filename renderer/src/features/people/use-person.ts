import { ref } from 'vue'
import type { Agreement } from '@shared/domain/aup'
import type { Person } from '@shared/domain/people'
import { call, messageOf } from '@/api'

/** One person in full, their agreements, and what the manager and DSL may change about them. */
export function usePerson() {
  const person = ref<Person | null>(null)
  const agreements = ref<Agreement[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const signatures = ref<Record<number, string | null>>({})

  async function load(id: number): Promise<void> {
    loading.value = true
    error.value = null
    signatures.value = {}
    try {
      const [p, a] = await Promise.all([call('people.get', { id }), call('agreements.forPerson', { personId: id })])
      person.value = p
      agreements.value = a
    } catch (err) {
      error.value = messageOf(err, 'This person’s record could not be read.')
    } finally {
      loading.value = false
    }
  }

  async function showSignature(agreementId: number): Promise<void> {
    signatures.value = { ...signatures.value, [agreementId]: (await call('agreements.signature', { agreementId })).dataUrl }
  }

  async function archive(leftOn?: string): Promise<Person> {
    if (!person.value) throw new Error('no person')
    person.value = await call('people.archive', { id: person.value.id, leftOn })
    return person.value
  }

  async function unarchive(): Promise<Person> {
    if (!person.value) throw new Error('no person')
    person.value = await call('people.unarchive', { id: person.value.id })
    return person.value
  }

  async function setHold(hold: boolean, reason?: string): Promise<Person> {
    if (!person.value) throw new Error('no person')
    person.value = await call('people.setSafeguardingHold', { id: person.value.id, hold, reason })
    return person.value
  }

  return { person, agreements, loading, error, signatures, load, showSignature, archive, unarchive, setHold }
}
