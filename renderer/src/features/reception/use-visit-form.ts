import { computed, reactive, ref } from 'vue'
import type { AupVersion } from '@shared/domain/aup'
import type { DbsStatus } from '@shared/domain/people'
import type { Visit, VisitorMatch } from '@shared/domain/visits'
import { ApiCallError, call } from '@/api'
import { useFieldErrors } from '@/lib/field-errors'
import { fieldRule } from '@/lib/contract-rules'
import { dbsCheck, visitorRegister, visitSignIn } from '@shared/api/people-fields'
import { hostInput, needsAgreement, suggestionsFrom, type HostChoice, type Suggestion } from './reception-rules'
import type { SignatureGiven } from './signature-box.vue'

/** The fields the form shows, as the core names them, so its errors land under the right one. */
const FIELDS = ['forename', 'surname', 'organisation', 'dbs.status', 'dbs.checkedBy', 'purpose', 'hostId', 'hostName', 'carRegistration', 'usesIct'] as const

export type VisitStep = 'details' | 'agreement'

/**
 * Signing one visitor in: a returning one picked from the search, or a new one registered here.
 * Someone who will use the school's computers or wifi without a current agreement reads the
 * visitor agreement and signs it on screen before they are signed in.
 */
export function useVisitForm() {
  /** The visitor being signed in; for a new visitor, set once they are registered. */
  const visitor = ref<VisitorMatch | null>(null)
  const isNew = ref(false)
  const active = ref(false)
  const step = ref<VisitStep>('details')
  const form = reactive({
    forename: '',
    surname: '',
    organisation: '',
    dbsStatus: null as DbsStatus | null,
    dbsCheckedBy: '',
    purpose: '',
    host: null as HostChoice,
    carRegistration: '',
    usesIct: false,
  })
  /** The agreement to show: undefined until asked, null when the school has none for visitors. */
  const aup = ref<AupVersion | null | undefined>(undefined)
  const errors = useFieldErrors()
  const busy = ref(false)

  const agreementNeeded = computed(() => needsAgreement(form.usesIct, visitor.value))

  function clearForm(): void {
    Object.assign(form, { forename: '', surname: '', organisation: '', dbsStatus: null, dbsCheckedBy: '', purpose: '', host: null, carRegistration: '', usesIct: false })
    errors.clear()
    step.value = 'details'
    aup.value = undefined
  }

  /** Last visit's answers, offered as chips on the form. */
  const suggestions = computed<Suggestion[]>(() => (visitor.value && !isNew.value ? suggestionsFrom(visitor.value) : []))

  function startReturning(match: VisitorMatch): void {
    clearForm()
    visitor.value = match
    isNew.value = false
    active.value = true
  }

  /** A tapped suggestion fills its field, and only that. */
  function useSuggestion(s: Suggestion): void {
    ;(form as Record<string, unknown>)[s.field] = s.value
    errors.clear(s.field === 'host' ? 'hostId' : s.field)
  }

  /** Their corrected details, saved at the desk: the form carries on with the new name. */
  function corrected(match: VisitorMatch): void {
    visitor.value = { ...match, lastVisit: visitor.value?.lastVisit ?? match.lastVisit, onSite: visitor.value?.onSite ?? match.onSite }
  }

  /** A new visitor; what was typed in the search box becomes their name. */
  function startNew(typed = ''): void {
    clearForm()
    visitor.value = null
    isNew.value = true
    const words = typed.trim().split(/\s+/).filter(Boolean)
    if (words.length > 1) {
      form.forename = words.slice(0, -1).join(' ')
      form.surname = words.at(-1) ?? ''
    } else {
      form.forename = words[0] ?? ''
    }
    active.value = true
  }

  function cancel(): void {
    clearForm()
    visitor.value = null
    isNew.value = false
    active.value = false
  }

  function checkDetails(): boolean {
    if (isNew.value) {
      // Reception's boxes are "First name" and "Surname": an empty one is asked for in those words
      // (the contract says "forename"); what is typed is then checked as the core will.
      if (!form.forename.trim()) errors.set('forename', 'Please enter their first name.')
      if (!form.surname.trim()) errors.set('surname', 'Please enter their surname.')
      errors.check('forename', fieldRule(visitorRegister, 'forename'), form.forename)
      errors.check('surname', fieldRule(visitorRegister, 'surname'), form.surname)
      errors.check('dbs.status', fieldRule(dbsCheck, 'status'), form.dbsStatus)
      // The core's rule, not the contract's (people/person-details.ts, checkDbs): a check needs its checker.
      if (form.dbsStatus === 'checked' && !form.dbsCheckedBy.trim()) errors.set('dbs.checkedBy', 'Say who checked the DBS certificate.')
    }
    errors.check('purpose', fieldRule(visitSignIn, 'purpose'), form.purpose)
    if (!hostInput(form.host).hostId && !hostInput(form.host).hostName) errors.set('hostId', 'Please choose who they are here to see, or type the name.')
    return !errors.has()
  }

  /**
   * Who is signing in: a returning visitor by id, or a new one by their details — registered by
   * the core together with the visit, so a refusal saves nothing and everything typed stays.
   */
  function who(): { personId: number } | { newVisitor: { kind: 'visitor'; forename: string; surname: string; organisation?: string; dbs: { status: DbsStatus; checkedBy?: string } } } {
    if (!isNew.value && visitor.value) return { personId: visitor.value.id }
    const status = form.dbsStatus ?? 'not-checked'
    return {
      newVisitor: {
        kind: 'visitor',
        forename: form.forename,
        surname: form.surname,
        organisation: form.organisation || undefined,
        dbs: { status, checkedBy: status === 'checked' ? form.dbsCheckedBy : undefined },
      },
    }
  }

  /** A refusal under the field it names; a new visitor's fields come back as `newVisitor.<field>`. */
  function showRefusal(err: unknown): void {
    const field = err instanceof ApiCallError && err.field?.startsWith('newVisitor.') ? err.field.slice('newVisitor.'.length) : null
    if (field && (FIELDS as readonly string[]).includes(field)) errors.set(field, (err as ApiCallError).message)
    else errors.fromCall(err, FIELDS, 'They could not be signed in. Please try again.')
  }

  async function signIn(agreement?: { versionId: number } & SignatureGiven): Promise<Visit> {
    return call('visits.signIn', {
      ...who(),
      purpose: form.purpose,
      ...hostInput(form.host),
      carRegistration: form.carRegistration || undefined,
      usesIct: form.usesIct,
      agreement,
    })
  }

  /**
   * The first step: register (if new), then either sign in or, when an agreement is needed,
   * fetch the visitor agreement and move on to it. Returns the visit when they are signed in.
   */
  async function submitDetails(): Promise<Visit | null> {
    errors.clear()
    if (!checkDetails()) return null
    busy.value = true
    try {
      const returning = isNew.value ? null : visitor.value
      if (needsAgreement(form.usesIct, returning)) {
        aup.value = await call('visitors.currentAup', returning ? { personId: returning.id } : { kind: 'visitor' })
        step.value = 'agreement'
        return null
      }
      return await signIn()
    } catch (err) {
      showRefusal(err)
      return null
    } finally {
      busy.value = false
    }
  }

  /** The second step: the agreement read and signed on screen. */
  async function submitAgreement(signature: SignatureGiven | { missing: string }): Promise<Visit | null> {
    errors.clear()
    if (!aup.value) return null
    if ('missing' in signature) {
      errors.set('signature', signature.missing)
      return null
    }
    busy.value = true
    try {
      return await signIn({ versionId: aup.value.id, ...signature })
    } catch (err) {
      showRefusal(err)
      if (FIELDS.some((f) => errors.byField[f])) step.value = 'details'
      return null
    } finally {
      busy.value = false
    }
  }

  /** No visitor agreement published yet: they can still come in, without the school's ICT. */
  async function signInWithoutIct(): Promise<Visit | null> {
    form.usesIct = false
    step.value = 'details'
    return submitDetails()
  }

  function backToDetails(): void {
    errors.clear()
    step.value = 'details'
  }

  const name = computed(() => visitor.value?.displayName ?? [form.forename, form.surname].filter((s) => s.trim()).join(' '))

  return { visitor, isNew, active, step, form, aup, errors, busy, agreementNeeded, name, suggestions, useSuggestion, corrected, startReturning, startNew, cancel, submitDetails, submitAgreement, signInWithoutIct, backToDetails }
}

export type VisitForm = ReturnType<typeof useVisitForm>
