/** One version of a policy: when it was written and when (and by whom) it was ratified, if it was. */
export interface PolicyVersion {
  label: string | null
  writtenOn: string | null
  ratifiedOn: string | null
  ratifiedBy: string | null
  /** The register does not hold this version's ratification (it may have had one). */
  notRecorded?: true
}

export interface ReviewOfPolicy {
  reviewed_on: string
  new_version: string | null
  ratified_on: string | null
  ratified_by_name: string | null
}

/**
 * A policy's versions, oldest first, each with its own dates. A review with a new version starts
 * one, written on the review's date and ratified when that review (or a later review of the same
 * version) was ratified: a version whose review still waits for the headteacher is not ratified,
 * whatever an earlier version's ratification says. The first version is the one the policy was
 * added with, and the policy's own dates are its: ratified on the policy's date only if that came
 * before the next version was written (registers before this rule copied a review's ratification
 * onto the policy, and the first version's own date is then not recorded).
 */
export function policyVersions(policy: { version: string | null; writtenOn: string | null; ratifiedOn: string | null; ratifiedBy: string | null }, reviews: readonly ReviewOfPolicy[]): PolicyVersion[] {
  const firstNew = reviews.find((r) => r.new_version)
  const original = firstNew && policy.ratifiedOn && policy.ratifiedOn > firstNew.reviewed_on ? null : policy.ratifiedOn
  const versions: PolicyVersion[] = [
    { label: firstNew ? null : policy.version, writtenOn: policy.writtenOn, ratifiedOn: original, ratifiedBy: original ? policy.ratifiedBy : null, ...(original === policy.ratifiedOn ? {} : { notRecorded: true as const }) },
  ]
  for (const r of reviews) {
    if (r.new_version) versions.push({ label: r.new_version, writtenOn: r.reviewed_on, ratifiedOn: null, ratifiedBy: null })
    const v = versions.at(-1)!
    if (r.ratified_on && !v.ratifiedOn) {
      Object.assign(v, { ratifiedOn: r.ratified_on, ratifiedBy: r.ratified_by_name })
      delete v.notRecorded
    }
  }
  // A version set by uploading a document, with no review behind it: its dates are not known.
  if (firstNew && policy.version && versions.at(-1)!.label !== policy.version) versions.push({ label: policy.version, writtenOn: null, ratifiedOn: null, ratifiedBy: null, notRecorded: true })
  return versions
}
