import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { IncidentChainReport, IncidentPage, IncidentVersion } from '@shared/domain/incidents'
import { askedDetails, closedEntry, emptyForm, entryField, entryFromForm, formFromVersion, formProblems, sameAsVersion } from '@/features/incidents/entry-form'
import { changesBetween, changesByVersion } from '@/features/incidents/version-diff'
import { anyFilter, filtersFromQuery, logQuery, noFilters } from '@/features/incidents/log-query'
import CheckLog from '@/features/incidents/check-log.vue'
import IncidentLogScreen from '@/features/incidents/incident-log-screen.vue'
import { mountScreen, signedInStatus, stubApi } from './helpers'

const version = (over: Partial<IncidentVersion['entry']> = {}, extra: Partial<IncidentVersion> = {}): IncidentVersion => ({
  version: 1,
  entry: {
    occurredOn: '2026-06-15',
    occurredTime: '13:10',
    place: 'ICT suite 2',
    onSite: true,
    device: 'school',
    categoryId: 5,
    description: 'Hurtful messages were posted in a class group chat.',
    actionTaken: 'Form tutor told.',
    childsWords: null,
    people: [{ personId: 7, part: 'affected' }],
    status: 'open',
    outcome: null,
    ...over,
  },
  people: [{ personId: 7, part: 'affected', name: 'Siôn O’Brien', description: 'Year 9, 9R' }],
  categoryName: 'Cyberbullying',
  recordedAt: '2026-06-16T09:00:00Z',
  recordedByName: 'Bea Manager',
  reason: null,
  originalRecorder: null,
  beforeRecordsReason: null,
  signature: { valid: true, signedBy: 'Bea Manager', keyFingerprint: 'ab:cd' },
  ...extra,
})

describe('the incident form', () => {
  it('prefills an amendment from the current version and gives back the same entry', () => {
    const v = version({ childsWords: 'They keep saying I smell.' })
    const form = formFromVersion(v)
    expect(form.occurredTime).toBe('13:10')
    expect(form.people).toEqual([{ personId: 7, part: 'affected', name: 'Siôn O’Brien', description: 'Year 9, 9R' }])
    expect(entryFromForm(form)).toEqual(v.entry)
    // Unchanged: the core would refuse it as "nothing changed", so the form says so first.
    expect(sameAsVersion(form, v)).toBe(true)
    expect(sameAsVersion({ ...form, place: 'ICT suite 3' }, v)).toBe(false)
    // The order of people does not make a change.
    const two = version({ people: [{ personId: 7, part: 'affected' }, { personId: 9, part: 'witness' }] }, {
      people: [
        { personId: 7, part: 'affected', name: 'Siôn O’Brien', description: '' },
        { personId: 9, part: 'witness', name: 'Zoë Fairbairn', description: '' },
      ],
    })
    const reordered = formFromVersion(two)
    reordered.people.reverse()
    expect(sameAsVersion(reordered, two)).toBe(true)
  })

  it('turns empty optional text into null, trims, and keeps an outcome only when closed', () => {
    const form = { ...emptyForm('2026-06-16'), place: '  Library ', device: 'personal' as const, categoryId: 3, description: ' Seen. ', childsWords: '   ', outcome: 'Left over' }
    const entry = entryFromForm(form)
    expect(entry).toMatchObject({ place: 'Library', description: 'Seen.', occurredTime: null, childsWords: null, outcome: null, status: 'open' })
    expect(entryFromForm({ ...form, status: 'closed' }).outcome).toBe('Left over')
  })

  it('names each missing field before asking the core', () => {
    const problems = formProblems({ ...emptyForm(''), occurredTime: '25:00', status: 'closed' })
    expect(Object.keys(problems).sort()).toEqual(['categoryId', 'description', 'device', 'occurredOn', 'occurredTime', 'outcome', 'place'])
    expect(formProblems({ ...emptyForm('2026-06-16'), place: 'Hall', device: 'none', categoryId: 1, description: 'x' })).toEqual({})
  })

  it('closes the current entry with its outcome, changing nothing else', () => {
    const v = version()
    expect(closedEntry(v, '  Apology made; parents met. ')).toEqual({ ...v.entry, status: 'closed', outcome: 'Apology made; parents met.' })
  })

  it('puts a core message under the field it names, whichever way the core names it', () => {
    expect(entryField('entry.place')).toBe('place')
    expect(entryField('occurredOn')).toBe('occurredOn')
    expect(entryField('people.2')).toBe('people')
    expect(entryField('entry.people.0.part')).toBe('people')
    expect(entryField('reason')).toBe('reason')
    expect(entryField('id')).toBeNull()
    expect(entryField(undefined)).toBeNull()
  })
})

