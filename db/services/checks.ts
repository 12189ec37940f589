import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, notFound } from '../errors.ts';
import { localDate } from '../shared/time.ts';
import {
  CHECK_TRANSITIONS,
  type CaseRole,
  type CheckConductor,
  type CheckMethod,
  type CheckOutcome,
  type CheckPartyRole,
  type CheckPointAnswer,
  type CheckSortColumn,
  type CheckStatus,
  type CheckType,
  type QuantityUnit,
  type SecurityMarking,
  type UnverifiedReason,
} from '../shared/domain.ts';
import type {
  checkAddGoodsInput,
  checkCancelInput,
  checkCompleteInput,
  checkCreateInput,
  checkFollowUpInput,
  checkGoodsInput,
  checkListInput,
  checkScheduleInput,
  checkUpdateInput,
} from '../shared/inputs/checks.ts';
import type { EntitySummary } from './entities.ts';
import { assertNumberYear, checkNumbers, nextRecordNumber } from './record-numbers.ts';
import { assertVersion, requireCase } from './guards.ts';
import { assertTransition } from './transitions.ts';
import { assertNumberFree, assertPartyKind, caseHeader, changedColumns, invalid, partyOf } from './record-kit.ts';
import { runList, type ListSql } from '../list-sql.ts';
import { createCase } from './cases.ts';
import { addCaseEntity } from './case-entities.ts';

/** End-use checks: pre-license checks and post-shipment verifications of a party. */

