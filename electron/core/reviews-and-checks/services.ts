// What reviews and checks offer the other record kinds: each policy's review state and the
// checks' tally over a period (the annual pack).
export { tallyChecks } from './checks'
export { summaries } from './policies'
