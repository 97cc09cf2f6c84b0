import { yearGroupLabel, type YearGroup } from '../../domain/people'
import { schoolYearOf } from '../../dates/school-year'

/**
 * Photo, video and publishing consent: what a parent or carer (or an older pupil) said, per
 * purpose. Every answer and every withdrawal is a row of its own; the latest one for a pupil and
 * purpose is what holds, and none is ever changed or deleted by an edit.
 */
export const CONSENT_PURPOSES = ['website', 'newsletter', 'social-media', 'press', 'recording'] as const
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]

export const CONSENT_PURPOSE_LABELS: Readonly<Record<ConsentPurpose, string>> = {
  website: 'School website',
  newsletter: 'Newsletter',
  'social-media': 'Official social media',
  press: 'Press',
  recording: 'Recording of remote lessons and videoconferences',
}

/** Short column headings for tables with a column per purpose. */
export const CONSENT_PURPOSE_SHORT: Readonly<Record<ConsentPurpose, string>> = {
  website: 'Website',
  newsletter: 'Newsletter',
  'social-media': 'Social media',
  press: 'Press',
  recording: 'Recording',
}

/** What a row says: consent given, refused, or a consent given earlier taken back. */
export const CONSENT_ANSWERS = ['yes', 'no', 'withdrawn'] as const
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number]

export const CONSENT_GIVERS = ['parent', 'pupil'] as const
export type ConsentGiver = (typeof CONSENT_GIVERS)[number]
export const CONSENT_GIVER_LABELS: Readonly<Record<ConsentGiver, string>> = { parent: 'Parent or carer', pupil: 'The pupil' }

export const CONSENT_METHODS = ['paper', 'screen'] as const
export type ConsentMethod = (typeof CONSENT_METHODS)[number]
export const CONSENT_METHOD_LABELS: Readonly<Record<ConsentMethod, string>> = { paper: 'Paper form', screen: 'On screen' }

/**
 * Where a pupil stands for one purpose today: consent that holds, a refusal or withdrawal, an
 * answer that has lapsed (given in an earlier school year, or before the form in use was
 * brought in), or no answer at all.
 */
export const CONSENT_STATES = ['given', 'refused', 'withdrawn', 'lapsed', 'none'] as const
export type ConsentState = (typeof CONSENT_STATES)[number]
export const CONSENT_STATE_LABELS: Readonly<Record<ConsentState, string>> = {
  given: 'Consent given',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
  lapsed: 'Lapsed: ask again',
  none: 'No answer',
}

/** The only thing reception is told: may we, may we not, or nobody knows yet. */
export type MayPublish = 'yes' | 'no' | 'not-known'
export const MAY_PUBLISH_LABELS: Readonly<Record<MayPublish, string>> = { yes: 'Yes', no: 'No', 'not-known': 'Not known: do not use' }

export function mayPublishOf(state: ConsentState): MayPublish {
  return state === 'given' ? 'yes' : state === 'refused' || state === 'withdrawn' ? 'no' : 'not-known'
}

/**
 * The state of a pupil's latest answer for a purpose, on `today`. Consent is asked for once a
 * school year (the form goes home in September), so an answer holds for the school year it was
 * given in; a new form wording, in force from a day, makes every earlier answer lapse.
 */
export function consentStateOf(latest: { answer: ConsentAnswer; givenOn: string } | null, today: string, formInForceFrom: string | null): ConsentState {
  if (!latest) return 'none'
  if (latest.answer === 'withdrawn') return 'withdrawn'
  const stale = schoolYearOf(latest.givenOn) < schoolYearOf(today) || (formInForceFrom !== null && latest.givenOn < formInForceFrom)
  if (stale) return 'lapsed'
  return latest.answer === 'yes' ? 'given' : 'refused'
}

/**
 * A pupil may answer for themselves from Year 8, when most are 13: the age UK data protection law
 * takes for a child's own consent to online services. Younger pupils' consent is their parent's.
 */
export const OWN_CONSENT_FROM: readonly YearGroup[] = ['8', '9', '10', '11', '12', '13']

/** "4B, Year 4", or just the year group when there is no class. */
export function pupilClassLabel(yearGroup: YearGroup | null, regClass: string | null): string {
  if (!yearGroup) return regClass ?? ''
  return regClass ? `${regClass}, ${yearGroupLabel(yearGroup)}` : yearGroupLabel(yearGroup)
}
