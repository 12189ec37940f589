import { defineMethod } from '../contract.ts';
import { caseCreateInput, caseGetInput, caseListInput, caseSetStatusInput, caseUpdateInput } from '../shared/inputs/cases.ts';
import { createCase, getCase, listCases, setCaseStatus, updateCase } from '../services/cases.ts';

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
    input: caseSetStatusInput,
    handler: (input, ctx) => setCaseStatus(ctx, input),
  }),
  'cases.get': defineMethod({
    summary: 'One case, every field.',
    kind: 'read',
    input: caseGetInput,
    handler: (input, ctx) => getCase(ctx.db, input.id),
  }),
  'cases.list': defineMethod({
    summary: 'A page of cases, sorted and filtered in SQL, with the count of all matching cases.',
    kind: 'read',
    input: caseListInput,
    handler: (input, ctx) => listCases(ctx.db, input),
  }),
};
