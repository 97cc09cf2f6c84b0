import type { PersonSummary } from '@shared/domain/people'
import { call } from '@/api'
import { personLine } from './incident-words'

/** How the incident log finds people for the person search field: the whole directory, leavers too. */
export const directorySearch = {
  find: (text: string): Promise<PersonSummary[]> => call('incidents.findPeople', { text, limit: 10 }),
  itemTitle: 'displayName',
  describe: (p: PersonSummary): string => personLine(p) + (p.archived ? ' · left' : ''),
  noMatch: 'Nobody in the directory matches. Check the spelling, or add them under People.',
}
