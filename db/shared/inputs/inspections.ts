import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, pastDateTime, requiredText, rule, shortText, sortDirection, uuid } from '../schemas.ts';
import {
  DETENTION_SUBJECTS,
  INSPECTION_EXAMINED,
  INSPECTION_PLACE_KINDS,
  INSPECTION_RESULTS,
  INSPECTION_SELECTIONS,
  INSPECTION_SORT_COLUMNS,
  INSPECTION_STATUSES,
} from '../domain.ts';
import { recordNumber, detentionFields } from './detentions.ts';
import { seizedItemInput, seizureFields } from './seizures.ts';

/** Input schemas of the inspection (examination of a shipment) methods. */

const examined = z
  .array(z.enum(INSPECTION_EXAMINED))
  .max(INSPECTION_EXAMINED.length)
  .refine((list) => new Set(list).size === list.length, rule('inspection.examined_twice', 'Each thing examined is named once'));

export const inspectionFields = {
  inspectionNumber: recordNumber,
  placeKind: z.enum(INSPECTION_PLACE_KINDS),
  /** The port, terminal, airport or crossing by name (Port of Montreal, Racine terminal). */
  place: requiredText(300),
  /** When the examination began, with its offset; stored in UTC. */
  inspectedAt: pastDateTime,
  /** The bill of lading, air waybill or transaction number of the shipment. */
  shipmentReference: shortText(200),
  exporterId: uuid.nullable(),
  consigneeId: uuid.nullable(),
  /** An entity of kind conveyance (vessel, aircraft, vehicle, container). */
  conveyanceId: uuid.nullable(),
  officer: requiredText(200),
  selection: z.enum(INSPECTION_SELECTIONS),
  /** The targeting rule, the intelligence report, the partner that asked. */
  selectionDetail: shortText(500),
  examined,
  sealsFound: shortText(500),
  sealsApplied: shortText(500),
  findings: multiline(z.string().trim().max(20000)),
  notes: multiline(z.string().max(20000)),
  reason: multiline(z.string().trim().min(1, 'Required').max(2000)),
};

/** The detention a result of "goods detained" creates; the rest comes from the inspection. */
export const inspectionDetentionInput = z.strictObject({
  subject: z.enum(DETENTION_SUBJECTS).default('shipment'),
  legalAuthority: detentionFields.legalAuthority.default(''),
  /** Defaults to the inspection's findings. */
  reason: detentionFields.reason.optional(),
  destinationCountry: detentionFields.destinationCountry.default(null),
  declaredPermit: detentionFields.declaredPermit.default(null),
  declaredEccn: detentionFields.declaredEccn.default(null),
  reviewDueOn: detentionFields.reviewDueOn.optional(),
});

/** The seizure a result of "goods seized" creates: its goods lines; the rest comes from the inspection. */
export const inspectionSeizureInput = z.strictObject({
  legalProvision: seizureFields.legalProvision.default(''),
  storageLocation: seizureFields.storageLocation.default(''),
  items: z.array(seizedItemInput).min(1, 'A seizure has at least one goods line').max(500),
});

const resultFields = {
  result: z.enum(INSPECTION_RESULTS),
  /** Defaults to now. */
  completedAt: pastDateTime.optional(),
  findings: inspectionFields.findings.optional(),
  sealsFound: inspectionFields.sealsFound.optional(),
  sealsApplied: inspectionFields.sealsApplied.optional(),
  detention: inspectionDetentionInput.optional(),
  seizure: inspectionSeizureInput.optional(),
};

function resultCheck(v: { result?: string | undefined; detention?: unknown; seizure?: unknown }, ctx: z.RefinementCtx): void {
  if (v.result === 'goods_seized' && v.seizure === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['seizure'],
      ...rule('inspection.seizure_needs_goods', 'Goods seized: give the goods lines of the seizure'),
    });
  }
  if (v.seizure !== undefined && v.result !== 'goods_seized') {
    ctx.addIssue({
      code: 'custom',
      path: ['seizure'],
      ...rule('inspection.seizure_only_seized', 'Only a result of goods seized makes a seizure'),
    });
  }
  if (v.detention !== undefined && v.result !== 'goods_detained') {
    ctx.addIssue({
      code: 'custom',
      path: ['detention'],
      ...rule('inspection.detention_only_detained', 'Only a result of goods detained makes a detention'),
    });
  }
}

export const inspectionCreateInput = z
  .strictObject({
    caseId: uuid,
    inspectionNumber: inspectionFields.inspectionNumber.optional(),
    placeKind: inspectionFields.placeKind,
    place: inspectionFields.place,
    /** Defaults to now. */
    inspectedAt: inspectionFields.inspectedAt.optional(),
    shipmentReference: inspectionFields.shipmentReference.default(''),
    exporterId: inspectionFields.exporterId.default(null),
    consigneeId: inspectionFields.consigneeId.default(null),
    conveyanceId: inspectionFields.conveyanceId.default(null),
    officer: inspectionFields.officer.optional(),
    selection: inspectionFields.selection,
    selectionDetail: inspectionFields.selectionDetail.default(''),
    examined: inspectionFields.examined.default([]),
    sealsFound: inspectionFields.sealsFound.default(''),
    sealsApplied: inspectionFields.sealsApplied.default(''),
    findings: inspectionFields.findings.default(''),
    notes: inspectionFields.notes.default(''),
    /** Given: the inspection is completed at once with this result. */
    result: resultFields.result.optional(),
    completedAt: resultFields.completedAt,
    detention: resultFields.detention,
    seizure: resultFields.seizure,
  })
  .superRefine(resultCheck);

export const inspectionUpdateInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  inspectionNumber: inspectionFields.inspectionNumber.optional(),
  placeKind: inspectionFields.placeKind.optional(),
  place: inspectionFields.place.optional(),
  inspectedAt: inspectionFields.inspectedAt.optional(),
  shipmentReference: inspectionFields.shipmentReference.optional(),
  exporterId: inspectionFields.exporterId.optional(),
  consigneeId: inspectionFields.consigneeId.optional(),
  conveyanceId: inspectionFields.conveyanceId.optional(),
  officer: inspectionFields.officer.optional(),
  selection: inspectionFields.selection.optional(),
  selectionDetail: inspectionFields.selectionDetail.optional(),
  examined: inspectionFields.examined.optional(),
  sealsFound: inspectionFields.sealsFound.optional(),
  sealsApplied: inspectionFields.sealsApplied.optional(),
  findings: inspectionFields.findings.optional(),
  notes: inspectionFields.notes.optional(),
});

export const inspectionCompleteInput = z
  .strictObject({ id: uuid, version: z.int().min(1).optional(), ...resultFields })
  .superRefine(resultCheck);

export const inspectionCancelInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  reason: inspectionFields.reason,
});

export const inspectionGetInput = z.strictObject({ id: uuid });

export const inspectionListInput = z.strictObject({
  caseId: uuid.optional(),
  status: z.enum(INSPECTION_STATUSES).optional(),
  result: z.enum(INSPECTION_RESULTS).optional(),
  sort: z
    .strictObject({ column: z.enum(INSPECTION_SORT_COLUMNS), direction: sortDirection })
    .default({ column: 'inspectedAt', direction: 'desc' }),
  ...paging,
});
