import type { incidentMethods } from '../../../shared/api/incidents-contract'
import type { HandlersFor } from '../api/dispatcher'
import type { FeatureContext } from '../people/feature-context'
import { decodeBase64File } from '../files/decode-file'
import { listCategories, retireCategory, saveCategory } from './categories'
import { attachEvidence, saveEvidence, type EvidenceFolder } from './evidence'
import { applyIncidentImport, previewIncidentImport } from './import-incidents'
import { addReferral, amendIncident, recordIncident, setStep, updateReferral } from './incidents'
import { getIncident, listIncidents, personChronology, waitingForDsl } from './incident-views'
import { verifyIncidents } from './verify-incidents'
import { listPeople } from '../people/people'

/** The handlers for every method in `incidents-contract.ts`. */
export function incidentHandlers(ctx: FeatureContext, folder: EvidenceFolder): HandlersFor<typeof incidentMethods> {
  return {
    'incidents.categories': () => listCategories(ctx),
    'incidents.saveCategory': (input) => saveCategory(ctx, input),
    'incidents.retireCategory': (input) => retireCategory(ctx, input),
    'incidents.list': (input) => listIncidents(ctx, input),
    'incidents.get': (input) => getIncident(ctx, input.id),
    'incidents.record': async ({ entry, ...dates }) => ({ id: await recordIncident(ctx, entry, dates) }),
    'incidents.amend': async (input) => {
      await amendIncident(ctx, input.id, input.entry, input.reason, { oldDateConfirmed: input.oldDateConfirmed, beforeRecordsReason: input.beforeRecordsReason })
      return null
    },
    'incidents.setStep': async (input) => {
      await setStep(ctx, input)
      return null
    },
    'incidents.addReferral': async (input) => {
      await addReferral(ctx, input)
      return null
    },
    'incidents.updateReferral': async (input) => {
      await updateReferral(ctx, input)
      return null
    },
    'incidents.attach': async (input) => {
      await attachEvidence(ctx, { ...input, bytes: decodeBase64File(input.fileBase64) })
      return null
    },
    'incidents.copyEvidence': (input) => saveEvidence(ctx, folder, input),
    // Names only, so whoever records an incident can say who was involved.
    'incidents.findPeople': async (input) => (await listPeople(ctx, { text: input.text, archived: 'all', offset: 0, limit: input.limit })).rows,
    'incidents.personChronology': (input) => personChronology(ctx, input.personId),
    'incidents.waiting': () => waitingForDsl(ctx),
    'incidents.verify': async () => {
      const { unopened, ...report } = await verifyIncidents(ctx.store.requireOpen().db, ctx.store)
      await ctx.store.audit({ action: 'incident.verify', result: report.ok ? 'ok' : 'failed', detail: `${report.checked} records, ${report.problems.length} problem(s)${unopened ? `, ${unopened} not opened` : ''}` })
      return report
    },
    'incidents.importPreview': (input) => previewIncidentImport(ctx, input),
    'incidents.importApply': (input) => applyIncidentImport(ctx, input),
  }
}
