import type { StaffGroup, YearGroup } from '../../../../shared/domain/people'
import { isRealDay } from '../../../../shared/dates/uk-time'

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/** MIS exports write dates the UK way (31/01/2012), or as ISO dates (2012-01-31, maybe with a time). */
export function parseDate(raw: string, what: string): Parsed<string> {
  const value = raw.trim()
  let day: string | null = null
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(value)
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value)
  if (iso) day = `${iso[1]}-${iso[2]}-${iso[3]}`
  else if (uk) day = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`
  if (!day) return { ok: false, reason: `The ${what} “${value}” is not a date the register can read: write it as dd/mm/yyyy (day first) or yyyy-mm-dd.` }
  if (!isRealDay(day)) return { ok: false, reason: `The ${what} “${value}” is not a real date (check the day and the month).` }
  return { ok: true, value: day }
}

/** "R", "Rec", "Reception", "YR", "Year 7", "Y07", "NC Year 7", "7" … */
export function parseYearGroup(raw: string): Parsed<YearGroup> {
  const compact = raw.trim().toLowerCase().replace(/[\s_.-]+/g, '')
  if (['r', 'rec', 'reception', 'yr', 'yearr', 'yearreception', 'ncyearr'].includes(compact)) return { ok: true, value: 'R' }
  const n = /^(?:nc)?(?:year|yr|y)?0*(\d{1,2})$/.exec(compact)
  if (n) {
    const year = Number(n[1])
    if (year >= 1 && year <= 13) return { ok: true, value: String(year) as YearGroup }
  }
  if (/^(n|n1|n2|nursery|nur|ncyearn\d?|yearn\d?)$/.test(compact)) {
    return { ok: false, reason: `Year group “${raw.trim()}” is nursery: the register covers Reception to Year 13.` }
  }
  return { ok: false, reason: `Year group “${raw.trim()}” is not one the register knows: use R (Reception) or 1 to 13.` }
}

const LEADERSHIP = /\b(head ?teacher|headmaster|headmistress|principal|deputy head|assistant head|executive head|head of school|business manager|senior leader(ship)?|slt|leadership)\b/i
const TEACHING = /\b(teach(er|ing)?|lecturer|senco|instructor)\b/i
const SUPPORT =
  /\b(support|assistant|ta|hlta|administrator|admin|office|clerk|technician|caretaker|site|cleaner|cook|catering|midday|lunchtime|librarian|receptionist|bursar|finance|cover supervisor|mentor|learning support|nurse|it)\b/i

/** A staff group from the MIS's category, or failing that from the job title. */
export function inferStaffGroup(...texts: (string | null | undefined)[]): StaffGroup {
  const given = texts.filter((t): t is string => !!t?.trim())
  // A headteacher's MIS category is often just "Teacher": a leadership post wins over the category.
  if (given.some((t) => LEADERSHIP.test(t))) return 'leadership'
  for (const text of given) {
    if (TEACHING.test(text)) return 'teaching'
    if (SUPPORT.test(text)) return 'support'
  }
  return 'other'
}