export interface EndUseCheck {
  id: string;
  caseId: string;
  checkNumber: string;
  checkType: CheckType;
  partyId: string;
  partyRole: CheckPartyRole;
  licenceNumber: string | null;
  country: string;
  conductedBy: CheckConductor;
  conductor: string;
  method: CheckMethod;
  requestedOn: string;
  scheduledOn: string | null;
  conductedOn: string | null;
  goodsPresent: CheckPointAnswer | null;
  usedAsDeclared: CheckPointAnswer | null;
  atDeclaredPlace: CheckPointAnswer | null;
  byDeclaredEndUser: CheckPointAnswer | null;
  findings: string;
  status: CheckStatus;
  statusReason: string;
  outcome: CheckOutcome | null;
  unverifiedReason: UnverifiedReason | null;
  followUpCaseId: string | null;
  listCandidateOn: string | null;
  listCandidateReason: string | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CheckGoodsLine {
  id: string;
  checkId: string;
  lineNo: number;
  description: string;
  quantity: number | null;
  unit: QuantityUnit | null;
  eccn: string | null;
  hsCode: string | null;
  seizedItemId: string | null;
  /** The seized item's seizure number and description, when the line refers to one. */
  seizedItemLabel: string | null;
}

export interface CheckDetail extends EndUseCheck {
  caseFileNumber: string;
  caseSecurityMarking: SecurityMarking;
  party: EntitySummary | null;
  goods: CheckGoodsLine[];
  followUpCaseFileNumber: string | null;
  /** The statuses the check may move to now. */
  allowed: readonly CheckStatus[];
  /** Scheduled, not conducted, and the date has passed. */
  overdue: boolean;
}

export interface CheckListRow {
  id: string;
  caseId: string;
  caseFileNumber: string;
  checkNumber: string;
  checkType: CheckType;
  partyId: string;
  partyName: string;
  partyRole: CheckPartyRole;
  country: string;
  requestedOn: string;
  scheduledOn: string | null;
  conductedOn: string | null;
  status: CheckStatus;
  outcome: CheckOutcome | null;
  overdue: boolean;
}

const COLUMNS = `id, case_id AS caseId, check_number AS checkNumber, check_type AS checkType, party_id AS partyId,
  party_role AS partyRole, licence_number AS licenceNumber, country, conducted_by AS conductedBy, conductor, method,
  requested_on AS requestedOn, scheduled_on AS scheduledOn, conducted_on AS conductedOn, goods_present AS goodsPresent,
  used_as_declared AS usedAsDeclared, at_declared_place AS atDeclaredPlace, by_declared_end_user AS byDeclaredEndUser,
  findings, status, status_reason AS statusReason, outcome, unverified_reason AS unverifiedReason,
  follow_up_case_id AS followUpCaseId, list_candidate_on AS listCandidateOn, list_candidate_reason AS listCandidateReason,
  notes, created_at AS createdAt, updated_at AS updatedAt, version`;

const PARTY_KINDS = ['person', 'organization'] as const;

function today(ctx: Pick<Ctx, 'clock'>): string {
  return localDate(ctx.clock());
}

export function loadCheck(db: Db, id: string, field = 'id'): EndUseCheck {
  const row = sql(db, `SELECT ${COLUMNS} FROM end_use_checks WHERE id = ?`).get(id) as EndUseCheck | undefined;
  if (!row) throw notFound('end_use_check', id, field);
  return row;
}

function goodsOf(db: Db, checkId: string): CheckGoodsLine[] {
  return sql(
    db,
    `SELECT g.id, g.check_id AS checkId, g.line_no AS lineNo, g.description, g.quantity, g.unit, g.eccn, g.hs_code AS hsCode,
       g.seized_item_id AS seizedItemId,
       (SELECT s.seizure_number || ' #' || i.item_number || ': ' || i.description FROM seized_items i JOIN seizures s ON s.id = i.seizure_id
         WHERE i.id = g.seized_item_id) AS seizedItemLabel
     FROM end_use_check_goods g WHERE g.check_id = ? ORDER BY g.line_no`,
  ).all(checkId) as CheckGoodsLine[];
}

export function getCheck(ctx: Pick<Ctx, 'db' | 'clock'>, id: string): CheckDetail {
  const c = loadCheck(ctx.db, id);
  const followUp =
    c.followUpCaseId === null
      ? null
      : ((sql(ctx.db, 'SELECT file_number FROM cases WHERE id = ?').pluck().get(c.followUpCaseId) as string | undefined) ?? null);
  return {
    ...c,
    ...caseHeader(ctx.db, c.caseId),
    party: partyOf(ctx.db, c.partyId),
    goods: goodsOf(ctx.db, c.id),
    followUpCaseFileNumber: followUp,
    allowed: CHECK_TRANSITIONS[c.status],
    overdue: c.status === 'scheduled' && c.scheduledOn !== null && c.scheduledOn < today(ctx),
  };
}

function insertGoods(ctx: Ctx, check: { id: string; caseId: string }, line: z.output<typeof checkGoodsInput>, field: string) {
  if (line.seizedItemId !== null) {
    const item = sql(ctx.db, 'SELECT case_id FROM seized_items WHERE id = ?').get(line.seizedItemId) as
      { case_id: string } | undefined;
    if (!item) throw notFound('seized_item', line.seizedItemId, `${field}.seizedItemId`, 'invalid_input');
    if (item.case_id !== check.caseId) {
      throw invalid(`${field}.seizedItemId`, 'the seized item belongs to another case', 'check.item_other_case');
    }
  }
  const lineNo =
    (sql(ctx.db, 'SELECT coalesce(max(line_no), 0) + 1 FROM end_use_check_goods WHERE check_id = ?')
      .pluck()
      .get(check.id) as number) ?? 1;
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('end_use_check_goods', id, check.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO end_use_check_goods (id, check_id, case_id, line_no, description, quantity, unit, eccn, hs_code, seized_item_id,
         created_at, updated_at)
       VALUES (@id, @checkId, @caseId, @lineNo, @description, @quantity, @unit, @eccn, @hsCode, @seizedItemId, @now, @now)`,
    ).run({ ...line, id, checkId: check.id, caseId: check.caseId, lineNo, now });
  });
}

export function createCheck(ctx: Ctx, input: z.output<typeof checkCreateInput>): CheckDetail {
  requireCase(ctx.db, input.caseId);
  assertPartyKind(ctx.db, input.partyId, 'partyId', PARTY_KINDS);
  const requestedOn = input.requestedOn ?? today(ctx);
  if (input.scheduledOn !== null && input.scheduledOn < requestedOn) {
    throw invalid('scheduledOn', `must not be before the request (${requestedOn})`, 'check.before_request', { requestedOn });
  }
  if (input.checkNumber !== undefined) {
    assertNumberFree(ctx.db, checkNumbers, 'end_use_check', input.checkNumber, null);
    assertNumberYear(checkNumbers, input.checkNumber, requestedOn);
  }
  const number = input.checkNumber ?? nextRecordNumber(ctx.db, checkNumbers, requestedOn.slice(0, 4), 'EUC');
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('end_use_check', id, input.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO end_use_checks (id, case_id, check_number, check_type, party_id, party_role, licence_number, country,
         conducted_by, conductor, method, requested_on, scheduled_on, status, notes, created_at, updated_at)
       VALUES (@id, @caseId, @number, @checkType, @partyId, @partyRole, @licenceNumber, @country,
         @conductedBy, @conductor, @method, @requestedOn, @scheduledOn, @status, @notes, @now, @now)`,
    ).run({
      ...input,
      id,
      number,
      requestedOn,
      status: input.scheduledOn === null ? 'requested' : 'scheduled',
      now,
    });
  });
  input.goods.forEach((line, i) => insertGoods(ctx, { id, caseId: input.caseId }, line, `goods.${i}`));
  return getCheck(ctx, id);
}

