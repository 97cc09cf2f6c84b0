import { describe, expect, it } from 'vitest'
import { REPORT_TYPES, type ReportType } from '../../shared/domain/reports'
import { FEATURES, partsOf } from '../../electron/core/features'
import type { ReportBuilders } from '../../electron/core/reports/builders/report-builder'
import { auditTrail } from '../../electron/core/audit/reports/audit-trail'
import { rollCall } from '../../electron/core/visits/reports/visits'

// The builders come from the record kinds' descriptors (`reports`), collected by the registry.
const REPORT_BUILDERS = partsOf(FEATURES).reports

describe('the report builders', () => {
  it('are one function for each report type, and nothing else', () => {
    expect(Object.keys(REPORT_BUILDERS).sort()).toEqual(Object.keys(REPORT_TYPES).sort())
    for (const type of Object.keys(REPORT_TYPES) as ReportType[]) expect(typeof REPORT_BUILDERS[type]).toBe('function')
  })

  it('are checked by the compiler: a report type without its builder, or a builder given the wrong request, does not compile', () => {
    // `npm run typecheck` fails on an expect-error that no longer finds its error.
    const { 'roll-call': left, ...withoutRollCall } = REPORT_BUILDERS
    // @ts-expect-error -- 'roll-call' has no builder
    const incomplete: ReportBuilders = withoutRollCall
    // @ts-expect-error -- the audit trail needs a period, which a roll call's request does not carry
    const mismatched: ReportBuilders = { ...REPORT_BUILDERS, 'roll-call': auditTrail }
    const complete: ReportBuilders = { ...withoutRollCall, 'roll-call': rollCall }
    expect([left, incomplete, mismatched, complete].every(Boolean)).toBe(true)
  })
})
