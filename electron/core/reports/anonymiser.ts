/**
 * Replaces people's names with initials, the same person always getting the same initials
 * ("Siân Ŵyn" → "S.W."), and two people sharing initials told apart ("S.W. (2)"). Used for
 * reports that leave the school.
 */
export class Anonymiser {
  private readonly byName = new Map<string, string>()
  private readonly used = new Map<string, number>()

  constructor(readonly enabled: boolean) {}

  name(full: string | null | undefined): string {
    if (!full) return ''
    if (!this.enabled) return full
    const key = full.trim().toLowerCase()
    const known = this.byName.get(key)
    if (known) return known
    const initials =
      full
        .trim()
        .split(/[\s-]+/)
        .filter(Boolean)
        .map((part) => `${part.replace(/^[^\p{L}]+/u, '').charAt(0).toUpperCase()}.`)
        .join('') || '?'
    const n = (this.used.get(initials) ?? 0) + 1
    this.used.set(initials, n)
    const label = n === 1 ? initials : `${initials} (${n})`
    this.byName.set(key, label)
    return label
  }

  /**
   * Free text with the given people's names replaced by their initials: full names first, then
   * each part of three letters or more on its own ("Siân told Mr Ŵyn" → "S.W. told Mr S.W.").
   */
  text(value: string | null | undefined, people: readonly string[]): string {
    if (!value) return ''
    if (!this.enabled) return value
    let out = value
    const replacements: [string, string][] = []
    for (const full of people) {
      const label = this.name(full)
      replacements.push([full, label])
      for (const part of full.split(/[\s-]+/)) if (part.replace(/[^\p{L}]/gu, '').length >= 3) replacements.push([part, label])
    }
    replacements.sort((a, b) => b[0].length - a[0].length)
    for (const [from, to] of replacements) {
      const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      out = out.replace(new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'giu'), to)
    }
    return out
  }
}
