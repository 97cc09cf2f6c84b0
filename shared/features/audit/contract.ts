import { z } from 'zod'
import type { AuditPage, ChainVerification } from '../../domain/audit'
import * as f from '../../api/fields'
import { returns, sortOf, defineKind, type MethodSpec } from '../../api/contract-kit'
import { AUDIT_READERS } from '../../api/access'

/** The audit trail's columns it can be sorted by (the result and detail are not: a detail's words are worked out as the page is read). */
export const AUDIT_SORT_KEYS = ['when', 'who', 'action', 'record'] as const

/** The audit trail: reading it and checking it has not been changed. */
export const auditMethods = {
  // The audit trail.
  'audit.list': {
    summary: 'A page of the audit trail, newest first, filtered by period and text',
    access: AUDIT_READERS,
    input: z
      .object({
        from: f.isoDate.optional(),
        to: f.isoDate.optional(),
        text: z.string().trim().max(100).optional(),
        /** Newest first when not given; by when, oldest first, to read a period as it happened; or by who, what or which record. */
        sort: sortOf(AUDIT_SORT_KEYS),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: returns<AuditPage>(),
  },
  'audit.verify': {
    summary: 'Check the audit trail’s hash chain, the roles it gave, and the register against its backups (and a backup or signed report given)',
    access: AUDIT_READERS,
    input: z.object({ against: f.localPath.optional() }).strict(),
    output: returns<ChainVerification>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The audit kind: its methods and the audit trail's words for the actions it writes. */
export const auditKind = defineKind({
  name: 'audit',
  methods: auditMethods,
  auditWords: {
    'audit.verify': 'Checked the audit trail',
  },
})
