import type { Readable } from 'node:stream'
import { PROG } from './args'
import { Cancelled, CliError, UsageError } from './errors'

/**
 * Reads a password or recovery key: from the first line of standard input when asked to
 * (scripts), otherwise typed at the terminal without being shown. Never from an argument,
 * where it would land in the shell history and the process list.
 */
export async function readSecret(options: { fromStdin: boolean; prompt: string; what: string; flag: string }): Promise<string> {
  const stdin = process.stdin
  let secret: string
  if (stdin.isTTY) {
    secret = await promptHidden(options.prompt)
  } else if (options.fromStdin) {
    secret = await readFirstLine(stdin)
  } else {
    throw new UsageError(
      `There is no terminal to ask for the ${options.what}. Send it on the first line of standard input and add ${options.flag}, ` +
        `for example: printf '%s\\n' "$SECRET" | ${PROG} <command> ... ${options.flag}`,
    )
  }
  if (secret === '') throw new UsageError(`No ${options.what} was given${options.fromStdin && !stdin.isTTY ? ' on the first line of standard input' : ''}.`)
  return secret
}

/** The first line of a stream (without its line ending), or all of it if it has no line break. Stops reading there. */
export function readFirstLine(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const finish = (text: string) => {
      stream.off('data', onData)
      stream.off('end', onEnd)
      stream.off('error', onError)
      stream.pause()
      stream.destroy()
      resolve(text.replace(/\r$/, ''))
    }
    const onData = (chunk: Buffer | string) => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
      const all = Buffer.concat(chunks)
      const newline = all.indexOf(0x0a)
      if (newline >= 0) finish(all.subarray(0, newline).toString('utf8'))
    }
    const onEnd = () => finish(Buffer.concat(chunks).toString('utf8'))
    const onError = (err: Error) => {
      stream.off('data', onData)
      stream.off('end', onEnd)
      reject(err)
    }
    stream.on('data', onData)
    stream.once('end', onEnd)
    stream.once('error', onError)
  })
}

/** Asks at the terminal in raw mode, so what is typed is not echoed. The prompt goes to stderr. */
export function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin
  process.stderr.write(prompt)
  return new Promise((resolve, reject) => {
    let value = ''
    const done = (err?: Error) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      if (err) reject(err)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      // Arrow keys and other escape sequences arrive as one chunk: ignore them.
      if (chunk.startsWith('\u001b')) return
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003') return done(new Cancelled()) // Ctrl-C
        if (ch === '\u0004') return value === '' ? done(new Cancelled()) : done() // Ctrl-D
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('')
        else if (ch === '\u0015') value = '' // Ctrl-U
        else if (ch >= ' ') value += ch
      }
    }
    stdin.setEncoding('utf8')
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}

/** Asks twice for a new password at the terminal; on standard input it is read once. */
export async function readNewPassword(options: { fromStdin: boolean; username: string }): Promise<string> {
  const first = await readSecret({
    fromStdin: options.fromStdin,
    prompt: `Choose a password for ${options.username} (at least 12 characters; three or four random words work well): `,
    what: 'password',
    flag: '--password-stdin',
  })
  if (!process.stdin.isTTY) return first
  const again = await promptHidden('Type the same password again: ')
  if (again !== first) throw new CliError('The two passwords were not the same. Nothing was changed; please run the command again.')
  return first
}
