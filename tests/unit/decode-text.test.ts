import { describe, expect, it } from 'vitest'
import { decodeText } from '../../electron/core/files/decode-text'

describe('decoding a text file’s bytes', () => {
  it('takes valid UTF-8 as UTF-8 and anything else as Windows-1252, byte for byte', () => {
    expect(decodeText(Buffer.from('Zoë,Siân', 'utf8'))).toEqual({ text: 'Zoë,Siân', encoding: 'utf-8' })
    // 0xEB alone is not UTF-8; in Windows-1252 it is ë, and 0x92 is the curly apostrophe (Latin-1 would make it a control).
    expect(decodeText(Buffer.from([0x5a, 0x6f, 0xeb, 0x2c, 0x4f, 0x92, 0x42]))).toEqual({ text: 'Zoë,O’B', encoding: 'windows-1252' })
    // Plain ASCII is both; it is called UTF-8.
    expect(decodeText(Buffer.from('Adno,Surname'))).toEqual({ text: 'Adno,Surname', encoding: 'utf-8' })
  })

  it('follows a byte order mark, and drops it', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xab]))).toEqual({ text: 'Aë', encoding: 'utf-8' })
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0xeb, 0x00]))).toEqual({ text: 'Aë', encoding: 'utf-16le' })
    expect(decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x41, 0x00, 0xeb]))).toEqual({ text: 'Aë', encoding: 'utf-16be' })
  })

  it('recognises UTF-16 saved without a byte order mark by its zero bytes', () => {
    expect(decodeText(Buffer.from('Adno,Forename\r\n1,Zoë', 'utf16le'))).toEqual({ text: 'Adno,Forename\r\n1,Zoë', encoding: 'utf-16le' })
    expect(decodeText(Buffer.from('Adno,Forename\r\n1,Zoë', 'utf16le').swap16())).toEqual({ text: 'Adno,Forename\r\n1,Zoë', encoding: 'utf-16be' })
    expect(decodeText(Buffer.from([]))).toEqual({ text: '', encoding: 'utf-8' })
  })
})
