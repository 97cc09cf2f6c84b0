// What the incident log offers the other record kinds: opening the fields a role key protects,
// the column that says a record was opened for a person (safeguarding holds, the annual pack),
// and the incidents the signed-in role may see, by id or reference (a search, an item or an
// alert linked to one).
export { dataKeyFrom, openField, openReferralAgency, unreadable } from './incident-keys'
export { openedColumn } from './opened-words'
export { incidentReferences, visibleIncident, visibleIncidentByReference } from './incident-access'
// How concerns came to light, for the annual pack's incident section.
export { cameToLightCounts, cameToLightTable, type CameToLightCount } from './came-to-light'
