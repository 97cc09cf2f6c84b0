import type { PersonSummary } from '@shared/domain/people'
import { yearGroupLabel } from '@shared/domain/people'
import { call } from '@/api'

/** "Year 9 · 9T" for a pupil, the job title for a member of staff. */
export const personLine = (p: PersonSummary): string =>
  p.kind === 'pupil' ? [p.yearGroup ? yearGroupLabel(p.yearGroup) : 'Pupil', p.regClass].filter(Boolean).join(' · ') : (p.jobTitle ?? 'Staff')

/** The person search for one kind of person: pupils for who was searched, staff for who searched and witnessed. */
export function directoryOf(kind: 'pupil' | 'staff') {
  return {
    find: async (text: string): Promise<PersonSummary[]> => (await call('incidents.findPeople', { text, limit: 20 })).filter((p) => p.kind === kind).slice(0, 10),
    itemTitle: 'displayName',
    describe: (p: PersonSummary): string => personLine(p) + (p.archived ? ' · left' : ''),
    noMatch: kind === 'pupil' ? 'No pupil matches. Check the spelling, or add them under People.' : 'No member of staff matches. Check the spelling, or add them under People.',
  }
}
