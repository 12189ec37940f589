import { z } from 'zod';
import { defineMethod } from '../contract.ts';
import { uuid } from '../shared/schemas.ts';
import {
  inspectionCancelInput,
  inspectionCompleteInput,
  inspectionCreateInput,
  inspectionGetInput,
  inspectionListInput,
  inspectionUpdateInput,
} from '../shared/inputs/inspections.ts';
import {
  attachInspectionEvidence,
  cancelInspection,
  completeInspection,
  createInspection,
  getInspection,
  listInspections,
  updateInspection,
} from '../services/inspections.ts';

export const inspectionMethods = {
  'inspections.create': defineMethod({
    summary:
      'Record an inspection (examination) of a shipment: where, when, why it was selected, what was examined. With a result it is completed at once; "goods detained" or "goods seized" creates the detention or seizure, linked.',
    kind: 'write',
    input: inspectionCreateInput,
    handler: (input, ctx) => createInspection(ctx, input),
  }),
  'inspections.update': defineMethod({
    summary: 'Change fields of an inspection (not its result: inspections.complete). Pass `version` to refuse a stale edit.',
    kind: 'write',
    input: inspectionUpdateInput,
    handler: (input, ctx) => updateInspection(ctx, input),
  }),
  'inspections.complete': defineMethod({
    summary:
      'Record the result of an inspection in progress. "Goods detained" creates the detention and "goods seized" the seizure (give its goods lines), pre-filled from the inspection, in the same transaction.',
    kind: 'write',
    input: inspectionCompleteInput,
    handler: (input, ctx) => completeInspection(ctx, input),
  }),
  'inspections.cancel': defineMethod({
    summary: 'Cancel an inspection in progress, with the reason.',
    kind: 'write',
    input: inspectionCancelInput,
    handler: (input, ctx) => cancelInspection(ctx, input),
  }),
  'inspections.attachEvidence': defineMethod({
    summary: 'Link an evidence file of the case (a photo of the seals, the bill of lading) to an inspection.',
    kind: 'write',
    input: z.strictObject({ inspectionId: uuid, evidenceId: uuid }),
    handler: (input, ctx) => attachInspectionEvidence(ctx, input),
  }),
  'inspections.get': defineMethod({
    summary: 'One inspection with its parties, files, and the detention or seizure it led to.',
    kind: 'read',
    input: inspectionGetInput,
    handler: (input, ctx) => getInspection(ctx, input.id),
  }),
  'inspections.list': defineMethod({
    summary: "A page of inspections (all, or one case's), sorted and filtered (status, result) in SQL.",
    kind: 'read',
    input: inspectionListInput,
    handler: (input, ctx) => listInspections(ctx, input),
  }),
};
