import { z } from 'zod'
import type { AppSettings, SchoolProfile } from '../../domain/school'
import * as f from '../../api/fields'
import { noInput, returns, defineKind, type MethodSpec } from '../../api/contract-kit'
import { ALL_ROLES, MANAGER } from '../../api/access'

/** The school profile, its logo, the day its records began, and the settings. */
export const schoolMethods = {
  // The school and its settings.
  'school.get': {
    summary: 'The school profile',
    access: ALL_ROLES,
    input: noInput,
    output: returns<SchoolProfile>(),
  },
  'school.update': {
    summary: 'Change the school profile',
    access: MANAGER,
    input: f.schoolProfile,
    output: returns<SchoolProfile>(),
  },
  'school.recordsBegan': {
    summary: 'The day the school’s records began: an incident dated earlier needs a reason',
    // Those who record incidents (the form asks for the reason before saving); reception records none.
    access: ['manager', 'head', 'dsl', 'ict'],
    input: noInput,
    output: returns<{ on: string }>(),
  },
  'school.setRecordsBegan': {
    summary: 'Change the day the school’s records began (audited)',
    access: MANAGER,
    input: z.object({ on: f.isoDate }).strict(),
    output: returns<{ on: string }>(),
  },
  'settings.get': {
    summary: 'App settings (idle lock)',
    access: MANAGER,
    input: noInput,
    output: returns<AppSettings>(),
  },
  'school.logo': {
    summary: 'The school’s logo for report headers, as a data URL (or none)',
    access: MANAGER,
    input: noInput,
    output: returns<{ dataUrl: string | null }>(),
  },
  'school.setLogo': {
    summary: 'Set or remove the school’s logo for report headers (PNG or JPEG, up to 300 KB)',
    access: MANAGER,
    input: z.object({ imageBase64: z.string().max(420_000, 'That image is too large: use a PNG or JPEG of at most 300 KB.').nullable() }).strict(),
    output: returns<{ dataUrl: string | null }>(),
  },
  'settings.update': {
    summary: 'Change app settings',
    access: MANAGER,
    input: z
      .object({
        idleLockMinutes: z.number({ error: 'Choose a whole number of minutes from 1 to 120.' }).int('Choose a whole number of minutes from 1 to 120.').min(1, 'Lock after at least 1 minute.').max(120, 'Lock after at most 120 minutes: these are safeguarding records.'),
      })
      .strict(),
    output: returns<AppSettings>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The school kind: its methods and the audit trail's words for the actions it writes. */
export const schoolKind = defineKind({
  name: 'school',
  methods: schoolMethods,
  auditWords: {
    'school.update': 'Changed the school profile',
    'school.setLogo': 'Changed the school logo',
    'school.recordsBegan': 'Changed the day the school’s records began',
    'settings.update': 'Changed the settings',
  },
})
