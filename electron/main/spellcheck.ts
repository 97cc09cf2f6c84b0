/**
 * The spellchecker never fetches anything. Chromium's own (Hunspell) checker downloads its
 * dictionaries from a Google CDN the first time a language is used; the OS checker does not.
 * So: on Windows and macOS, the operating system's spellchecker, in British English (Windows
 * checks with the English (United Kingdom) language it has installed; macOS picks its language
 * itself); everywhere else it is off. In every case the dictionary download address points at a
 * host that can never exist (.invalid, RFC 2606), so even Chromium's Hunspell fallback — for a
 * language Windows lacks — cannot download anything. (docs/windows-install.md, "Spelling".)
 */
export const SPELLCHECK_LANGUAGES = ['en-GB']
export const NO_DICTIONARY_DOWNLOADS = 'https://dictionaries.invalid/'

/** Whether the window's spellchecker is on (the `spellcheck` web preference). */
export function spellcheckEnabled(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin'
}

/** The part of Electron's session the settings are applied to. */
export type SpellcheckSession = {
  setSpellCheckerDictionaryDownloadURL(url: string): void
  setSpellCheckerEnabled(enable: boolean): void
  setSpellCheckerLanguages(languages: string[]): void
  readonly availableSpellCheckerLanguages: string[]
}

/** Apply once, before the window loads; returns whether spelling is checked. */
export function configureSpellcheck(session: SpellcheckSession, platform: NodeJS.Platform): boolean {
  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARY_DOWNLOADS)
  const on = spellcheckEnabled(platform)
  session.setSpellCheckerEnabled(on)
  // Setting languages is a no-op on macOS; on Windows only a language the session offers is accepted.
  if (on && platform === 'win32') {
    // Electron throws for a language it does not list, and the window would not open.
    const languages = SPELLCHECK_LANGUAGES.filter((l) => session.availableSpellCheckerLanguages.includes(l))
    if (languages.length > 0) session.setSpellCheckerLanguages(languages)
  }
  return on
}
