import { z } from 'zod'
import { ROLES } from '../domain/roles'

// Field rules shared by several methods, with the messages the user will read.

export const username = z
  .string()
  .trim()
  .min(3, 'A username needs at least 3 characters.')
  .max(32, 'A username can be at most 32 characters.')
  .regex(/^[A-Za-z0-9._-]+$/, 'A username may use letters, digits, dots, dashes and underscores only (no spaces).')

/** Length only here; the core also refuses common and guessable passwords. */
export const newPassword = z
  .string()
  .min(12, 'Choose a password of at least 12 characters — three or four random words work well.')
  .max(200, 'That password is too long (at most 200 characters).')

/** A password being checked: any length, so a wrong one is "wrong", not "too short". */
export const password = z.string().min(1, 'Please enter your password.').max(200, 'That password is too long.')

export const displayName = z
  .string()
  .trim()
  .min(1, 'Please enter the person’s name.')
  .max(100, 'A name can be at most 100 characters.')

export const role = z.enum(ROLES, { message: 'Please choose a role.' })

export const recoveryKey = z
  .string()
  .trim()
  .min(20, 'The recovery key is longer than that: type every group from the printed sheet.')
  .max(80, 'That does not look like a recovery key.')

export const schoolProfile = z
  .object({
    name: z.string().trim().min(2, 'Please enter the school’s name.').max(200, 'The school name is too long.'),
    address: z.string().trim().max(400, 'The address is too long.'),
    // URN and DSL may be left for later (the command-line set-up asks only for the name).
    urn: z.string().trim().regex(/^(\d{6})?$/, 'The URN is the six-digit number from Get Information about Schools.'),
    dslName: z.string().trim().max(100, 'That name is too long.'),
    deputyDslNames: z.array(z.string().trim().min(2, 'Please write the deputy’s full name.').max(100, 'That name is too long.')).max(10, 'At most 10 deputies.'),
    onlineSafetyGovernor: z.string().trim().max(100, 'That name is too long.'),
  })
  .strict()

/** A folder or file on this computer, as typed or chosen. */
export const localPath = z
  .string()
  .trim()
  .min(1, 'Please choose a folder or file.')
  .max(1000, 'That path is too long.')
  .refine((p) => !p.includes('\0'), 'That path is not valid.')
  // A relative path would land wherever the app happens to be running from.
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'Give the whole path, from the drive or the top folder (for example D:\\Reports).')

/** YYYY-MM-DD */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written as YYYY-MM-DD.')
