/**
 * Domain vocabularies shared by the contract and the UI. Pure data: no SQLite, no DOM,
 * so the renderer may import it. Labels live in the i18n catalogs, keyed by these values.
 */
export const CASE_STATUSES = ['open', 'under_review', 'referred_for_prosecution', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Allowed status moves; anything else is refused with `invalid_transition`. */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['under_review', 'closed'],
  under_review: ['open', 'referred_for_prosecution', 'closed'],
  referred_for_prosecution: ['under_review', 'closed'],
  closed: ['open'],
};

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const VIOLATION_TYPES = [
  'export_without_permit',
  'sanctions_breach',
  'false_declaration',
  'diversion_third_country',
  'unlicensed_technology_transfer',
  'end_use_violation',
  'smuggling',
  'other',
] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];

export const SECURITY_MARKINGS = [
  'unclassified',
  'protected_a',
  'protected_b',
  'protected_c',
  'confidential',
  'secret',
] as const;
export type SecurityMarking = (typeof SECURITY_MARKINGS)[number];

/** Columns the case list can sort by; each has an index (see migration 001). */
export const CASE_SORT_COLUMNS = [
  'fileNumber',
  'title',
  'status',
  'priority',
  'leadInvestigator',
  'violationType',
  'openedOn',
  'updatedAt',
] as const;
export type CaseSortColumn = (typeof CASE_SORT_COLUMNS)[number];
