import type { Feature } from './feature-kit'
import { home } from './home/feature'
import { incidents } from './incidents/feature'
import { reception } from './reception/feature'
import { people } from './people/feature'
import { agreements } from './agreements/feature'
import { reviewsAndChecks } from './reviews-and-checks/feature'
import { permissions } from './permissions/feature'
import { reports } from './reports/feature'
import { annualReview } from './annual-review/feature'
import { users } from './users/feature'
import { audit } from './audit/feature'
import { backups } from './backups/feature'
import { settings } from './settings/feature'
import { account } from './account/feature'
import { setup } from './setup/feature'
import { session } from './session/feature'
import { searches } from './searches/feature'
import { training } from './training/feature'
import { approvals } from './approvals/feature'
import { fmGovernance } from './fm-governance/feature'
import { governorOversight } from './governor-oversight/feature'
import { consent } from './consent/feature'

/**
 * Every feature with a screen, one line each, in menu order (an entry with `follows` moves after the
 * entry it names) and Home card order. The router, the menu, the guard and the Home screen are
 * built from this list: a new screen is added in its feature's `feature.ts`, a new feature here.
 */
export const FEATURES: readonly Feature[] = [
  home,
  incidents,
  reception,
  people,
  agreements,
  reviewsAndChecks,
  permissions,
  searches,
  reports,
  annualReview,
  users,
  audit,
  backups,
  training,
  approvals,
  fmGovernance,
  governorOversight,
  consent,
  settings,
  account,
  setup,
  session,
]
