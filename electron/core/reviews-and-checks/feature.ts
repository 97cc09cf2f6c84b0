import { reviewsAndChecksKind } from '../../../shared/features/reviews-and-checks/contract'
import { defineFeature } from '../feature-kit/feature'
import { checkLog } from './reports/check-log'
import { filteringChangeLog } from './reports/filtering-changes'
import { policyReviewSchedule } from './reports/policy-reviews'
import { reviewsAndChecks } from '../db/migrations/0005-reviews-and-checks'
import { filteringChecks } from '../db/migrations/0015-filtering-checks'
import { reviewsAttention } from './attention'
import { checksCalendar, policyReviewsCalendar } from './calendar-sources'
import { demoReviews } from './demo-reviews'
import { policyDocumentsCheck } from './register-check'
import { calendarDashboard, calendarItems } from './calendar'
import { checkHistory, createTemplate, deleteTemplate, explainMissed, listTemplates, recordCheck, retireTemplate, updateTemplate } from './checks'
import { listFilteringChanges, recordFilteringChange } from './filtering'
import { chosenFrom } from '../files/save-chosen-file'
import { exportIcs } from './ics-export'
import { createPolicy, getPolicy, listPolicies, ratifyReview, reviewPolicy, saveDocument, updatePolicy, uploadDocument } from './policies'

export const reviewsAndChecksFeature = defineFeature({
  kind: reviewsAndChecksKind,
  reports: { 'policy-reviews': policyReviewSchedule, 'check-log': checkLog, 'filtering-changes': filteringChangeLog },
  migrations: [reviewsAndChecks, filteringChecks],
  demo: demoReviews,
  checks: [policyDocumentsCheck],
  attention: reviewsAttention,
  calendar: [policyReviewsCalendar, checksCalendar],
  handlers: {
    'policies.list': (_input, ctx) => listPolicies(ctx),
    'policies.get': (input, ctx) => getPolicy(ctx, input.id),
    'policies.create': (input, ctx) => createPolicy(ctx, input),
    'policies.update': (input, ctx) => updatePolicy(ctx, input),
    'policies.uploadDocument': (input, ctx) => uploadDocument(ctx, input),
    'policies.saveDocument': (input, ctx) => saveDocument(ctx, input.documentId, { chosen: chosenFrom(input), exportDir: ctx.services.exportFolder.exportDir }),
    'policies.review': (input, ctx) => reviewPolicy(ctx, input),
    'policies.ratify': (input, ctx) => ratifyReview(ctx, input),
    'checks.templates': (input, ctx) => listTemplates(ctx, input.includeRetired),
    'checks.createTemplate': (input, ctx) => createTemplate(ctx, input),
    'checks.updateTemplate': (input, ctx) => updateTemplate(ctx, input),
    'checks.retireTemplate': (input, ctx) => retireTemplate(ctx, input.id, input.retiredOn),
    'checks.deleteTemplate': (input, ctx) => deleteTemplate(ctx, input.id),
    'checks.record': (input, ctx) => recordCheck(ctx, input),
    'checks.history': (input, ctx) => checkHistory(ctx, input),
    'checks.explainMissed': (input, ctx) => explainMissed(ctx, input),
    'filtering.list': (input, ctx) => listFilteringChanges(ctx, input),
    'filtering.record': (input, ctx) => recordFilteringChange(ctx, input),
    'calendar.items': (input, ctx) => calendarItems(ctx, ctx.services.features.calendar, input.from, input.to),
    'calendar.dashboard': (_input, ctx) => calendarDashboard(ctx, ctx.services.features.calendar),
    'calendar.exportIcs': (input, ctx) => exportIcs(ctx, { chosen: chosenFrom(input), exportDir: ctx.services.exportFolder.exportDir }),
  },
})
