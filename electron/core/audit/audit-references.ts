import type { Knex } from 'knex'
import { displayNameOf, PERSON_KIND_LABELS, type PersonKind } from '../../../shared/domain/people'
import { detailReferences, REFERENCE_PATTERN } from '../../../shared/domain/audit-words'

/**
 * What the `kind:id` references in audit entries point at, in words, read when the trail is read:
 * a user's or a person's name, an incident's reference, a policy's or a check's title. Only
 * what the record's own list shows its readers (the business manager and the headteacher read
 * the trail, and both see the directory, the users and the incident log's references): no
 * incident's words are opened, and a reference is all an incident gets. A record no longer in
 * the register is described by its kind alone ("a person no longer in the directory").
 */
export async function describeReferences(db: Knex, texts: readonly (string | null)[]): Promise<Record<string, string>> {
  const wanted = new Map<string, Set<number>>()
  for (const text of texts) {
    if (!text) continue
    for (const m of detailReferences(text)!.matchAll(REFERENCE_PATTERN)) {
      const set = wanted.get(m[1]!) ?? new Set<number>()
      set.add(Number(m[2]))
      wanted.set(m[1]!, set)
    }
  }
  const out: Record<string, string> = {}
  const rowsOf = async <T extends { id: number }>(kind: string, query: (ids: number[]) => Promise<T[]>, words: (row: T) => string) => {
    const ids = [...(wanted.get(kind) ?? [])]
    if (!ids.length) return
    // SQLite allows a limited number of bound values: a page of the trail stays far under it, a printed month is read in slices.
    for (let i = 0; i < ids.length; i += 500) for (const row of await query(ids.slice(i, i + 500))) out[`${kind}:${row.id}`] = words(row)
  }
  const person = (r: { forename: string; surname: string; preferred_forename: string | null; preferred_surname: string | null }) =>
    displayNameOf({ forename: r.forename, surname: r.surname, preferredForename: r.preferred_forename, preferredSurname: r.preferred_surname })
  const personColumns = ['people.forename', 'people.surname', 'people.preferred_forename', 'people.preferred_surname']

  await rowsOf('user', (ids) => db('users').whereIn('id', ids).select('id', 'display_name'), (r: { id: number; display_name: string }) => r.display_name)
  await rowsOf(
    'person',
    (ids) => db('people').whereIn('id', ids).select('id', 'kind', 'forename', 'surname', 'preferred_forename', 'preferred_surname'),
    (r: { id: number; kind: PersonKind; forename: string; surname: string; preferred_forename: string | null; preferred_surname: string | null }) => `${person(r)} (${PERSON_KIND_LABELS[r.kind].toLowerCase()})`,
  )
  for (const kind of ['incident', 'incident-record']) {
    await rowsOf(kind, (ids) => db('incidents').whereIn('id', ids).select('id', 'reference'), (r: { id: number; reference: string }) => (kind === 'incident' ? `incident ${r.reference}` : `the incident record of ${r.reference}`))
  }
  await rowsOf('incident-category', (ids) => db('incident_categories').whereIn('id', ids).select('id', 'name'), (r: { id: number; name: string }) => `the category “${r.name}”`)
  await rowsOf('policy', (ids) => db('policies').whereIn('id', ids).select('id', 'title'), (r: { id: number; title: string }) => r.title)
  await rowsOf(
    'policy-review',
    (ids) => db('policy_reviews').join('policies', 'policies.id', 'policy_reviews.policy_id').whereIn('policy_reviews.id', ids).select('policy_reviews.id', 'policies.title'),
    (r: { id: number; title: string }) => `a review of the ${r.title}`,
  )
  await rowsOf(
    'policy-document',
    (ids) => db('policy_documents').join('policies', 'policies.id', 'policy_documents.policy_id').whereIn('policy_documents.id', ids).select('policy_documents.id', 'policies.title'),
    (r: { id: number; title: string }) => `a document of the ${r.title}`,
  )
  await rowsOf('check', (ids) => db('check_templates').whereIn('id', ids).select('id', 'name'), (r: { id: number; name: string }) => `the check “${r.name}”`)
  await rowsOf(
    'permission',
    (ids) => db('permissions').join('people', 'people.id', 'permissions.person_id').whereIn('permissions.id', ids).select('permissions.id', ...personColumns),
    (r: { id: number; forename: string; surname: string; preferred_forename: string | null; preferred_surname: string | null }) => `a permission held by ${person(r)}`,
  )
  await rowsOf(
    'agreement',
    (ids) => db('agreements').join('people', 'people.id', 'agreements.person_id').whereIn('agreements.id', ids).select('agreements.id', ...personColumns),
    (r: { id: number; forename: string; surname: string; preferred_forename: string | null; preferred_surname: string | null }) => `an agreement of ${person(r)}`,
  )
  await rowsOf(
    'visit',
    (ids) => db('visits').join('people', 'people.id', 'visits.person_id').whereIn('visits.id', ids).select('visits.id', ...personColumns),
    (r: { id: number; forename: string; surname: string; preferred_forename: string | null; preferred_surname: string | null }) => `a visit by ${person(r)}`,
  )
  await rowsOf(
    'signing-key',
    (ids) => db('signing_keys').join('users', 'users.id', 'signing_keys.user_id').whereIn('signing_keys.id', ids).select('signing_keys.id', 'users.display_name'),
    (r: { id: number; display_name: string }) => `the signing key of ${r.display_name}`,
  )
  await rowsOf('filtering', (ids) => db('filtering_changes').whereIn('id', ids).select('id', 'target'), (r: { id: number; target: string }) => `the filtering change for “${r.target}”`)
  await rowsOf('report', (ids) => db('reports').whereIn('id', ids).select('id', 'title'), (r: { id: number; title: string }) => `an issued copy of “${r.title}”`)
  return out
}

