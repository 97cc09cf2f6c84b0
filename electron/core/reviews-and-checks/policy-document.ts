import type { PolicyDocumentKind } from '../../../shared/domain/reviews-and-checks'

const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text'

/**
 * What a file really is, from its first bytes (a renamed file is caught): a PDF starts "%PDF-";
 * a Word .docx and an OpenDocument .odt are ZIP archives — an .odt's first entry is the
 * uncompressed "mimetype" file naming it, a .docx holds word/document.xml. Anything else is null.
 */
export function policyDocumentKind(bytes: Buffer): PolicyDocumentKind | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf'
  if (bytes.length < 40 || bytes.readUInt32LE(0) !== 0x04034b50) return null
  const nameLength = bytes.readUInt16LE(26)
  const extraLength = bytes.readUInt16LE(28)
  const firstName = bytes.subarray(30, 30 + nameLength).toString('latin1')
  if (firstName === 'mimetype') {
    const start = 30 + nameLength + extraLength
    if (bytes.subarray(start, start + ODT_MIMETYPE.length).toString('latin1') === ODT_MIMETYPE) return 'odt'
    return null
  }
  // Entry names are plain ASCII in the local headers and the central directory.
  if (bytes.includes('[Content_Types].xml', 0, 'latin1') && bytes.includes('word/document.xml', 0, 'latin1')) return 'docx'
  return null
}

export const DOCUMENT_EXTENSIONS: Readonly<Record<PolicyDocumentKind, string>> = { pdf: '.pdf', docx: '.docx', odt: '.odt' }
