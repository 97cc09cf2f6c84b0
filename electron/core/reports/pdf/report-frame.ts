import type { Content, TDocumentDefinitions, TDocumentInformation } from 'pdfmake/interfaces'
import type { Anchor } from '../../audit/anchors'
import { ANCHOR_INFO_KEY, anchorNames } from './pdf-anchor'

/** What every report carries around its content (DESIGN.md, "Reports"). Plain data: it crosses to the worker. */
export interface ReportFrame {
  schoolName: string
  /** The school's logo as a PNG or JPEG data URL, drawn in every page's header. */
  logo: string | null
  title: string
  /** "1 September 2025 to 31 August 2026", or null for a report at a date. */
  periodLabel: string | null
  producedBy: string
  producedOn: string
  marking: string
  signature: {
    signer: string
    certificateHolder: string
    certificateFingerprint: string
    certificateExpires: string
    contentSha256: string
    /** Issued by someone who does not hold the school's certificate (only the business manager and the headteacher do). */
    unsigned?: true
  }
  anonymised: boolean
  /**
   * The register's anchor when the report was made (audit/anchors.ts): printed in the signature
   * block, and kept machine-readable in the document information for `verify --against`.
   */
  anchor?: Anchor
  /** The content opens with its own cover page (the annual review), which also says if names are replaced: no title lines above it. */
  ownCover?: boolean
}

export interface RenderJob {
  frame: ReportFrame
  /** pdfmake content, JSON only (no functions): built in the core, laid out in the worker. */
  content: Content[]
  /** A user password encrypts the file (for reports that leave the school). */
  userPassword?: string
}

const INK = '#1a2433'
const MUTED = '#5b6575'
const ACCENT = '#1d4e89'

/**
 * The complete document: header, footer with page X of Y, marking, and the signature block at
 * the end. `onPageCount` hears the total (pdfkit does not keep all pages to count them later).
 */
export function documentFor(job: RenderJob, onPageCount?: (pages: number) => void): TDocumentDefinitions {
  const { frame } = job
  return {
    pageSize: 'A4',
    pageMargins: [48, 80, 48, 64],
    info: {
      title: `${frame.title} – ${frame.schoolName}`,
      author: frame.schoolName,
      subject: frame.periodLabel ?? frame.title,
      creator: 'Online Safety Register',
      producer: 'Online Safety Register',
      // pdfmake passes other keys through to pdfkit, which writes an array of strings as PDF names.
      ...(frame.anchor ? { [ANCHOR_INFO_KEY]: anchorNames(frame.anchor) } : {}),
    } as TDocumentInformation,
    defaultStyle: { font: 'Roboto', fontSize: 9.5, color: INK, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 20, bold: true, color: ACCENT, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, color: MUTED, margin: [0, 0, 0, 14] },
      h2: { fontSize: 13, bold: true, color: ACCENT, margin: [0, 14, 0, 6] },
      tableHeader: { bold: true, color: '#ffffff', fillColor: ACCENT, fontSize: 9 },
      small: { fontSize: 8, color: MUTED },
      marking: { fontSize: 8, bold: true, color: '#8a1c1c' },
    },
    header: (): Content => ({
      margin: [48, 22, 48, 0],
      columnGap: 8,
      columns: headerColumns(frame),
    }),
    footer: (currentPage: number, pageCount: number) => {
      onPageCount?.(pageCount)
      return {
      margin: [48, 16, 48, 0],
      columns: [
        { text: `${frame.title}${frame.periodLabel ? ` · ${frame.periodLabel}` : ''}\nProduced by ${frame.producedBy} on ${frame.producedOn}`, style: 'small', width: '*' },
        { text: `Page ${currentPage} of ${pageCount}`, style: 'small', alignment: 'right', width: 'auto' },
      ],
      }
    },
    content: [
      ...(frame.ownCover
        ? []
        : [
            { text: frame.title, style: 'title' },
            { text: [frame.periodLabel ?? 'At the date of issue', frame.anonymised ? ' · names replaced by initials' : ''].join(''), style: 'subtitle' },
          ]),
      ...job.content,
      signatureBlock(frame),
    ],
    // AES-256 (PDF 1.7 extension level 3): pdfkit's default for older versions is RC4.
    ...(job.userPassword
      ? { version: '1.7ext3' as const, userPassword: job.userPassword, ownerPassword: job.userPassword, permissions: { printing: 'highResolution' as const, copying: false, modifying: false } }
      : {}),
  }
}

