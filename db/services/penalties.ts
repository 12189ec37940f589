import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, notFound, refusal, type ReasonParams, type Refusal } from '../errors.ts';
import { addDays, localDate } from '../shared/time.ts';
import {
  PENALTY_CORRECTION_DAYS,
  PENALTY_FINAL_STATUSES,
  PENALTY_PAYMENT_DAYS,
  PENALTY_REASON_REQUIRED,
  PENALTY_REVIEW_DAYS,
  PENALTY_STATUSES,
  PENALTY_TRANSITIONS,
  type PaymentMethod,
  type PenaltyLevel,
  type PenaltySortColumn,
  type PenaltyStatus,
  type SecurityMarking,
} from '../shared/domain.ts';
import { minorDigits } from '../shared/inputs/money.ts';
import type {
  penaltyCreateInput,
  penaltyListInput,
  penaltyRecordPaymentInput,
  penaltySetStatusInput,
  penaltyUpdateInput,
} from '../shared/inputs/penalties.ts';
import { entitySummary, type EntitySummary } from './entities.ts';
import { addCaseEntity } from './case-entities.ts';
import { assertNumberYear, nextRecordNumber, numberForDate, penaltyNumbers } from './record-numbers.ts';
import { assertVersion, requireCase } from './guards.ts';
import { runList, type ListSql } from '../list-sql.ts';
import { assertCaseTotalsExact, exactAmount, exactSum } from '../money-sums.ts';

