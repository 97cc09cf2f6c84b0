/**
 * The admin command line: set-up, backups and restores, checks and demo data for the ICT
 * manager and for scripts, on the same core as the app (never Electron). Built by
 * vite.cli.config.ts into out/cli/index.js; run with `npm run cli -- <command> ...`.
 */
import { AppError } from '../core/api/app-error'
import { commandHelp, parseCommand, PROG, topHelp, type Command } from './args'
import { COMMANDS, type CommandName } from './commands'
import { CliError, UsageError } from './errors'
import { complain, say } from './output'
import { APP_VERSION } from './version'

async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug')
  let commandName: string | undefined
  try {
    const [first, ...rest] = argv
    if (first === undefined) {
      complain(topHelp(COMMANDS, APP_VERSION))
      return 2
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const about = COMMANDS.find((c) => c.name === rest[0])
      say(about ? commandHelp(about) : topHelp(COMMANDS, APP_VERSION))
      return 0
    }
    if (first === '--version') {
      say(APP_VERSION)
      return 0
    }
    const command: Command | undefined = COMMANDS.find((c) => c.name === first)
    if (!command) {
      const list = COMMANDS.map((c) => c.name).join(', ')
      throw new UsageError(
        first.startsWith('-') ? `Start with a command, then its options. The commands are: ${list}.` : `There is no command "${first}". The commands are: ${list}.`,
      )
    }
    commandName = command.name
    if (rest.includes('--help') || rest.includes('-h')) {
      say(commandHelp(command))
      return 0
    }
    const values = parseCommand(command, rest)
    // Only now load what the command does (the core, the database driver, knex ...).
    const { RUNNERS } = await import('./run')
    // parseCommand checked the options against this very command's specs.
    const run: (v: never) => Promise<number> = RUNNERS[command.name as CommandName]
    return await run(values as never)
  } catch (err) {
    return report(err, debug, commandName)
  }
}

/** Prints why the command failed, to stderr, and returns the exit code. A stack trace only with --debug. */
function report(err: unknown, debug: boolean, command: string | undefined): number {
  if (err instanceof UsageError) {
    const about = err.command ?? command
    complain(err.message, about ? `See: ${PROG} ${about} --help` : `See: ${PROG} --help`)
    return err.exitCode
  }
  if (err instanceof CliError || err instanceof AppError) {
    complain(err.message)
    if (debug && err.stack) complain(err.stack)
    return err instanceof CliError ? err.exitCode : 1
  }
  const message = err instanceof Error ? err.message : String(err)
  complain(`The command stopped on an unexpected error: ${message}`, debug ? '' : 'Run it again with --debug to see the details for IT support.')
  if (debug && err instanceof Error && err.stack) complain(err.stack)
  return 1
}

// Not process.exit(): on Windows a piped stdout is written asynchronously and would be cut short.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
  // Should anything still hold the event loop open (it should not), do not hang a script.
  setTimeout(() => process.exit(code), 10_000).unref()
})
