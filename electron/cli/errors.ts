/** A failure the command line explains itself; `exitCode` 1 unless said otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** The command line itself was wrong (unknown command or option, a missing value): exit 2. */
export class UsageError extends CliError {
  constructor(
    message: string,
    /** The command whose help to point at, when known. */
    readonly command?: string,
  ) {
    super(message, 2)
    this.name = 'UsageError'
  }
}

/** Ctrl-C or Ctrl-D at a prompt. */
export class Cancelled extends CliError {
  constructor() {
    super('Cancelled: nothing was changed.', 130)
    this.name = 'Cancelled'
  }
}