const updatableColumns = {
  checkNumber: 'check_number',
  checkType: 'check_type',
  partyId: 'party_id',
  partyRole: 'party_role',
  licenceNumber: 'licence_number',
  country: 'country',
  conductedBy: 'conducted_by',
  conductor: 'conductor',
  method: 'method',
  requestedOn: 'requested_on',
  notes: 'notes',
} as const;

export function updateCheck(ctx: Ctx, input: z.output<typeof checkUpdateInput>): CheckDetail {
  const current = loadCheck(ctx.db, input.id);
  assertVersion(current, input.version, 'end_use_check', current.checkNumber);
  const { id: _id, version: _version, ...changes } = input;
  if (changes.partyId !== undefined) assertPartyKind(ctx.db, changes.partyId, 'partyId', PARTY_KINDS);
  const requestedOn = changes.requestedOn ?? current.requestedOn;
  for (const [field, on] of [
    ['scheduledOn', current.scheduledOn],
    ['conductedOn', current.conductedOn],
  ] as const) {
    if (on !== null && on < requestedOn) {
      throw invalid(
        'requestedOn',
        `must not be after the check's ${field === 'scheduledOn' ? 'scheduled' : 'conducted'} date (${on})`,
        'check.request_after',
        { on },
      );
    }
  }
  if (changes.checkNumber !== undefined) {
    assertNumberFree(ctx.db, checkNumbers, 'end_use_check', changes.checkNumber, current.id);
    assertNumberYear(checkNumbers, changes.checkNumber, requestedOn);
  }
  const update = changedColumns(updatableColumns, current, changes);
  if (update) {
    ctx.audit.track('end_use_check', current.id, current.caseId, () => {
      sql(ctx.db, `UPDATE end_use_checks SET ${update.sets}, updated_at = @now, version = version + 1 WHERE id = @id`).run({
        ...update.values,
        id: current.id,
        now: ctx.now(),
      });
    });
  }
  return getCheck(ctx, current.id);
}

export function addCheckGoods(ctx: Ctx, input: z.output<typeof checkAddGoodsInput>): CheckDetail {
  const { checkId, ...line } = input;
  const c = loadCheck(ctx.db, checkId, 'checkId');
  if (c.status === 'completed' || c.status === 'cancelled') {
    throw new DossierError(
      'invalid_transition',
      `checkId: check ${c.checkNumber} is ${c.status}: its goods are as they were checked`,
      'checkId',
      'check.closed_goods',
      { number: c.checkNumber, status: c.status },
    );
  }
  insertGoods(ctx, c, line, 'goods');
  return getCheck(ctx, c.id);
}

function move(ctx: Ctx, c: EndUseCheck, sets: string, values: Record<string, unknown>): void {
  ctx.audit.track('end_use_check', c.id, c.caseId, () => {
    sql(ctx.db, `UPDATE end_use_checks SET ${sets}, updated_at = @now, version = version + 1 WHERE id = @id`).run({
      ...values,
      id: c.id,
      now: ctx.now(),
    });
  });
}

