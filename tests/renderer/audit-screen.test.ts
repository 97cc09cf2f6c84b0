import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AUDIT_SORTABLE_ENTRIES, type AuditEntry } from '@shared/domain/audit'
import AuditScreen from '@/features/audit/audit-screen.vue'
import { mountScreen, removeApi, signedInStatus, stubApi } from './helpers'

const entry = (id: number, username: string, action: string): AuditEntry => ({ id, at: '2026-10-05T09:00:00Z', username, action, target: null, result: 'ok', detail: null, displayName: username, references: {} })
const page = [entry(3, 'Bea Manager', 'session.login'), entry(2, 'Rita Desk', 'session.lock'), entry(1, 'Aled DSL', 'session.login')]
const sortable = (w: Awaited<ReturnType<typeof mountScreen>>['wrapper']) => w.findAll('[data-testid="audit-table"] thead th').filter((th) => th.classes().some((c) => c.includes('sortable'))).map((th) => th.text().trim())

describe('the audit trail screen', () => {
  afterEach(removeApi)

  it('offers sorting by who, action and record on a trail short enough to sort, through the core', async () => {
    const api = stubApi({ 'app.status': () => signedInStatus(), 'audit.list': () => ({ rows: page, total: page.length }) })
    const { wrapper: w } = await mountScreen(AuditScreen, { at: '/audit' })
    expect(sortable(w)).toEqual(['When', 'Who', 'Action', 'Record'])
    expect(w.find('[data-testid="audit-sort-hint"]').exists()).toBe(false)
    await w.findAll('[data-testid="audit-table"] thead th').find((th) => th.text().trim() === 'Who')!.trigger('click')
    await flushPromises()
    expect(api.callsTo('audit.list').at(-1)).toMatchObject({ sort: { key: 'who', order: 'asc' }, offset: 0 })
  })

  it('says how to narrow a long trail before sorting by who, action or record, and offers only when', async () => {
    stubApi({ 'app.status': () => signedInStatus(), 'audit.list': () => ({ rows: page, total: 1_000_033 }) })
    const { wrapper: w } = await mountScreen(AuditScreen, { at: '/audit' })
    expect(sortable(w)).toEqual(['When'])
    expect(w.find('[data-testid="audit-sort-hint"]').text()).toBe(
      `To sort by who, action or record, first show ${AUDIT_SORTABLE_ENTRIES.toLocaleString('en-GB')} entries or fewer: choose a period or words above.`,
    )
  })

  it('shows the core’s refusal in words and goes back to newest first when a sort would cover too many entries', async () => {
    let total = page.length
    const refusal = 'The trail shows 1,000,033 entries: too many to sort by who, action or record. Choose a period or words that leave 20,000 or fewer, then sort.'
    const api = stubApi({
      'app.status': () => signedInStatus(),
      'audit.list': (input) => (input.sort && input.sort.key !== 'when' && total > AUDIT_SORTABLE_ENTRIES ? { error: { kind: 'validation', message: refusal, field: 'sort' } } : { rows: page, total }),
    })
    const { wrapper: w } = await mountScreen(AuditScreen, { at: '/audit' })
    await w.findAll('[data-testid="audit-table"] thead th').find((th) => th.text().trim() === 'Action')!.trigger('click')
    await flushPromises()
    // Meanwhile the trail grew past what can be sorted (another office's work, a wider filter).
    total = 1_000_033
    await w.findAll('[data-testid="audit-table"] thead th').find((th) => th.text().trim() === 'Action')!.trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="audit-sort-refused"]').text()).toBe(refusal)
    expect(w.find('[data-testid="load-error"]').exists()).toBe(false)
    expect(api.callsTo('audit.list').at(-1)).not.toHaveProperty('sort')
    expect(w.text()).toContain('Rita Desk')
  })
})
