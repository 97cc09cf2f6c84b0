import { newPassword } from '@shared/api/fields'
import type { FieldErrors } from '@/lib/field-errors'
import { contractRule } from '@/lib/contract-rules'

export const PASSWORD_HINT =
  'At least 12 characters. Three or four random words that have nothing to do with each other work well, and are easy to type.'

const passwordRule = contractRule(newPassword)

/**
 * The contract's rule for a new password, and that both copies match. Puts the messages
 * under `field` and `confirmField`; returns whether the password can be sent.
 */
export function checkNewPassword(
  password: string,
  confirm: string,
  errors: FieldErrors,
  field: string,
  confirmField: string,
): boolean {
  if (!errors.check(field, passwordRule, password)) return false
  if (password !== confirm) {
    errors.set(confirmField, 'The two passwords are not the same. Please type it again.')
    return false
  }
  return true
}
