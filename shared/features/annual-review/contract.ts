import { z } from 'zod'
import { returns, defineKind, type MethodSpec } from '../../api/contract-kit'
import type { Role } from '../../domain/roles'
import { FIRST_PACK_YEAR, LAST_PACK_YEAR, type AnnualCommentary, type AnnualFigures } from '../../domain/annual-review'
import { looksLikeAPassword, PASSWORD_REFUSAL } from '../../domain/looks-like-a-password'

/** Who reads the annual review and prints the pack: those who see every record. */
const PACK_READERS = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]
/** The headteacher writes the commentary; the business manager often types it for them. */
const COMMENTARY_WRITERS = ['manager', 'head'] as const satisfies readonly Role[]

export const startYear = z
  .number({ error: 'Please choose the academic year.' })
  .int('Please choose the academic year.')
  .min(FIRST_PACK_YEAR, `Choose an academic year from ${FIRST_PACK_YEAR} on.`)
  .max(LAST_PACK_YEAR, `Choose an academic year before ${LAST_PACK_YEAR}.`)

const longText = (what: string, max: number) =>
  z
    .string()
    .max(max, `The ${what} can be at most ${max.toLocaleString('en-GB')} characters.`)
    .refine((v) => !looksLikeAPassword(v), PASSWORD_REFUSAL)
const personName = (what: string) =>
  z
    .string()
    .trim()
    .max(100, `The ${what} can be at most 100 characters.`)

export const commentarySave = z
  .object({
    startYear,
    commentary: longText('commentary', 20_000),
    priorities: longText('priorities for next year', 10_000),
    headName: personName('headteacher’s name'),
    chairName: personName('chair of governors’ name'),
  })
  .strict()

export const annualReviewMethods = {
  'annualReview.figures': {
    summary: 'Every figure of the annual review pack for one academic year, counted from the records',
    access: PACK_READERS,
    input: z.object({ startYear }).strict(),
    output: returns<AnnualFigures>(),
  },
  'annualReview.commentary': {
    summary: 'The headteacher’s commentary and priorities kept for one academic year',
    access: PACK_READERS,
    input: z.object({ startYear }).strict(),
    output: returns<AnnualCommentary>(),
  },
  'annualReview.saveCommentary': {
    summary: 'Keep the headteacher’s commentary, priorities and the names for the sign-off page',
    access: COMMENTARY_WRITERS,
    input: commentarySave,
    output: returns<AnnualCommentary>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The annual review kind: its methods and the audit trail's words for the actions it writes. */
export const annualReviewKind = defineKind({
  name: 'annual-review',
  methods: annualReviewMethods,
  auditWords: {
    'annualReview.read': 'Viewed the annual review figures',
    'annualReview.commentary': 'Changed the annual review commentary',
  },
})
