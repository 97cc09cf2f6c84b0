import type { Content } from 'pdfmake/interfaces'

/** What a report builder produces: the content, and the rows it put in (for the content hash). */
export interface ReportBody {
  content: Content[]
  rows: string[][]
  periodFrom: string | null
  periodTo: string | null
}
