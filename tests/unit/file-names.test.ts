import { describe, expect, it } from 'vitest'
import { chosenFile, chosenFileProblem } from '../../shared/api/chosen-file'
import { calendarFileName, extensionOf, policyDocumentCopyName, safeFileName, saveAsFilter } from '../../shared/domain/file-names'

describe('the names of saved copies', () => {
  it('makes a name Windows accepts, keeping the type of a long one', () => {
    expect(safeFileName('Acceptable use agreements: who has agreed 2026-06-16.pdf')).toBe('Acceptable use agreements - who has agreed 2026-06-16.pdf')
    expect(safeFileName('C:\\Users\\office\\..\\chat?.txt')).toBe('chat_.txt')
    expect(safeFileName('../../etc/passwd')).toBe('passwd')
    expect(safeFileName(' ..hidden. ')).toBe('hidden')
    expect(safeFileName('...', 'evidence')).toBe('evidence')
    const long = safeFileName(`${'a'.repeat(200)}.docx`)
    expect(long).toHaveLength(150)
    expect(long.endsWith('a.docx')).toBe(true)
    // What it makes is already safe: the Save window's contract accepts it as it is.
    for (const name of ['Acceptable use agreements: who has agreed.pdf', 'a<b>c.txt', `${'b'.repeat(300)}.pdf`]) expect(safeFileName(safeFileName(name))).toBe(safeFileName(name))
  })

  it('names policy copies and the calendar as the core writes them', () => {
    expect(policyDocumentCopyName('OS policy.pdf', 'v1')).toBe('OS policy (v1).pdf')
    expect(policyDocumentCopyName('Policy.docx', '2025/26')).toBe('Policy (2025-26).docx')
    expect(policyDocumentCopyName('README', 'v2')).toBe('README (v2)')
    expect(calendarFileName('2026-06-16')).toBe('Online safety calendar 2026-06-16.ics')
  })

  it('offers one "Save as type", the file’s own', () => {
    expect(saveAsFilter('Audit trail.pdf')).toEqual({ name: 'PDF document', extensions: ['pdf'] })
    expect(saveAsFilter('Online safety calendar 2026-06-16.ics')).toEqual({ name: 'iCalendar file (Outlook)', extensions: ['ics'] })
    expect(saveAsFilter('pupils.CSV')).toEqual({ name: 'CSV (comma delimited)', extensions: ['csv'] })
    expect(saveAsFilter('scan.tiff')).toEqual({ name: 'TIFF file', extensions: ['tiff'] })
    expect(saveAsFilter('notes')).toEqual({ name: 'File', extensions: ['*'] })
    expect(extensionOf('C:\\Reports.old\\report')).toBe('')
    expect(extensionOf('/home/office/.profile')).toBe('')
  })
})

describe('a file chosen in the Save window, at the API boundary', () => {
  const pdf = chosenFile('pdf', 'A signed report is a PDF document')
  const message = (value: unknown) => {
    const r = pdf.safeParse(value)
    return r.success ? null : r.error.issues[0]!.message
  }

  it('takes a whole path to a file of the expected type, on Windows or elsewhere', () => {
    for (const ok of ['C:\\Users\\office\\Documents\\Audit.pdf', 'D:/Reports/Audit.PDF', '\\\\server\\share\\Audit.pdf', '/home/office/Audit.pdf']) expect(message(ok), ok).toBeNull()
  })

  it('refuses anything else with a sentence', () => {
    expect(message('Audit.pdf')).toMatch(/^Give the whole path/)
    expect(message('C:\\Reports\\Audit.exe')).toBe('A signed report is a PDF document, so its name must end in .pdf. Save it again with a name that ends in .pdf.')
    expect(message('C:\\Reports\\Audit')).toMatch(/must end in \.pdf/)
    expect(message('C:\\Reports\\')).toBe('Give the file a name, not only a folder.')
    expect(message('C:\\Reports\\Audit|1.pdf')).toMatch(/characters Windows does not allow/)
    expect(message('C:\\Reports\\Audit.pdf\0.exe')).not.toBeNull()
    expect(message(42)).not.toBeNull()
  })

  it('lets a copy of a stored file keep only that file’s own type', () => {
    expect(chosenFileProblem('C:\\Evidence\\chat.txt', 'txt')).toBeNull()
    expect(chosenFileProblem('C:\\Evidence\\chat.exe', 'txt')).toMatch(/must end in \.txt/)
    expect(chosenFileProblem('C:\\Evidence\\notes', '')).toBeNull()
    expect(chosenFileProblem('C:\\Evidence\\notes.bat', '')).toMatch(/has no extension/)
  })
})
