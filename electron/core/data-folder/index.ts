// Where the register lives on this computer, whether a folder is fit for it, and moving it.
export { defaultDataFolder, currentDataFolder, readPointer, POINTER_FILE, type Machine } from './location'
export { checkDataFolder, exportFolderWarning, placeOf, realProbe, parseNetUse, type FolderCheck, type FolderProbe } from './check-folder'
export { moveDataFolder, moveRefusal, removeOldCopyAfterMove, MoveRefused, MOVED_FROM_FILE, type MoveProgress, type MoveResult } from './move-folder'
export { dataFolderAtStartup, grantUsersModify, type StartupFolder } from './startup'
export { markInUse, openByApp, IN_USE_FILE } from './in-use'
