import { defineMethod } from '../contract.ts';
import {
  detentionAddRequestInput,
  detentionCreateInput,
  detentionEndInput,
  detentionGetInput,
  detentionListInput,
  detentionReceiveRequestInput,
  detentionUpdateInput,
} from '../shared/inputs/detentions.ts';
import {
  addInfoRequest,
  createDetention,
  endDetention,
  getDetention,
  listDetentions,
  receiveInfoRequest,
  updateDetention,
} from '../services/detentions.ts';

export const detentionMethods = {
  'detentions.create': defineMethod({
    summary:
      'Detain goods, a shipment or a person in a case. Numbered YYYY-DT-000001 unless a number is given; the review is due 30 days after the start unless set.',
    kind: 'write',
    input: detentionCreateInput,
    handler: (input, ctx) => createDetention(ctx, input),
  }),
  'detentions.update': defineMethod({
    summary: 'Change fields of a detention (not its outcome: detentions.end). Pass `version` to refuse a stale edit.',
    kind: 'write',
    input: detentionUpdateInput,
    handler: (input, ctx) => updateDetention(ctx, input),
  }),
  'detentions.end': defineMethod({
    summary: 'End a detention with its outcome (released, seized, returned to exporter); requests still awaited are closed.',
    kind: 'write',
    input: detentionEndInput,
    handler: (input, ctx) => endDetention(ctx, input),
  }),
  'detentions.get': defineMethod({
    summary: 'One detention with its information requests and what is overdue today.',
    kind: 'read',
    input: detentionGetInput,
    handler: (input, ctx) => getDetention(ctx, input.id),
  }),
  'detentions.list': defineMethod({
    summary: "A page of detentions (all, or one case's), sorted and filtered (open, ended, overdue) in SQL.",
    kind: 'read',
    input: detentionListInput,
    handler: (input, ctx) => listDetentions(ctx, input),
  }),
  'detentions.addRequest': defineMethod({
    summary:
      'Ask the exporter of a detained shipment for information (item list, specifications, end-use certificate) by a due date.',
    kind: 'write',
    input: detentionAddRequestInput,
    handler: (input, ctx) => addInfoRequest(ctx, input),
  }),
  'detentions.receiveRequest': defineMethod({
    summary: 'Record that the information asked for arrived (today unless a date is given).',
    kind: 'write',
    input: detentionReceiveRequestInput,
    handler: (input, ctx) => receiveInfoRequest(ctx, input),
  }),
};
