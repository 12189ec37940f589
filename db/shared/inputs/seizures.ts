import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, pastDate, pastDateTime, requiredText, rule, shortText, sortDirection, uuid } from '../schemas.ts';
import { CUSTODY_PURPOSES, DISPOSITIONS, QUANTITY_UNITS, SEIZURE_SORT_COLUMNS } from '../domain.ts';
import { eccn, hsCode } from './codes.ts';
import { country } from './identifiers.ts';
import { money } from './money.ts';

/**
 * Input schemas of the seizure and custody methods. Pure (zod and vocabularies only): the
 * renderer validates with them too.
 */

/** Seal numbers on packaging or on the goods: each trimmed and non-empty, no duplicates. */
const sealNumbers = z
  .array(requiredText(100))
  .max(50)
  .refine((list) => new Set(list).size === list.length, rule('seal.duplicate', 'The same seal number appears twice'));

const entityIds = z
  .array(uuid)
  .max(50)
  .refine((list) => new Set(list).size === list.length, rule('seizure.duplicate_entity', 'The same entity appears twice'));

/** Terms of release: an amount to pay to get the goods back, a security, or both. */
export const termsOfRelease = z
  .strictObject({
    amount: money.nullable().default(null),
    security: multiline(z.string().trim().max(2000)).nullable().default(null),
  })
  .refine(
    (t) => t.amount !== null || (t.security !== null && t.security !== ''),
    rule('seizure.terms_empty', 'Give an amount, a security, or both (or null for no terms)'),
  );

export const seizedItemFields = {
  description: requiredText(1000),
  quantity: z.int().min(1).max(1_000_000_000),
  unit: z.enum(QUANTITY_UNITS),
  hsCode: hsCode.nullable(),
  eccn: eccn.nullable(),
  originCountry: country.nullable(),
  value: money,
  sealNumbers,
  /** Where the item was when seized; defaults to the place of seizure. */
  initialLocation: requiredText(300),
};

export const seizedItemInput = z.strictObject({
  description: seizedItemFields.description,
  quantity: seizedItemFields.quantity,
  unit: seizedItemFields.unit.default('piece'),
  hsCode: seizedItemFields.hsCode.default(null),
  eccn: seizedItemFields.eccn.default(null),
  originCountry: seizedItemFields.originCountry.default(null),
  value: seizedItemFields.value,
  sealNumbers: seizedItemFields.sealNumbers.default([]),
  initialLocation: seizedItemFields.initialLocation.optional(),
});

export const seizureFields = {
  /** Agency-unique; generated (`2026-SZ-000045`) when not given. */
  seizureNumber: requiredText(50),
  /** The instant of the seizure, with its offset; stored in UTC. */
  seizedAt: pastDateTime,
  place: requiredText(300),
  seizingOfficer: requiredText(200),
  seizedFromEntityId: uuid.nullable(),
  ownerEntityId: uuid.nullable(),
  claimantEntityIds: entityIds,
  legalProvision: z.string().trim().max(500),
  /** An entity of kind conveyance (vessel, aircraft, vehicle, container). */
  conveyanceEntityId: uuid.nullable(),
  storageLocation: z.string().trim().max(300),
  custodian: z.string().trim().max(200),
  termsOfRelease: termsOfRelease.nullable(),
  ascertainedForfeiture: money.nullable(),
  notes: multiline(z.string().max(20000)),
};

export const seizureCreateInput = z.strictObject({
  caseId: uuid,
  seizureNumber: seizureFields.seizureNumber.optional(),
  seizedAt: seizureFields.seizedAt,
  place: seizureFields.place,
  seizingOfficer: seizureFields.seizingOfficer.optional(),
  seizedFromEntityId: seizureFields.seizedFromEntityId.default(null),
  ownerEntityId: seizureFields.ownerEntityId.default(null),
  claimantEntityIds: seizureFields.claimantEntityIds.default([]),
  legalProvision: seizureFields.legalProvision.default(''),
  conveyanceEntityId: seizureFields.conveyanceEntityId.default(null),
  storageLocation: seizureFields.storageLocation.default(''),
  custodian: seizureFields.custodian.optional(),
  termsOfRelease: seizureFields.termsOfRelease.default(null),
  ascertainedForfeiture: seizureFields.ascertainedForfeiture.default(null),
  notes: seizureFields.notes.default(''),
  items: z.array(seizedItemInput).min(1, 'A seizure has at least one goods line').max(500),
});

