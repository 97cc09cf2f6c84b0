import { mdiAlertOutline, mdiCheckCircleOutline, mdiCloseCircleOutline, mdiClockOutline } from '@mdi/js'
import type { MethodInput } from '@shared/api/contract'
import type { DeviceClearance, PermissionKind, PermissionStatus, SerialVerdict } from '@shared/domain/permissions'
import { isoDateToUk } from '@shared/dates/uk-format'

/** How each answer at the desk looks: words first, then colour and icon (never colour alone). */
export const VERDICTS: Readonly<Record<SerialVerdict, { headline: string; tone: 'success' | 'warning' | 'error'; icon: string }>> = {
  cleared: { headline: 'Cleared: this stick may be used', tone: 'success', icon: mdiCheckCircleOutline },
  'not-cleared': { headline: 'Permitted but not cleared: scan it before use', tone: 'warning', icon: mdiAlertOutline },
  'not-started': { headline: 'Not permitted yet', tone: 'warning', icon: mdiClockOutline },
  expired: { headline: 'Not permitted: the permission has ended', tone: 'error', icon: mdiCloseCircleOutline },
  revoked: { headline: 'Not permitted: the permission was revoked', tone: 'error', icon: mdiCloseCircleOutline },
  'holder-left': { headline: 'Not permitted: the holder has left', tone: 'error', icon: mdiCloseCircleOutline },
  unknown: { headline: 'Not permitted: this stick is not in the register', tone: 'error', icon: mdiCloseCircleOutline },
}

/** The core's answer without its opening words ("Cleared: ", "Not permitted: "), which the headline already says. */
export function answerDetail(message: string): string {
  const rest = message.replace(/^[^:]{1,30}:\s+/u, '')
  return rest.charAt(0).toUpperCase() + rest.slice(1)
}

export const STATUS_COLOURS: Readonly<Record<PermissionStatus, string>> = {
  'in-force': 'success',
  upcoming: 'info',
  expired: 'default',
  revoked: 'error',
}

/** A device's standing from its scans, in a few words. */
export function clearanceWords(c: DeviceClearance | null): string {
  if (!c) return ''
  if (c.cleared) return `Cleared until ${isoDateToUk(c.clearedUntil!)}`
  if (c.reason === 'never-scanned') return 'Not cleared: never scanned'
  if (c.reason === 'threat-refused') return `Not cleared: refused on ${isoDateToUk(c.lastScan!.scannedOn)}`
  return `Not cleared: last scan ${isoDateToUk(c.lastScan!.scannedOn)}`
}

export function untilWords(endsOn: string | null): string {
  return endsOn ? isoDateToUk(endsOn) : 'No end date'
}

/** The grant form, one shape for every kind; the kind decides which boxes count. */
export interface GrantForm {
  kind: PermissionKind
  personId: number | null
  deviceMake: string
  deviceSerial: string
  systemName: string
  accountName: string
  authorisedBy: string
  startsOn: string
  endsOn: string
  conditions: string
}

export const GRANT_FIELDS = ['personId', 'deviceMake', 'deviceSerial', 'systemName', 'accountName', 'authorisedBy', 'startsOn', 'endsOn', 'conditions', 'kind'] as const

/** Which boxes the form shows for a kind. */
export function fieldsFor(kind: PermissionKind): { device: boolean; system: boolean; account: 'required' | 'optional' | null; endRequired: boolean } {
  return {
    device: kind === 'portable-media',
    system: kind !== 'portable-media',
    account: kind === 'credential-holder' ? 'required' : kind === 'system-access' ? 'optional' : null,
    endRequired: kind === 'portable-media',
  }
}

/** The call the form makes: only the boxes its kind uses, empty optional boxes left out. */
export function grantInput(form: GrantForm): MethodInput<'permissions.grant'> {
  const common = {
    personId: form.personId ?? 0,
    authorisedBy: form.authorisedBy,
    startsOn: form.startsOn,
    ...(form.conditions.trim() ? { conditions: form.conditions } : {}),
  }
  const endsOn = form.endsOn ? { endsOn: form.endsOn } : {}
  switch (form.kind) {
    case 'portable-media':
      return { kind: 'portable-media', deviceMake: form.deviceMake, deviceSerial: form.deviceSerial, ...common, endsOn: form.endsOn }
    case 'system-access':
      return { kind: 'system-access', systemName: form.systemName, ...(form.accountName.trim() ? { accountName: form.accountName } : {}), ...common, ...endsOn }
    case 'password-exemption':
      return { kind: 'password-exemption', systemName: form.systemName, ...common, ...endsOn }
    case 'credential-holder':
      return { kind: 'credential-holder', systemName: form.systemName, accountName: form.accountName, ...common, ...endsOn }
  }
}

/** The last day of this school year (31 August): the usual end of a USB stick's permission. */
export function endOfSchoolYear(today: string): string {
  const year = Number(today.slice(0, 4)) + (today.slice(5) >= '09-01' ? 1 : 0)
  return `${year}-08-31`
}
