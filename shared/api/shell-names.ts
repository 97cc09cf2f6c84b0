/**
 * The shell's own services, by name: native pickers and the data folder. They are answered by
 * the Electron main process (or the test bridge), never forwarded to the core, and travel on
 * their own channel. Kept apart from shell-contract.ts (which needs zod) for the sandboxed preload.
 */
export const SHELL_CHANNEL = 'osr:shell'

export const SHELL_METHOD_NAMES = [
  'shell.pickFolder',
  'shell.pickSaveFile',
  'shell.pickFile',
  'shell.dataFolder',
  'shell.pickDataFolder',
  'shell.moveDataFolder',
  'shell.moveProgress',
  'shell.restart',
] as const

export type ShellMethodName = (typeof SHELL_METHOD_NAMES)[number]
