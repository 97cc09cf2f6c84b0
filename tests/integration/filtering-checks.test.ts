import { afterEach, describe, expect, it } from 'vitest'
import { ok, refused } from './helpers'
import { auditRows, clock, school, type School } from './people-fixtures'

let open: School | null = null
afterEach(async () => {
  await open?.close()
  open = null
})

describe('a filtering check needs the whole DfE log', () => {
  it('refuses a blank devices, areas, user groups or action with a message naming it; other checks stay as they were', async () => {
    open = await school(clock('2026-06-16T09:00:00Z').now)
    const { core } = open
    await open.as('ict')
    const templates = await ok(core, 'checks.templates', {})
    const filter = templates.find((t) => t.name === 'Web filter check')!
    const firewall = templates.find((t) => t.name === 'Firewall security check')!
    expect(filter.filtering).toBe(true)
    expect(firewall.filtering).toBe(false)

    const full = { templateId: filter.id, doneOn: '2026-06-15', doneBy: 'Łukasz Kowalski', devices: 'ICT suite laptops', areas: 'Extremism, gambling', userGroups: 'Year 9 pupils', result: 'pass' as const, action: 'None needed' }
    const blanks: [keyof typeof full, string][] = [
      ['devices', 'A filtering check records the devices tested: please fill it in.'],
      ['areas', 'A filtering check records the areas or sites tested: please fill it in.'],
      ['userGroups', 'A filtering check records the user groups tested: please fill it in.'],
      ['action', 'A filtering check records the action taken (write “None needed” if nothing was): please fill it in.'],
    ]
    for (const [field, message] of blanks) {
      expect(await refused(core, 'checks.record', { ...full, [field]: '   ' }), field).toMatchObject({ kind: 'validation', field, message })
      const { [field]: _left, ...without } = full
      expect(await refused(core, 'checks.record', without), field).toMatchObject({ field, message })
    }
    expect(await refused(core, 'checks.record', { ...full, result: undefined })).toMatchObject({ field: 'result', message: 'Say whether the check passed or found issues.' })
    expect((await ok(core, 'checks.history', { templateId: filter.id, offset: 0, limit: 5 })).done).toBe(0)

    expect(await ok(core, 'checks.record', full)).toMatchObject({ devices: 'ICT suite laptops', areas: 'Extremism, gambling', userGroups: 'Year 9 pupils', action: 'None needed' })
    // The business manager marks a check of their own as a filtering one, and can unmark it; audited.
    await open.as('manager')
    const own = await ok(core, 'checks.createTemplate', { name: 'Guest wifi filter test', rhythm: 'monthly', responsibleRole: 'ict', filtering: true, startsOn: '2026-01-01' })
    expect(own.filtering).toBe(true)
    const bare = { templateId: own.id, doneOn: '2026-06-15', doneBy: 'Bea', result: 'pass' as const }
    expect(await refused(core, 'checks.record', bare)).toMatchObject({ field: 'devices' })
    const unmarked = await ok(core, 'checks.updateTemplate', { id: own.id, name: own.name, rhythm: 'monthly', responsibleRole: 'ict', filtering: false })
    expect(unmarked.filtering).toBe(false)
    expect((await auditRows(core, 'check.templateUpdate')).at(-1)).toMatchObject({ detail: 'no longer a filtering check' })
    // Left out, the mark stays as it was.
    expect((await ok(core, 'checks.updateTemplate', { id: filter.id, name: filter.name, rhythm: 'weekly', responsibleRole: 'ict' })).filtering).toBe(true)
    await ok(core, 'checks.record', bare)

    // A check that is not a filtering one keeps its optional fields.
    expect(await ok(core, 'checks.record', { templateId: firewall.id, doneOn: '2026-06-15', doneBy: 'Łukasz Kowalski', result: 'pass' })).toMatchObject({ devices: '' })
  })
})