/**
 * What a search of the trail by words finds besides the stored codes: the actions whose words
 * hold the text, and the users, people, incidents (by reference), policies, checks and reports
 * whose names or titles hold it, as the usernames and `kind:id` targets the trail stores.
 */
export async function referencesMatching(db: Knex, text: string, actionWords: Readonly<Record<string, string>>, reportTitles: Readonly<Record<string, string>>): Promise<{ actions: string[]; usernames: string[]; targets: string[] }> {
  const needle = text.toLowerCase()
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const likeOf = (column: string) => db.raw(`${column} LIKE ? ESCAPE '\\'`, [like])
  const LIMIT = 400
  const actions = Object.entries(actionWords).filter(([, words]) => words.toLowerCase().includes(needle)).map(([code]) => code)
  const users = await db('users').where(likeOf('display_name')).limit(LIMIT).select('id', 'username')
  const people = (await db('people')
    .where((q) => void q.where(likeOf('forename')).orWhere(likeOf('surname')).orWhere(likeOf('preferred_forename')).orWhere(likeOf('preferred_surname')).orWhere(db.raw(`(forename || ' ' || surname) LIKE ? ESCAPE '\\'`, [like])))
    .limit(LIMIT)
    .pluck('id')) as number[]
  const incidents = (await db('incidents').where(likeOf('reference')).limit(LIMIT).pluck('id')) as number[]
  const policies = (await db('policies').where(likeOf('title')).limit(LIMIT).pluck('id')) as number[]
  const checks = (await db('check_templates').where(likeOf('name')).limit(LIMIT).pluck('id')) as number[]
  const reports = Object.entries(reportTitles).filter(([, title]) => title.toLowerCase().includes(needle)).map(([type]) => type)
  return {
    actions,
    usernames: users.map((u) => u.username),
    targets: [
      ...users.map((u) => `user:${u.id}`),
      ...people.map((id) => `person:${id}`),
      ...incidents.flatMap((id) => [`incident:${id}`, `incident-record:${id}`]),
      ...policies.map((id) => `policy:${id}`),
      ...checks.map((id) => `check:${id}`),
      ...reports,
    ],
  }
}
