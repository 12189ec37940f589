import { defineMethod } from '../contract.ts';
import {
  custodyChainInput,
  custodyCorrectInput,
  custodyRecordInput,
  seizureAddItemInput,
  seizureCreateInput,
  seizureGetInput,
  seizureListInput,
  seizureSetDispositionInput,
  seizureTotalsByCaseInput,
  seizureUpdateInput,
} from '../shared/inputs/seizures.ts';
import {
  addItem,
  createSeizure,
  getSeizure,
  listSeizures,
  setDisposition,
  totalsByCase,
  updateSeizure,
} from '../services/seizures.ts';
import { correctCustody, custodyChain, recordCustody } from '../services/custody.ts';

export const seizureMethods = {
  'seizures.create': defineMethod({
    summary:
      'Record a seizure with its goods lines (one or more). Numbered YYYY-SZ-NNNNNN unless a number is given; ' +
      'each item starts in the custody of the seizing officer at the place of seizure.',
    kind: 'write',
    input: seizureCreateInput,
    handler: (input, ctx) => createSeizure(ctx, input),
  }),
  'seizures.update': defineMethod({
    summary: 'Change header fields of a seizure (not its disposition, not its items). Pass `version` to refuse a stale edit.',
    kind: 'write',
    input: seizureUpdateInput,
    handler: (input, ctx) => updateSeizure(ctx, input),
  }),
  'seizures.setDisposition': defineMethod({
    summary:
      'Decide what becomes of the goods (forfeited, released on terms, returned, sold, destroyed, transferred), with date and authority.',
    kind: 'write',
    input: seizureSetDispositionInput,
    handler: (input, ctx) => setDisposition(ctx, input),
  }),
  'seizures.addItem': defineMethod({
    summary: 'Add a goods line to a seizure. Items are never changed or removed once recorded.',
    kind: 'write',
    input: seizureAddItemInput,
    handler: ({ seizureId, ...item }, ctx) => addItem(ctx, { ...item, seizureId }),
  }),
  'seizures.get': defineMethod({
    summary: 'One seizure, with its items (each with its current custodian and location), totals and named entities.',
    kind: 'read',
    input: seizureGetInput,
    handler: (input, ctx) => getSeizure(ctx.db, input.id),
  }),
  'seizures.list': defineMethod({
    summary: 'A page of seizures (all cases, or one case), sorted and filtered in SQL, with the count of all matches.',
    kind: 'read',
    input: seizureListInput,
    handler: (input, ctx) => listSeizures(ctx.db, input),
  }),
  'seizures.totalsByCase': defineMethod({
    summary: 'The value seized in a case, per currency: exact sums of integer minor units.',
    kind: 'read',
    input: seizureTotalsByCaseInput,
    handler: (input, ctx) => totalsByCase(ctx.db, input.caseId),
  }),
  'custody.record': defineMethod({
    summary:
      'Record a movement of a seized item: released by its current custodian, from where it is, not before the last movement. ' +
      'With correctsEntryId, a correction that replaces that entry in the chain.',
    kind: 'write',
    input: custodyRecordInput,
    handler: (input, ctx) => recordCustody(ctx, input),
  }),
  'custody.correct': defineMethod({
    summary:
      'Correct several entries of one item’s chain at once, checked together (e.g. a wrong name carried over two entries).',
    kind: 'write',
    input: custodyCorrectInput,
    handler: (input, ctx) => correctCustody(ctx, input),
  }),
  'custody.chain': defineMethod({
    summary:
      'The chain of custody of a seized item: every entry (effective or corrected), the current custodian and location, and any break.',
    kind: 'read',
    input: custodyChainInput,
    handler: (input, ctx) => custodyChain(ctx.db, input.itemId),
  }),
};
