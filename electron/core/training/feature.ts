import { trainingKind } from '../../../shared/features/training/contract'
import { defineFeature } from '../feature-kit/feature'
import { decodeBase64File } from '../files/decode-file'
import { trainingAnnualPack } from './annual-pack'
import { trainingAttention, trainingCalendar } from './attention'
import { attachCertificate, copyCertificate } from './certificates'
import { demoTraining } from './demo-training'
import { applyTrainingImport, previewTrainingImport } from './import-training'
import { trainingTables } from './migrations/0020-training'
import { trainingRecordReport } from './reports/training-record'
import { runTrainingRetention } from './retention'
import { personTraining, recordSession, setTrainingPerson, trainingOverview } from './training'

export const trainingFeature = defineFeature({
  kind: trainingKind,
  migrations: [trainingTables],
  reports: { 'training-record': trainingRecordReport },
  demo: demoTraining,
  annualPack: trainingAnnualPack,
  attention: trainingAttention,
  calendar: [trainingCalendar],
  retention: { name: 'training records of people who left more than six years ago', run: runTrainingRetention },
  handlers: {
    'training.overview': (_input, ctx) => trainingOverview(ctx),
    'training.person': (input, ctx) => personTraining(ctx, input.personId),
    'training.record': (input, ctx) => recordSession(ctx, input),
    'training.setPerson': (input, ctx) => setTrainingPerson(ctx, input),
    'training.attachCertificate': (input, ctx) => attachCertificate(ctx, { recordId: input.recordId, fileName: input.fileName, bytes: decodeBase64File(input.fileBase64) }),
    'training.copyCertificate': (input, ctx) => copyCertificate(ctx, ctx.services.exportFolder, input),
    'training.importPreview': (input, ctx) => previewTrainingImport(ctx, input),
    'training.importApply': (input, ctx) => applyTrainingImport(ctx, input),
  },
})