export function scheduleCheck(ctx: Ctx, input: z.output<typeof checkScheduleInput>): CheckDetail {
  const c = loadCheck(ctx.db, input.id);
  assertVersion(c, input.version, 'end_use_check', c.checkNumber);
  assertTransition(CHECK_TRANSITIONS, c.status, 'scheduled', { type: 'end_use_check', number: c.checkNumber });
  if (input.scheduledOn < c.requestedOn) {
    throw invalid('scheduledOn', `must not be before the request (${c.requestedOn})`, 'check.before_request', {
      requestedOn: c.requestedOn,
    });
  }
  move(ctx, c, `status = 'scheduled', scheduled_on = @scheduledOn`, { scheduledOn: input.scheduledOn });
  return getCheck(ctx, c.id);
}

export function completeCheck(ctx: Ctx, input: z.output<typeof checkCompleteInput>): CheckDetail {
  const c = loadCheck(ctx.db, input.id);
  assertVersion(c, input.version, 'end_use_check', c.checkNumber);
  assertTransition(CHECK_TRANSITIONS, c.status, 'completed', { type: 'end_use_check', number: c.checkNumber });
  const conductedOn = input.conductedOn ?? today(ctx);
  if (conductedOn < c.requestedOn) {
    throw invalid('conductedOn', `must not be before the request (${c.requestedOn})`, 'check.before_request', {
      requestedOn: c.requestedOn,
    });
  }
  move(
    ctx,
    c,
    `status = 'completed', conducted_on = @conductedOn, outcome = @outcome, unverified_reason = @unverifiedReason,
     goods_present = @goodsPresent, used_as_declared = @usedAsDeclared, at_declared_place = @atDeclaredPlace,
     by_declared_end_user = @byDeclaredEndUser, findings = @findings`,
    {
      conductedOn,
      outcome: input.outcome,
      unverifiedReason: input.unverifiedReason,
      goodsPresent: input.goodsPresent,
      usedAsDeclared: input.usedAsDeclared,
      atDeclaredPlace: input.atDeclaredPlace,
      byDeclaredEndUser: input.byDeclaredEndUser,
      findings: input.findings,
    },
  );
  return getCheck(ctx, c.id);
}

export function cancelCheck(ctx: Ctx, input: z.output<typeof checkCancelInput>): CheckDetail {
  const c = loadCheck(ctx.db, input.id);
  assertVersion(c, input.version, 'end_use_check', c.checkNumber);
  assertTransition(CHECK_TRANSITIONS, c.status, 'cancelled', { type: 'end_use_check', number: c.checkNumber });
  move(ctx, c, `status = 'cancelled', status_reason = @reason`, { reason: input.reason });
  return getCheck(ctx, c.id);
}

/**
 * The follow-up of an unfavorable or unverified check, in one step: a new case with the party as
 * a subject, the party added to an existing case, or the party marked as a candidate for a list
 * (such as the Unverified List) with the reason.
 */