describe('the details the policies name, on the form', () => {
  const filled = { ...emptyForm('2026-06-16'), place: 'Library', device: 'school' as const, categoryId: 3, description: 'Seen.' }

  it('sends only the questions the category asks, trimmed, and leaves out what is not given', () => {
    const form = { ...filled, url: ' https://x.example/a ', imageViewed: 'dsl' as const, imageViewedWhy: ' To decide on a referral. ', cameToLight: 'staff' as const }
    expect(entryFromForm(form, askedDetails(['url'], null))).toMatchObject({ url: 'https://x.example/a', imageViewed: undefined, imageViewedWhy: undefined, cameToLight: 'staff' })
    expect(entryFromForm(form, askedDetails(['image-viewing'], null))).toMatchObject({ url: undefined, imageViewed: 'dsl', imageViewedWhy: 'To decide on a referral.' })
    // Empty answers are absent from the entry, not null: it says what an older entry says.
    expect(Object.keys(JSON.parse(JSON.stringify(entryFromForm(filled))) as object)).not.toEqual(expect.arrayContaining(['url']))
    expect(JSON.stringify(entryFromForm(filled))).not.toMatch(/cameToLight|imageViewed|url/)
  })

  it('keeps an answer the entry already gives when its category stopped asking, and closes an older entry changing nothing else', () => {
    expect(askedDetails([], version({ url: 'https://x.example' }).entry)).toEqual({ url: true, imageViewing: false })
    expect(askedDetails([], version({ imageViewed: 'no-one' }).entry)).toEqual({ url: false, imageViewing: true })
    const old = version()
    expect(JSON.stringify(closedEntry(old, 'Done.'))).toBe(JSON.stringify({ ...old.entry, status: 'closed', outcome: 'Done.' }))
    const detailed = version({ url: 'https://x.example', cameToLight: 'monitoring' })
    expect(closedEntry(detailed, 'Done.')).toEqual({ ...detailed.entry, status: 'closed', outcome: 'Done.' })
  })

  it('asks who viewed the image and why before asking the core', () => {
    const asked = askedDetails(['image-viewing'], null)
    expect(formProblems({ ...filled, imageViewed: 'someone-else' }, asked)).toEqual({ imageViewedWhy: 'Say who viewed the image and why it could not be avoided.' })
    expect(formProblems({ ...filled, imageViewed: 'no-one' }, asked)).toEqual({})
    expect(formProblems({ ...filled, url: 'a\nb' }, askedDetails(['url'], null))).toEqual({ url: 'The web address has a line break or a hidden character in it. Paste it again, on one line.' })
  })

  it('shows a change of how it came to light between versions', () => {
    const changes = changesBetween(version(), version({ cameToLight: 'parent' }, { version: 2 }))
    expect(changes).toEqual([{ field: 'cameToLight', label: 'How it came to light', before: 'Not recorded', after: 'A parent or carer told the school' }])
  })
})

describe('the versions of an entry', () => {
  it('lists what an amendment changed, in words', () => {
    const v1 = version()
    const v2 = version(
      { place: 'ICT suite 3', onSite: false, people: [{ personId: 7, part: 'alleged' }] },
      { version: 2, reason: 'Room was wrong.', people: [{ personId: 7, part: 'alleged', name: 'Siôn O’Brien', description: 'Year 9, 9R' }] },
    )
    const changes = changesBetween(v1, v2)
    expect(changes.map((c) => c.field)).toEqual(['place', 'people', 'onSite'])
    expect(changes[0]).toEqual({ field: 'place', label: 'Where it took place', before: 'ICT suite 2', after: 'ICT suite 3' })
    expect(changes[1]!.after).toBe('Siôn O’Brien (alleged to have done it)')
    expect(changes[2]).toMatchObject({ before: 'On the school site', after: 'Off site' })
  })

  it('gives the first version no changes and each later one its own', () => {
    const v3 = version({ status: 'closed', outcome: 'Resolved.' }, { version: 3, categoryName: 'Online hate' })
    const byVersion = changesByVersion([version(), version({}, { version: 2 }), v3])
    expect(byVersion.get(1)).toEqual([])
    expect(byVersion.get(2)).toEqual([])
    expect(byVersion.get(3)!.map((c) => c.label)).toEqual(['Category', 'Status', 'Outcome'])
  })
})

