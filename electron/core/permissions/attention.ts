import type { AttentionItem } from '../../../shared/domain/annual-review'
import { ATTENTION_WINDOW_DAYS } from '../../../shared/domain/permissions'
import { plural } from '../../../shared/domain/plural'
import type { FeatureContext } from '../feature-kit/feature-context'
import { permissionSummary } from './lookups'

/** Permitted devices without a recent clean scan, and permissions ending soon (every role that has a dashboard sees these). */
export async function permissionsAttention(ctx: FeatureContext): Promise<AttentionItem[]> {
  const s = await permissionSummary(ctx)
  const items: AttentionItem[] = []
  if (s.devicesNotCleared > 0) {
    items.push({
      kind: 'scan',
      status: 'overdue',
      title: 'Portable media to scan',
      detail: `${plural(s.devicesNotCleared, 'permitted device')} ${s.devicesNotCleared === 1 ? 'has' : 'have'} no clean scan recent enough to be used.`,
      dueBy: null,
      to: '/permissions?attention=not-cleared',
    })
  }
  if (s.expiringSoon > 0) {
    items.push({
      kind: 'permission',
      status: 'due',
      title: 'Permissions ending soon',
      detail: `${plural(s.expiringSoon, 'permission')} ${s.expiringSoon === 1 ? 'ends' : 'end'} in the next ${ATTENTION_WINDOW_DAYS} days: renew or let ${s.expiringSoon === 1 ? 'it' : 'them'} lapse.`,
      dueBy: null,
      to: '/permissions?attention=expiring',
    })
  }
  return items
}
