// What the agreements offer the other record kinds: who stands where against the version in force,
// the versions, and recording an agreement (reception records a visitor's).
export { countingAgreements, standingOf, type CountingAgreement } from './aup-status'
export { agreementIsCurrent, getVersion, loadAupState } from './aup-versions'
export { insertAgreement, prepareAgreement } from './agreements'
