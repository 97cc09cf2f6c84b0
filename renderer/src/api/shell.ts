import type { ShellInput, ShellOutput } from '@shared/api/shell-contract'
import type { ShellMethodName } from '@shared/api/shell-names'
import { isApiError } from '@shared/api/result'
import { ApiCallError } from './index'

/**
 * The app's own services (native pickers, the data folder), answered by the main process and
 * never by the core. Throws ApiCallError with a message to show, as `call` does.
 */
export async function shellCall<M extends ShellMethodName>(method: M, input: ShellInput<M>): Promise<ShellOutput<M>> {
  let result: unknown
  try {
    result = await window.shell[method](input as never)
  } catch {
    throw new ApiCallError({ kind: 'internal', message: 'The app window lost touch with the computer. Please close the app and open it again.' })
  }
  const r = result as { ok?: unknown; value?: unknown; error?: unknown }
  if (r && r.ok === true) return r.value as ShellOutput<M>
  throw new ApiCallError(isApiError(r?.error) ? r.error : { kind: 'internal', message: 'The app could not do that. Please try again.' })
}

/** The computer's own "choose a folder" window (for backups); null when the user cancels. */
export async function pickFolder(title: string): Promise<string | null> {
  return (await shellCall('shell.pickFolder', { title })).path
}

/**
 * The computer's own Save window, with `fileName` filled in; `path` is null when the user cancels.
 * `replaces`: the user said yes to replacing a file that was there. `warning`: the copy would leave the computer.
 */
export function pickSaveFile(title: string, fileName: string): Promise<ShellOutput<'shell.pickSaveFile'>> {
  return shellCall('shell.pickSaveFile', { title, fileName })
}

/** The computer's own "open a file" window; null when the user cancels. */
export async function pickFile(title: string, filters: { name: string; extensions: string[] }[]): Promise<string | null> {
  return (await shellCall('shell.pickFile', { title, filters })).path
}
