import type { Content } from 'pdfmake/interfaces'

/** What a report builder produces: the content, and the rows it put in (for the content hash). */
export interface ReportBody {
  content: Content[]
  rows: string[][]
  periodFrom: string | null
  periodTo: string | null
  /** For a report about one record: what it is about ("INC-2026-0042"), in the header and the file name. */
  subject?: string
  /** The content opens with its own cover page, so the frame leaves out its title lines. */
  ownCover?: boolean
  /**
   * The content was built as if every signature it vouches for holds, while they are still being
   * checked: true when they all did. When false the report must not be issued as it is; it is
   * built again with the signatures checked first (and then says which failed).
   */
  signaturesHold?: () => Promise<boolean>
}
