import { incidentsKind } from '../../../shared/features/incidents/contract'
import { defineFeature } from '../feature-kit/feature'
import { incidentLog, incidentRecord } from './reports/incidents'
import { incidents as incidentsMigration } from '../db/migrations/0004-incidents'
import { incidentDetails } from './migrations/0024-incident-details'
import { demoIncidents } from './demo-incidents'
import { encryptIncidentLog } from './encrypt-existing'
import { incidentLogCheck } from './register-check'
import { decodeBase64File } from '../files/decode-file'
import { listCategories, retireCategory, saveCategory } from './categories'
import { attachEvidence, saveEvidence } from './evidence'
import { applyIncidentImport, previewIncidentImport } from './import-incidents'
import { addReferral, amendIncident, recordIncident, setStep, updateReferral } from './incidents'
import { getIncident, listIncidents, personChronology, waitingForDsl } from './incident-views'
import { verifyIncidents } from './verify-incidents'
import { listPeople } from '../people/services'
import { cameToLightPart } from './came-to-light'

export const incidentsFeature = defineFeature({
  kind: incidentsKind,
  reports: { 'incident-log': incidentLog, 'incident-record': incidentRecord },
  migrations: [incidentsMigration, incidentDetails],
  demo: demoIncidents,
  checks: [incidentLogCheck],
  encryptWithRoleKeys: encryptIncidentLog,
  annualPack: cameToLightPart,
  handlers: {
    'incidents.categories': (_input, ctx) => listCategories(ctx),
    'incidents.saveCategory': (input, ctx) => saveCategory(ctx, input),
    'incidents.retireCategory': (input, ctx) => retireCategory(ctx, input),
    'incidents.list': (input, ctx) => listIncidents(ctx, input),
    'incidents.get': (input, ctx) => getIncident(ctx, input.id),
    'incidents.record': async ({ entry, ...dates }, ctx) => ({ id: await recordIncident(ctx, entry, dates) }),
    'incidents.amend': async (input, ctx) => {
      await amendIncident(ctx, input.id, input.entry, input.reason, { oldDateConfirmed: input.oldDateConfirmed, beforeRecordsReason: input.beforeRecordsReason })
      return null
    },
    'incidents.setStep': async (input, ctx) => {
      await setStep(ctx, input)
      return null
    },
    'incidents.addReferral': async (input, ctx) => {
      await addReferral(ctx, input)
      return null
    },
    'incidents.updateReferral': async (input, ctx) => {
      await updateReferral(ctx, input)
      return null
    },
    'incidents.attach': async (input, ctx) => {
      await attachEvidence(ctx, { ...input, bytes: decodeBase64File(input.fileBase64) })
      return null
    },
    'incidents.copyEvidence': (input, ctx) => saveEvidence(ctx, ctx.services.exportFolder, input),
    // Names only, so whoever records an incident can say who was involved.
    'incidents.findPeople': async (input, ctx) => (await listPeople(ctx, { text: input.text, archived: 'all', offset: 0, limit: input.limit })).rows,
    'incidents.personChronology': (input, ctx) => personChronology(ctx, input.personId),
    'incidents.waiting': (_input, ctx) => waitingForDsl(ctx),
    'incidents.verify': async (_input, ctx) => {
      const { unopened, ...report } = await verifyIncidents(ctx.store.requireOpen().db, ctx.store)
      await ctx.store.audit({ action: 'incident.verify', result: report.ok ? 'ok' : 'failed', detail: `${report.checked} records, ${report.problems.length} problem(s)${unopened ? `, ${unopened} not opened` : ''}` })
      return report
    },
    'incidents.importPreview': (input, ctx) => previewIncidentImport(ctx, input),
    'incidents.importApply': (input, ctx) => applyIncidentImport(ctx, input),
  },
})
