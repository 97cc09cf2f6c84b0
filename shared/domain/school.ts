/** The school profile entered at set-up; it heads every report. */
export interface SchoolProfile {
  name: string
  address: string
  /** Unique Reference Number from Get Information about Schools: six digits. */
  urn: string
  dslName: string
  deputyDslNames: string[]
  /** The named governor for online safety. */
  onlineSafetyGovernor: string
}

export interface AppSettings {
  /** Minutes without use before the register locks itself. */
  idleLockMinutes: number
}

export const DEFAULT_SETTINGS: AppSettings = { idleLockMinutes: 10 }
