// Files as they arrive from outside, for the tests of evidence and of opening copies: real
// headers of each type (what file-type and the plain text test read), small enough to inline.

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** The start of a JPEG (JFIF) file. */
export const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64, 0x20), Buffer.from('ffd9', 'hex')])

/** A small PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

/** A Windows batch file: plain text that would run as a program under the name it came with. */
export const BATCH = Buffer.from('@echo off\r\nstart calc.exe\r\n', 'latin1')

/** A Windows shortcut (.lnk): its header and class id, then padding. */
export const SHORTCUT = Buffer.concat([Buffer.from('4c0000000114020000000000c000000000000046', 'hex'), Buffer.alloc(56)])

/** A Windows program: "MZ", the offset of the PE header at 0x3c, then "PE\0\0". */
export function windowsProgram(): Buffer {
  const exe = Buffer.alloc(512)
  exe.write('MZ', 0, 'latin1')
  exe.writeUInt32LE(0x80, 0x3c)
  exe.write('PE\0\0', 0x80, 'latin1')
  return exe
}

/** The right-to-left override: "photo\u202Egnp.exe" shows as "photoexe.png". */
export const RLO = '\u202E'
