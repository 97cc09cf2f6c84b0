import { createHash } from 'node:crypto'
import type { ColumnMapping, ImportField, ImportLayout, ImportType } from '../../../../shared/domain/people'

/** Headings compared without case, spaces or punctuation: "Date of Birth" = "DateOfBirth" = "date_of_birth". */
export const headingKey = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9]/g, '')

interface KnownLayout extends ImportLayout {
  type: ImportType
  /** Headings that, all present, say the file came from this system. */
  signature: string[]
  /** For each field, the headings this system uses, most specific first. */
  columns: Partial<Record<ImportField, string[]>>
}

// The usual student and staff list exports of the three common MIS. Their reports are
// configurable, so these are starting points: any other layout is mapped once and remembered.
const KNOWN: readonly KnownLayout[] = [
  {
    id: 'sims-pupils',
    name: 'SIMS',
    type: 'pupils',
    signature: ['adno'],
    columns: {
      misId: ['adno'],
      upn: ['upn'],
      forename: ['legalforename', 'forename'],
      surname: ['legalsurname', 'surname'],
      preferredForename: ['preferredforename', 'forename'],
      preferredSurname: ['preferredsurname', 'surname'],
      dateOfBirth: ['dob', 'dateofbirth'],
      yearGroup: ['year', 'ncyearactual', 'yeargroup'],
      regClass: ['reg', 'reggroup', 'registrationgroup'],
      username: ['username', 'networkusername'],
    },
  },
  {
    id: 'arbor-pupils',
    name: 'Arbor',
    type: 'pupils',
    signature: ['legalfirstname', 'legallastname', 'registrationform'],
    columns: {
      misId: ['misid', 'admissionnumber', 'studentid'],
      upn: ['upn'],
      forename: ['legalfirstname', 'firstname'],
      surname: ['legallastname', 'lastname'],
      preferredForename: ['preferredfirstname', 'firstname'],
      preferredSurname: ['preferredlastname', 'lastname'],
      dateOfBirth: ['dateofbirth'],
      yearGroup: ['yeargroup', 'year'],
      regClass: ['registrationform'],
      username: ['username', 'networkusername'],
    },
  },
  {
    id: 'bromcom-pupils',
    name: 'Bromcom',
    type: 'pupils',
    signature: ['admissionno', 'tutorgroup'],
    columns: {
      misId: ['admissionno'],
      upn: ['upn'],
      forename: ['legalforename'],
      surname: ['legalsurname'],
      preferredForename: ['preferredforename'],
      preferredSurname: ['preferredsurname'],
      dateOfBirth: ['dob', 'dateofbirth'],
      yearGroup: ['year', 'yeargroup'],
      regClass: ['tutorgroup'],
      username: ['username', 'networkusername'],
    },
  },
  {
    id: 'sims-staff',
    name: 'SIMS',
    type: 'staff',
    signature: ['staffcode', 'legalsurname'],
    columns: {
      misId: ['staffcode'],
      forename: ['legalforename', 'forename'],
      surname: ['legalsurname', 'surname'],
      preferredForename: ['preferredforename', 'forename'],
      preferredSurname: ['preferredsurname', 'surname'],
      jobTitle: ['post', 'role', 'jobtitle'],
      staffGroup: ['staffcategory', 'category'],
      username: ['username', 'networkusername'],
    },
  },
  {
    id: 'arbor-staff',
    name: 'Arbor',
    type: 'staff',
    signature: ['legalfirstname', 'legallastname', 'jobtitle'],
    columns: {
      misId: ['staffid', 'misid'],
      forename: ['legalfirstname', 'firstname'],
      surname: ['legallastname', 'lastname'],
      preferredForename: ['preferredfirstname', 'firstname'],
      preferredSurname: ['preferredlastname', 'lastname'],
      jobTitle: ['jobtitle'],
      staffGroup: ['staffcategory', 'category'],
      username: ['username', 'networkusername'],
    },
  },
  {
    id: 'bromcom-staff',
    name: 'Bromcom',
    type: 'staff',
    signature: ['staffcode', 'stafftype'],
    columns: {
      misId: ['staffcode', 'staffid'],
      forename: ['legalforename', 'forename'],
      surname: ['legalsurname', 'surname'],
      preferredForename: ['preferredforename'],
      preferredSurname: ['preferredsurname'],
      jobTitle: ['jobtitle', 'role'],
      staffGroup: ['stafftype'],
      username: ['username', 'networkusername'],
    },
  },
]

