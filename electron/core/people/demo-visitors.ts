import type { PersonKind } from '../../../shared/domain/people'
import type { SchoolPhase } from '../demo/phase'

/**
 * Who comes to the demo schools and why: each visitor, contractor, volunteer and governor is of
 * one of these types, and their visits are for that type's purposes, hosted by the member of
 * staff such a visit would be for. Organisations are invented or generic, for demonstration.
 */
export interface VisitorType {
  name: string
  kind: Exclude<PersonKind, 'pupil' | 'staff'>
  /** null: they come for themselves (a parent, a candidate for a post). */
  organisations: readonly (string | null)[]
  /** What they come for, with the job titles of the staff who host such a visit. */
  purposes: Record<SchoolPhase, readonly (readonly [purpose: string, host: RegExp])[]>
  /** How many people, against the others of the same kind. */
  weight: number
}

const LEADERS = /Headteacher/
const SENCO = /SENCO/
const SITE = /Site Manager/
const OFFICE = /Office Administrator|School Business Manager/
const same = <T>(both: T): Record<SchoolPhase, T> => ({ primary: both, secondary: both })

export const VISITOR_TYPES: readonly VisitorType[] = [
  {
    name: 'supply teacher',
    kind: 'visitor',
    organisations: ['Tradewind Recruitment', 'Vision for Education', 'Teaching Personnel', 'Academics Ltd'],
    purposes: { primary: [['Supply teaching (class cover)', /Deputy Headteacher|Headteacher/]], secondary: [['Supply teaching (cover)', /Cover Supervisor|Deputy Headteacher/]] },
    weight: 6,
  },
  {
    name: 'local authority',
    kind: 'visitor',
    organisations: ['Kent County Council (education safeguarding)', 'Kent County Council (SEND team)', 'Educational Psychology Service'],
    purposes: same([['Meeting with the SENCO', SENCO], ['Pupil observation', SENCO], ['EHCP annual review meeting', SENCO], ['Safeguarding audit', LEADERS]] as const),
    weight: 4,
  },
  {
    name: 'health',
    kind: 'visitor',
    organisations: ['NHS Kent and Medway (school nursing)', 'NHS Speech and Language Therapy'],
    purposes: {
      primary: [['School nurse drop-in', OFFICE], ['Hearing and vision screening', OFFICE], ['Speech and language therapy session', SENCO]],
      secondary: [['School nurse drop-in', OFFICE], ['Immunisation session', OFFICE], ['Speech and language therapy session', SENCO]],
    },
    weight: 3,
  },
  {
    name: 'social worker',
    kind: 'visitor',
    organisations: ['Kent County Council (children’s social work)'],
    purposes: same([['Meeting with the DSL', LEADERS]] as const),
    weight: 2,
  },
  {
    name: 'police',
    kind: 'visitor',
    organisations: ['Kent Police (schools liaison)'],
    purposes: { primary: [['Online safety talk', LEADERS]], secondary: [['Online safety talk', LEADERS], ['Meeting with the DSL', LEADERS]] },
    weight: 1,
  },
  {
    name: 'charity',
    kind: 'visitor',
    organisations: ['NSPCC'],
    purposes: { primary: [['Speak Out Stay Safe assembly', LEADERS]], secondary: [['Healthy relationships workshop', LEADERS]] },
    weight: 1,
  },
  {
    name: 'university',
    kind: 'visitor',
    organisations: ['Canterbury Christ Church University'],
    purposes: same([['Trainee teacher placement visit', /Teacher/]] as const),
    weight: 1,
  },
  {
    name: 'church',
    kind: 'visitor',
    organisations: ['St Mary’s Church'],
    purposes: same([['Assembly', LEADERS]] as const),
    weight: 1,
  },
  {
    name: 'careers',
    kind: 'visitor',
    organisations: ['Careers and Enterprise Company', 'Kent Apprenticeships Hub'],
    purposes: { primary: [], secondary: [['Careers talk', /Assistant Headteacher|Teacher/], ['Careers interviews', /Assistant Headteacher/]] },
    weight: 2,
  },
  {
    name: 'parent',
    kind: 'visitor',
    organisations: [null],
    purposes: {
      primary: [['Meeting with the class teacher', /Class Teacher/], ['Meeting with the SENCO', SENCO], ['Meeting with the headteacher', /^Headteacher/], ['Collecting a child for an appointment', OFFICE]],
      secondary: [['Meeting with the head of year', /Head of Year/], ['Meeting with the SENCO', SENCO], ['Meeting with the form tutor', /Teacher of/], ['Collecting a pupil for an appointment', OFFICE]],
    },
    weight: 10,
  },
  {
    name: 'candidate',
    kind: 'visitor',
    organisations: [null],
    purposes: same([['Interview', LEADERS]] as const),
    weight: 2,
  },
  { name: 'heating', kind: 'contractor', organisations: ['Apex Heating Services'], purposes: same([['Boiler service', SITE], ['Heating repair', SITE]] as const), weight: 1 },
  { name: 'grounds', kind: 'contractor', organisations: ['Greenfingers Grounds Ltd'], purposes: same([['Grounds maintenance', SITE]] as const), weight: 1 },
  { name: 'fire', kind: 'contractor', organisations: ['Fire Safety Services Ltd'], purposes: same([['Fire alarm service', SITE]] as const), weight: 1 },
  { name: 'water', kind: 'contractor', organisations: ['Southern Water'], purposes: same([['Water hygiene testing', SITE]] as const), weight: 1 },
  { name: 'catering', kind: 'contractor', organisations: ['Sodexo'], purposes: same([['Catering delivery', SITE]] as const), weight: 1 },
  { name: 'it', kind: 'contractor', organisations: ['Turn IT On', 'Capita Education'], purposes: same([['IT support visit', /IT Technician|School Business Manager/], ['MIS training', OFFICE]] as const), weight: 2 },
  { name: 'photographer', kind: 'contractor', organisations: ['School Photography Co'], purposes: same([['School photographs', OFFICE]] as const), weight: 1 },
  {
    name: 'volunteer',
    kind: 'volunteer',
    organisations: [null, null, 'Beanstalk reading charity'],
    purposes: { primary: [['Reading volunteer', /Class Teacher/], ['Helping on a class trip', /Class Teacher/]], secondary: [['Mentoring', /Head of Year/], ['Duke of Edinburgh award helper', /Teacher of PE/], ['Library volunteer', /Librarian/]] },
    weight: 1,
  },
  {
    name: 'governor',
    kind: 'governor',
    organisations: [null],
    purposes: same([['Governor visit', LEADERS], ['Governor monitoring visit (online safety)', LEADERS], ['Meeting with the headteacher', /^Headteacher/]] as const),
    weight: 1,
  },
]

/** Who is in first in the morning and still there at the demo's "now": the roll call a governor would expect. */
export const ON_SITE_NOW: Record<SchoolPhase, readonly string[]> = {
  primary: ['supply teacher', 'health', 'local authority', 'heating', 'parent', 'volunteer', 'governor'],
  secondary: ['supply teacher', 'supply teacher', 'supply teacher', 'health', 'health', 'local authority', 'local authority', 'social worker', 'careers', 'it', 'heating', 'grounds', 'parent', 'parent', 'parent', 'volunteer', 'governor', 'candidate'],
}
