import type { reviewAndCheckMethods } from '../../../shared/api/reviews-and-checks-contract'
import type { HandlersFor } from '../api/dispatcher'
import type { FeatureContext } from '../people/feature-context'
import { calendarDashboard, calendarItems } from './calendar'
import { checkHistory, createTemplate, deleteTemplate, explainMissed, listTemplates, recordCheck, retireTemplate, updateTemplate } from './checks'
import { listFilteringChanges, recordFilteringChange } from './filtering'
import { chosenFrom } from '../files/save-chosen-file'
import { exportIcs } from './ics-export'
import { createPolicy, getPolicy, listPolicies, ratifyReview, reviewPolicy, saveDocument, updatePolicy, uploadDocument } from './policies'

/** The handlers for every method in `reviews-and-checks-contract.ts`. */
export function reviewAndCheckHandlers(ctx: FeatureContext, files: { exportDir: string }): HandlersFor<typeof reviewAndCheckMethods> {
  return {
    'policies.list': () => listPolicies(ctx),
    'policies.get': (input) => getPolicy(ctx, input.id),
    'policies.create': (input) => createPolicy(ctx, input),
    'policies.update': (input) => updatePolicy(ctx, input),
    'policies.uploadDocument': (input) => uploadDocument(ctx, input),
    'policies.saveDocument': (input) => saveDocument(ctx, input.documentId, { chosen: chosenFrom(input), exportDir: files.exportDir }),
    'policies.review': (input) => reviewPolicy(ctx, input),
    'policies.ratify': (input) => ratifyReview(ctx, input),
    'checks.templates': (input) => listTemplates(ctx, input.includeRetired),
    'checks.createTemplate': (input) => createTemplate(ctx, input),
    'checks.updateTemplate': (input) => updateTemplate(ctx, input),
    'checks.retireTemplate': (input) => retireTemplate(ctx, input.id, input.retiredOn),
    'checks.deleteTemplate': (input) => deleteTemplate(ctx, input.id),
    'checks.record': (input) => recordCheck(ctx, input),
    'checks.history': (input) => checkHistory(ctx, input),
    'checks.explainMissed': (input) => explainMissed(ctx, input),
    'filtering.list': (input) => listFilteringChanges(ctx, input),
    'filtering.record': (input) => recordFilteringChange(ctx, input),
    'calendar.items': (input) => calendarItems(ctx, input.from, input.to),
    'calendar.dashboard': () => calendarDashboard(ctx),
    'calendar.exportIcs': (input) => exportIcs(ctx, { chosen: chosenFrom(input), exportDir: files.exportDir }),
  }
}
