// The core host: the process that holds the session, the key and the encrypted database, so a
// long call (a backup, a verify, a restore) never freezes the window. Plain Node, no Electron:
// the app starts it with utilityProcess.fork, the tests and the bench with child_process.fork,
// and both run this same built file (out/main/core-host.js).
import { parentChannel } from './parent-channel'
import { serveCore } from './serve-core'

serveCore(parentChannel())
