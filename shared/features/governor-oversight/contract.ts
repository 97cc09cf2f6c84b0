import { z } from 'zod'
import { defineKind, id, noInput, returns, type MethodSpec } from '../../api/contract-kit'
import { isoDate } from '../../api/fields'
import type { Role } from '../../domain/roles'

/**
 * Governor oversight of online safety (the policy's sections 3.1 and 3.3): the DSL's meetings with
 * the online safety governor, with their notes, and the actions that come out of them or out of the
 * annual review pack's priorities, each followed to done.
 */

export const ACTION_SOURCES = ['meeting', 'annual-pack', 'other'] as const
export type ActionSource = (typeof ACTION_SOURCES)[number]
export const ACTION_SOURCE_LABELS: Readonly<Record<ActionSource, string>> = { meeting: 'A meeting', 'annual-pack': 'The annual review’s priorities', other: 'Other' }

export interface OversightAction {
  id: number
  source: ActionSource
  meetingId: number | null
  meetingOn: string | null
  /** The school year of the annual pack it came from (2025 for 2025–26). */
  packYear: number | null
  action: string
  owner: string
  dueOn: string
  doneOn: string | null
  doneNote: string | null
}

export interface OversightMeeting {
  id: number
  metOn: string
  governor: string
  dsl: string
  others: string
  notes: string
  recordedAt: string
  recordedBy: string
  actions: number
  actionsOpen: number
}

export interface OversightOverview {
  meetings: OversightMeeting[]
  /** Open actions first (soonest due first), then done ones (latest first). */
  actions: OversightAction[]
}

/**
 * The headteacher, DSL and business manager keep these records (the governor's meetings can touch
 * on incidents); the ICT manager and reception do not see them.
 */
const KEEPERS = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]

const text = (what: string, max: number) => z.string({ message: `Please enter ${what}.` }).trim().min(1, `Please enter ${what}.`).max(max, `Keep ${what} to ${max} characters.`)

export const oversightActionInput = z.object({ action: text('the action', 500), owner: text('who owns the action', 120), dueOn: isoDate }).strict()

export const oversightRecordMeeting = z
  .object({
    metOn: isoDate,
    governor: text('the governor’s name', 120),
    dsl: text('the DSL’s name', 120),
    others: z.string().trim().max(300, 'Keep the others present to 300 characters.').default(''),
    notes: text('the notes of the meeting', 10_000),
    actions: z.array(oversightActionInput).max(30, 'At most 30 actions from one meeting.').default([]),
  })
  .strict()

export const oversightAddAction = z
  .object({
    source: z.enum(['annual-pack', 'other'], { message: 'Say where the action comes from.' }),
    packYear: z.number().int().min(2000, 'Choose the school year of the annual review.').max(2100, 'Choose the school year of the annual review.').optional(),
    action: text('the action', 500),
    owner: text('who owns the action', 120),
    dueOn: isoDate,
  })
  .strict()
  .superRefine((v, issue) => {
    if (v.source === 'annual-pack' && v.packYear === undefined) issue.addIssue({ code: 'custom', path: ['packYear'], message: 'Choose the school year of the annual review the priority comes from.' })
  })

export const oversightCompleteAction = z.object({ id, doneOn: isoDate, note: text('what was done', 1000) }).strict()

export const governorOversightMethods = {
  'oversight.overview': { summary: 'The DSL’s meetings with the online safety governor, and the oversight actions', access: KEEPERS, input: noInput, output: returns<OversightOverview>() },
  'oversight.recordMeeting': { summary: 'Record a meeting of the DSL and the online safety governor, with its actions', access: KEEPERS, input: oversightRecordMeeting, output: returns<OversightMeeting>() },
  'oversight.addAction': { summary: 'Add an oversight action (an annual review priority, or another)', access: KEEPERS, input: oversightAddAction, output: returns<OversightAction>() },
  'oversight.completeAction': { summary: 'Mark an oversight action done', access: KEEPERS, input: oversightCompleteAction, output: returns<OversightAction>() },
} as const satisfies Record<string, MethodSpec>

export const governorOversightKind = defineKind({
  name: 'governor-oversight',
  methods: governorOversightMethods,
  auditWords: {
    'oversight.recordMeeting': 'Recorded a meeting with the online safety governor',
    'oversight.addAction': 'Added an oversight action',
    'oversight.completeAction': 'Marked an oversight action done',
    'oversight.retention': 'Deleted governor oversight records past their retention',
  },
})