/** The logo (when the school has one), the school's name, and the protective marking. */
function headerColumns(frame: ReportFrame): Content[] {
  const top = frame.logo ? 9 : 6
  return [
    ...(frame.logo ? [{ image: frame.logo, fit: [90, 30], width: 90 } as Content] : []),
    { text: frame.schoolName, bold: true, fontSize: 10, color: ACCENT, width: '*', margin: [0, top, 0, 0] } as Content,
    { text: frame.marking, style: 'marking', alignment: 'right', width: 'auto', margin: [0, top, 0, 0] } as Content,
  ]
}

/** A 95-character fingerprint on two lines, split at a colon. */
function halves(fingerprint: string): string {
  const parts = fingerprint.split(':')
  const mid = Math.ceil(parts.length / 2)
  return `${parts.slice(0, mid).join(':')}\n${parts.slice(mid).join(':')}`
}

function signatureBlock(frame: ReportFrame): Content {
  const s = frame.signature
  const row = (label: string, value: string) => [{ text: label, color: MUTED }, { text: value }]
  const layout = { hLineColor: () => '#c9d3e0', vLineColor: () => '#c9d3e0', hLineWidth: () => 0.6, vLineWidth: () => 0.6, paddingTop: () => 4, paddingBottom: () => 4 }
  if (s.unsigned) {
    return {
      margin: [0, 24, 0, 0],
      unbreakable: true,
      table: {
        widths: [150, '*'],
        body: [
          [{ text: 'Not digitally signed', bold: true, color: ACCENT, colSpan: 2, fontSize: 11 }, {}],
          row('Issued by', s.signer),
          row('Date of issue', frame.producedOn),
          row('SHA-256 of the content', s.contentSha256.match(/.{1,8}/g)?.join(' ') ?? s.contentSha256),
          [{ text: 'Only the business manager and the headteacher hold the school’s signing certificate, so this copy is not signed. It is entered in the school’s report register: to check a copy, use “Check a PDF” in Online Safety Register.', colSpan: 2, style: 'small', margin: [0, 4, 0, 0] }, {}],
        ],
      },
      layout,
    }
  }
  return {
    margin: [0, 24, 0, 0],
    unbreakable: true,
    table: {
      widths: [150, '*'],
      body: [
        [{ text: 'Digital signature', bold: true, color: ACCENT, colSpan: 2, fontSize: 11 }, {}],
        row('Signed for', s.certificateHolder),
        row('Issued by', s.signer),
        row('Date of issue', frame.producedOn),
        row('Certificate fingerprint (SHA-256)', halves(s.certificateFingerprint)),
        row('Certificate valid until', s.certificateExpires),
        row('SHA-256 of the content', s.contentSha256.match(/.{1,8}/g)?.join(' ') ?? s.contentSha256),
        ...(frame.anchor ? [row('Register at issue', anchorLine(frame.anchor))] : []),
        [
          {
            text:
              'This document is digitally signed. Any change to it after signing breaks the signature. To check a copy, use “Check a PDF” in Online Safety Register.' +
              (frame.anchor ? ' The register at issue is what the audit trail and the incident log held when this report was made: keep this copy, and the register can later be checked against it.' : ''),
            colSpan: 2,
            style: 'small',
            margin: [0, 4, 0, 0],
          },
          {},
        ],
      ],
    },
    layout: { hLineColor: () => '#c9d3e0', vLineColor: () => '#c9d3e0', hLineWidth: () => 0.6, vLineWidth: () => 0.6, paddingTop: () => 4, paddingBottom: () => 4 },
  }
}

/** "Audit trail to entry 4,215 (3f2a 9c1b 77e0 12ab) · incident log to record 120 (…)": the start of each hash, to compare by eye. */
function anchorLine(anchor: Anchor): string {
  const head = (what: string, item: string, h: Anchor['audit']) =>
    h.seq === 0 ? `${what}: empty` : `${what} to ${item} ${h.seq.toLocaleString('en-GB')} (${h.hash.slice(0, 16).match(/.{4}/g)!.join(' ')})`
  return `${head('Audit trail', 'entry', anchor.audit)}\n${head('Incident log', 'record', anchor.incidents)}`
}
