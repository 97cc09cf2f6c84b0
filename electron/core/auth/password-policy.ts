import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as en from '@zxcvbn-ts/language-en'
import { invalid } from '../api/app-error'

let estimator: ZxcvbnFactory | null = null
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  })
  return estimator
}

const SCHOOL_WORDS = ['school', 'password', 'safeguarding', 'register', 'online', 'safety', 'teacher', 'welcome']

/**
 * Refuses passwords that are common or easy to guess (length is checked by the contract).
 * Three or four unrelated words pass; "Password1234" and the school's own name do not.
 */
export function checkNewPassword(password: string, related: string[], field = 'newPassword'): void {
  const result = strength().check(password, [...related.filter(Boolean), ...SCHOOL_WORDS])
  if (result.score < 3) {
    throw invalid(
      field,
      'That password is too common or too easy to guess. Try three or four unrelated words, such as “kettle violet harbour jump”.',
    )
  }
}
