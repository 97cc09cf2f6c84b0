import type { Runner } from './args'
import type { COMMANDS, CommandName } from './commands'
import { run as backup } from './commands/backup'
import { run as init } from './commands/init'
import { run as rekey } from './commands/rekey'
import { run as restore } from './commands/restore'
import { run as seedDemo } from './commands/seed-demo'
import { run as users } from './commands/users'
import { run as verify } from './commands/verify'
import { run as report } from './commands/report'
import { run as verifyPdf } from './commands/verify-pdf'
import { run as importRecords } from './commands/import'
import { run as moveData } from './commands/move-data'

type Spec<N extends CommandName> = Extract<(typeof COMMANDS)[number], { name: N }>

/** What each command does. Loaded (with the core and its packages) only when one runs. */
export const RUNNERS: { [N in CommandName]: Runner<Spec<N>> } = {
  init,
  users,
  backup,
  restore,
  verify,
  rekey,
  'seed-demo': seedDemo,
  report,
  'verify-pdf': verifyPdf,
  import: importRecords,
  'move-data': moveData,
}
