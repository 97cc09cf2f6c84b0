import { isoDateToUk } from '@shared/dates/uk-format'

/** A day as the office writes it: 14/10/2026. */
export const day = (iso: string | null | undefined): string => (iso ? isoDateToUk(iso) : '')
