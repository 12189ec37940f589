import { defineMethod } from '../contract.ts';
import {
  penaltyCreateInput,
  penaltyGetInput,
  penaltyListInput,
  penaltyRecordPaymentInput,
  penaltySetStatusInput,
  penaltyUpdateInput,
} from '../shared/inputs/penalties.ts';
import {
  createPenalty,
  getPenalty,
  listPenalties,
  recordPayment,
  setPenaltyStatus,
  updatePenalty,
} from '../services/penalties.ts';

export const penaltyMethods = {
  'penalties.create': defineMethod({
    summary:
      'Issue a monetary penalty to an entity in a case: amount in integer minor units with its ISO 4217 currency. Numbered YYYY-AMP-000001 unless given.',
    kind: 'write',
    input: penaltyCreateInput,
    handler: (input, ctx) => createPenalty(ctx, input),
  }),
  'penalties.update': defineMethod({
    summary: 'Correct a penalty as issued, before any payment; afterwards only its notes change.',
    kind: 'write',
    input: penaltyUpdateInput,
    handler: (input, ctx) => updatePenalty(ctx, input),
  }),
  'penalties.setStatus': defineMethod({
    summary:
      'Move a penalty along its allowed transitions: under review, reduced (with the new amount and a reason), cancelled, written off, paid (balance 0).',
    kind: 'write',
    input: penaltySetStatusInput,
    handler: (input, ctx) => setPenaltyStatus(ctx, input),
  }),
  'penalties.recordPayment': defineMethod({
    summary:
      "Record a full or partial payment in the penalty's currency; an overpayment is refused. The status follows (partly paid, paid).",
    kind: 'write',
    input: penaltyRecordPaymentInput,
    handler: (input, ctx) => recordPayment(ctx, input),
  }),
  'penalties.get': defineMethod({
    summary: 'One penalty with its payments, balance, correction and review windows, and the statuses it may move to.',
    kind: 'read',
    input: penaltyGetInput,
    handler: (input, ctx) => getPenalty(ctx, input.id),
  }),
  'penalties.list': defineMethod({
    summary: "A page of penalties (all, or one case's), sorted and filtered (status, overdue, currency) in SQL.",
    kind: 'read',
    input: penaltyListInput,
    handler: (input, ctx) => listPenalties(ctx, input),
  }),
};
