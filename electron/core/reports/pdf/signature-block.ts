import type { Content, Node } from 'pdfmake/interfaces'
import type { Anchor } from '../../audit/anchors'
import type { ReportFrame } from './report-frame'
import { registerNumberLabel } from '../register-numbers'
import { ACCENT, MUTED, RULE } from '../palette'
import { ukLongDateTime } from '../../../../shared/dates/uk-format'


const BLOCK_ID = 'signature-block'
const END_ID = 'signature-block-end'
/** How far the end mark is lifted into the block (more than its own 1 pt line). */
const END_LIFT = 2

/** Where the signature block was laid out: its page, and its rectangle in PDF points from the page's bottom-left corner. */
export interface SignatureBlockPlace {
  page: number
  rect: [number, number, number, number]
}

/**
 * The printed signature block at the end of every report: who issued it, when, with which
 * certificate, and how a reader outside the school checks the copy. The signature field is laid
 * over it (see signing/certify-placeholder.ts), so clicking the block in a PDF reader opens the
 * signature's details.
 */
export function signatureBlock(frame: ReportFrame): Content[] {
  const s = frame.signature
  const row = (label: string, value: string) => [{ text: label, color: MUTED }, { text: value }]
  const issued = [
    row('Issued by', frame.schoolName),
    row('Made by', s.signer),
    row('Date and time of issue', `${ukLongDateTime(frame.issuedAt).replace(/ (\d\d:\d\d)$/, ' at $1')} (UK time)`),
  ]
  const content = [
    row('Register number', `${registerNumberLabel(s.registerNumber)} in the school’s report register`),
    ...(frame.anchor ? [row('Chain heads at issue', anchorLine(frame.anchor))] : []),
  ]
  // Issued by someone who does not hold the school's certificate: no field to lay over it.
  if (s.unsigned) return [blockTable('Not digitally signed', [...issued, ...content], `${NOT_SIGNED} ${howToCheckUnsigned(s.registerNumber)}`)]
  const certificate = [
    row('Signed with the certificate', `${s.certificateHolder}, valid until ${s.certificateExpires}`),
    row('Certificate fingerprint (SHA-256)', halves(s.certificateFingerprint)),
  ]
  return [
    { id: BLOCK_ID, ...(blockTable('Digital signature', [...issued, ...certificate, ...content], howToCheck(frame)) as object) } as Content,
    // Marks where the block ends, for the signature field's rectangle: nothing printed, and drawn
    // back over the block's foot so it never spills onto a page of its own.
    { id: END_ID, text: ' ', fontSize: 1, lineHeight: 1, margin: [0, -END_LIFT, 0, 0] },
  ]
}

const NOT_SIGNED = 'Only the business manager and the headteacher hold the school’s signing certificate, so this copy is not signed.'

/** Where a reader outside the school finds the steps (the guide the school sends with its certificate). */
const GUIDE = 'the guide “Trusting the school’s reports” (docs/trusting-reports.md)'
/** How the school checks a copy it is sent: the app's screen, or its command line. */
const SCHOOL_CHECK = '“Check a PDF” in Online Safety Register (on its command line: npm run cli -- verify-pdf)'

/** The block's table: its title, label and value rows, and a closing sentence across both columns. */
function blockTable(title: string, rows: Content[][], closing: string): Content {
  return {
    margin: [0, 24, 0, 0],
    unbreakable: true,
    table: {
      widths: [150, '*'],
      body: [[{ text: title, bold: true, color: ACCENT, colSpan: 2, fontSize: 11 }, {}], ...rows, [{ text: closing, colSpan: 2, style: 'small', margin: [0, 4, 0, 0] }, {}]],
    },
    layout: { hLineColor: () => RULE, vLineColor: () => RULE, hLineWidth: () => 0.6, vLineWidth: () => 0.6, paddingTop: () => 4, paddingBottom: () => 4 },
  } as Content
}

function howToCheck(frame: ReportFrame): string {
  return (
    'The school certified this document when it issued it: any change made to the file afterwards, however small, breaks the signature. ' +
    `To check a copy yourself, trust the school’s certificate in a PDF reader such as Adobe Acrobat Reader, once its fingerprint matches the one above and the one the school gave you, and look at the signature panel: ${GUIDE} shows how. ` +
    `The school checks that a copy is exactly the file it entered as ${registerNumberLabel(frame.signature.registerNumber)} with ${SCHOOL_CHECK}.` +
    (frame.anchor ? ` ${CHAIN_HEADS}` : '')
  )
}

function howToCheckUnsigned(number: string): string {
  return `It is entered in the school’s report register as ${registerNumberLabel(number)}: the school checks that a copy is exactly that file with ${SCHOOL_CHECK}. ${CHAIN_HEADS}`
}

/** What the chain heads are for, in one line. */
const CHAIN_HEADS =
  'The chain heads are the last entries of the audit trail and of the incident log when this report was made: keep this copy, and the school can later show that nothing recorded before then was removed or changed.'

/**
 * Hears, through pdfmake's pageBreakBefore (called once for every node after the layout, with
 * where it starts), where the signature block landed. It never asks for a page break.
 */
export function signatureBlockWatcher(pageHeight: number): { pageBreakBefore: (node: Node) => boolean; place: () => SignatureBlockPlace | null } {
  let top: { page: number; y: number; left: number; width: number } | null = null
  let end: { page: number; y: number } | null = null
  return {
    pageBreakBefore(node) {
      const at = node.startPosition
      if (node.id === BLOCK_ID) top = { page: at.pageNumber, y: at.top, left: at.left, width: at.pageInnerWidth }
      else if (node.id === END_ID) end = { page: at.pageNumber, y: at.top + END_LIFT }
      return false
    },
    place() {
      if (!top || !end) return null
      const t = top as { page: number; y: number; left: number; width: number }
      const e = end as { page: number; y: number }
      // Should the block and its end mark ever part, the field gets no area rather than a wrong one.
      if (e.page !== t.page || e.y <= t.y) return null
      return { page: t.page, rect: [t.left, pageHeight - e.y, t.left + t.width, pageHeight - t.y] }
    },
  }
}

/** A 95-character fingerprint on two lines, split at a colon. */
function halves(fingerprint: string): string {
  const parts = fingerprint.split(':')
  const mid = Math.ceil(parts.length / 2)
  return `${parts.slice(0, mid).join(':')}\n${parts.slice(mid).join(':')}`
}

/** "Audit trail to entry 4,215 (3f2a 9c1b 77e0 12ab)", then the incident log: the first 16 hex of each head's hash, to compare by eye with the anchor. */
function anchorLine(anchor: Anchor): string {
  const head = (what: string, item: string, h: Anchor['audit']) =>
    h.seq === 0 ? `${what}: empty` : `${what} to ${item} ${h.seq.toLocaleString('en-GB')} (${h.hash.slice(0, 16).match(/.{4}/g)!.join(' ')})`
  return `${head('Audit trail', 'entry', anchor.audit)}\n${head('Incident log', 'record', anchor.incidents)}`
}
