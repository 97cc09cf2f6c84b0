import type { z } from 'zod'

/**
 * Turns a zod issue into a sentence a school secretary can act on. Schemas in the contract
 * give their own message where a field has a rule worth explaining; this covers the rest.
 */
export function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = issue.path.map(String).join('.')
  const label = field === '' ? 'The request' : `“${humanise(field)}”`

  // A message written in the contract (e.g. z.string().min(12, '...')) wins.
  if (issue.message && !issue.message.startsWith('Invalid') && !issue.message.startsWith('Too ')
    && !issue.message.startsWith('Unrecognized')) {
    return { field, message: issue.message }
  }

  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { field, message: `${label} is missing. Please fill it in.` }
        : { field, message: `${label} is not in the expected form (expected ${issue.expected}).` }
    case 'too_small':
      return issue.origin === 'string'
        ? { field, message: `${label} is too short: it needs at least ${String(issue.minimum)} characters.` }
        : { field, message: `${label} is too small (at least ${String(issue.minimum)}).` }
    case 'too_big':
      return issue.origin === 'string'
        ? { field, message: `${label} is too long: at most ${String(issue.maximum)} characters.` }
        : { field, message: `${label} is too large (at most ${String(issue.maximum)}).` }
    case 'unrecognized_keys':
      return {
        field: issue.keys[0] ?? field,
        message: `The request contained something the app does not expect (${issue.keys.join(', ')}).`,
      }
    case 'invalid_value':
      return { field, message: `${label} must be one of: ${issue.values.map(String).join(', ')}.` }
    case 'invalid_format':
      return { field, message: `${label} is not in the right format.` }
    default:
      return { field, message: `${label} is not valid.` }
  }
}

function humanise(path: string): string {
  return path.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/\./g, ' › ').toLowerCase()
}
