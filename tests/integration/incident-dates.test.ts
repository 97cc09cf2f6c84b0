import { afterEach, describe, expect, it } from 'vitest'
import { ok, refused } from './helpers'
import { clock, school, type School } from './people-fixtures'

let open: School | null = null
afterEach(async () => {
  await open?.close()
  open = null
})

describe('the date of an incident', () => {
  it('refuses a date before 1990 (a slip of the year) and takes an old but possible one', async () => {
    open = await school(clock('2026-12-05T09:00:00Z').now)
    const { core } = open
    await open.as('dsl')
    const categoryId = (await ok(core, 'incidents.categories', {}))[0]!.id
    const entry = (occurredOn: string) => ({
      occurredOn,
      occurredTime: null,
      place: 'Library',
      onSite: true,
      device: 'school' as const,
      categoryId,
      description: 'A pupil found a way round the filter.',
      actionTaken: 'Filter rule added.',
      childsWords: null,
      people: [],
      status: 'open' as const,
      outcome: null,
    })
    for (const day of ['1900-01-01', '1989-12-31']) {
      expect(await refused(core, 'incidents.record', { entry: entry(day) }), day).toMatchObject({
        kind: 'validation',
        field: 'occurredOn',
        message: 'That date is before 1990, earlier than any record this register holds. Check the year.',
      })
    }
    expect((await ok(core, 'incidents.list', { offset: 0, limit: 10 })).total).toBe(0)
    await ok(core, 'incidents.record', { entry: entry('1990-01-01') })
    await ok(core, 'incidents.record', { entry: entry('2026-12-04') })
    expect((await ok(core, 'incidents.list', { offset: 0, limit: 10 })).total).toBe(2)
  })
})
