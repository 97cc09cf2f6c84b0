import type { AttentionItem } from '../../../shared/domain/annual-review'
import { PERSON_KIND_GROUP_LABELS } from '../../../shared/domain/people'
import type { Role } from '../../../shared/domain/roles'
import type { FeatureContext } from '../feature-kit/feature-context'
import { plural } from '../../../shared/domain/plural'
import { aupStatus } from './aup-status'

/** Who sees agreement renewals on their dashboard: the roles that read every agreement (not ICT's, not reception's). */
const SEES_AGREEMENTS: readonly Role[] = ['manager', 'head', 'dsl']

/** People still to agree to the current version, by kind. */
export async function agreementsAttention(ctx: FeatureContext, role: Role): Promise<AttentionItem[]> {
  if (!SEES_AGREEMENTS.includes(role)) return []
  const status = await aupStatus(ctx, { limit: 1, offset: 0 })
  return status.byKind
    .filter((k) => k.due + k.never > 0)
    .map((k) => {
      const parts = [k.due ? `${plural(k.due, 'renewal')} due` : '', k.never ? `${k.never.toLocaleString('en-GB')} never agreed` : ''].filter(Boolean)
      return {
        kind: 'aup' as const,
        status: 'due' as const,
        title: `Acceptable use: ${PERSON_KIND_GROUP_LABELS[k.kind].toLowerCase()}`,
        detail: `${plural(k.due + k.never, 'person', 'people')} still to agree to the current version (${parts.join(', ')}).`,
        dueBy: null,
        to: '/agreements',
      }
    })
}
