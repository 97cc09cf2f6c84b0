import { z } from 'zod'
import type { AupVersion } from '../../domain/aup'
import type { OnSiteList, ReceptionSettings, RetentionReport, Visit, VisitorMatch, VisitPage } from '../../domain/visits'
import * as pf from '../../api/people-fields'
import { id, noInput, returns, defineKind, type MethodSpec } from '../../api/contract-kit'
import { ALL_ROLES, MANAGER, PEOPLE_READERS, RECEPTION, ROLL_CALL } from '../../api/access'

/** Reception: visitors found or registered, signed in and out; the fire roll call; retention. */
export const visitsMethods = {
  // Reception: visitors found or registered, signed in and out; the fire roll call; retention.
  'visitors.search': {
    summary: 'Find a returning visitor by a few letters of their name, most recent first',
    access: RECEPTION,
    input: pf.visitorSearch,
    output: returns<VisitorMatch[]>(),
  },
  'visitors.register': {
    summary: 'Register a new visitor or contractor: name, organisation, DBS check',
    access: RECEPTION,
    input: pf.visitorRegister,
    output: returns<VisitorMatch>(),
  },
  'visitors.update': {
    summary: 'Correct a visitor’s name, organisation or DBS check',
    access: RECEPTION,
    input: pf.visitorUpdate,
    output: returns<VisitorMatch>(),
  },
  'visitors.currentAup': {
    summary: 'The acceptable use agreement to show a visitor at the desk (null if the school has none yet)',
    access: RECEPTION,
    // A visitor not yet registered is asked about by kind: they are registered as they sign in.
    input: z.union([z.object({ personId: id }).strict(), z.object({ kind: z.enum(['visitor', 'contractor']) }).strict()]),
    output: returns<AupVersion | null>(),
  },
  'visits.signIn': {
    summary: 'Sign a visitor in; one who will use school ICT needs a current agreement or signs one now',
    access: RECEPTION,
    input: pf.visitSignIn,
    output: returns<Visit>(),
  },
  'visits.signOut': {
    summary: 'Sign a visitor out',
    access: RECEPTION,
    input: z.object({ visitId: id }).strict(),
    output: returns<Visit>(),
  },
  'visits.undoSignOut': {
    summary: 'Undo signing a visitor out at the desk, within a few minutes of it',
    access: RECEPTION,
    input: z.object({ visitId: id }).strict(),
    output: returns<Visit>(),
  },
  'visits.onSite': {
    summary: 'Who is on site now: the fire roll call',
    access: ROLL_CALL,
    input: noInput,
    output: returns<OnSiteList>(),
  },
  'visits.autoSignOut': {
    summary: 'Sign out everyone still signed in after the set time (safe to call at any time)',
    access: ALL_ROLES,
    input: noInput,
    output: returns<{ signedOut: number }>(),
  },
  'visits.list': {
    summary: 'The visitor log for a period, newest first',
    access: PEOPLE_READERS,
    input: pf.visitList,
    output: returns<VisitPage>(),
  },
  'visits.settings': {
    summary: 'Reception settings: the automatic sign-out time and how long visitor records are kept',
    access: RECEPTION,
    input: noInput,
    output: returns<ReceptionSettings>(),
  },
  'visits.updateSettings': {
    summary: 'Change the automatic sign-out time or the visitor retention period',
    access: MANAGER,
    input: pf.receptionSettings,
    output: returns<ReceptionSettings>(),
  },
  'retention.preview': {
    summary: 'What the retention rule would delete today (nothing is deleted)',
    access: MANAGER,
    input: noInput,
    output: returns<RetentionReport>(),
  },
  'retention.run': {
    summary: 'Delete visitor records past the retention period, except those on safeguarding hold; audited with the counts',
    access: MANAGER,
    input: noInput,
    output: returns<RetentionReport>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The visits kind: its methods and the audit trail's words for the actions it writes. */
export const visitsKind = defineKind({
  name: 'visits',
  methods: visitsMethods,
  auditWords: {
    'visit.signIn': 'Signed a visitor in',
    'visit.signOut': 'Signed a visitor out',
    'visit.undoSignOut': 'Undid signing a visitor out',
    'visit.autoSignOut': 'Signed visitors out at the set time',
    'reception.settings': 'Changed the reception settings',
    'retention.run': 'Deleted visitor records past the retention period',
  },
})
