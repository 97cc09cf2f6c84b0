import { z } from 'zod'
import { returns, defineKind, type MethodSpec } from '../../api/contract-kit'
import type { Role } from '../../domain/roles'
import { DRAFT_FORM_NAMES, MAX_DRAFT_CHARS, type Draft } from '../../domain/drafts'

/** Everyone who types into a form; the handlers keep each user to their own drafts. */
const WRITERS = ['manager', 'head', 'dsl', 'ict', 'office'] as const satisfies readonly Role[]

const form = z.enum(DRAFT_FORM_NAMES, { message: 'That form does not keep drafts.' })
/** Which record the form is about (an incident's id, a policy's id), or '' for a new one. */
const recordKey = z.string().max(40, 'That record is not known.').regex(/^[0-9A-Za-z-]*$/, 'That record is not known.')
const which = z.object({ form, recordKey }).strict()

export const draftMethods = {
  'drafts.get': {
    summary: 'The signed-in user’s own draft of a form, if they left one',
    access: WRITERS,
    input: which,
    output: returns<Draft | null>(),
  },
  'drafts.save': {
    summary: 'Keep what the signed-in user has typed into a form so far (encrypted with their role key for safeguarding forms)',
    access: WRITERS,
    input: which
      .extend({
        content: z
          .string()
          .min(1, 'There is nothing to keep.')
          .max(MAX_DRAFT_CHARS, `A draft can be at most ${MAX_DRAFT_CHARS.toLocaleString('en-GB')} characters. Save the form, or shorten what you typed.`),
      })
      .strict(),
    output: returns<{ savedAt: string }>(),
  },
  'drafts.discard': {
    summary: 'Delete the signed-in user’s draft of a form (discarded, or the record was saved)',
    access: WRITERS,
    input: which,
    output: returns<null>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The drafts kind: its methods and the audit trail's words for the actions it writes. */
export const draftsKind = defineKind({
  name: 'drafts',
  methods: draftMethods,
  auditWords: {},
})
