import { anchorSchema, type Anchor } from '../../audit/anchors'

/**
 * A signed report carries the register's anchor (see audit/anchors.ts) in its document
 * information dictionary, under this key, so `verify --against report.pdf` can read it back.
 * The value is an array of PDF names, not a string: a password-protected report encrypts every
 * string in the file, names never, so the anchor reads the same with or without a password.
 *
 *   /OSRAnchor [/at /2027-03-03T14:05:00.000Z /audit /4215 /<64 hex> /incidents /120 /<64 hex>]
 *
 * An empty chain's hash is written /none (an empty name is legal but easy to mangle).
 */
export const ANCHOR_INFO_KEY = 'OSRAnchor'

const NONE = 'none'

/** The anchor as pdfkit writes names: plain JavaScript strings become /names. */
export function anchorNames(anchor: Anchor): string[] {
  const hash = (h: string) => h || NONE
  return ['at', anchor.at, 'audit', String(anchor.audit.seq), hash(anchor.audit.hash), 'incidents', String(anchor.incidents.seq), hash(anchor.incidents.hash)]
}

/**
 * Reads the anchor back from a report this app made: through the cross-reference table to the
 * trailer's /Info dictionary, then to the object its OSRAnchor entry names. Call it only on a
 * file whose signature has been checked (intact, covering every byte, this school's
 * certificate): then every byte is as the app wrote it, one pdfkit file with one table.
 * Null when the file carries no anchor (a report made before reports carried one).
 */
export function anchorInPdf(pdf: Buffer): Anchor | null {
  const text = pdf.toString('latin1')
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64))
  if (!start) return null
  const offsets = xrefOffsets(text, Number(start[1]))
  if (!offsets) return null
  const info = /\/Info\s+(\d+)\s+0\s+R/.exec(offsets.trailer)
  const infoDict = info ? objectAt(text, offsets.table, Number(info[1])) : null
  const ref = infoDict ? new RegExp(`/${ANCHOR_INFO_KEY}\\s+(\\d+)\\s+0\\s+R`).exec(infoDict) : null
  const value = ref ? objectAt(text, offsets.table, Number(ref[1])) : null
  const array = value ? /^\s*\[([^\]]*)\]\s*$/.exec(value) : null
  if (!array) return null
  const names = array[1]!.trim().split(/\s+/).map((name) => (name.startsWith('/') ? name.slice(1) : '\0'))
  const [at, kAt, audit, auditSeq, auditHash, incidents, incidentsSeq, incidentsHash] = [names[0], names[1], names[2], names[3], names[4], names[5], names[6], names[7]]
  if (names.length !== 8 || at !== 'at' || audit !== 'audit' || incidents !== 'incidents') return null
  const hash = (h: string | undefined) => (h === NONE ? '' : h)
  const parsed = anchorSchema.safeParse({
    at: kAt,
    audit: { seq: Number(auditSeq), hash: hash(auditHash) },
    incidents: { seq: Number(incidentsSeq), hash: hash(incidentsHash) },
  })
  return parsed.success ? parsed.data : null
}

/** The classic cross-reference table at `at` (pdfkit writes no streams for it), and the trailer after it. */
function xrefOffsets(text: string, at: number): { table: Map<number, number>; trailer: string } | null {
  if (text.slice(at, at + 4) !== 'xref') return null
  const table = new Map<number, number>()
  const lines = /^xref\r?\n([\s\S]*?)trailer\s*(<<[\s\S]*?>>)/.exec(text.slice(at))
  if (!lines) return null
  const rows = lines[1]!.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  for (let i = 0; i < rows.length; ) {
    const section = /^(\d+) (\d+)$/.exec(rows[i]!)
    if (!section) return null
    const first = Number(section[1])
    const count = Number(section[2])
    for (let k = 0; k < count; k++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])$/.exec(rows[i + 1 + k] ?? '')
      if (!entry) return null
      if (entry[3] === 'n') table.set(first + k, Number(entry[1]))
    }
    i += 1 + count
  }
  return { table, trailer: lines[2]! }
}

/** The body of indirect object `id` (between "id 0 obj" and "endobj"), found by its offset. */
function objectAt(text: string, table: Map<number, number>, id: number): string | null {
  const offset = table.get(id)
  if (offset === undefined) return null
  const head = `${id} 0 obj`
  if (text.slice(offset, offset + head.length) !== head) return null
  const end = text.indexOf('endobj', offset)
  return end < 0 ? null : text.slice(offset + head.length, end)
}
