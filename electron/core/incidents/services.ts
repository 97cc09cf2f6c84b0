// What the incident log offers the other record kinds: opening the fields a role key protects,
// the column that says a record was opened for a person (safeguarding holds, the annual pack),
// and an incident the signed-in role may see (a search or a confiscated item linked to one).
export { dataKeyFrom, openField, openReferralAgency, unreadable } from './incident-keys'
export { openedColumn } from './opened-words'
export { visibleIncident } from './incident-access'
