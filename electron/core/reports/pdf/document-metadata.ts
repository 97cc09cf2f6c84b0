/** Every report is written in British English. */
export const REPORT_LANGUAGE = 'en-GB'

export interface DocumentDescription {
  title: string
  author: string
  subject: string
  producer: string
  createdAt: Date
}

/**
 * The XMP metadata packet (ISO 16684-1) a report carries in its catalog's /Metadata: the same
 * title, author, subject and producer as the document information, its language and when it
 * was made. Values are escaped: a school called "St Mary & St John" must not break the XML.
 */
export function xmpDescription(d: DocumentDescription): string {
  const created = d.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return `
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${created}</xmp:CreateDate>
            <xmp:MetadataDate>${created}</xmp:MetadataDate>
            <xmp:CreatorTool>${xml(d.producer)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(d.title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>${xml(d.author)}</rdf:li></rdf:Seq></dc:creator>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(d.subject)}</rdf:li></rdf:Alt></dc:description>
            <dc:language><rdf:Bag><rdf:li>${REPORT_LANGUAGE}</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${xml(d.producer)}</pdf:Producer>
        </rdf:Description>
`
}

/**
 * Has pdfkit write our XMP description when it ends the document. pdfkit writes the packet
 * itself (its wrapper, the stream, the catalog's /Metadata, for PDF 1.4 and later) but fills it
 * from the document information unescaped and without a language, so the part it fills is ours.
 */
export function describeDocument(pdf: PDFKit.PDFDocument, d: DocumentDescription): void {
  const doc = pdf as unknown as { _addInfo: () => void; appendXML: (xml: string) => void }
  doc._addInfo = () => doc.appendXML(xmpDescription(d))
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
