import type { Role } from '@shared/domain/roles'

/** Who reads the annual review and prints the pack (annualReview.figures in the contract): those who see every record. */
export const ANNUAL_REVIEW_ROLES: readonly Role[] = ['manager', 'head', 'dsl']