/** Money is integer minor units of `currency` everywhere below; nothing is ever a float. */
export interface Penalty {
  id: string;
  caseId: string;
  noticeNumber: string;
  contraventionCode: string;
  entityId: string;
  /** The amount assessed. */
  amountMinor: number;
  currency: string;
  /** The amount after a reduction (status reduced), else null. */
  reducedAmountMinor: number | null;
  reductionReason: string | null;
  reducedOn: string | null;
  /** What is owed in all: the reduced amount, else the amount assessed. */
  effectiveAmountMinor: number;
  /** The sum of the payments. */
  paidMinor: number;
  /** effectiveAmountMinor - paidMinor. */
  balanceMinor: number;
  assessedOn: string;
  dueOn: string;
  level: PenaltyLevel;
  status: PenaltyStatus;
  /** The date of the last status change. */
  statusOn: string;
  statusReason: string;
  notes: string;
  /** The last day the penalized party may ask for a correction (assessed + PENALTY_CORRECTION_DAYS). */
  correctionWindowEndsOn: string;
  /** The last day they may ask for a formal review (assessed + PENALTY_REVIEW_DAYS). */
  reviewWindowEndsOn: string;
  /** Past its due date and not final (a penalty that is not final always has a balance). */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Payment {
  id: string;
  penaltyId: string;
  caseId: string;
  paidOn: string;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
  reference: string;
  createdAt: string;
}

export interface PenaltyDetail extends Penalty {
  caseFileNumber: string;
  /** The case's marking, shown with the record. */
  caseSecurityMarking: SecurityMarking;
  entity: EntitySummary;
  payments: Payment[];
  /** The statuses penalties.setStatus would accept now. */
  allowedStatuses: PenaltyStatus[];
}

export interface PenaltyListRow {
  id: string;
  caseId: string;
  caseFileNumber: string;
  noticeNumber: string;
  contraventionCode: string;
  entityId: string;
  entityName: string;
  amountMinor: number;
  reducedAmountMinor: number | null;
  effectiveAmountMinor: number;
  paidMinor: number;
  balanceMinor: number;
  currency: string;
  assessedOn: string;
  dueOn: string;
  level: PenaltyLevel;
  status: PenaltyStatus;
  overdue: boolean;
}

interface PenaltyRow {
  id: string;
  case_id: string;
  notice_number: string;
  contravention_code: string;
  entity_id: string;
  amount_minor: number;
  currency: string;
  reduced_amount_minor: number | null;
  reduction_reason: string | null;
  reduced_on: string | null;
  paid_minor: number;
  effective_minor: number;
  balance_minor: number;
  assessed_on: string;
  due_on: string;
  level: PenaltyLevel;
  status: PenaltyStatus;
  status_on: string;
  status_reason: string;
  notes: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The values of the generated column status_rank (migration 005): PENALTY_STATUSES order. */
export const PENALTY_STATUS_RANKS: Readonly<Record<PenaltyStatus, number>> = Object.fromEntries(
  PENALTY_STATUSES.map((s, i) => [s, i + 1]),
) as Record<PenaltyStatus, number>;

const FINAL_SQL = `('paid','cancelled','written_off')`;
const OPEN_RANKS = PENALTY_STATUSES.filter((s) => !PENALTY_FINAL_STATUSES.includes(s)).map((s) => PENALTY_STATUS_RANKS[s]);

function isFinal(status: PenaltyStatus): boolean {
  return PENALTY_FINAL_STATUSES.includes(status);
}

function toPenalty(r: PenaltyRow, todayDate: string): Penalty {
  return {
    id: r.id,
    caseId: r.case_id,
    noticeNumber: r.notice_number,
    contraventionCode: r.contravention_code,
    entityId: r.entity_id,
    amountMinor: r.amount_minor,
    currency: r.currency,
    reducedAmountMinor: r.reduced_amount_minor,
    reductionReason: r.reduction_reason,
    reducedOn: r.reduced_on,
    effectiveAmountMinor: r.effective_minor,
    paidMinor: r.paid_minor,
    balanceMinor: r.balance_minor,
    assessedOn: r.assessed_on,
    dueOn: r.due_on,
    level: r.level,
    status: r.status,
    statusOn: r.status_on,
    statusReason: r.status_reason,
    notes: r.notes,
    correctionWindowEndsOn: addDays(r.assessed_on, PENALTY_CORRECTION_DAYS),
    reviewWindowEndsOn: addDays(r.assessed_on, PENALTY_REVIEW_DAYS),
    overdue: !isFinal(r.status) && r.due_on < todayDate,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** An exact decimal rendering of minor units for messages: 123456 CAD -> "1234.56 CAD". */
const digitsCache = new Map<string, number>();

export function formatMinor(amountMinor: number, currency: string): string {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = minorDigits(currency);
    digitsCache.set(currency, digits);
  }
  const units = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const text = digits ? `${units.slice(0, -digits)}.${units.slice(-digits)}` : units;
  return `${amountMinor < 0 ? '-' : ''}${text} ${currency}`;
}

function invalid(field: string, message: string, reason: string, params: ReasonParams = {}): DossierError {
  return new DossierError('invalid_input', `${field}: ${message}`, field, reason, params);
}

function loadRow(db: Db, id: string, field = 'id'): PenaltyRow {
  const row = sql(db, 'SELECT * FROM penalties WHERE id = ?').get(id) as PenaltyRow | undefined;
  if (!row) throw notFound('penalty', id, field);
  return row;
}

const paymentColumns = `id, penalty_id AS penaltyId, case_id AS caseId, paid_on AS paidOn, amount_minor AS amountMinor,
  currency, method, reference, created_at AS createdAt`;

/** The sum of a penalty's payments, exact (db/money-sums.ts). */
function sumPayments(db: Db, penaltyId: string): number {
  const row = sql(db, `SELECT ${exactSum('amount_minor', 'paid')} FROM penalty_payments WHERE penalty_id = ?`).get(
    penaltyId,
  ) as object;
  return exactAmount(row, 'paid', 'paid on the penalty');
}

/** The statuses setStatus would accept now, with their conditions (see PENALTY_TRANSITIONS). */
function allowedStatuses(p: Penalty): PenaltyStatus[] {
  return PENALTY_TRANSITIONS[p.status].filter((to) => transitionProblem(p, to) === null);
}

/**
 * Why setStatus may not move `p` to `to` (beyond the table itself), or null. Reasons and
 * amounts are checked with the input, in setPenaltyStatus.
 */
function transitionProblem(p: Penalty, to: PenaltyStatus): Refusal | null {
  if (!PENALTY_TRANSITIONS[p.status].includes(to)) {
    const allowed = PENALTY_TRANSITIONS[p.status];
    return allowed.length
      ? refusal('penalty.transition', `a penalty that is ${p.status} cannot become ${to} (allowed: ${allowed.join(', ')})`, {
          status: p.status,
          to,
          allowed: allowed.join(', '),
        })
      : refusal('penalty.status_final', `a penalty that is ${p.status} cannot become ${to} (${p.status} is final)`, {
          status: p.status,
          to,
        });
  }
  switch (to) {
    case 'paid':
      return p.balanceMinor === 0
        ? null
        : refusal(
            'penalty.balance_owed',
            `a penalty is paid when its payments cover it: ${formatMinor(p.balanceMinor, p.currency)} is still owed`,
            { balance: formatMinor(p.balanceMinor, p.currency), balanceMinor: p.balanceMinor, currency: p.currency },
          );
    case 'partly_paid':
      if (p.status !== 'under_review') {
        return refusal('penalty.partly_paid_by_payment', 'partly_paid follows a payment: record it with penalties.recordPayment');
      }
      return p.paidMinor > 0 && p.balanceMinor > 0
        ? null
        : p.paidMinor === 0
          ? refusal('penalty.review_ends_issued', 'nothing was paid yet: a review of this penalty ends in issued')
          : refusal('penalty.balance_zero', 'the balance is 0: the penalty is paid');
    case 'issued':
      return p.paidMinor === 0
        ? null
        : refusal('penalty.review_ends_partly_paid', 'payments were made: a review of this penalty ends in partly_paid');
    case 'reduced':
      return p.balanceMinor > 0 ? null : refusal('penalty.nothing_owed', 'nothing is owed any more');
    default:
      return null;
  }
}

export function getPenalty(ctx: Pick<Ctx, 'db' | 'clock'>, id: string): PenaltyDetail {
  const row = loadRow(ctx.db, id);
  const p = toPenalty(row, localDate(ctx.clock()));
  const paid = sumPayments(ctx.db, id);
  if (paid !== p.paidMinor) {
    throw new DossierError(
      'internal',
      `penalty ${p.noticeNumber}: its payments add up to ${paid}, but it records ${p.paidMinor}`,
    );
  }
  const payments = sql(ctx.db, `SELECT ${paymentColumns} FROM penalty_payments WHERE penalty_id = ? ORDER BY paid_on, seq`).all(
    id,
  ) as Payment[];
  const c = sql(ctx.db, 'SELECT file_number, security_marking FROM cases WHERE id = ?').get(p.caseId) as {
    file_number: string;
    security_marking: SecurityMarking;
  };
  return {
    ...p,
    caseFileNumber: c.file_number,
    caseSecurityMarking: c.security_marking,
    entity: entitySummary(ctx.db, p.entityId, 'entityId'),
    payments,
    allowedStatuses: allowedStatuses(p),
  };
}

function assertPenalized(db: Db, entityId: string): void {
  const entity = entitySummary(db, entityId, 'entityId');
  if (entity.kind !== 'person' && entity.kind !== 'organization') {
    throw invalid(
      'entityId',
      `a penalty is issued to a person or an organization, and ${entity.name} is a ${entity.kind}`,
      'penalty.party_kind',
      { name: entity.name, kind: entity.kind },
    );
  }
}

function assertNoticeFree(db: Db, number: string, exceptId: string | null): void {
  const row = sql(db, 'SELECT id FROM penalties WHERE notice_number = ?').get(number) as { id: string } | undefined;
  if (row && row.id !== exceptId) {
    throw new DossierError(
      'conflict',
      `noticeNumber: ${number} is already the number of another penalty`,
      'noticeNumber',
      'number.taken',
      {
        number,
        recordType: 'penalty',
      },
    );
  }
}

function checkDates(assessedOn: string, dueOn: string): void {
  if (dueOn < assessedOn)
    throw invalid('dueOn', `must not be before the assessment (${assessedOn})`, 'penalty.before_assessment', { assessedOn });
}

// --- Writes ------------------------------------------------------------------------------------

export function createPenalty(ctx: Ctx, input: z.output<typeof penaltyCreateInput>): PenaltyDetail {
  requireCase(ctx.db, input.caseId);
  assertPenalized(ctx.db, input.entityId);
  const todayDate = localDate(ctx.clock());
  const assessedOn = input.assessedOn ?? todayDate;
  const dueOn = input.dueOn ?? addDays(assessedOn, PENALTY_PAYMENT_DAYS);
  checkDates(assessedOn, dueOn);
  if (input.noticeNumber !== undefined) {
    assertNoticeFree(ctx.db, input.noticeNumber, null);
    assertNumberYear(penaltyNumbers, input.noticeNumber, assessedOn);
  }
  const number = input.noticeNumber ?? nextRecordNumber(ctx.db, penaltyNumbers, assessedOn.slice(0, 4), 'AMP');
  // A party from outside the case joins it, with its role, in this same transaction.
  if (!sql(ctx.db, 'SELECT 1 FROM case_entities WHERE case_id = ? AND entity_id = ?').get(input.caseId, input.entityId)) {
    try {
      addCaseEntity(ctx, { caseId: input.caseId, entityId: input.entityId, role: input.partyRole, notes: '' });
    } catch (e) {
      if (e instanceof DossierError && e.field === 'role') {
        throw new DossierError(e.code, `partyRole${e.message.slice('role'.length)}`, 'partyRole', e.reason, e.params);
      }
      throw e;
    }
  }
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('penalty', id, input.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO penalties (id, case_id, notice_number, contravention_code, entity_id, amount_minor, currency,
         assessed_on, due_on, level, status, status_on, notes, created_at, updated_at)
       VALUES (@id, @caseId, @number, @contraventionCode, @entityId, @amountMinor, @currency,
         @assessedOn, @dueOn, @level, 'issued', @assessedOn, @notes, @now, @now)`,
    ).run({
      id,
      caseId: input.caseId,
      number,
      contraventionCode: input.contraventionCode,
      entityId: input.entityId,
      amountMinor: input.amountMinor,
      currency: input.currency,
      assessedOn,
      dueOn,
      level: input.level,
      notes: input.notes,
      now,
    });
  });
  assertCaseTotalsExact(ctx.db, input.caseId, 'amountMinor');
  return getPenalty(ctx, id);
}

const updatableColumns = {
  noticeNumber: 'notice_number',
  contraventionCode: 'contravention_code',
  entityId: 'entity_id',
  amountMinor: 'amount_minor',
  currency: 'currency',
  assessedOn: 'assessed_on',
  dueOn: 'due_on',
  level: 'level',
  notes: 'notes',
} as const;
type UpdatableKey = keyof typeof updatableColumns;

/**
 * Corrects a penalty as issued. Once it has a payment or has left `issued`, only its notes
 * change: its amount then changes through setStatus 'reduced', which keeps the original.
 */
export function updatePenalty(ctx: Ctx, input: z.output<typeof penaltyUpdateInput>): PenaltyDetail {
  const row = loadRow(ctx.db, input.id);
  assertVersion(row, input.version, 'penalty', row.notice_number);
  const keys = (Object.keys(updatableColumns) as UpdatableKey[]).filter((k) => input[k] !== undefined);
  const locked = keys.find((k) => k !== 'notes');
  if (locked !== undefined && (row.paid_minor > 0 || row.status !== 'issued')) {
    throw new DossierError(
      'invalid_transition',
      `${locked}: penalty ${row.notice_number} ${row.paid_minor > 0 ? 'has payments' : `is ${row.status}`}; only its notes can change now` +
        ' (a lower amount is a reduction: penalties.setStatus reduced)',
      locked,
      row.paid_minor > 0 ? 'penalty.locked_by_payments' : 'penalty.locked_by_status',
      { noticeNumber: row.notice_number, status: row.status },
    );
  }
  if (input.entityId !== undefined) assertPenalized(ctx.db, input.entityId);
  const assessedOn = input.assessedOn ?? row.assessed_on;
  checkDates(assessedOn, input.dueOn ?? row.due_on);
  const values: Partial<Record<UpdatableKey, unknown>> = Object.fromEntries(keys.map((k) => [k, input[k]]));
  if (input.noticeNumber !== undefined) {
    assertNoticeFree(ctx.db, input.noticeNumber, row.id);
    assertNumberYear(penaltyNumbers, input.noticeNumber, assessedOn);
  } else if (input.assessedOn !== undefined) {
    values.noticeNumber = numberForDate(ctx.db, penaltyNumbers, row.notice_number, assessedOn);
    keys.push('noticeNumber');
  }
  const current: Record<UpdatableKey, unknown> = {
    noticeNumber: row.notice_number,
    contraventionCode: row.contravention_code,
    entityId: row.entity_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    assessedOn: row.assessed_on,
    dueOn: row.due_on,
    level: row.level,
    notes: row.notes,
  };
  const changed = keys.filter((k) => values[k] !== current[k]);
  if (changed.length === 0) return getPenalty(ctx, row.id);
  const sets = changed.map((k) => `${updatableColumns[k]} = @${k}`);
  // An issued penalty's status date is its assessment date.
  if (changed.includes('assessedOn')) sets.push('status_on = @assessedOn');
  ctx.audit.track('penalty', row.id, row.case_id, () => {
    sql(ctx.db, `UPDATE penalties SET ${sets.join(', ')}, updated_at = @now, version = version + 1 WHERE id = @id`).run({
      ...Object.fromEntries(changed.map((k) => [k, values[k]])),
      id: row.id,
      now: ctx.now(),
    });
  });
  if (changed.includes('amountMinor') || changed.includes('currency')) assertCaseTotalsExact(ctx.db, row.case_id, 'amountMinor');
  return getPenalty(ctx, row.id);
}

export function setPenaltyStatus(ctx: Ctx, input: z.output<typeof penaltySetStatusInput>): PenaltyDetail {
  const row = loadRow(ctx.db, input.id);
  assertVersion(row, input.version, 'penalty', row.notice_number);
  const todayDate = localDate(ctx.clock());
  const p = toPenalty(row, todayDate);
  const problem = transitionProblem(p, input.status);
  if (problem)
    throw new DossierError('invalid_transition', `status: ${problem.message}`, 'status', problem.reason, problem.params);
  if (input.status === 'reduced') {
    if (input.reducedAmountMinor === undefined) {
      throw invalid('reducedAmountMinor', 'a reduction needs the new amount', 'penalty.reduction_needs_amount');
    }
    if (input.reducedAmountMinor >= p.effectiveAmountMinor) {
      throw invalid(
        'reducedAmountMinor',
        `${formatMinor(input.reducedAmountMinor, p.currency)} is not lower than the amount now owed in all, ${formatMinor(p.effectiveAmountMinor, p.currency)}`,
        'penalty.reduction_not_lower',
        {
          amount: formatMinor(input.reducedAmountMinor, p.currency),
          owed: formatMinor(p.effectiveAmountMinor, p.currency),
          amountMinor: input.reducedAmountMinor,
          owedMinor: p.effectiveAmountMinor,
          currency: p.currency,
        },
      );
    }
    if (input.reducedAmountMinor < Math.max(1, p.paidMinor)) {
      throw p.paidMinor > 0
        ? invalid(
            'reducedAmountMinor',
            `${formatMinor(input.reducedAmountMinor, p.currency)} is less than what was already paid, ${formatMinor(p.paidMinor, p.currency)}`,
            'penalty.reduction_below_paid',
            {
              amount: formatMinor(input.reducedAmountMinor, p.currency),
              paid: formatMinor(p.paidMinor, p.currency),
              amountMinor: input.reducedAmountMinor,
              paidMinor: p.paidMinor,
              currency: p.currency,
            },
          )
        : invalid(
            'reducedAmountMinor',
            'a reduction to nothing is a cancellation: use status cancelled',
            'penalty.reduction_to_zero',
          );
    }
  } else if (input.reducedAmountMinor !== undefined) {
    throw invalid('reducedAmountMinor', 'only a reduction has a new amount', 'penalty.amount_only_reduction');
  }
  if (PENALTY_REASON_REQUIRED.includes(input.status) && input.reason === undefined) {
    throw invalid('reason', `a penalty is ${input.status.replace('_', ' ')} only with a reason`, 'penalty.reason_required', {
      status: input.status,
    });
  }
  const on = input.on ?? todayDate;
  if (on < p.assessedOn) {
    throw invalid('on', `must not be before the assessment (${p.assessedOn})`, 'penalty.before_assessment', {
      assessedOn: p.assessedOn,
    });
  }
  const now = ctx.now();
  ctx.audit.track('penalty', row.id, row.case_id, () => {
    if (input.status === 'reduced') {
      const reduced = input.reducedAmountMinor ?? 0;
      // Reduced to exactly what was paid: nothing is owed, so the penalty is paid.
      const status: PenaltyStatus = reduced === p.paidMinor ? 'paid' : 'reduced';
      sql(
        ctx.db,
        `UPDATE penalties SET reduced_amount_minor = ?, reduction_reason = ?, reduced_on = ?, status = ?, status_on = ?,
           status_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
      ).run(reduced, input.reason ?? '', on, status, on, input.reason ?? '', now, row.id);
    } else {
      sql(
        ctx.db,
        'UPDATE penalties SET status = ?, status_on = ?, status_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?',
      ).run(input.status, on, input.reason ?? '', now, row.id);
    }
  });
  return getPenalty(ctx, row.id);
}