describe('the log filters', () => {
  it('sends only the filters that are set, with the page', () => {
    expect(logQuery(noFilters(), { offset: 0, limit: 25 })).toEqual({ offset: 0, limit: 25 })
    const f = { from: '2025-09-01', to: '2026-08-31', categoryId: 4, status: 'open' as const, person: { id: 12, name: 'Zoë Fairbairn' }, text: '  group chat ', waitingForDsl: true }
    expect(logQuery(f, { offset: 50, limit: 25 })).toEqual({ from: '2025-09-01', to: '2026-08-31', categoryId: 4, status: 'open', personId: 12, text: 'group chat', waitingForDsl: true, offset: 50, limit: 25 })
    expect(anyFilter(noFilters())).toBe(false)
    expect(anyFilter({ ...noFilters(), text: '  ' })).toBe(false)
    expect(anyFilter({ ...noFilters(), status: 'closed' })).toBe(true)
  })

  it('opens filtered to the entries waiting for the DSL from the home card’s link', () => {
    expect(filtersFromQuery({ waiting: '1' }).waitingForDsl).toBe(true)
    expect(filtersFromQuery({}).waitingForDsl).toBe(false)
  })
})

const emptyPage: IncidentPage = { rows: [], total: 0 }

describe('the incident log screen', () => {
  it('explains the log and offers to record the first incident when there is none', async () => {
    stubApi({ 'app.status': () => signedInStatus(), 'incidents.list': () => emptyPage, 'incidents.categories': () => [] })
    const { wrapper } = await mountScreen(IncidentLogScreen, { at: '/' })
    expect(wrapper.find('[data-testid="incidents-empty"]').text()).toContain('No incidents recorded yet')
    expect(wrapper.find('[data-testid="incidents-empty"]').text()).toContain('Record an incident')
  })

  it('shows the core’s message with a Try again when the log cannot be read', async () => {
    let fail = true
    const api = stubApi({
      'app.status': () => signedInStatus({ role: 'dsl' }),
      'incidents.list': () => (fail ? { error: { kind: 'internal', message: 'The records could not be read.' } } : emptyPage),
      'incidents.categories': () => [],
    })
    const { wrapper } = await mountScreen(IncidentLogScreen, { at: '/' })
    expect(wrapper.find('[data-testid="load-error"]').text()).toContain('The records could not be read.')
    fail = false
    await wrapper.find('[data-testid="load-error"] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="incidents-empty"]').exists()).toBe(true)
    expect(api.callsTo('incidents.list')).toHaveLength(2)
  })

  it('hides what the ICT manager may not do: checking the whole log, importing, searching people', async () => {
    stubApi({ 'app.status': () => signedInStatus({ role: 'ict' }), 'incidents.list': () => emptyPage, 'incidents.categories': () => [] })
    const { wrapper } = await mountScreen(IncidentLogScreen, { at: '/' })
    expect(wrapper.text()).toContain('You see the filtering and security incidents only.')
    expect(wrapper.find('[data-testid="check-log"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="import-incidents"]').exists()).toBe(false)
  })
})

describe('checking the log', () => {
  it('names each entry with a problem', async () => {
    const report: IncidentChainReport = {
      ok: false,
      checked: 14,
      problems: [{ reference: 'INC-2026-0003', item: 'version 2', problem: 'Its signature is not valid.' }],
    }
    stubApi({ 'app.status': () => signedInStatus(), 'incidents.verify': () => report })
    const { wrapper } = await mountScreen(CheckLog)
    await wrapper.find('[data-testid="check-log"]').trigger('click')
    await flushPromises()
    const result = wrapper.find('[data-testid="check-result"]').text()
    expect(result).toContain('1 problem found in 14 signed records')
    expect(wrapper.find('[data-testid="check-problem"]').text()).toContain('INC-2026-0003, version 2: Its signature is not valid.')
  })

  it('says when every record is intact', async () => {
    stubApi({ 'app.status': () => signedInStatus(), 'incidents.verify': () => ({ ok: true, checked: 1200, problems: [] }) })
    const { wrapper } = await mountScreen(CheckLog)
    await wrapper.find('[data-testid="check-log"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="check-result"]').text()).toContain('All 1,200 signed records are intact')
  })
})
