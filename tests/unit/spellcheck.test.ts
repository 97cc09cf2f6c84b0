import { describe, expect, it } from 'vitest'
import { configureSpellcheck, NO_DICTIONARY_DOWNLOADS, spellcheckEnabled, type SpellcheckSession } from '../../electron/main/spellcheck'

class FakeSession implements SpellcheckSession {
  calls: string[] = []
  constructor(readonly availableSpellCheckerLanguages: string[]) {}
  setSpellCheckerDictionaryDownloadURL(url: string) {
    this.calls.push(`download ${url}`)
  }
  setSpellCheckerEnabled(enable: boolean) {
    this.calls.push(`enabled ${enable}`)
  }
  setSpellCheckerLanguages(languages: string[]) {
    this.calls.push(`languages ${languages.join(',')}`)
  }
}

describe('the spellchecker', () => {
  it('on Windows: the OS checker in British English, downloads pointed nowhere first', () => {
    const session = new FakeSession(['en-GB', 'en-US', 'cy'])
    expect(configureSpellcheck(session, 'win32')).toBe(true)
    expect(session.calls).toEqual([`download ${NO_DICTIONARY_DOWNLOADS}`, 'enabled true', 'languages en-GB'])
  })

  it('on Windows without en-GB on offer: on, languages left alone (setting one not offered throws)', () => {
    const session = new FakeSession(['en-US'])
    configureSpellcheck(session, 'win32')
    expect(session.calls).not.toContain('languages en-GB')
  })

  it('on Linux (Hunspell, downloaded from a Google CDN): off', () => {
    const session = new FakeSession(['en-GB'])
    expect(configureSpellcheck(session, 'linux')).toBe(false)
    expect(session.calls).toEqual([`download ${NO_DICTIONARY_DOWNLOADS}`, 'enabled false'])
    expect(spellcheckEnabled('linux')).toBe(false)
  })

  it('the download address can never resolve', () => {
    expect(new URL(NO_DICTIONARY_DOWNLOADS).hostname.endsWith('.invalid')).toBe(true)
  })
})
