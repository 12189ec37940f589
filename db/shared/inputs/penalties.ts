import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, pastDate, plannedDate, requiredText, shortText, sortDirection, uuid } from '../schemas.ts';
import { CASE_ROLES, PAYMENT_METHODS, PENALTY_LEVELS, PENALTY_SORT_COLUMNS, PENALTY_STATUSES } from '../domain.ts';
import { currency, minorUnits } from './money.ts';
import { recordNumber } from './detentions.ts';

/**
 * Input schemas of the monetary penalty methods. Pure (zod and vocabularies only): the renderer
 * validates with them too. Amounts are integer minor units (cents) with an ISO 4217 currency.
 */
export const penaltyFields = {
  noticeNumber: recordNumber,
  /** The contravention as the agency's schedule numbers it, e.g. C151 or 15 CFR 764.2(a). */
  contraventionCode: requiredText(100),
  entityId: uuid,
  amountMinor: minorUnits.min(1, 'A penalty is at least one minor unit (0.01)'),
  currency,
  assessedOn: pastDate,
  dueOn: plannedDate,
  level: z.enum(PENALTY_LEVELS),
  notes: multiline(z.string().max(20000)),
};

export const penaltyCreateInput = z.strictObject({
  caseId: uuid,
  noticeNumber: penaltyFields.noticeNumber.optional(),
  contraventionCode: penaltyFields.contraventionCode,
  entityId: penaltyFields.entityId,
  /** The role the penalized party takes in the case when it has none yet (added in the same transaction). */
  partyRole: z.enum(CASE_ROLES).default('subject'),
  amountMinor: penaltyFields.amountMinor,
  currency: penaltyFields.currency,
  /** Defaults to today. */
  assessedOn: penaltyFields.assessedOn.optional(),
  /** Defaults to the assessment date plus PENALTY_PAYMENT_DAYS. */
  dueOn: penaltyFields.dueOn.optional(),
  level: penaltyFields.level.default('first'),
  notes: penaltyFields.notes.default(''),
});

/** Before any payment, every field; afterwards only notes (amounts change through setStatus 'reduced'). */
export const penaltyUpdateInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  noticeNumber: penaltyFields.noticeNumber.optional(),
  contraventionCode: penaltyFields.contraventionCode.optional(),
  entityId: penaltyFields.entityId.optional(),
  amountMinor: penaltyFields.amountMinor.optional(),
  currency: penaltyFields.currency.optional(),
  assessedOn: penaltyFields.assessedOn.optional(),
  dueOn: penaltyFields.dueOn.optional(),
  level: penaltyFields.level.optional(),
  notes: penaltyFields.notes.optional(),
});

export const penaltySetStatusInput = z.strictObject({
  id: uuid,
  status: z.enum(PENALTY_STATUSES),
  /** Only with status 'reduced': the new amount, lower than the current one. */
  reducedAmountMinor: minorUnits.optional(),
  /** Required for reduced, cancelled and written_off. */
  reason: multiline(requiredText(2000)).optional(),
  /** The date of the decision; defaults to today. */
  on: pastDate.optional(),
  version: z.int().min(1).optional(),
});

export const penaltyRecordPaymentInput = z.strictObject({
  penaltyId: uuid,
  /** Defaults to today. */
  paidOn: pastDate.optional(),
  amountMinor: minorUnits.min(1, 'A payment is at least one minor unit'),
  currency,
  method: z.enum(PAYMENT_METHODS),
  reference: shortText(200).default(''),
  version: z.int().min(1).optional(),
});

export const penaltyGetInput = z.strictObject({ id: uuid });

export const penaltyListInput = z.strictObject({
  caseId: uuid.optional(),
  status: z.array(z.enum(PENALTY_STATUSES)).min(1).max(PENALTY_STATUSES.length).optional(),
  /** Only penalties past their due date with something still owed. */
  overdue: z.boolean().optional(),
  currency: currency.optional(),
  sort: z
    .strictObject({ column: z.enum(PENALTY_SORT_COLUMNS), direction: sortDirection })
    .default({ column: 'assessedOn', direction: 'desc' }),
  ...paging,
});
