import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the consent kind (built by electron/core/consent/reports/). */
export const consentReports = {
  'consent-must-not-appear': {
    title: 'Photographs and recordings: pupils who must not appear',
    period: false,
    roles: ['manager', 'head', 'dsl'],
    summary: 'Class by class, the pupils who must not appear for each use, to give the member of staff taking photographs',
  },
  'consent-register': {
    title: 'Photo, video and publishing consent register',
    period: false,
    roles: ['manager', 'head', 'dsl'],
    summary: 'Consent given, refused, withdrawn, lapsed and not answered per purpose, by class, with the form in use',
  },
} as const satisfies Record<string, ReportTypeSpec>
