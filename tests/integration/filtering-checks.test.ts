import { afterEach, describe, expect, it } from 'vitest'
import { ok, refused } from './helpers'
import { clock, school, type School } from './people-fixtures'

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
    // A check that is not a filtering one keeps its optional fields.
    expect(await ok(core, 'checks.record', { templateId: firewall.id, doneOn: '2026-06-15', doneBy: 'Łukasz Kowalski', result: 'pass' })).toMatchObject({ devices: '' })
  })
})
