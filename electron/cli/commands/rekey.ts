import type { Runner } from '../args'
import type { rekey } from '../commands'
import { recoveryKeyBlock, say } from '../output'
import { call, withSignedIn } from '../session'


/** Gives the database a new key (vault.rotateKey) and prints the new recovery key. */
export const run: Runner<typeof rekey> = async (v) => {
  return withSignedIn(v, async ({ core, password }) => {
    const { recoveryKey } = await call(core, 'vault.rotateKey', { password })
    say(
      'The records now have a new encryption key. Everyone signs in with the same password as before.',
      recoveryKeyBlock(recoveryKey, 'NEW RECOVERY KEY (the old sheet no longer opens the register: shred it, unless you keep older backups with it)'),
    )
    return 0
  })
}
