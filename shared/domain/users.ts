import type { Role } from './roles'

export interface UserSummary {
  id: number
  username: string
  displayName: string
  role: Role
  disabled: boolean
  /** Set when the business manager gave the password: the user chooses their own at next sign-in. */
  mustChangePassword: boolean
  lastSignInAt: string | null
  createdAt: string
}

/** A page of the users list and how many there are in all. */
export interface UserPage {
  rows: UserSummary[]
  total: number
}

export interface SignedInUser {
  id: number
  username: string
  displayName: string
  role: Role
  mustChangePassword: boolean
}
