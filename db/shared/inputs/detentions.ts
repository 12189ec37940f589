import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, pastDate, pastDateTime, plannedDate, requiredText, rule, shortText, sortDirection, uuid } from '../schemas.ts';
import {
  DETENTION_OUTCOMES,
  DETENTION_SORT_COLUMNS,
  DETENTION_STATES,
  DETENTION_SUBJECTS,
  INFO_REQUEST_KINDS,
} from '../domain.ts';
import { eccn } from './codes.ts';
import { country } from './identifiers.ts';

/** Input schemas of the detention methods. Pure (zod and vocabularies only): the renderer validates with them too. */

/** A record number typed by the officer (`2026-DT-000012`, `BSF-241-0043`): letters, digits and - / . */
export const recordNumber = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(50)
  .refine(
    (v) => /^[A-Za-z0-9](?:[A-Za-z0-9 ./-]*[A-Za-z0-9])?$/.test(v),
    rule('number.format', 'Letters and digits, with - / . or spaces between them'),
  );

export const detentionFields = {
  detentionNumber: recordNumber,
  subject: z.enum(DETENTION_SUBJECTS),
  /** When the detention started: an instant with its offset, stored in UTC. */
  startedAt: pastDateTime,
  place: shortText(300),
  legalAuthority: shortText(1000),
  exporterId: uuid.nullable(),
  consigneeId: uuid.nullable(),
  destinationCountry: country.nullable(),
  /** The permit the exporter declared, as written on the declaration. */
  declaredPermit: shortText(100).nullable(),
  /** The ECCN the exporter declared (validated like every ECCN), or EAR99. */
  declaredEccn: eccn.nullable(),
  reason: multiline(z.string().trim().max(5000)),
  /** The technical-assessment office the goods were referred to, with the referral date. */
  assessmentOffice: requiredText(300).nullable(),
  referredOn: pastDate.nullable(),
  assessmentDueOn: plannedDate.nullable(),
  assessmentAnsweredOn: pastDate.nullable(),
  reviewDueOn: plannedDate,
  notes: multiline(z.string().max(20000)),
};

export const detentionCreateInput = z.strictObject({
  caseId: uuid,
  detentionNumber: detentionFields.detentionNumber.optional(),
  subject: detentionFields.subject,
  startedAt: detentionFields.startedAt.optional(),
  place: detentionFields.place.default(''),
  legalAuthority: detentionFields.legalAuthority.default(''),
  exporterId: detentionFields.exporterId.default(null),
  consigneeId: detentionFields.consigneeId.default(null),
  destinationCountry: detentionFields.destinationCountry.default(null),
  declaredPermit: detentionFields.declaredPermit.default(null),
  declaredEccn: detentionFields.declaredEccn.default(null),
  reason: detentionFields.reason.default(''),
  assessmentOffice: detentionFields.assessmentOffice.default(null),
  referredOn: detentionFields.referredOn.default(null),
  assessmentDueOn: detentionFields.assessmentDueOn.default(null),
  assessmentAnsweredOn: detentionFields.assessmentAnsweredOn.default(null),
  reviewDueOn: detentionFields.reviewDueOn.optional(),
  notes: detentionFields.notes.default(''),
});

export const detentionUpdateInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  detentionNumber: detentionFields.detentionNumber.optional(),
  subject: detentionFields.subject.optional(),
  startedAt: detentionFields.startedAt.optional(),
  place: detentionFields.place.optional(),
  legalAuthority: detentionFields.legalAuthority.optional(),
  exporterId: detentionFields.exporterId.optional(),
  consigneeId: detentionFields.consigneeId.optional(),
  destinationCountry: detentionFields.destinationCountry.optional(),
  declaredPermit: detentionFields.declaredPermit.optional(),
  declaredEccn: detentionFields.declaredEccn.optional(),
  reason: detentionFields.reason.optional(),
  assessmentOffice: detentionFields.assessmentOffice.optional(),
  referredOn: detentionFields.referredOn.optional(),
  assessmentDueOn: detentionFields.assessmentDueOn.optional(),
  assessmentAnsweredOn: detentionFields.assessmentAnsweredOn.optional(),
  reviewDueOn: detentionFields.reviewDueOn.optional(),
  notes: detentionFields.notes.optional(),
});

export const detentionEndInput = z.strictObject({
  id: uuid,
  outcome: z.enum(DETENTION_OUTCOMES),
  /** Defaults to now. */
  endedAt: pastDateTime.optional(),
  version: z.int().min(1).optional(),
});

export const detentionGetInput = z.strictObject({ id: uuid });

export const detentionListInput = z.strictObject({
  caseId: uuid.optional(),
  state: z.enum(DETENTION_STATES).optional(),
  sort: z
    .strictObject({ column: z.enum(DETENTION_SORT_COLUMNS), direction: sortDirection })
    .default({ column: 'startedAt', direction: 'desc' }),
  ...paging,
});

export const infoRequestFields = {
  kind: z.enum(INFO_REQUEST_KINDS),
  description: multiline(z.string().trim().max(5000)),
  requestedOn: pastDate,
  dueOn: plannedDate,
  receivedOn: pastDate,
};

export const detentionAddRequestInput = z.strictObject({
  detentionId: uuid,
  kind: infoRequestFields.kind,
  description: infoRequestFields.description.default(''),
  /** Defaults to today. */
  requestedOn: infoRequestFields.requestedOn.optional(),
  dueOn: infoRequestFields.dueOn,
});

export const detentionReceiveRequestInput = z.strictObject({
  id: uuid,
  /** Defaults to today. */
  receivedOn: infoRequestFields.receivedOn.optional(),
  version: z.int().min(1).optional(),
});