/**
 * Records a payment. It may be partial, never more than the balance; its currency is the
 * penalty's. The penalty follows: partly_paid after a first partial payment of an issued or
 * reduced penalty, paid once the balance is 0 (a penalty under review stays so until then).
 */
export function recordPayment(ctx: Ctx, input: z.output<typeof penaltyRecordPaymentInput>): PenaltyDetail {
  const row = loadRow(ctx.db, input.penaltyId, 'penaltyId');
  assertVersion(row, input.version, 'penalty', row.notice_number);
  if (row.status === 'cancelled' || row.status === 'written_off') {
    throw new DossierError(
      'invalid_transition',
      `penaltyId: penalty ${row.notice_number} is ${row.status.replace('_', ' ')}: it takes no payments`,
      'penaltyId',
      'penalty.takes_no_payments',
      { noticeNumber: row.notice_number, status: row.status },
    );
  }
  if (input.currency !== row.currency) {
    throw invalid(
      'currency',
      `penalty ${row.notice_number} is in ${row.currency}: a payment to it is in ${row.currency} too, not ${input.currency}`,
      'penalty.payment_currency',
      { noticeNumber: row.notice_number, currency: row.currency, given: input.currency },
    );
  }
  if (input.amountMinor > row.balance_minor) {
    throw invalid(
      'amountMinor',
      `${input.amountMinor} (${formatMinor(input.amountMinor, row.currency)}) is more than the balance of penalty ${row.notice_number}, ` +
        `${row.balance_minor} (${formatMinor(row.balance_minor, row.currency)}): an overpayment is refused`,
      'penalty.overpayment',
      {
        noticeNumber: row.notice_number,
        amount: formatMinor(input.amountMinor, row.currency),
        balance: formatMinor(row.balance_minor, row.currency),
        amountMinor: input.amountMinor,
        balanceMinor: row.balance_minor,
        currency: row.currency,
      },
    );
  }
  const todayDate = localDate(ctx.clock());
  const paidOn = input.paidOn ?? todayDate;
  if (paidOn < row.assessed_on) {
    throw invalid('paidOn', `must not be before the assessment (${row.assessed_on})`, 'penalty.before_assessment', {
      assessedOn: row.assessed_on,
    });
  }
  const id = randomUUID();
  const now = ctx.now();
  const balance = row.balance_minor - input.amountMinor;
  const status: PenaltyStatus =
    balance === 0 ? 'paid' : row.status === 'issued' || row.status === 'reduced' ? 'partly_paid' : row.status;
  ctx.audit.track('penalty_payment', id, row.case_id, () => {
    sql(
      ctx.db,
      `INSERT INTO penalty_payments (id, penalty_id, case_id, paid_on, amount_minor, currency, method, reference, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, row.id, row.case_id, paidOn, input.amountMinor, input.currency, input.method, input.reference, now);
  });
  ctx.audit.track('penalty', row.id, row.case_id, () => {
    sql(
      ctx.db,
      `UPDATE penalties SET paid_minor = paid_minor + ?, status = ?,
         status_on = CASE WHEN status = ? THEN status_on ELSE ? END, updated_at = ?, version = version + 1 WHERE id = ?`,
    ).run(input.amountMinor, status, status, paidOn, now, row.id);
  });
  return getPenalty(ctx, row.id);
}

// --- The list ----------------------------------------------------------------------------------

export type PenaltyListQuery = z.output<typeof penaltyListInput>;

const sortColumns: Record<PenaltySortColumn, { column: string; index: string }> = {
  noticeNumber: { column: 'notice_number', index: 'penalties_notice' },
  assessedOn: { column: 'assessed_on', index: 'penalties_assessed' },
  dueOn: { column: 'due_on', index: 'penalties_due' },
  amount: { column: 'effective_minor', index: 'penalties_amount' },
  balance: { column: 'balance_minor', index: 'penalties_balance' },
  status: { column: 'status_rank', index: 'penalties_status' },
};

const listColumns = `p.id, p.case_id AS caseId, (SELECT file_number FROM cases c WHERE c.id = p.case_id) AS caseFileNumber,
  p.notice_number AS noticeNumber, p.contravention_code AS contraventionCode, p.entity_id AS entityId,
  (SELECT name FROM entities e WHERE e.id = p.entity_id) AS entityName,
  p.amount_minor AS amountMinor, p.reduced_amount_minor AS reducedAmountMinor, p.effective_minor AS effectiveAmountMinor,
  p.paid_minor AS paidMinor, p.balance_minor AS balanceMinor, p.currency, p.assessed_on AS assessedOn, p.due_on AS dueOn,
  p.level, p.status, (p.status NOT IN ${FINAL_SQL} AND p.due_on < @today) AS overdue`;

/**
 * The SQL behind the penalty list, exported for the bench and the query-plan tests: the page
 * walks the sort column's index (INDEXED BY), which carries status_rank, due_on and currency so
 * that every filter is checked in the index. One case's penalties are read through penalties_case.
 */
export function penaltyListSql(q: PenaltyListQuery, todayDate: string): ListSql {
  const where: string[] = [];
  const params: Record<string, unknown> = { today: todayDate };
  if (q.caseId !== undefined) {
    where.push('p.case_id = @caseId');
    params.caseId = q.caseId;
  }
  if (q.status !== undefined) {
    const ranks = [...new Set(q.status.map((s) => PENALTY_STATUS_RANKS[s]))];
    where.push(`p.status_rank IN (${ranks.join(', ')})`);
  }
  if (q.overdue !== undefined) {
    // Overdue: not final (so something is owed) and past the due date.
    where.push(
      q.overdue
        ? `p.status_rank IN (${OPEN_RANKS.join(', ')}) AND p.due_on < @today`
        : `NOT (p.status_rank IN (${OPEN_RANKS.join(', ')}) AND p.due_on < @today)`,
    );
  }
  if (q.currency !== undefined) {
    where.push('p.currency = @currency');
    params.currency = q.currency;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sort = sortColumns[q.sort.column];
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const index = q.caseId !== undefined ? 'penalties_case' : sort.index;
  return {
    rowsSql: `SELECT ${listColumns} FROM penalties p INDEXED BY ${index} ${whereSql}
      ORDER BY p.${sort.column} ${dir}, p.seq ${dir} LIMIT @limit OFFSET @offset`,
    params,
    countSql: `SELECT count(*) AS n FROM penalties p ${whereSql}`,
    countParams: params,
  };
}

type ListRowRaw = Omit<PenaltyListRow, 'overdue'> & { overdue: 0 | 1 };

export function listPenalties(ctx: Pick<Ctx, 'db' | 'clock'>, q: PenaltyListQuery): { total: number; rows: PenaltyListRow[] } {
  const page = runList<ListRowRaw>(ctx.db, penaltyListSql(q, localDate(ctx.clock())), q);
  return { total: page.total, rows: page.rows.map((r) => ({ ...r, overdue: r.overdue === 1 })) };
}

/** Per currency, the exact totals of a case's penalties that are not cancelled or written off. */
export interface PenaltyTotals {
  currency: string;
  amountMinor: number;
  paidMinor: number;
  balanceMinor: number;
}

export function penaltyTotalsByCase(db: Db, caseId: string): PenaltyTotals[] {
  const rows = sql(
    db,
    `SELECT currency, ${exactSum('effective_minor', 'amount')}, ${exactSum('paid_minor', 'paid')}, ${exactSum('balance_minor', 'balance')}
     FROM penalties WHERE case_id = ? AND status NOT IN ('cancelled','written_off') GROUP BY currency ORDER BY currency`,
  ).all(caseId) as { currency: string }[];
  return rows.map((r) => ({
    currency: r.currency,
    amountMinor: exactAmount(r, 'amount', `penalised in ${r.currency}`),
    paidMinor: exactAmount(r, 'paid', `paid in ${r.currency}`),
    balanceMinor: exactAmount(r, 'balance', `owed in ${r.currency}`),
  }));
}
