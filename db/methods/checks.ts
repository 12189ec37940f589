import { defineMethod } from '../contract.ts';
import {
  checkAddGoodsInput,
  checkCancelInput,
  checkCompleteInput,
  checkCreateInput,
  checkFollowUpInput,
  checkGetInput,
  checkListInput,
  checkScheduleInput,
  checkUpdateInput,
} from '../shared/inputs/checks.ts';
import {
  addCheckGoods,
  cancelCheck,
  completeCheck,
  createCheck,
  followUpCheck,
  getCheck,
  listChecks,
  scheduleCheck,
  updateCheck,
} from '../services/checks.ts';

export const checkMethods = {
  'checks.create': defineMethod({
    summary:
      'Request an end-use check (pre-license check or post-shipment verification) of a party, with the goods it is about. Numbered YYYY-EUC-000001; scheduled at once when a date is given.',
    kind: 'write',
    input: checkCreateInput,
    handler: (input, ctx) => createCheck(ctx, input),
  }),
  'checks.update': defineMethod({
    summary:
      'Change fields of an end-use check (not its status: schedule, complete, cancel). Pass `version` to refuse a stale edit.',
    kind: 'write',
    input: checkUpdateInput,
    handler: (input, ctx) => updateCheck(ctx, input),
  }),
  'checks.addGoods': defineMethod({
    summary: 'Add a goods line (ECCN, HS code, or a seized item of the case) to a check not yet conducted.',
    kind: 'write',
    input: checkAddGoodsInput,
    handler: (input, ctx) => addCheckGoods(ctx, input),
  }),
  'checks.schedule': defineMethod({
    summary: 'Schedule (or reschedule) a requested check.',
    kind: 'write',
    input: checkScheduleInput,
    handler: (input, ctx) => scheduleCheck(ctx, input),
  }),
  'checks.complete': defineMethod({
    summary:
      'Record that a check was conducted: what was verified, the findings and the outcome (favorable, unfavorable, unable to verify with the reason).',
    kind: 'write',
    input: checkCompleteInput,
    handler: (input, ctx) => completeCheck(ctx, input),
  }),
  'checks.cancel': defineMethod({
    summary: 'Cancel a check not yet conducted, with the reason.',
    kind: 'write',
    input: checkCancelInput,
    handler: (input, ctx) => cancelCheck(ctx, input),
  }),
  'checks.followUp': defineMethod({
    summary:
      'Follow up an unfavorable or unverified check in one step: open a case with the party as a subject, add the party to a case, or mark it as a candidate for a list (with the reason).',
    kind: 'write',
    input: checkFollowUpInput,
    handler: (input, ctx) => followUpCheck(ctx, input),
  }),
  'checks.get': defineMethod({
    summary: 'One end-use check with its party, goods lines and follow-up.',
    kind: 'read',
    input: checkGetInput,
    handler: (input, ctx) => getCheck(ctx, input.id),
  }),
  'checks.list': defineMethod({
    summary: "A page of end-use checks (all, or one case's), sorted and filtered (status, outcome) in SQL.",
    kind: 'read',
    input: checkListInput,
    handler: (input, ctx) => listChecks(ctx, input),
  }),
};
