import { describe, expect, it } from 'vitest'
import { contract, joinMethods, KINDS } from '../../shared/api/contract'
import { defineKind, noInput, returns } from '../../shared/api/contract-kit'
import { MIGRATIONS } from '../../electron/core/db/migrations/index'
import { FEATURES, handlersOf, partsOf } from '../../electron/core/features'
import { defineFeature } from '../../electron/core/feature-kit/feature'

// The registries on each side (shared/api/contract.ts, electron/core/features.ts) are the only
// lists a record kind is added to. These checks make a half-added kind fail here rather than when
// the app runs: a method without a handler, a migration without an owner, a kind on one side only.

describe('the record kinds', () => {
  it('are the same kinds on both sides, each listed once', () => {
    const core = FEATURES.map((f) => f.kind)
    expect(new Set(core).size).toBe(core.length)
    expect(new Set(KINDS).size).toBe(KINDS.length)
    expect([...core].sort((a, b) => a.name.localeCompare(b.name))).toEqual([...KINDS].sort((a, b) => a.name.localeCompare(b.name)))
  })

  it('give every method of the contract exactly one handler, from the kind that declares it', () => {
    const handlers = handlersOf(FEATURES)
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort())
    for (const feature of FEATURES) expect(Object.keys(feature.handlers).sort(), feature.kind.name).toEqual(Object.keys(feature.kind.methods).sort())
  })

  it('own every migration in the ordered list exactly once, and list none the list lacks', () => {
    const owned = FEATURES.flatMap((f) => (f.migrations ?? []).map((m) => ({ name: m.name, kind: f.kind.name })))
    expect(owned.map((o) => o.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort())
    expect(new Set(owned.map((o) => o.name)).size).toBe(owned.length)
  })

  it('collect their seeders in registry order, the audit history last (it runs up to the records the others add)', () => {
    const seeders = partsOf(FEATURES).demo.map((s) => s.name)
    expect(seeders.length).toBeGreaterThanOrEqual(6)
    expect(seeders.at(-1)).toBe('Audit trail history')
    expect(seeders.indexOf('Users')).toBeLessThan(seeders.indexOf('Incident log'))
  })

  it('refuse a method two kinds both claim, naming it', () => {
    const a = defineKind({ name: 'first', methods: { 'x.get': { summary: 'x', access: ['manager'], input: noInput, output: returns<null>() } }, auditWords: {} })
    const b = defineKind({ name: 'second', methods: { 'x.get': { summary: 'x', access: ['manager'], input: noInput, output: returns<null>() } }, auditWords: {} })
    expect(() => joinMethods([a, b])).toThrow('Two record kinds declare the method x.get; the second is second.')
    const handler = () => null
    const features = [defineFeature({ kind: a, handlers: { 'x.get': handler } }), defineFeature({ kind: b, handlers: { 'x.get': handler } })]
    expect(() => handlersOf(features)).toThrow('Two record kinds handle x.get; the second is second.')
  })
})
