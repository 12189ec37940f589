import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, pastDate, plannedDate, requiredText, rule, shortText, sortDirection, uuid } from '../schemas.ts';
import {
  CASE_ROLES,
  CHECK_CONDUCTORS,
  CHECK_FOLLOW_UPS,
  CHECK_METHODS,
  CHECK_OUTCOMES,
  CHECK_PARTY_ROLES,
  CHECK_POINT_ANSWERS,
  CHECK_SORT_COLUMNS,
  CHECK_STATUSES,
  CHECK_TYPES,
  QUANTITY_UNITS,
  UNVERIFIED_REASONS,
} from '../domain.ts';
import { eccn, hsCode } from './codes.ts';
import { country } from './identifiers.ts';
import { recordNumber } from './detentions.ts';
import { caseCreateInput } from './cases.ts';

/** Input schemas of the end-use check methods (pre-license checks, post-shipment verifications). */

export const checkGoodsInput = z.strictObject({
  description: requiredText(1000),
  quantity: z.int().min(1, rule('quantity.positive', 'A quantity must be positive')).max(1_000_000_000).nullable().default(null),
  unit: z.enum(QUANTITY_UNITS).nullable().default(null),
  eccn: eccn.nullable().default(null),
  hsCode: hsCode.nullable().default(null),
  /** The seized item these goods are, when the check is about seized goods. */
  seizedItemId: uuid.nullable().default(null),
});

const point = z.enum(CHECK_POINT_ANSWERS).nullable();

export const checkFields = {
  checkNumber: recordNumber,
  checkType: z.enum(CHECK_TYPES),
  partyId: uuid,
  partyRole: z.enum(CHECK_PARTY_ROLES),
  /** The licence or permit the check is about, as written on it. */
  licenceNumber: shortText(100).nullable(),
  country,
  conductedBy: z.enum(CHECK_CONDUCTORS),
  /** The officer, post or embassy by name. */
  conductor: shortText(200),
  method: z.enum(CHECK_METHODS),
  requestedOn: pastDate,
  scheduledOn: plannedDate,
  conductedOn: pastDate,
  notes: multiline(z.string().max(20000)),
  findings: multiline(z.string().trim().max(20000)),
  reason: multiline(z.string().trim().min(1, 'Required').max(2000)),
};

export const checkCreateInput = z.strictObject({
  caseId: uuid,
  checkNumber: checkFields.checkNumber.optional(),
  checkType: checkFields.checkType,
  partyId: checkFields.partyId,
  partyRole: checkFields.partyRole.default('end_user'),
  licenceNumber: checkFields.licenceNumber.default(null),
  country: checkFields.country,
  conductedBy: checkFields.conductedBy.default('export_control_officer'),
  conductor: checkFields.conductor.default(''),
  method: checkFields.method.default('on_site'),
  /** Defaults to today. */
  requestedOn: checkFields.requestedOn.optional(),
  /** Given: the check is scheduled at once. */
  scheduledOn: checkFields.scheduledOn.nullable().default(null),
  goods: z.array(checkGoodsInput).max(200).default([]),
  notes: checkFields.notes.default(''),
});

/** Fields that do not move the check along its statuses (those are schedule, complete, cancel). */
export const checkUpdateInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  checkNumber: checkFields.checkNumber.optional(),
  checkType: checkFields.checkType.optional(),
  partyId: checkFields.partyId.optional(),
  partyRole: checkFields.partyRole.optional(),
  licenceNumber: checkFields.licenceNumber.optional(),
  country: checkFields.country.optional(),
  conductedBy: checkFields.conductedBy.optional(),
  conductor: checkFields.conductor.optional(),
  method: checkFields.method.optional(),
  requestedOn: checkFields.requestedOn.optional(),
  notes: checkFields.notes.optional(),
});

export const checkAddGoodsInput = checkGoodsInput.extend({ checkId: uuid });

export const checkScheduleInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  scheduledOn: checkFields.scheduledOn,
});

export const checkCompleteInput = z
  .strictObject({
    id: uuid,
    version: z.int().min(1).optional(),
    /** Defaults to today. */
    conductedOn: checkFields.conductedOn.optional(),
    outcome: z.enum(CHECK_OUTCOMES),
    unverifiedReason: z.enum(UNVERIFIED_REASONS).nullable().default(null),
    goodsPresent: point.default(null),
    usedAsDeclared: point.default(null),
    atDeclaredPlace: point.default(null),
    byDeclaredEndUser: point.default(null),
    findings: checkFields.findings.default(''),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'unable_to_verify' && v.unverifiedReason === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['unverifiedReason'],
        ...rule('check.unverified_needs_reason', 'Say why the party could not be verified'),
      });
    }
    if (v.outcome !== 'unable_to_verify' && v.unverifiedReason !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['unverifiedReason'],
        ...rule('check.reason_only_unverified', 'Only a check that could not verify the party has a reason for it'),
      });
    }
  });

export const checkCancelInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  reason: checkFields.reason,
});

/**
 * The follow-up of an unfavorable or unverified check, in one step: `open_case` (a new case,
 * its title defaulting to the party and the check), `add_to_case` (caseId), `list_candidate` (reason).
 */
export const checkFollowUpInput = z
  .strictObject({
    id: uuid,
    action: z.enum(CHECK_FOLLOW_UPS),
    case: caseCreateInput.partial({ title: true }).optional(),
    caseId: uuid.optional(),
    role: z.enum(CASE_ROLES).default('subject'),
    reason: checkFields.reason.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'add_to_case' && v.caseId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['caseId'], ...rule('check.follow_up_case', 'Choose the case to add the party to') });
    }
    if (v.action === 'list_candidate' && v.reason === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        ...rule('check.follow_up_reason', 'Say why the party should be on a list'),
      });
    }
  });

export const checkGetInput = z.strictObject({ id: uuid });

export const checkListInput = z.strictObject({
  caseId: uuid.optional(),
  status: z.enum(CHECK_STATUSES).optional(),
  outcome: z.enum(CHECK_OUTCOMES).optional(),
  sort: z
    .strictObject({ column: z.enum(CHECK_SORT_COLUMNS), direction: sortDirection })
    .default({ column: 'requestedOn', direction: 'desc' }),
  ...paging,
});