export function followUpCheck(ctx: Ctx, input: z.output<typeof checkFollowUpInput>): CheckDetail {
  const c = loadCheck(ctx.db, input.id);
  if (c.outcome !== 'unfavorable' && c.outcome !== 'unable_to_verify') {
    throw new DossierError(
      'invalid_transition',
      `action: check ${c.checkNumber} ${c.outcome === null ? 'has no outcome yet' : 'was favorable'}: there is nothing to follow up`,
      'action',
      'check.follow_up_needs_outcome',
      { number: c.checkNumber, outcome: c.outcome ?? 'none' },
    );
  }
  const party = partyOf(ctx.db, c.partyId);
  const addParty = (caseId: string, role: CaseRole) => {
    if (
      sql(ctx.db, 'SELECT 1 FROM case_entities WHERE case_id = ? AND entity_id = ? AND role = ?').get(caseId, c.partyId, role)
    ) {
      return;
    }
    addCaseEntity(ctx, { caseId, entityId: c.partyId, role, notes: `From end-use check ${c.checkNumber}` });
  };
  if (input.action === 'open_case') {
    if (c.followUpCaseId !== null) {
      throw new DossierError(
        'conflict',
        `action: check ${c.checkNumber} already led to a case`,
        'action',
        'check.case_already_opened',
        { number: c.checkNumber },
      );
    }
    const given = input.case;
    const opened = createCase(ctx, {
      priority: 'medium',
      partnerAgencies: [],
      legalAuthorities: '',
      securityMarking: 'protected_b',
      notes: '',
      contraventionOn: null,
      ...given,
      title: given?.title ?? `${party?.name ?? 'Party'}: end-use check ${c.checkNumber}`,
      violationType: given?.violationType ?? 'end_use_violation',
      summary: given?.summary || `Opened after end-use check ${c.checkNumber} (${c.outcome.replaceAll('_', ' ')}).`,
    });
    addParty(opened.id, input.role);
    move(ctx, c, 'follow_up_case_id = @caseId', { caseId: opened.id });
  } else if (input.action === 'add_to_case' && input.caseId !== undefined) {
    const caseId = input.caseId;
    requireCase(ctx.db, caseId);
    addParty(caseId, input.role);
    if (c.followUpCaseId === null && caseId !== c.caseId) move(ctx, c, 'follow_up_case_id = @caseId', { caseId });
  } else if (input.action === 'list_candidate' && input.reason !== undefined) {
    move(ctx, c, 'list_candidate_on = @on, list_candidate_reason = @reason', { on: today(ctx), reason: input.reason });
  }
  return getCheck(ctx, c.id);
}

// --- The list ----------------------------------------------------------------------------------

export type CheckListQuery = z.output<typeof checkListInput>;

const sortColumns: Record<CheckSortColumn, { column: string; index: string }> = {
  checkNumber: { column: 'check_number', index: 'end_use_checks_number' },
  requestedOn: { column: 'requested_on', index: 'end_use_checks_requested' },
  scheduledOn: { column: 'scheduled_on', index: 'end_use_checks_scheduled' },
  status: { column: 'status_rank', index: 'end_use_checks_status' },
};

/** As every list: the sort column's index walked in order and stopped after the page; one case's checks through their case index. */
export function checkListSql(q: CheckListQuery, todayDate: string): ListSql {
  const where: string[] = [];
  const params: Record<string, unknown> = { today: todayDate };
  if (q.caseId !== undefined) {
    where.push('k.case_id = @caseId');
    params.caseId = q.caseId;
  }
  if (q.status !== undefined) {
    where.push('k.status = @status');
    params.status = q.status;
  }
  if (q.outcome !== undefined) {
    where.push('k.outcome = @outcome');
    params.outcome = q.outcome;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sort = sortColumns[q.sort.column];
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const index = q.caseId !== undefined ? 'end_use_checks_case' : sort.index;
  return {
    rowsSql: `SELECT k.id, k.case_id AS caseId, (SELECT file_number FROM cases c WHERE c.id = k.case_id) AS caseFileNumber,
        k.check_number AS checkNumber, k.check_type AS checkType, k.party_id AS partyId,
        (SELECT name FROM entities e WHERE e.id = k.party_id) AS partyName, k.party_role AS partyRole, k.country,
        k.requested_on AS requestedOn, k.scheduled_on AS scheduledOn, k.conducted_on AS conductedOn, k.status, k.outcome,
        (k.status = 'scheduled' AND k.scheduled_on < @today) AS overdue
      FROM end_use_checks k INDEXED BY ${index} ${whereSql}
      ORDER BY k.${sort.column} ${dir}, k.seq ${dir} LIMIT @limit OFFSET @offset`,
    params,
    countSql: `SELECT count(*) AS n FROM end_use_checks k ${whereSql}`,
    countParams: params,
  };
}

export function listChecks(ctx: Pick<Ctx, 'db' | 'clock'>, q: CheckListQuery): { total: number; rows: CheckListRow[] } {
  if (q.caseId !== undefined) requireCase(ctx.db, q.caseId);
  const page = runList<Omit<CheckListRow, 'overdue'> & { overdue: 0 | 1 }>(ctx.db, checkListSql(q, today(ctx)), q);
  return { total: page.total, rows: page.rows.map((r) => ({ ...r, overdue: r.overdue === 1 })) };
}
