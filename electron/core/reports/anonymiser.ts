import type { PersonKind, YearGroup } from '../../../shared/domain/people'
import type { Role } from '../../../shared/domain/roles'
import type { Db } from '../db/database'
import { displayNameOfRow, type PersonRow } from '../people/services'
import { readSchool } from '../school/school'

/** Below this, a count is printed as "fewer than 5" in an anonymised copy: a small number can point at a child. */
export const SMALLEST_COUNT_SHOWN = 5
export const FEWER_THAN = `fewer than ${SMALLEST_COUNT_SHOWN}`

/** A user by the part they play: "the DSL" says what a reader outside needs, not who. */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  manager: 'the business manager',
  head: 'the headteacher',
  dsl: 'the DSL',
  ict: 'the ICT manager',
  office: 'a member of the office staff',
}

const KIND_DESCRIPTIONS: Readonly<Record<PersonKind, string>> = {
  pupil: 'a pupil',
  staff: 'a member of staff',
  governor: 'a governor',
  volunteer: 'a volunteer',
  contractor: 'a contractor',
  visitor: 'a visitor',
}

/** "a Year 9 pupil", "a Reception pupil": the year group, never the class or initials. */
export function pupilDescription(year: YearGroup | null): string {
  if (!year) return 'a pupil'
  return year === 'R' ? 'a Reception pupil' : `a Year ${year} pupil`
}

/** What is put where a name was found in free text but could belong to more than one person. */
export const NAME_REMOVED = '[name removed]'

/** Prefixes of names that are not names on their own ("ap Rhys", "St John", "Ní Bhriain"). */
const PARTICLES = new Set(['ap', 'ab', 'st', 'ní', 'nic', 'mac', 'mc', 'ó', 'o', 'de', 'da', 'di', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'bin', 'bint', 'al', 'el'])

interface Known {
  /** Who they are in words: "a Year 9 pupil", "the DSL". */
  description: string
  /** One entry per person: a key that tells two people with the same words apart. */
  key: string
}

const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/’/g, "'").toLowerCase()
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const partsOf = (full: string) => full.split(/[\s-]+/).filter((p) => p.replace(/\P{L}/gu, '').length >= 2 && !PARTICLES.has(fold(p)))

/**
 * The names in an anonymised copy: every person, in every cell and every line of free text the
 * builders print, is replaced by who they are — a pupil by year group ("a Year 9 pupil"), a user
 * by role ("the DSL"), anyone else by kind ("a governor"). Two people described alike in one copy
 * are told apart by a number ("a Year 9 pupil (2)"), the same person always getting the same words.
 * Counts under 5 print as "fewer than 5". A copy that is not anonymised passes everything through.
 */
export class Anonymiser {
  private readonly byName = new Map<string, Known>()
  private readonly byPersonId = new Map<number, Known>()
  /** Each part of a name ("Osian", "Llewellyn") and the people who carry it. */
  private readonly byPart = new Map<string, Set<Known>>()
  private readonly labels = new Map<string, string>()
  private readonly used = new Map<string, number>()
  private finder: RegExp | null = null

  constructor(readonly enabled: boolean) {}

  /**
   * An anonymiser that knows everyone the register names: the people in the directory, the users,
   * and the names the school profile holds (its DSL and deputies, its online safety governor).
   */
  static async forRegister(db: Db, enabled: boolean): Promise<Anonymiser> {
    const names = new Anonymiser(enabled)
    if (!enabled) return names
    const users = await db('users').select('id', 'display_name', 'role').orderBy('id')
    for (const u of users) names.know(u.display_name, ROLE_DESCRIPTIONS[u.role], `user:${u.id}`)
    const school = await readSchool(db)
    names.know(school.dslName, ROLE_DESCRIPTIONS.dsl, 'school:dsl')
    school.deputyDslNames.forEach((n, i) => names.know(n, 'a deputy DSL', `school:deputy:${i}`))
    names.know(school.onlineSafetyGovernor, 'the online safety governor', 'school:governor')
    const people = (await db('people').select('id', 'kind', 'forename', 'surname', 'preferred_forename', 'preferred_surname', 'year_group').orderBy('id')) as Pick<
      PersonRow,
      'id' | 'kind' | 'forename' | 'surname' | 'preferred_forename' | 'preferred_surname' | 'year_group'
    >[]
    for (const p of people) {
      const description = p.kind === 'pupil' ? pupilDescription(p.year_group) : KIND_DESCRIPTIONS[p.kind]
      const known = names.know(displayNameOfRow(p), description, `person:${p.id}`)
      names.byPersonId.set(p.id, known)
      // The legal name and every mix of legal and preferred names find the same person.
      for (const forename of [p.forename, p.preferred_forename]) for (const surname of [p.surname, p.preferred_surname]) if (forename && surname) names.alias(`${forename} ${surname}`, known)
      for (const part of [p.forename, p.preferred_forename, p.surname, p.preferred_surname]) if (part) names.addParts(part, known)
    }
    return names
  }

