import { parseArgs } from 'node:util'
import { UsageError } from './errors'

/** How the tool is started (shown in help and error hints). */
export const PROG = 'npm run cli --'

export interface OptionSpec {
  type: 'string' | 'boolean'
  /** The placeholder shown in help for a string option: DIR, FILE, NAME. */
  value?: string
  help: string
  required?: boolean
}

export type OptionSpecs = Record<string, OptionSpec>

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean : S extends { required: true } ? string : string | undefined

/** The parsed options of a command, typed from its option specs; plus --debug, which every command takes. */
export type Values<O extends OptionSpecs> = { -readonly [K in keyof O]: ValueOf<O[K]> } & { debug: boolean; positional?: string }

/**
 * What a command is, without what it does: enough for --help and for parsing. Kept apart from
 * the implementations (commands/*.ts, loaded only to run one) so that help and usage errors do
 * not load the core and its packages.
 */
/** The one word after the command name: `report TYPE`, `verify-pdf FILE`. Stored under `key`. */
export interface PositionalSpec {
  key: string
  value: string
  help: string
}

export interface Command<N extends string = string, O extends OptionSpecs = OptionSpecs> {
  name: N
  /** One line, for the list of commands. */
  summary: string
  positional?: PositionalSpec
  /** A few sentences under the usage line of the command's own help. */
  description: string
  options: O
  examples: readonly string[]
}

export function defineCommand<const N extends string, const O extends OptionSpecs>(command: Command<N, O>): Command<N, O> {
  return command
}

/** Runs a command with its parsed options; returns the exit code. */
export type Runner<C extends Command> = (values: Values<C['options']>) => Promise<number>

/** Options every command takes, after its own. */
const COMMON: OptionSpecs = {
  debug: { type: 'boolean', help: 'When something fails, also print the technical details (stack trace).' },
  help: { type: 'boolean', help: 'Show this help.' },
}

/** The data folder: every command names it. */
export const DATA_DIR = {
  'data-dir': {
    type: 'string',
    value: 'DIR',
    help:
      'The data folder that holds register.db and vault.json. Without it: the folder the app on this computer uses ' +
      '(C:\\ProgramData\\Online Safety Register on Windows, or wherever the business manager moved it).',
  },
} as const satisfies OptionSpecs

export const PASSWORD_STDIN = {
  'password-stdin': {
    type: 'boolean',
    help: 'Read the password from the first line of standard input (for scripts). Without it the password is asked for and not shown.',
  },
} as const satisfies OptionSpecs

/** What every command that opens the records needs: where, and who signs in. */
export const SIGN_IN = {
  ...DATA_DIR,
  username: { type: 'string', value: 'U', required: true, help: 'Sign in as this user (for most commands, a business manager).' },
  ...PASSWORD_STDIN,
} as const satisfies OptionSpecs

export function parseCommand<O extends OptionSpecs>(command: Command<string, O>, args: string[]): Values<O> {
  const specs: OptionSpecs = { ...command.options, ...COMMON }
  const options = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { type: spec.type }]))
  let values: Record<string, string | boolean | undefined>
  let positionals: string[]
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: command.positional !== undefined })
    values = parsed.values as Record<string, string | boolean | undefined>
    positionals = parsed.positionals
  } catch (err) {
    throw new UsageError(describeParseError(err, command.name, specs), command.name)
  }
  if (command.positional) {
    const p = command.positional
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? `${command.name} needs ${p.value}: ${lowerFirst(p.help)}` : `${command.name} takes one ${p.value}, not ${positionals.length}.`,
        command.name,
      )
    }
    values.positional = positionals[0]
  }
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required && (values[name] === undefined || values[name] === '')) {
      throw new UsageError(`${command.name} needs --${name}${spec.value ? ` ${spec.value}` : ''}: ${lowerFirst(spec.help)}`, command.name)
    }
  }
  return { ...values, debug: values.debug === true } as Values<O>
}

function describeParseError(err: unknown, command: string, specs: OptionSpecs): string {
  const code = (err as { code?: string }).code
  const message = err instanceof Error ? err.message : String(err)
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? ''
  const flag = quoted.split(' ')[0] ?? quoted
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `"${command}" has no option ${flag}.`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected "${quoted}": "${command}" takes only options, such as --data-dir DIR.`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const spec = specs[flag.replace(/^-+/, '')]
      if (spec?.type === 'boolean') return `${flag} is a switch and takes no value.`
      return `${flag} needs a value${spec?.value ? ` (${spec.value})` : ''}. A value that starts with "-" is written ${flag}=VALUE.`
    }
    default:
      return message
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}

// ---- help ------------------------------------------------------------------------------------

function flagText(name: string, spec: OptionSpec): string {
  return `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`
}

export function usageLine(command: Command): string {
  const entries = Object.entries(command.options)
  const parts = [
    ...entries.filter(([, spec]) => spec.required).map(([name, spec]) => flagText(name, spec)),
    ...entries.filter(([, spec]) => !spec.required).map(([name, spec]) => `[${flagText(name, spec)}]`),
  ]
  return `${PROG} ${command.name}${command.positional ? ` ${command.positional.value}` : ''} ${parts.join(' ')}`
}

export function commandHelp(command: Command): string {
  const specs = { ...command.options, ...COMMON }
  const rows = [
    ...(command.positional ? [[command.positional.value, command.positional.help] as const] : []),
    ...Object.entries(specs).map(([name, spec]) => [name === 'help' ? '-h, --help' : flagText(name, spec), spec.help] as const),
  ]
  const width = Math.max(...rows.map(([flag]) => flag.length))
  return [
    `${command.name}: ${command.summary}`,
    '',
    `Usage: ${usageLine(command)}`,
    '',
    wrap(command.description, 96),
    '',
    'Options:',
    ...rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${wrap(help, Math.max(40, 96 - width)).replace(/\n/g, `\n${' '.repeat(width + 4)}`)}`),
    '',
    command.examples.length > 1 ? 'Examples:' : 'Example:',
    ...command.examples.map((e) => `  ${e}`),
    '',
  ].join('\n')
}

export function topHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    `Online Safety Register: the admin command line (version ${version})`,
    '',
    `Usage: ${PROG} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Every command takes --help: ${PROG} backup --help`,
    'Commands that open the records sign in with --username; the password is asked for and not',
    'shown, or read from the first line of standard input with --password-stdin (for scripts).',
    'Exit codes: 0 done; 1 failed, with the reason on standard error; 2 the command line was wrong.',
    '',
  ].join('\n')
}

function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((para) => {
      const lines: string[] = []
      let line = ''
      for (const word of para.split(' ')) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line)
          line = word
        } else line = line ? `${line} ${word}` : word
      }
      lines.push(line)
      return lines.join('\n')
    })
    .join('\n')
}
