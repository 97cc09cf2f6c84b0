import { z } from 'zod'
import type { Role } from '../domain/roles'

/**
 * The pieces every record kind's contract is written with. Each kind's contract lives in its own
 * folder (`shared/features/<kind>/contract.ts`); `contract.ts` lists the kinds.
 */

/**
 * Who may call a method:
 * - `'anyone'`: also while the app is locked or not yet set up (status, set-up, log in);
 * - a list of roles: only a signed-in user holding one of them.
 */
export type Access = 'anyone' | readonly Role[]

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  /** One line for the map of the code and for error logs. */
  summary: string
  access: Access
  input: I
  /** Phantom: carries the result type; never read at run time. */
  output: O
}

/** Declares a method's result type without a run-time schema. */
export function returns<O>(): O {
  return undefined as O
}

export const noInput = z.object({}).strict()

/** A record's id. */
export const id = z.number().int().positive()

/** A file's bytes, base64, picked in the window (at most 60 MB). */
export const fileBase64 = z.string().min(1, 'Please choose a file.').max(80_000_000, 'That file is too large (at most 60 MB).')

/** The largest CSV file an import reads. */
export const MAX_CSV_BYTES = 10 * 1024 * 1024

/**
 * A CSV file for an import: its bytes as saved (base64), so the core decides the encoding
 * (UTF-8, UTF-16 or Excel's Windows-1252) the same way for the window and the command line;
 * or text a caller has already decoded. Use with `.refine(...oneCsvFile)`.
 */
export function csvFile(empty: string, tooLarge: string) {
  return {
    csvBase64: z
      .string()
      .min(1, empty)
      .max(Math.ceil(MAX_CSV_BYTES / 3) * 4, tooLarge)
      .optional(),
    csv: z.string().min(1, empty).max(MAX_CSV_BYTES, tooLarge).optional(),
  }
}

/** Exactly one of a CSV file's bytes or its text. */
export const oneCsvFile: [(v: { csv?: string; csvBase64?: string }) => boolean, { message: string; path: string[] }] = [
  (v) => (v.csv === undefined) !== (v.csvBase64 === undefined),
  { message: 'Choose the CSV file to import.', path: ['csvBase64'] },
]

/**
 * How a list is sorted: by one of its sortable columns (the list's own names, never SQL), up or
 * down. Lists are paged by the core, so the core sorts: a table that sorted only the page it was
 * shown would put the wrong rows first.
 */
export function sortOf<K extends string>(keys: readonly [K, ...K[]]) {
  return z
    .object({
      key: z.enum(keys, { message: 'That column cannot be sorted.' }),
      order: z.enum(['asc', 'desc'], { message: 'Sort up (asc) or down (desc).' }),
    })
    .strict()
    .optional()
}
export type SortOf<K extends string> = { key: K; order: 'asc' | 'desc' }

/**
 * One record kind, as the window and the core both see it: its methods, and the audit trail's
 * words for the actions its core code writes. `contract.ts` lists the kinds.
 */
export interface ContractKind<M extends Record<string, MethodSpec> = Record<string, MethodSpec>> {
  /** The kind's folder name on each side: "incidents". */
  name: string
  methods: M
  /** "incident.record" → "Recorded an incident" (tests/unit/audit-words.test.ts finds every action the core writes). */
  auditWords: Readonly<Record<string, string>>
}

export function defineKind<M extends Record<string, MethodSpec>>(kind: ContractKind<M>): ContractKind<M> {
  return kind
}
