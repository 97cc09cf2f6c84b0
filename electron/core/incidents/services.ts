// What the incident log offers the other record kinds: opening the fields a role key protects,
// the column that says a record was opened for a person (safeguarding holds, the annual pack), and
// finding an incident another record links to.
export { dataKeyFrom, openField, openReferralAgency, unreadable } from './incident-keys'
export { openedColumn } from './opened-words'
export { incidentReferences, visibleIncidentByReference } from './incident-access'
// How concerns came to light, for the annual pack's incident section.
export { cameToLightCounts, cameToLightTable, type CameToLightCount } from './came-to-light'
