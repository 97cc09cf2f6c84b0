import { consentKind } from '../../../shared/features/consent/contract'
import { defineFeature } from '../feature-kit/feature'
import { consentClasses, classStates, coverage, listForms, mustNotAppear, pupilConsent, quickCheck } from './queries'
import { addForm, recordClassForms, recordConsent, withdrawConsent } from './record'
import { consentTables } from './migrations/0018-consent'
import { importConsent } from './import-csv'
import { mustNotAppearReport } from './reports/must-not-appear'
import { consentRegisterReport } from './reports/consent-register'
import { consentAttention } from './attention'
import { consentCalendar } from './calendar'
import { runConsentRetention } from './retention'
import { consentAnnualPack } from './annual-pack'
import { demoConsent } from './demo-consent'

export const consentFeature = defineFeature({
  kind: consentKind,
  migrations: [consentTables],
  reports: { 'consent-must-not-appear': mustNotAppearReport, 'consent-register': consentRegisterReport },
  demo: demoConsent,
  attention: consentAttention,
  calendar: [consentCalendar],
  retention: { name: 'consent answers of pupils who left long ago', run: runConsentRetention },
  annualPack: consentAnnualPack,
  handlers: {
    'consent.check': (input, ctx) => quickCheck(ctx, input.text),
    'consent.mustNotAppear': (input, ctx) => mustNotAppear(ctx, input),
    'consent.classes': (_input, ctx) => consentClasses(ctx),
    'consent.forPupil': (input, ctx) => pupilConsent(ctx, input.personId),
    'consent.classStates': (input, ctx) => classStates(ctx, input.group),
    'consent.coverage': (_input, ctx) => coverage(ctx),
    'consent.record': (input, ctx) => recordConsent(ctx, input),
    'consent.recordClass': (input, ctx) => recordClassForms(ctx, input),
    'consent.withdraw': (input, ctx) => withdrawConsent(ctx, input),
    'consent.forms': (_input, ctx) => listForms(ctx),
    'consent.addForm': (input, ctx) => addForm(ctx, input),
    'consent.import': (input, ctx) => importConsent(ctx, input),
  },
})
