// pdfmake 0.3 exports a ready instance (module.exports = new pdfmake()); @types/pdfmake
// describes 0.2, so the parts used here are declared as they are in 0.3.
declare module 'pdfmake' {
  import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces'
  interface OutputDocument {
    getStream(): Promise<unknown>
    getBuffer(): Promise<Buffer>
  }
  const pdfmake: {
    addFonts(fonts: TFontDictionary): void
    setUrlAccessPolicy(policy: (url: string) => boolean): void
    setLocalAccessPolicy(policy: (path: string) => boolean): void
    addTableLayouts(layouts: Record<string, object>): void
    setProgressCallback(callback: (fraction: number) => void): void
    createPdf(doc: TDocumentDefinitions, options?: object): OutputDocument
  }
  export default pdfmake
}

declare module 'pdfmake/fonts/Roboto' {
  import type { TFontDictionary } from 'pdfmake/interfaces'
  const fonts: TFontDictionary
  export default fonts
}

// What measures words and what places laid-out lines on their pages: pdfmake-words.ts keeps
// the measured words small and joins each placed line's words into runs.
declare module 'pdfmake/js/TextInlines' {
  const TextInlines: new (...args: unknown[]) => unknown
  export default TextInlines
}
declare module 'pdfmake/js/ElementWriter' {
  const ElementWriter: new (...args: unknown[]) => unknown
  export default ElementWriter
}
