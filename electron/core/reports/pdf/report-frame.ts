import type { Content, Node, NodeQueries, TDocumentDefinitions, TDocumentInformation } from 'pdfmake/interfaces'
import type { Anchor } from '../../audit/anchors'
import { ANCHOR_INFO_KEY, anchorNames } from './pdf-anchor'
import { REPORT_LANGUAGE } from './document-metadata'
import { signatureBlock } from './signature-block'
import { withBookmarks } from './bookmarks'
import { ACCENT, INK, MUTED, WARNING } from '../palette'

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
  /** When the report was issued (ISO 8601): the signature's time, printed in the signature block. */
  issuedAt: string
  marking: string
  signature: {
    signer: string
    /** Its entry in the report register ("2026-0042"), which keeps the file's own SHA-256 for `verify-pdf`. */
    registerNumber: string
    certificateHolder: string
    certificateFingerprint: string
    certificateExpires: string
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


/** The document's title, as readers show it in their title bar (DisplayDocTitle). */
export const documentTitle = (frame: ReportFrame) => `${frame.title} – ${frame.schoolName}`

/**
 * The complete document: header, footer with page X of Y, marking, and the signature block at
 * the end. `onPageCount` hears the total (pdfkit does not keep all pages to count them later);
 * `pageBreakBefore` hears where every node landed (signature-block.ts finds the block with it).
 */
export function documentFor(job: RenderJob, onPageCount?: (pages: number) => void, pageBreakBefore?: (node: Node, nodes: NodeQueries) => boolean): TDocumentDefinitions {
  const { frame } = job
  return {
    pageSize: 'A4',
    pageMargins: [48, 80, 48, 64],
    // PDF 1.7: the XMP metadata needs 1.4 or later.
    version: job.userPassword ? '1.7ext3' : '1.7',
    language: REPORT_LANGUAGE,
    displayTitle: true,
    ...(pageBreakBefore ? { pageBreakBefore } : {}),
    info: {
      title: documentTitle(frame),
      creationDate: new Date(frame.issuedAt),
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
      marking: { fontSize: 8, bold: true, color: WARNING },
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
            { text: [frame.periodLabel ?? 'At the date of issue', frame.anonymised ? ' · anonymised copy: people are named by who they are (“a Year 9 pupil”, “the DSL”), not by name' : ''].join(''), style: 'subtitle' },
          ]),
      ...withBookmarks(job.content),
      ...signatureBlock(frame),
    ],
    // AES-256 (PDF 1.7 extension level 3): pdfkit's default for older versions is RC4.
    ...(job.userPassword
      ? { userPassword: job.userPassword, ownerPassword: job.userPassword, permissions: { printing: 'highResolution' as const, copying: false, modifying: false } }
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