/** Headings many exports use: a first guess for a layout the app does not know. */
const COMMON: Readonly<Record<ImportType, Partial<Record<ImportField, string[]>>>> = {
  pupils: {
    misId: ['admissionnumber', 'admissionno', 'adno', 'misid', 'studentid', 'pupilid', 'id'],
    upn: ['upn', 'uniquepupilnumber'],
    forename: ['legalforename', 'legalfirstname', 'forename', 'firstname', 'givenname'],
    surname: ['legalsurname', 'legallastname', 'surname', 'lastname', 'familyname'],
    preferredForename: ['preferredforename', 'preferredfirstname', 'knownas', 'preferredname', 'forename', 'firstname'],
    preferredSurname: ['preferredsurname', 'preferredlastname', 'surname', 'lastname'],
    dateOfBirth: ['dateofbirth', 'dob', 'birthdate'],
    yearGroup: ['yeargroup', 'year', 'ncyear', 'ncyearactual', 'curriculumyear'],
    regClass: ['registrationgroup', 'reggroup', 'regclass', 'registrationform', 'tutorgroup', 'form', 'class', 'reg'],
    username: ['username', 'networkusername', 'login'],
  },
  staff: {
    misId: ['staffcode', 'staffid', 'misid', 'employeenumber', 'payrollnumber', 'id'],
    forename: ['legalforename', 'legalfirstname', 'forename', 'firstname', 'givenname'],
    surname: ['legalsurname', 'legallastname', 'surname', 'lastname', 'familyname'],
    preferredForename: ['preferredforename', 'preferredfirstname', 'knownas', 'preferredname', 'forename', 'firstname'],
    preferredSurname: ['preferredsurname', 'preferredlastname', 'surname', 'lastname'],
    jobTitle: ['jobtitle', 'post', 'role', 'position'],
    staffGroup: ['staffgroup', 'staffcategory', 'stafftype', 'category'],
    username: ['username', 'networkusername', 'login'],
  },
}

/**
 * Picks, for each field in turn, the first of its usual headings the file has; a heading serves
 * one field only, so where a file has both "Legal Forename" and "Forename", the legal name takes
 * the first and the preferred name the second. Later column sets fill what earlier ones left.
 */
function guessMapping(headers: string[], ...sets: Partial<Record<ImportField, string[]>>[]): ColumnMapping {
  const byKey = new Map<string, string>()
  for (const h of headers) if (h && !byKey.has(headingKey(h))) byKey.set(headingKey(h), h)
  const used = new Set<string>()
  const mapping: ColumnMapping = {}
  for (const columns of sets) {
    for (const [field, keys] of Object.entries(columns) as [ImportField, string[]][]) {
      if (mapping[field]) continue
      const key = keys.find((k) => byKey.has(k) && !used.has(k))
      if (key) {
        used.add(key)
        mapping[field] = byKey.get(key)!
      }
    }
  }
  return mapping
}

/**
 * Which system made the file, by its headings, and a mapping to start from. A layout the app
 * does not know gets an id from its headings, so its mapping can be remembered for next time.
 */
export function detectLayout(type: ImportType, headers: string[]): { layout: ImportLayout; mapping: ColumnMapping } {
  const keys = new Set(headers.map(headingKey))
  const known = KNOWN.filter((l) => l.type === type && l.signature.every((s) => keys.has(s)))
  if (known.length > 0) {
    // The most specific signature wins (Arbor's three headings over a looser match).
    const best = known.sort((a, b) => b.signature.length - a.signature.length)[0]!
    return { layout: { id: best.id, name: best.name }, mapping: guessMapping(headers, best.columns, COMMON[type]) }
  }
  const fingerprint = createHash('sha256')
    .update([...keys].sort().join('|'))
    .digest('hex')
    .slice(0, 12)
  return { layout: { id: `custom-${type}-${fingerprint}`, name: 'Your own columns' }, mapping: guessMapping(headers, COMMON[type]) }
}

/** For a "this looks like the other kind of file" hint. */
export function looksLike(headers: string[]): ImportType | null {
  const keys = new Set(headers.map(headingKey))
  const pupilish = ['dob', 'dateofbirth', 'yeargroup', 'year', 'upn', 'adno', 'admissionno', 'tutorgroup', 'registrationform'].some((k) => keys.has(k))
  const staffish = ['staffcode', 'staffid', 'jobtitle', 'post', 'stafftype', 'staffcategory'].some((k) => keys.has(k))
  if (pupilish && !staffish) return 'pupils'
  if (staffish && !pupilish) return 'staff'
  return null
}
