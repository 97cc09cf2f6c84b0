import { reportsKind } from '../../../shared/features/reports/contract'
import { reports as reportsMigration } from '../db/migrations/0002-reports'
import { reportNumbers } from '../db/migrations/0016-report-numbers'
import { defineFeature } from '../feature-kit/feature'
import { decodeBase64File } from '../files/decode-file'
import { chosenFrom } from '../files/save-chosen-file'
import { encryptCertificates } from './signing/certificate-store'

export const reportsFeature = defineFeature({
  kind: reportsKind,
  migrations: [reportsMigration, reportNumbers],
  encryptWithRoleKeys: encryptCertificates,
  handlers: {
    'reports.start': (input, ctx) => ctx.services.reports.start(input),
    'reports.job': (input, ctx) => ctx.services.reports.job(input.jobId),
    'reports.save': (input, ctx) => ctx.services.reports.save(input.jobId, chosenFrom(input)),
    'reports.open': (input, ctx) => ctx.services.reports.open(input.jobId),
    'reports.register': (input, ctx) => ctx.services.reports.register(input),
    'reports.verify': (input, ctx) => ctx.services.reports.verify(decodeBase64File(input.fileBase64)),
    'certificate.get': (_input, ctx) => ctx.services.reports.certificate(),
    'certificate.import': (input, ctx) => ctx.services.reports.importCertificate(decodeBase64File(input.fileBase64), input.passphrase),
    'certificate.generate': (_input, ctx) => ctx.services.reports.newSelfSignedCertificate(),
    'certificate.export': (input, ctx) => ctx.services.reports.exportCertificate({ file: input.file, replace: input.replace }),
  },
})