  /**
   * Adds someone the register names outside the directory and the users (a chair of governors
   * typed on the annual review): the same name is then replaced wherever it appears.
   */
  know(full: string | null | undefined, description: string, key: string): Known {
    const existing = full ? this.byName.get(fold(full)) : undefined
    // A user and a person with one name are one person: the first known (the user, by role) stands.
    if (existing) return existing
    const known: Known = { description, key }
    if (full && fold(full)) {
      this.alias(full, known)
      this.addParts(full, known)
    }
    return known
  }

  private alias(full: string, known: Known): void {
    if (!this.byName.has(fold(full))) this.byName.set(fold(full), known)
    this.finder = null
  }

  private addParts(full: string, known: Known): void {
    for (const part of partsOf(full)) {
      const set = this.byPart.get(fold(part)) ?? new Set<Known>()
      set.add(known)
      this.byPart.set(fold(part), set)
    }
    this.finder = null
  }

  private label(known: Known): string {
    const had = this.labels.get(known.key)
    if (had) return had
    const n = (this.used.get(known.description) ?? 0) + 1
    this.used.set(known.description, n)
    const label = n === 1 ? known.description : `${known.description} (${n})`
    this.labels.set(known.key, label)
    return label
  }

  /**
   * A name printed in a cell: the person's description, or `otherwise` when the register does
   * not know the name (an earlier log's recorder, a name since changed).
   */
  name(full: string | null | undefined, otherwise = 'a named person'): string {
    if (!full) return ''
    if (!this.enabled) return full
    const known = this.byName.get(fold(full))
    return known ? this.label(known) : this.label({ description: otherwise, key: `unknown:${fold(full)}` })
  }

  /** A person in the directory, by id (their name on an old record may have changed since). */
  person(personId: number, full: string): string {
    if (!this.enabled) return full
    const known = this.byPersonId.get(personId)
    return known ? this.label(known) : this.name(full)
  }

  /** Who a person is, in words that name no class, organisation or job ("Year 9 pupil", "Member of staff"). */
  kindOf(personId: number, description: string): string {
    if (!this.enabled) return description
    const known = this.byPersonId.get(personId)
    return known ? known.description.replace(/^an? /, '').replace(/^./, (c) => c.toUpperCase()) : 'Named person'
  }

  /** A count: "fewer than 5" for 1 to 4 in an anonymised copy (none is none). */
  count(n: number): string {
    if (this.enabled && n > 0 && n < SMALLEST_COUNT_SHOWN) return FEWER_THAN
    return n.toLocaleString('en-GB')
  }

  /** A count that an anonymised copy does not print. */
  hides(n: number): boolean {
    return this.enabled && n > 0 && n < SMALLEST_COUNT_SHOWN
  }

  /**
   * Free text with every name the register knows replaced. Whole names are found in any case;
   * a part of a name ("Osian") only as a capitalised word, so "will" stays a verb while "Will"
   * goes. A part is replaced by its person when only one of `people` (those named on the
   * record), or else only one person the register knows, carries it; otherwise by "[name removed]".
   */
  text(value: string | null | undefined, people: readonly string[] = []): string {
    if (!value) return ''
    if (!this.enabled) return value
    const context = new Map<string, Set<Known>>()
    for (const full of people) {
      const known = this.byName.get(fold(full))
      if (!known) continue
      for (const part of partsOf(full)) context.set(fold(part), (context.get(fold(part)) ?? new Set()).add(known))
    }
    return value.replace(this.namePattern(), (found: string) => {
      const whole = this.byName.get(fold(found))
      if (whole) return this.label(whole)
      if (!/^\p{Lu}/u.test(found)) return found
      const near = context.get(fold(found))
      if (near?.size === 1) return this.label([...near][0]!)
      const anyone = this.byPart.get(fold(found))
      if (anyone?.size === 1) return this.label([...anyone][0]!)
      return anyone ? NAME_REMOVED : found
    })
  }

  /** One pattern for every name and part the register knows, the longest first so a whole name wins over its parts. */
  private namePattern(): RegExp {
    if (this.finder) return this.finder
    const all = [...new Set([...this.byName.keys(), ...this.byPart.keys()])].sort((a, b) => b.length - a.length).map((s) => escape(s).replace(/ /g, '\\s+').replace(/'/g, "['’]"))
    this.finder = all.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${all.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : /(?!)/g
    return this.finder
  }
}
