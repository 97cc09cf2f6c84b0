import type { PersonChoice } from '@shared/domain/permissions'
import { call } from '@/api'

/** How the permission register finds a holder for the person search field: current people only. */
export const holderSearch = {
  find: (text: string): Promise<PersonChoice[]> => call('permissions.people', { text }),
  itemTitle: 'name',
  describe: (p: PersonChoice): string => p.detail,
  noMatch: 'Nobody current matches. Check the spelling; visitors and leavers cannot hold a permission.',
}
