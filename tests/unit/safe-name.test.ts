import { describe, expect, it } from 'vitest'
import { outsideFileName, visibleName } from '../../electron/core/files/safe-name'
import { safeFileName } from '../../shared/domain/file-names'
import { describeType, isPlainText } from '../../shared/domain/evidence-files'

describe('names of files from outside', () => {
  it('take the extension of their content and lose the one they came with', () => {
    expect(outsideFileName('x.bat', 'txt')).toBe('x.txt')
    expect(outsideFileName('x.pdf.lnk', 'bin')).toBe('x_pdf.bin')
    expect(outsideFileName('invoice.pdf', 'pdf')).toBe('invoice.pdf')
    expect(outsideFileName('Report v2.final.docx', 'docx')).toBe('Report v2_final.docx')
    expect(outsideFileName('README', 'txt')).toBe('README.txt')
    expect(outsideFileName('.bashrc', 'txt')).toBe('bashrc.txt')
  })

  it('replace every bidi, control and zero-width character, so no name can pretend to another extension', () => {
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200D', '\uFEFF', '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u2028', '\u2029']) {
      const name = outsideFileName(`photo${c}gnp.exe`, 'bin')
      expect(name, `U+${c.codePointAt(0)!.toString(16)}`).toBe('photo_gnp.bin')
    }
    expect(safeFileName('photo\u202Egnp.exe')).toBe('photo_gnp.exe')
  })

  it('never end up a Windows device name, with or without an extension, spaces or dots', () => {
    // Windows reads the part before the first dot, spaces at its end ignored, as the device.
    const device = (name: string) => /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i.test(name.split('.')[0]!.trimEnd())
    for (const name of ['CON.txt', 'con.TXT', 'CON', 'CON .txt', 'CON..txt', 'CON. .txt', 'prn.pdf', 'AUX.png', 'nul.tar.gz', 'COM1.txt', 'com9.log', 'COM¹.txt', 'LPT1.txt', 'lpt9', 'LPT³.doc', 'COM0.txt', 'LPT0.txt', 'con\u202E.txt']) {
      expect(device(name.replace('\u202E', '')), `${name} is a device name`).toBe(true)
      expect(device(outsideFileName(name, 'txt')), outsideFileName(name, 'txt')).toBe(false)
      expect(device(safeFileName(name)), safeFileName(name)).toBe(false)
    }
    expect(outsideFileName('CON.txt', 'txt')).toBe('_CON.txt')
    expect(safeFileName('nul.tar.gz')).toBe('_nul.tar.gz')
    for (const name of ['CONSOLE.txt', 'COM10.txt', 'console', 'prncess.png', 'auxiliary.pdf']) {
      expect(outsideFileName(name, 'txt'), name).not.toMatch(/^_/)
      expect(safeFileName(name), name).not.toMatch(/^_/)
    }
  })

  it('keep only the name: no folders, no characters Windows refuses, never empty or ending in a dot or space', () => {
    expect(outsideFileName('../../chat.txt', 'txt')).toBe('chat.txt')
    expect(outsideFileName('C:\\Users\\pupil\\Desktop\\chat.txt', 'txt')).toBe('chat.txt')
    expect(outsideFileName('a<b>c:d"e|f?g*h.png', 'png')).toBe('a_b_c_d_e_f_g_h.png')
    expect(outsideFileName('...', 'bin')).toBe('evidence.bin')
    expect(outsideFileName('', 'bin')).toBe('evidence.bin')
    expect(outsideFileName('name. . .exe', 'bin')).toBe('name_ _.bin')
    expect(outsideFileName(`${'a'.repeat(300)}.txt`, 'txt')).toBe(`${'a'.repeat(100)}.txt`)
    expect(safeFileName('Appendix 4 log 2025–26 (Ysgol Gymraeg Llanfair).pdf')).toBe('Appendix 4 log 2025–26 (Ysgol Gymraeg Llanfair).pdf')
    expect(safeFileName('trailing dots...')).toBe('trailing dots')
    expect(safeFileName('   ', 'fallback')).toBe('fallback')
  })

  it('show the name a file came with, its hidden characters made visible', () => {
    expect(visibleName('photo\u202Egnp.exe')).toBe('photo<U+202E>gnp.exe')
    expect(visibleName('a\u200Bb\u0007c')).toBe('a<U+200B>b<U+0007>c')
    expect(visibleName('Siân’s chat.txt')).toBe('Siân’s chat.txt')
  })
})

describe('plain text, by its bytes', () => {
  it('is UTF-8, UTF-16 with a byte order mark, or single-byte text, with no controls but tabs and line breaks', () => {
    expect(isPlainText(Buffer.from('You are not welcome here.\r\n\tSiân\f'))).toBe(true)
    expect(isPlainText(Buffer.from('\uFEFFWith a byte order mark', 'utf8'))).toBe(true)
    expect(isPlainText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Saved by Notepad as Unicode', 'utf16le')]))).toBe(true)
    expect(isPlainText(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35]))).toBe(true) // "Café €5" in Windows-1252
  })

  it('is not a program, a picture, or bytes with zeros or control characters', () => {
    expect(isPlainText(Buffer.alloc(0))).toBe(false)
    expect(isPlainText(Buffer.from('MZ\u0090\u0000\u0003'))).toBe(false)
    expect(isPlainText(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe(false)
    expect(isPlainText(Buffer.from('text then a bell \u0007'))).toBe(false)
    expect(isPlainText(Buffer.from('escape \u001b[31m red'))).toBe(false)
    expect(isPlainText(Buffer.from([0x41, 0x81, 0x42]))).toBe(false) // undefined in Windows-1252
  })

  it('types are named in words for the window', () => {
    expect(describeType('application/pdf')).toBe('a PDF document')
    expect(describeType('application/x-ms-shortcut')).toBe('a Windows shortcut (.lnk)')
    expect(describeType('application/x-whatever')).toMatch(/type application\/x-whatever, which the register does not open/)
  })
})
