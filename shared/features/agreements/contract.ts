import { z } from 'zod'
import type { Agreement, AupStatusReport, AupVersion, AupVersionSummary, PaperBatchResult, RenewalRun } from '../../domain/aup'
import * as pf from '../../api/people-fields'
import { id, returns, defineKind, type MethodSpec } from '../../api/contract-kit'
import { MANAGER, PEOPLE_READERS, AUP_READERS } from '../../api/access'

/** Acceptable use agreements: the school’s texts, who agreed, and who has not. */
export const agreementsMethods = {
  // Acceptable use agreements: the school's texts, who agreed, and who has not.
  'aup.versions': {
    summary: 'The acceptable use agreement versions, newest first, and which are current',
    access: AUP_READERS,
    input: z.object({ audience: pf.aupAudience.optional() }).strict(),
    output: returns<AupVersionSummary[]>(),
  },
  'aup.get': {
    summary: 'One agreement version with its full text',
    access: AUP_READERS,
    input: z.object({ id }).strict(),
    output: returns<AupVersion>(),
  },
  'aup.publish': {
    summary: 'Add a new version of an agreement text; from its date, older agreements are due for renewal',
    access: MANAGER,
    input: pf.aupPublish,
    output: returns<AupVersion>(),
  },
  'aup.status': {
    summary: 'Who has and has not agreed to the current versions, by year group, class and staff group',
    access: AUP_READERS,
    input: pf.aupStatusQuery,
    output: returns<AupStatusReport>(),
  },
  'aup.startRenewal': {
    summary: 'Start a renewal run (start of the school year): agreements before the date are due again',
    access: MANAGER,
    input: pf.renewalRun,
    output: returns<RenewalRun>(),
  },
  'agreements.record': {
    summary: 'Record that someone agreed: signed on screen or on paper, witnessed by the signed-in user',
    access: MANAGER,
    input: pf.agreementRecord,
    output: returns<Agreement>(),
  },
  'agreements.recordPaperBatch': {
    summary: 'Record the signed paper agreements of a class or staff group in one go, one audited agreement per person',
    access: MANAGER,
    input: pf.paperBatch,
    output: returns<PaperBatchResult>(),
  },
  'agreements.correct': {
    summary: 'Correct an agreement: a new record replaces it, and the old one stays readable',
    access: MANAGER,
    input: pf.agreementCorrect,
    output: returns<Agreement>(),
  },
  'agreements.withdraw': {
    summary: 'Mark an agreement as recorded in error: it stops counting and stays readable',
    access: MANAGER,
    input: pf.agreementWithdraw,
    output: returns<Agreement>(),
  },
  'agreements.forPerson': {
    summary: 'Every agreement a person made, corrections included (audited)',
    access: PEOPLE_READERS,
    input: z.object({ personId: id }).strict(),
    output: returns<Agreement[]>(),
  },
  'agreements.signature': {
    summary: 'The signature drawn for an agreement, as an image (audited)',
    access: PEOPLE_READERS,
    input: z.object({ agreementId: id }).strict(),
    output: returns<{ dataUrl: string | null }>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The agreements kind: its methods and the audit trail's words for the actions it writes. */
export const agreementsKind = defineKind({
  name: 'agreements',
  methods: agreementsMethods,
  auditWords: {
    'aup.publish': 'Added an acceptable use agreement version',
    'aup.renewal': 'Started an agreement renewal run',
    'agreement.record': 'Recorded an agreement',
    'agreement.correct': 'Corrected an agreement',
    'agreement.withdraw': 'Withdrew an agreement recorded in error',
    'agreement.read': 'Viewed a person’s agreements',
    'agreement.signature': 'Viewed an agreement’s signature',
  },
})
