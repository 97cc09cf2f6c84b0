import type { ReportBuilders } from './report-builder'
import { usersAndRoles } from './users-and-roles'
import { auditTrail } from './audit-trail'
import { aupStatusReport } from './aup-status'
import { rollCall, visitorLog } from './visits'
import { incidentLog, incidentRecord } from './incidents'
import { policyReviewSchedule } from './policy-reviews'
import { checkLog } from './check-log'
import { filteringChangeLog } from './filtering-changes'
import { permissionRegister } from './permission-register'
import { annualReviewPack } from './annual-review'
import { agreementSheets, blankAgreement, signedAgreementCopy } from './agreement-forms'

/**
 * Which builder makes each report type. Typed as `ReportBuilders`, so a report type added to
 * `REPORT_TYPES` without a builder here does not compile. One line a report, so that each can
 * move to its feature's descriptor on its own.
 */
export const REPORT_BUILDERS: ReportBuilders = {
  'users-and-roles': usersAndRoles,
  'audit-trail': auditTrail,
  'aup-status': aupStatusReport,
  'visitor-log': visitorLog,
  'roll-call': rollCall,
  'incident-log': incidentLog,
  'incident-record': incidentRecord,
  'policy-reviews': policyReviewSchedule,
  'check-log': checkLog,
  'filtering-changes': filteringChangeLog,
  'permission-register': permissionRegister,
  'aup-blank': blankAgreement,
  'aup-signed': signedAgreementCopy,
  'aup-sheets': agreementSheets,
  'annual-review': annualReviewPack,
}
