import { agreementsKind } from '../../../shared/features/agreements/contract'
import { typedSignatures } from '../db/migrations/0013-typed-signatures'
import { defineFeature } from '../feature-kit/feature'
import { agreementSheets, blankAgreement, signedAgreementCopy } from './reports/agreement-forms'
import { aupStatusReport } from './reports/aup-status'
import { agreementSignature, agreementsForPerson, correctAgreement, recordAgreement, withdrawAgreement } from './agreements'
import { agreementsAttention } from './attention'
import { aupStatus } from './aup-status'
import { getVersion, listVersions, publishVersion, startRenewal } from './aup-versions'
import { recordPaperBatch } from './paper-batch'

export const agreementsFeature = defineFeature({
  kind: agreementsKind,
  reports: { 'aup-status': aupStatusReport, 'aup-blank': blankAgreement, 'aup-signed': signedAgreementCopy, 'aup-sheets': agreementSheets },
  migrations: [typedSignatures],
  attention: agreementsAttention,
  handlers: {
    'aup.versions': (input, ctx) => listVersions(ctx, input.audience),
    'aup.get': (input, ctx) => getVersion(ctx, input.id),
    'aup.publish': (input, ctx) => publishVersion(ctx, input),
    'aup.status': (input, ctx) => aupStatus(ctx, input),
    'aup.startRenewal': (input, ctx) => startRenewal(ctx, input),
    'agreements.record': (input, ctx) => recordAgreement(ctx, input),
    'agreements.recordPaperBatch': (input, ctx) => recordPaperBatch(ctx, input),
    'agreements.correct': (input, ctx) => correctAgreement(ctx, input),
    'agreements.withdraw': (input, ctx) => withdrawAgreement(ctx, input),
    'agreements.forPerson': (input, ctx) => agreementsForPerson(ctx, input.personId),
    'agreements.signature': (input, ctx) => agreementSignature(ctx, input.agreementId),
  },
})
