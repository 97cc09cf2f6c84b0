import { dirname, resolve } from 'node:path'
import pdfmake from 'pdfmake'
import Roboto from 'pdfmake/fonts/Roboto'
import { SignPdf } from '@signpdf/signpdf'
import { addCertifyingPlaceholder } from '../signing/certify-placeholder'
import { SchoolP12Signer } from '../signing/p12-signer'
import { describeDocument } from './document-metadata'
import { documentFor, documentTitle, type RenderJob } from './report-frame'
import { signatureBlockWatcher } from './signature-block'
import { keepHeadingsWithNext } from '../builders/keep-with-next'
import { keepWordsSmallAndDrawInRuns } from './pdfmake-words'
import { RULE } from '../palette'

export interface SigningKey {
  p12: Buffer
  passphrase: string
  /** Shown in the PDF's signature dictionary. */
  name: string
  location: string
}

/** The progress fraction at which the layout is done and the signing begins. */
export const SIGNING_FROM = 0.95

export interface RenderedPdf {
  pdf: Buffer
  pageCount: number
}

// The fonts are the only files pdfmake may read, and it may fetch nothing from the network.
// Roboto is embedded so Welsh, Polish and Cyrillic names print correctly (docs/stack-notes.md).
let configured = false
/** pdfmake's fonts, access policies and table layouts, once (exported for the bench's pdfkit comparison, which lays out the same table). */
export function configure(): void {
  if (configured) return
  keepWordsSmallAndDrawInRuns()
  const fontDir = dirname(resolve((Roboto as { Roboto: { normal: string } }).Roboto.normal))
  pdfmake.addFonts(Roboto)
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy((path: string) => resolve(path).startsWith(fontDir))
  pdfmake.addTableLayouts({
    // Light rules, a zebra fill for reading across long rows.
    register: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      fillColor: (row: number) => (row > 0 && row % 2 === 0 ? '#f3f6fa' : null),
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    // A shaded box with a thin border, for a note set apart from the text.
    'note-box': {
      hLineWidth: () => 0.8,
      vLineWidth: () => 0.8,
      hLineColor: () => RULE,
      vLineColor: () => RULE,
      fillColor: () => '#f3f6fa',
    },
    // Lines to write on (a name, a signature, a date), no frame.
    'signature-lines': {
      hLineWidth: (i: number) => (i === 0 ? 0 : 0.6),
      vLineWidth: () => 0,
      hLineColor: () => '#9aa7b8',
      paddingBottom: () => 6,
    },
  })
  configured = true
}

/** A4's height in points: the signature field's rectangle is measured from the page's foot. */
const A4_HEIGHT = 841.89

/**
 * Lays out the report and signs it: the signature placeholder is added to the same pdfkit
 * document pdfmake drew (no reload through another PDF library, which would mangle names),
 * then the detached CAdES signature (PAdES B-B) is written into it.
 */
export async function renderSignedPdf(job: RenderJob, key: SigningKey | null, onProgress?: (fraction: number) => void): Promise<RenderedPdf> {
  configure()
  let pageCount = 0
  // pdfmake 0.3 takes the progress callback from the instance when createPdf is called.
  // Laying out is most of the work: it fills the first 90%; signing is the rest (SIGNING_FROM).
  pdfmake.setProgressCallback((fraction: number) => onProgress?.(Math.min(fraction, 1) * 0.9))
  const block = signatureBlockWatcher(A4_HEIGHT)
  // Functions cannot cross to the worker in the content: the heading rule and the block's watcher
  // are added here. Every layout pass tells the watcher again, so it keeps the final places.
  const created = pdfmake.createPdf(
    documentFor(job, (pages) => (pageCount = pages), (node, nodes) => block.pageBreakBefore(node) || keepHeadingsWithNext(node, nodes)),
  )
  pdfmake.setProgressCallback(() => {})
  const doc = (await created.getStream()) as PDFKit.PDFDocument
  const issuedAt = new Date(job.frame.issuedAt)
  describeDocument(doc, { title: documentTitle(job.frame), author: job.frame.schoolName, subject: job.frame.periodLabel ?? job.frame.title, producer: 'Online Safety Register', createdAt: issuedAt })
  const place = block.place()
  // Issued by someone who does not hold the certificate: laid out and described, not signed.
  if (key) addCertifyingPlaceholder(doc, {
    reason: `Issued by ${job.frame.schoolName}`,
    name: key.name,
    location: key.location,
    signedAt: issuedAt,
    // Room for a school's certificate with a chain of two or three certificates above it.
    signatureLength: 16_384,
    // The block is the last thing laid out, so it is on the page pdfkit is still writing.
    rect: place && place.page === pageCount ? place.rect : null,
  })
  const chunks: Buffer[] = []
  const ended = new Promise<void>((done, fail) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => done())
    doc.on('error', fail)
  })
  doc.end()
  await ended
  if (!key) {
    onProgress?.(1)
    return { pdf: Buffer.concat(chunks), pageCount }
  }
  onProgress?.(SIGNING_FROM)
  // A signer is single use: one per signature.
  const signed = await new SignPdf().sign(Buffer.concat(chunks), new SchoolP12Signer(key.p12, key.passphrase))
  onProgress?.(1)
  return { pdf: signed, pageCount }
}
