import { reactive, ref } from 'vue'
import type { z } from 'zod'
import { ApiCallError } from '@/api'
import type { ContractRule } from './contract-rules'

/**
 * The error messages of one form: one per field, shown under that field, plus one for the
 * form as a whole (anything that does not name a field the form shows).
 */
export function useFieldErrors() {
  const byField = reactive<Record<string, string>>({})
  const general = ref<string | null>(null)

  function clear(field?: string): void {
    if (field === undefined) {
      for (const key of Object.keys(byField)) Reflect.deleteProperty(byField, key)
      general.value = null
    } else {
      Reflect.deleteProperty(byField, field)
    }
  }

  function set(field: string, message: string): void {
    byField[field] = message
  }

  /** For v-text-field's error-messages: an empty list when the field is fine. */
  function of(field: string): string[] {
    const m = byField[field]
    return m ? [m] : []
  }

  /**
   * Checks a value with a rule from the contract (lib/contract-rules.ts) and puts its message
   * under the field unless the field already has one. Returns whether the value passed.
   */
  function check(field: string, rule: ContractRule, value: unknown): boolean {
    const verdict = rule(value)
    if (verdict === true) return true
    if (!byField[field]) byField[field] = verdict
    return false
  }

  /**
   * Checks a whole input with its contract schema: each message under its field, or for the form
   * as a whole when it names no field the form shows (`fields`). Returns whether the input passed.
   */
  function checkInput(schema: z.ZodType, value: unknown, fields: readonly string[]): boolean {
    const checked = schema.safeParse(value)
    if (checked.success) return true
    for (const issue of checked.error.issues) {
      const field = issue.path.map(String).join('.')
      if (!fields.includes(field)) general.value ??= issue.message
      else if (!byField[field]) byField[field] = issue.message
    }
    return false
  }

  function has(): boolean {
    return Object.keys(byField).length > 0 || general.value !== null
  }

  /** The first message for each field from a zod check, fields named as dotted paths. */
  function fromIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): void {
    for (const issue of issues) {
      const field = prefix + issue.path.map(String).join('.')
      if (!byField[field]) byField[field] = issue.message
    }
  }

  /**
   * Shows an error from a call: under its field when the core named one this form shows
   * (`fields`), otherwise for the whole form. Returns the field it went under, if any.
   */
  function fromCall(err: unknown, fields: readonly string[], fallback?: string): string | null {
    if (err instanceof ApiCallError && err.field && fields.includes(err.field)) {
      byField[err.field] = err.message
      return err.field
    }
    general.value = err instanceof ApiCallError ? err.message : (fallback ?? 'Something went wrong. Please try again.')
    return null
  }

  // reactive() unwraps `general`, so screens read and write it without .value.
  return reactive({ byField, general, clear, set, of, check, checkInput, has, fromIssues, fromCall })
}

export type FieldErrors = ReturnType<typeof useFieldErrors>
