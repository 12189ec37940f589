import { defineMethod } from '../contract.ts';
import { caseOverviewInput, deadlineListInput } from '../shared/inputs/deadlines.ts';
import { listDeadlines } from '../services/deadlines.ts';
import { caseOverview } from '../services/case-overview.ts';

export const deadlineMethods = {
  'deadlines.list': defineMethod({
    summary:
      'Deadlines across all cases (or one): detention reviews, information requests, technical assessments, penalty payments and windows, seizure review windows, limitation periods. Overdue first, then the soonest.',
    kind: 'read',
    input: deadlineListInput,
    handler: (input, ctx) => listDeadlines(ctx, input),
  }),
  'cases.overview': defineMethod({
    summary:
      'One case at a glance: its subjects with roles, seizure totals per currency, detentions, penalties with balances and totals, and its open deadlines.',
    kind: 'read',
    input: caseOverviewInput,
    handler: (input, ctx) => caseOverview(ctx, input.caseId),
  }),
};
