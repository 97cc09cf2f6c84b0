import { afterEach, describe, expect, it } from 'vitest'
import { ok, refused } from './helpers'
import { clock, school, type School } from './people-fixtures'
import { utf16beWithBom, utf16leWithBom, utf8WithBom, windows1252 } from './text-bytes'

let s: School | null = null
afterEach(async () => {
  await s?.close()
  s = null
})

const b64 = (bytes: Buffer) => bytes.toString('base64')

const PUPILS = [
  'Adno,Legal Surname,Legal Forename,DOB,Year,Reg',
  '40001,Fairbairn,Zoë,03/04/2013,8,8W',
  '40002,Griffiths,Siân,12/12/2012,9,9R',
  '40003,O’Brien,Seán,01/09/2012,9,9R',
].join('\r\n')

const NAMES = ['Zoë Fairbairn', 'Siân Griffiths', 'Seán O’Brien']

describe('CSV files as Excel and the MIS save them', () => {
  it('reads a Windows-1252 pupil list (Excel’s “CSV (comma delimited)”) with its accents, says so, and imports the names as written', async () => {
    s = await school(clock().now)
    const { core } = s
    const bytes = windows1252(PUPILS)
    // The file really is single-byte: ë is 0xEB, â 0xE2, á 0xE1, ’ 0x92, and it is not valid UTF-8.
    expect([...bytes].filter((b) => b >= 0x80)).toEqual([0xeb, 0xe2, 0x92, 0xe1])
    const preview = await ok(core, 'people.importPreview', { type: 'pupils', csvBase64: b64(bytes) })
    expect(preview.encoding).toBe('windows-1252')
    expect(preview.layout.name).toBe('SIMS')
    expect(preview.badRows).toEqual([])
    expect(preview.toAdd.map((r) => r.name)).toEqual(NAMES)
    const result = await ok(core, 'people.importApply', { type: 'pupils', csvBase64: b64(bytes) })
    expect(result.added).toBe(3)
    const rows = (await ok(core, 'people.list', { kind: 'pupil', archived: 'active', offset: 0, limit: 10 })).rows
    expect(rows.map((r) => r.displayName).sort()).toEqual([...NAMES].sort())
    // Searching with the accent finds the pupil: the name was stored as text, not as mojibake.
    expect((await ok(core, 'people.list', { text: 'Zoë', archived: 'active', offset: 0, limit: 10 })).rows.map((r) => r.displayName)).toEqual(['Zoë Fairbairn'])
    // The same file again is the same people: nothing to add or change.
    const again = await ok(core, 'people.importPreview', { type: 'pupils', csvBase64: b64(bytes) })
    expect([again.toAdd.length, again.toUpdate.length, again.unchanged.length]).toEqual([0, 0, 3])
  })

  it('reads UTF-8 with and without a byte order mark, and UTF-16 either way round with one, to the same names', async () => {
    s = await school(clock().now)
    const { core } = s
    const files: [Buffer, string][] = [
      [Buffer.from(PUPILS, 'utf8'), 'utf-8'],
      [utf8WithBom(PUPILS), 'utf-8'],
      [utf16leWithBom(PUPILS), 'utf-16le'],
      [utf16beWithBom(PUPILS), 'utf-16be'],
      [windows1252(PUPILS), 'windows-1252'],
    ]
    for (const [bytes, encoding] of files) {
      const preview = await ok(core, 'people.importPreview', { type: 'pupils', csvBase64: b64(bytes) })
      expect({ encoding: preview.encoding, headers: preview.headers, names: preview.toAdd.map((r) => r.name) }).toEqual({
        encoding,
        headers: ['Adno', 'Legal Surname', 'Legal Forename', 'DOB', 'Year', 'Reg'],
        names: NAMES,
      })
    }
    // Excel's "Unicode Text" is tab-separated: read the same way.
    const tabbed = await ok(core, 'people.importPreview', { type: 'pupils', csvBase64: b64(utf16leWithBom(PUPILS.replace(/,/g, '\t'))) })
    expect([tabbed.encoding, tabbed.toAdd.map((r) => r.name)]).toEqual(['utf-16le', NAMES])
  })

  it('refuses a file that is not base64, and a call with both the bytes and the text or neither', async () => {
    s = await school(clock().now)
    const { core } = s
    expect(await refused(core, 'people.importPreview', { type: 'pupils', csvBase64: 'not base64!' })).toMatchObject({ kind: 'validation', field: 'csvBase64' })
    expect(await refused(core, 'people.importPreview', { type: 'pupils', csvBase64: b64(Buffer.from(PUPILS)), csv: PUPILS })).toMatchObject({ field: 'csvBase64' })
    expect(await refused(core, 'people.importPreview', { type: 'pupils' })).toMatchObject({ field: 'csvBase64', message: 'Choose the CSV file to import.' })
    expect(await refused(core, 'incidents.importPreview', {})).toMatchObject({ field: 'csvBase64' })
    // A file of only a byte order mark is an empty file.
    expect((await refused(core, 'people.importPreview', { type: 'pupils', csvBase64: b64(utf8WithBom('')) })).message).toMatch(/The file is empty/)
  })

  it('imports an earlier incident log saved as Windows-1252 or UTF-16, with its accents, pound signs and curly quotes', async () => {
    s = await school(clock().now)
    const { core } = s
    const log = [
      'Date,Where the incident took place,Description of the incident,Action taken,Name and signature of person recording',
      '03/02/2024,ICT suite,“Free £50 voucher” link shared in the class chat – pupil’s account,Link blocked,Ms Ní Bhriain',
      '04/03/2025,Café,Zoë upset by a post,Parents told,Mr Seán Ó Briain',
    ].join('\r\n')
    const cp = await ok(core, 'incidents.importPreview', { csvBase64: b64(windows1252(log)) })
    expect(cp.encoding).toBe('windows-1252')
    expect(cp.rows.map((r) => [r.place, r.description, r.recordedBy])).toEqual([
      ['ICT suite', '“Free £50 voucher” link shared in the class chat – pupil’s account', 'Ms Ní Bhriain'],
      ['Café', 'Zoë upset by a post', 'Mr Seán Ó Briain'],
    ])
    const wide = await ok(core, 'incidents.importPreview', { csvBase64: b64(utf16leWithBom(log)) })
    expect(wide.encoding).toBe('utf-16le')
    expect(wide.rows).toEqual(cp.rows)

    expect(await ok(core, 'incidents.importApply', { csvBase64: b64(windows1252(log)) })).toEqual({ imported: 2 })
    const rows = (await ok(core, 'incidents.list', {})).rows
    expect(rows.map((r) => r.recordedByName).sort()).toEqual(['Mr Seán Ó Briain', 'Ms Ní Bhriain'])
    expect((await ok(core, 'incidents.verify', {})).ok).toBe(true)
  })
})
