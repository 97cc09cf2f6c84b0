import { existsSync } from 'node:fs'
import type { MethodInput, MethodOutput } from '../../shared/api/contract'
import type { MethodName } from '../../shared/api/method-names'
import type { SignedInUser } from '../../shared/domain/users'
import type { Logger } from '../core/api/dispatcher'
import { AppError } from '../core/api/app-error'
import { createCore, type Core } from '../core/core'
import { createFileLogger, logFileIn, runtimeVersions } from '../core/logger'
import { holdsRegister } from '../core/store/paths'
import { dataDirFrom } from './data-dir'
import { CliError } from './errors'
import { readSecret } from './secrets'
import { APP_VERSION } from './version'

/** A core on the data folder, logging to the same file as the app (and to stderr with --debug). */
export function openCore(dataDir: string, debug: boolean): Core {
  const file = createFileLogger(logFileIn(dataDir))
  file.started(runtimeVersions(APP_VERSION, 'Online Safety Register command line'))
  const logger: Logger = debug
    ? {
        error(message, detail) {
          file.error(message, detail)
          process.stderr.write(`[debug] ${message}\n${detail instanceof Error ? `${detail.stack ?? detail.message}\n` : ''}`)
        },
      }
    : file
  return createCore({ dataDir, appVersion: APP_VERSION, logger })
}

/** Calls the API; a refusal becomes an AppError whose message is printed as it is. */
export async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.call(method, input)
  if (!r.ok) throw new AppError(r.error.kind, r.error.message, r.error.field)
  return r.value as MethodOutput<M>
}

/** The data folder from --data-dir (or this computer's), which must hold a register. */
export function existingRegister(dataDirArg: string | undefined): string {
  const dataDir = dataDirFrom(dataDirArg)
  if (!existsSync(dataDir)) throw new CliError(`The folder ${dataDir} does not exist. Check --data-dir.`)
  if (!holdsRegister(dataDir)) {
    throw new CliError(`There is no register in ${dataDir}. Set one up there with "init", or restore a backup into it with "restore".`)
  }
  return dataDir
}

export interface SignedIn {
  core: Core
  user: SignedInUser
  dataDir: string
  /** The password just used: commands that must confirm it (rekey) reuse it. */
  password: string
}

/** Signs in, runs the work, and always locks again (with the app's on-lock backup if anything changed). */
export async function withSignedIn<T>(
  values: { 'data-dir'?: string | undefined; username: string; 'password-stdin'?: boolean | undefined; debug: boolean },
  work: (s: SignedIn) => Promise<T>,
): Promise<T> {
  const dataDir = existingRegister(values['data-dir'])
  const password = await readSecret({
    fromStdin: values['password-stdin'] === true,
    prompt: `Password for ${values.username}: `,
    what: 'password',
    flag: '--password-stdin',
  })
  const core = openCore(dataDir, values.debug)
  try {
    const user = await call(core, 'session.login', { username: values.username, password })
    return await work({ core, user, dataDir, password })
  } finally {
    await core.close()
  }
}
