import type { z } from 'zod'
import { contract as defaultContract, type Access, type MethodSpec } from '../../../shared/api/contract'
import type { Result } from '../../../shared/api/result'
import type { Role } from '../../../shared/domain/roles'
import { AppError } from './app-error'
import { describeIssue } from '../../../shared/api/describe-issue'

/** Who is signed in. Lives in the main process (or the test bridge), never sent by the renderer. */
export interface Session {
  userId: number
  username: string
  displayName: string
  role: Role
  /**
   * The password was set by someone else (a new account, a reset): until the user chooses their
   * own, the core answers only what {@link OPEN_BEFORE_PASSWORD_CHANGE} lists.
   */
  mustChangePassword?: boolean
}

export interface CallContext {
  /** null while the app is locked or not set up. */
  session: Session | null
}

export type Handler<I = unknown, O = unknown, X extends CallContext = CallContext> = (input: I, ctx: X) => O | Promise<O>

/** A handler for every method of a contract, each typed by its own input and output. */
export type HandlersFor<C extends Record<string, MethodSpec>, X extends CallContext = CallContext> = {
  [M in keyof C]: Handler<z.output<C[M]['input']>, C[M]['output'], X>
}

export interface Logger {
  error(message: string, detail?: unknown): void
}

export type Dispatch<X extends CallContext = CallContext> = (method: unknown, input: unknown, ctx: X) => Promise<Result<unknown>>

const lockedMessage =
  'The register is locked. Please sign in again to carry on; nothing you saved has been lost.'
const forbiddenMessage =
  'Your role does not allow this. If you need it for your work, ask the school business manager.'
const passwordFirstMessage =
  'You need to choose your own password before you can use the register. Go to “My account”, ' +
  'enter the password you were given and a new one, then carry on.'

/**
 * What a user who must change their password may still call: the methods open to anyone (the
 * sign-in screen's status, signing in, locking), keeping the idle lock informed, and the change
 * itself. The window shows only the account screen too, but the core must not rely on that.
 */
export const OPEN_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set(['session.keepAlive', 'account.changePassword'])
const internalMessage =
  'Something went wrong inside the app and it could not finish. Nothing was changed. ' +
  'Please try again; if it keeps happening, tell your IT support (the details are in the app log).'

/**
 * The single entry point from the outside world into the core. For each call it:
 * finds the method, checks the session's role, validates the input with the contract's
 * schema, runs the handler, and turns whatever happens into a typed Result.
 * Nothing reaches a handler unless all three checks pass.
 */
export function createDispatcher<C extends Record<string, MethodSpec>, X extends CallContext = CallContext>(
  handlers: HandlersFor<C, X>,
  options: { logger: Logger; contract?: C },
): Dispatch<X> {
  const contract = (options.contract ?? defaultContract) as C
  const { logger } = options

  return async function dispatch(method, input, ctx) {
    if (typeof method !== 'string' || !Object.hasOwn(contract, method)) {
      return fail('not-found', `The app asked for an action it does not know (${describeName(method)}). ` +
        'Please restart the app; if it happens again, tell your IT support.')
    }
    const spec = contract[method] as MethodSpec
    const handler = handlers[method as keyof C] as Handler<unknown, unknown, X> | undefined
    if (!handler) {
      logger.error(`No handler registered for ${method}`)
      return fail('internal', internalMessage)
    }

    const denied = checkAccess(method, spec.access, ctx.session)
    if (denied) return { ok: false, error: denied.toApiError() }

    const parsed = spec.input.safeParse(input)
    if (!parsed.success) {
      const first = parsed.error.issues[0]
      const { field, message } = first ? describeIssue(first) : { field: '', message: 'The request is not valid.' }
      return { ok: false, error: { kind: 'validation', message, field } }
    }

    try {
      const value = await handler(parsed.data, ctx)
      return { ok: true, value }
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toApiError() }
      logger.error(`Unexpected error in ${method}`, err)
      return fail('internal', diskFullMessage(err) ?? internalMessage)
    }
  }
}

/**
 * A full disk is not a fault in the app and the office can fix it: say so in plain words.
 * SQLite rolls back the transaction it could not write, so nothing was changed; a file write
 * (ENOSPC) may have been one step of several, so that message promises less.
 */
function diskFullMessage(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code
  if (code === 'SQLITE_FULL') {
    return 'This could not be saved because the computer’s disk is full. Nothing was changed. ' +
      'Free some space on the disk (or ask your IT support to), then try again.'
  }
  if (code === 'ENOSPC') {
    return 'This could not be finished because the computer’s disk is full. ' +
      'Free some space on the disk (or ask your IT support to), then check what was saved and try again.'
  }
  return null
}

function checkAccess(method: string, access: Access, session: Session | null): AppError | null {
  if (access === 'anyone') return null
  if (!session) return new AppError('locked', lockedMessage)
  if (!access.includes(session.role)) return new AppError('forbidden', forbiddenMessage)
  if (session.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.has(method)) return new AppError('forbidden', passwordFirstMessage)
  return null
}

function fail(kind: 'not-found' | 'internal', message: string): Result<never> {
  return { ok: false, error: { kind, message } }
}

function describeName(method: unknown): string {
  if (typeof method !== 'string') return 'no name given'
  return `“${method.slice(0, 60)}”`
}
