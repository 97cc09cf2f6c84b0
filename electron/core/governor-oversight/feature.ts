import { governorOversightKind } from '../../../shared/features/governor-oversight/contract'
import { defineFeature } from '../feature-kit/feature'
import { oversightAnnualPack } from './annual-pack'
import { demoOversight } from './demo-oversight'
import { oversightAttention, oversightCalendar } from './due-dates'
import { governorOversightTables } from './migrations/0023-governor-oversight'
import { addAction, completeAction, overview, recordMeeting } from './oversight'
import { governorOversightReport } from './reports/governor-oversight'
import { runOversightRetention } from './retention'

export const governorOversightFeature = defineFeature({
  kind: governorOversightKind,
  migrations: [governorOversightTables],
  reports: { 'governor-oversight': governorOversightReport },
  demo: demoOversight,
  attention: oversightAttention,
  calendar: [oversightCalendar],
  annualPack: oversightAnnualPack,
  retention: { name: 'governor oversight records', run: runOversightRetention },
  handlers: {
    'oversight.overview': (_input, ctx) => overview(ctx),
    'oversight.recordMeeting': (input, ctx) => recordMeeting(ctx, input),
    'oversight.addAction': (input, ctx) => addAction(ctx, input),
    'oversight.completeAction': (input, ctx) => completeAction(ctx, input),
  },
})
