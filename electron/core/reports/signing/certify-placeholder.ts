import { ANNOTATION_FLAGS, DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils'

/** The parts of pdfkit's document the placeholder writes into (pdfkit's types leave them out). */
interface PdfkitInternals {
  ref(data?: object): PdfkitRef
  page: { dictionary: PdfkitRef; annotations: PdfkitRef[]; height: number }
  _root: { data: Record<string, unknown> }
  _acroform?: unknown
  initForm(): void
}
interface PdfkitRef {
  data: Record<string, unknown>
  write(chunk: string | Buffer): void
  end(chunk?: string | Buffer): void
}

/** The annotation flag "Locked" (PDF 1.4), which @signpdf's list of flags lacks. */
const LOCKED = 128

export interface CertifyingSignature {
  /** The signer's name as the signature dictionary gives it (readers show it beside the signature). */
  name: string
  reason: string
  location: string
  /** The signing time: PAdES puts it here, in /M, never in the CMS. */
  signedAt: Date
  /** Bytes reserved for the CMS (written as twice as many hex digits). */
  signatureLength: number
  /**
   * Where on the last page the signature field sits, in PDF points from the bottom-left corner
   * ([x1, y1, x2, y2]); null for a field with no area.
   */
  rect: [number, number, number, number] | null
}

/**
 * Adds a certifying signature's placeholder to a pdfkit document before it is ended: the
 * signature dictionary (ETSI.CAdES.detached, so a PAdES signature), a DocMDP reference with
 * P 1 (no change of any kind is allowed after signing) and the catalog's /Perms pointing at it,
 * so readers show the document as certified; and the signature field on the current page.
 *
 * @signpdf's pdfkitAddPlaceholder writes the signature dictionary as soon as it makes it, with
 * no way to add the DocMDP reference, so the dictionary is made here; @signpdf/signpdf then
 * fills in /ByteRange and /Contents as it does for its own placeholder (/ByteRange must come
 * before /Contents, as here).
 *
 * The field's rectangle covers the signature block that pdfmake printed on the page, and its
 * appearance is empty: readers draw nothing over the printed block, and clicking it opens the
 * signature's details.
 */
export function addCertifyingPlaceholder(pdf: PDFKit.PDFDocument, sig: CertifyingSignature): void {
  const doc = pdf as unknown as PdfkitInternals
  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: [0, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(sig.signatureLength),
    M: sig.signedAt,
    Name: new String(sig.name),
    Reason: new String(sig.reason),
    Location: new String(sig.location),
    Reference: [
      {
        Type: 'SigRef',
        TransformMethod: 'DocMDP',
        // P 1: no changes at all; V 1.2 is the only version of these parameters.
        TransformParams: { Type: 'TransformParams', P: 1, V: '1.2' },
      },
    ],
    // No spaces in the application's name: some readers reject them here.
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: 'OnlineSafetyRegister' } },
  })
  doc._root.data.Perms = { DocMDP: signature }

  if (!doc._acroform) doc.initForm()
  const form = doc._root.data.AcroForm as PdfkitRef
  const fields = form.data.Fields as PdfkitRef[]
  // NeedAppearances (which initForm sets) would invite a reader to redraw fields, changing a certified file.
  form.data = { Type: 'AcroForm', SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY, Fields: fields, DR: form.data.DR }

  const rect = sig.rect ?? [0, 0, 0, 0]
  const width = rect[2] - rect[0]
  const height = rect[3] - rect[1]
  const widget = doc.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: rect,
    V: signature,
    T: new String(`Signature${fields.length + 1}`),
    // Printed, and locked so a reader's form tools cannot move it.
    F: ANNOTATION_FLAGS.PRINT | LOCKED,
    P: doc.page.dictionary,
    ...(sig.rect ? { AP: { N: emptyAppearance(doc, width, height) } } : {}),
  })
  doc.page.annotations.push(widget)
  fields.push(widget)
  signature.end()
  widget.end()
}

/** An appearance that draws nothing: the block under it is part of the page, and prints with it. */
function emptyAppearance(doc: PdfkitInternals, width: number, height: number): PdfkitRef {
  const form = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: {} })
  // A stream with no operators; a comment keeps it from being written as a bare dictionary.
  form.end('% the signature block is printed on the page itself')
  return form
}
