import { z } from 'zod'
import type { Result } from './result'
import type { ShellMethodName } from './shell-names'
import { returns } from './contract-kit'
import { localPath } from './fields'
import { safeFileName } from '../domain/file-names'

const title = z.string().trim().min(1).max(120)

/** One "Files of type" entry of a native file picker: a name and extensions without dots. */
const fileFilter = z.object({ name: z.string().min(1).max(60), extensions: z.array(z.string().regex(/^[a-z0-9*]{1,10}$/i)).min(1).max(10) }).strict()

export const shellContract = {
  /** The native folder picker, for a place to put encrypted backups (a USB stick). */
  'shell.pickFolder': {
    input: z.object({ title }).strict(),
    output: returns<{ path: string | null }>(),
  },
  /**
   * The native Save window for a readable copy (a report, an evidence file, a policy document, the
   * calendar): it opens in the folder this person last saved to (else Documents) with `fileName`
   * filled in and its type as the only "Save as type". `replaces`: the file was there already, so
   * the window asked whether to replace it and the user said yes. `warning`: the folder is synced to
   * the cloud or on a network share (the user may still save there).
   */
  'shell.pickSaveFile': {
    input: z.object({ title, fileName: z.string().min(1).max(150).refine((n) => safeFileName(n) === n, 'That is not a file name the app suggests.') }).strict(),
    output: returns<{ path: string | null; replaces: boolean; warning: string | null }>(),
  },
  /** The native file picker, for one existing file. */
  'shell.pickFile': {
    input: z.object({ title, filters: z.array(fileFilter).max(5) }).strict(),
    output: returns<{ path: string | null }>(),
  },
  /** Where the records are on this computer (business manager). */
  'shell.dataFolder': {
    input: z.object({}).strict(),
    output: returns<{ path: string; defaultPath: string; moved: boolean }>(),
  },
  /** The native folder picker for a new place for the records, checked: a synced, network, non-empty or same folder comes back refused with the reason (business manager). */
  'shell.pickDataFolder': {
    input: z.object({}).strict(),
    output: returns<{ path: string | null; refusal: string | null }>(),
  },
  /** Locks the register and moves it (business manager). Afterwards nothing opens until the app restarts. */
  'shell.moveDataFolder': {
    input: z.object({ to: localPath }).strict(),
    output: returns<{ path: string; files: number; bytes: number }>(),
  },
  /** How far a move has got (null when none runs). */
  'shell.moveProgress': {
    input: z.object({}).strict(),
    output: returns<{ copiedBytes: number; totalBytes: number } | null>(),
  },
  /** Starts the app again (after a move: it opens the register in its new place). */
  'shell.restart': {
    input: z.object({}).strict(),
    output: returns<null>(),
  },
} satisfies Record<ShellMethodName, { input: z.ZodType; output: unknown }>

export type ShellInput<M extends ShellMethodName> = z.input<(typeof shellContract)[M]['input']>
export type ShellOutput<M extends ShellMethodName> = (typeof shellContract)[M]['output']

/** What the preload (or the test bridge) puts at window.shell. */
export type ShellBridge = {
  readonly [M in ShellMethodName]: (input: ShellInput<M>) => Promise<Result<ShellOutput<M>>>
}
