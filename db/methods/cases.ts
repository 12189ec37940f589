import { z } from 'zod';
import { defineMethod } from '../contract.ts';
import { isoDate, paging, requiredText, sortDirection, uuid } from '../schemas.ts';
import {
  CASE_SORT_COLUMNS,
  CASE_STATUSES,
  PRIORITIES,
  SECURITY_MARKINGS,
  VIOLATION_TYPES,
} from '../domain.ts';
import { createCase, getCase, listCases, setCaseStatus, updateCase } from '../services/cases.ts';

const caseFields = {
  title: requiredText(300),
  priority: z.enum(PRIORITIES),
  leadInvestigator: requiredText(200),
  agency: z.string().trim().max(200),
  partnerAgencies: z.array(requiredText(200)).max(50),
  violationType: z.enum(VIOLATION_TYPES).nullable(),
  legalAuthorities: z.string().max(5000),
  securityMarking: z.enum(SECURITY_MARKINGS),
  summary: z.string().max(20000),
  notes: z.string().max(200000),
  openedOn: isoDate,
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

export const caseMethods = {
  'cases.create': defineMethod({
    summary: 'Open a new case. Only the title is required.',
    kind: 'write',
    input: caseCreateInput,
    handler: (input, ctx) => createCase(ctx, input),
  }),
  'cases.update': defineMethod({
    summary: 'Change fields of a case (not its status). Pass `version` to refuse a stale edit.',
    kind: 'write',
    input: caseUpdateInput,
    handler: (input, ctx) => updateCase(ctx, input),
  }),
  'cases.setStatus': defineMethod({
    summary: 'Move a case along its workflow: open, under review, referred for prosecution, closed.',
    kind: 'write',
    input: z.strictObject({
      id: uuid,
      status: z.enum(CASE_STATUSES),
      closedOn: isoDate.optional(),
      version: z.int().min(1).optional(),
    }),
    handler: (input, ctx) => setCaseStatus(ctx, input),
  }),
  'cases.get': defineMethod({
    summary: 'One case, every field.',
    kind: 'read',
    input: z.strictObject({ id: uuid }),
    handler: (input, ctx) => getCase(ctx.db, input.id),
  }),
  'cases.list': defineMethod({
    summary: 'A page of cases, sorted and filtered in SQL, with the count of all matching cases.',
    kind: 'read',
    input: caseListInput,
    handler: (input, ctx) => listCases(ctx.db, input),
  }),
};