export const seizureUpdateInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  seizureNumber: seizureFields.seizureNumber.optional(),
  seizedAt: seizureFields.seizedAt.optional(),
  place: seizureFields.place.optional(),
  seizingOfficer: seizureFields.seizingOfficer.optional(),
  seizedFromEntityId: seizureFields.seizedFromEntityId.optional(),
  ownerEntityId: seizureFields.ownerEntityId.optional(),
  claimantEntityIds: seizureFields.claimantEntityIds.optional(),
  legalProvision: seizureFields.legalProvision.optional(),
  conveyanceEntityId: seizureFields.conveyanceEntityId.optional(),
  storageLocation: seizureFields.storageLocation.optional(),
  custodian: seizureFields.custodian.optional(),
  termsOfRelease: seizureFields.termsOfRelease.optional(),
  ascertainedForfeiture: seizureFields.ascertainedForfeiture.optional(),
  notes: seizureFields.notes.optional(),
});

export const seizureSetDispositionInput = z.strictObject({
  id: uuid,
  disposition: z.enum(DISPOSITIONS),
  /** The date of the decision or of the disposal. */
  dispositionOn: pastDate,
  /** Who decided, under what power: e.g. "Minister's decision s. 131, ref. 2026-0412". */
  authority: requiredText(500),
  version: z.int().min(1).optional(),
});

export const seizureAddItemInput = seizedItemInput.extend({ seizureId: uuid });

export const seizureGetInput = z.strictObject({ id: uuid });

export const seizureListInput = z.strictObject({
  sort: z
    .strictObject({ column: z.enum(SEIZURE_SORT_COLUMNS), direction: sortDirection })
    .default({ column: 'seizedAt', direction: 'desc' }),
  caseId: uuid.optional(),
  disposition: z.array(z.enum(DISPOSITIONS)).max(DISPOSITIONS.length).optional(),
  text: z.string().max(200).optional(),
  ...paging,
});

export const seizureTotalsByCaseInput = z.strictObject({ caseId: uuid });

/** The fields of one custody movement (or of its correction: a full replacement). */
export const custodyMovementFields = {
  at: pastDateTime,
  releasedBy: requiredText(200),
  receivedBy: requiredText(200),
  fromLocation: requiredText(300),
  toLocation: requiredText(300),
  purpose: z.enum(CUSTODY_PURPOSES),
  condition: shortText(500),
  sealNumbers,
  notes: multiline(z.string().trim().max(5000)),
};

const custodyMovement = {
  at: custodyMovementFields.at,
  releasedBy: custodyMovementFields.releasedBy,
  receivedBy: custodyMovementFields.receivedBy,
  fromLocation: custodyMovementFields.fromLocation,
  toLocation: custodyMovementFields.toLocation,
  purpose: custodyMovementFields.purpose,
  condition: custodyMovementFields.condition.default(''),
  sealNumbers: custodyMovementFields.sealNumbers.default([]),
  notes: custodyMovementFields.notes.default(''),
};

export const custodyRecordInput = z.strictObject({
  itemId: uuid,
  ...custodyMovement,
  /** Set for a correction: the entry this one replaces in the effective chain. */
  correctsEntryId: uuid.nullable().default(null),
});

/** Several corrections of one item's chain at once, checked together (e.g. a wrong name carried over two entries). */
export const custodyCorrectInput = z.strictObject({
  itemId: uuid,
  corrections: z
    .array(z.strictObject({ correctsEntryId: uuid, ...custodyMovement }))
    .min(1)
    .max(100)
    .refine(
      (list) => new Set(list.map((c) => c.correctsEntryId)).size === list.length,
      rule('custody.correction_duplicate', 'Each entry can be corrected only once per call'),
    ),
});

export const custodyChainInput = z.strictObject({ itemId: uuid });
