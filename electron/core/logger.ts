import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Logger } from './api/dispatcher'

/**
 * Technical log for IT support. It holds error details and stack traces, never record
 * content: the records themselves stay inside the encrypted database.
 */
export function createFileLogger(file: string | null): Logger {
  if (file) mkdirSync(dirname(file), { recursive: true })
  return {
    error(message, detail) {
      const stack = detail instanceof Error ? (detail.stack ?? detail.message) : detail === undefined ? '' : String(detail)
      const line = `${new Date().toISOString()} ERROR ${message}${stack ? `\n${stack}` : ''}\n`
      if (file) appendFileSync(file, line)
      else process.stderr.write(line)
    },
  }
}
