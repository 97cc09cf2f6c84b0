// What the permission register offers the other record kinds: the permissions in force and not
// cleared by a scan, and the scan rule (the annual pack counts them).
export { permissionsQuery, whereInForce, whereNotCleared } from './permission-rows'
export { readScanSettings } from './scan-settings'
