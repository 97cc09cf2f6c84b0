/** Everything the tool says goes through here: results to stdout, problems and prompts to stderr. */
export function say(...lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`)
}

export function complain(...lines: string[]): void {
  process.stderr.write(`${lines.join('\n')}\n`)
}

/** Display width of a string: code points (names like Siân and Łukasz are precomposed). */
function width(s: string): number {
  return Array.from(s.normalize('NFC')).length
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)))
}

/** A plain-text table: a header row, a rule, then the rows; columns two spaces apart. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** "24 Nov 2026, 09:05" in this computer's time zone. */
export function when(iso: string | null): string {
  if (!iso) return 'never'
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** The recovery key, with what to do with it, in words a school office follows. */
export function recoveryKeyBlock(recoveryKey: string, intro: string): string {
  return [
    '',
    intro,
    '',
    `    ${recoveryKey}`,
    '',
    'Print this or write the key down now, and keep it somewhere safe and locked (the school safe).',
    'It is shown only this once. It opens the records if every password is forgotten and, with a',
    'backup, rebuilds the register on a new computer. Do not keep it in a file on this computer.',
    '',
  ].join('\n')
}
