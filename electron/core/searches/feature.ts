import { searchesKind } from '../../../shared/features/searches/contract'
import { defineFeature } from '../feature-kit/feature'
import { examBoardTold, handBack, itemsForCollection, listItemsAudited, passToPolice, recordItem } from './confiscations'
import { searchesTables } from './migrations/0019-searches'
import { searchesAttention } from './attention'
import { searchesFigures } from './annual-pack'
import { demoSearches } from './demo-searches'
import { searchesReport } from './reports/searches-and-confiscations'
import { followUpSearch, getSearch, listSearches, recordSearch } from './searches'

// No calendar source: nothing here falls due on a day the policies set. What waits (an item held,
// a board or parents to tell) is on the dashboard until it is done; the week after which a held
// item shows as overdue only orders that list, it is no deadline to put in a diary.
// No retention rule: a search's record is a safeguarding record, kept as the incident log is
// (which has none), because the school's schedule keeps child-protection records until the
// pupil's 25th birthday at the least, and a search record names pupils on and off roll whose
// dates of leaving the register does not always hold. Nothing here is ever deleted (the tables'
// triggers refuse it).
export const searchesFeature = defineFeature({
  kind: searchesKind,
  migrations: [searchesTables],
  reports: { 'searches-and-confiscations': searchesReport },
  demo: demoSearches,
  attention: searchesAttention,
  annualPack: { figures: searchesFigures },
  handlers: {
    'searches.list': (input, ctx) => listSearches(ctx, input),
    'searches.get': (input, ctx) => getSearch(ctx, input.id),
    'searches.record': (input, ctx) => recordSearch(ctx, input),
    'searches.followUp': (input, ctx) => followUpSearch(ctx, input),
    'confiscations.list': (input, ctx) => listItemsAudited(ctx, input.state),
    'confiscations.record': (input, ctx) => recordItem(ctx, input),
    'confiscations.forCollection': (_input, ctx) => itemsForCollection(ctx),
    'confiscations.handBack': (input, ctx) => handBack(ctx, input),
    'confiscations.passToPolice': (input, ctx) => passToPolice(ctx, input),
    'confiscations.examBoardTold': (input, ctx) => examBoardTold(ctx, input),
  },
})
