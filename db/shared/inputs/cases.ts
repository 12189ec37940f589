import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, pastDate, requiredText, sortDirection, uuid } from '../schemas.ts';
import { CASE_SORT_COLUMNS, CASE_STATUSES, PRIORITIES, SECURITY_MARKINGS, VIOLATION_TYPES } from '../domain.ts';

/** Input schemas of the case methods. Pure (zod and vocabularies only): the renderer validates with them too. */
export const caseFields = {
  title: requiredText(300),
  priority: z.enum(PRIORITIES),
  leadInvestigator: requiredText(200),
  agency: z.string().trim().max(200),
  partnerAgencies: z.array(requiredText(200)).max(50),
  violationType: z.enum(VIOLATION_TYPES).nullable(),
  legalAuthorities: multiline(z.string().max(5000)),
  securityMarking: z.enum(SECURITY_MARKINGS),
  summary: multiline(z.string().max(20000)),
  notes: multiline(z.string().max(200000)),
  openedOn: pastDate,
  /** When the contravention happened: limitation periods run from it (else from openedOn). */
  contraventionOn: pastDate.nullable(),
};

export const caseCreateInput = z.strictObject({
  title: caseFields.title,
  priority: caseFields.priority.default('medium'),
  leadInvestigator: caseFields.leadInvestigator.optional(),
  agency: caseFields.agency.optional(),
  partnerAgencies: caseFields.partnerAgencies.default([]),
  violationType: caseFields.violationType.default(null),
  legalAuthorities: caseFields.legalAuthorities.default(''),
  securityMarking: caseFields.securityMarking.default('protected_b'),
  summary: caseFields.summary.default(''),
  notes: caseFields.notes.default(''),
  openedOn: caseFields.openedOn.optional(),
  contraventionOn: caseFields.contraventionOn.default(null),
});

export const caseUpdateInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  title: caseFields.title.optional(),
  priority: caseFields.priority.optional(),
  leadInvestigator: caseFields.leadInvestigator.optional(),
  agency: caseFields.agency.optional(),
  partnerAgencies: caseFields.partnerAgencies.optional(),
  violationType: caseFields.violationType.optional(),
  legalAuthorities: caseFields.legalAuthorities.optional(),
  securityMarking: caseFields.securityMarking.optional(),
  summary: caseFields.summary.optional(),
  notes: caseFields.notes.optional(),
  openedOn: caseFields.openedOn.optional(),
  contraventionOn: caseFields.contraventionOn.optional(),
});

export const caseListInput = z.strictObject({
  sort: z
    .strictObject({ column: z.enum(CASE_SORT_COLUMNS), direction: sortDirection })
    .default({ column: 'updatedAt', direction: 'desc' }),
  status: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).optional(),
  priority: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
  violationType: z.array(z.enum(VIOLATION_TYPES)).max(VIOLATION_TYPES.length).optional(),
  leadInvestigator: z.string().trim().max(200).optional(),
  text: z.string().max(200).optional(),
  ...paging,
});

export const caseSetStatusInput = z.strictObject({
  id: uuid,
  status: z.enum(CASE_STATUSES),
  closedOn: pastDate.optional(),
  version: z.int().min(1).optional(),
});

export const caseGetInput = z.strictObject({ id: uuid });
