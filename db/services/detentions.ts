import { randomUUID } from 'node:crypto';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, notFound, type ReasonParams } from '../errors.ts';
import { addDays, localDate } from '../shared/time.ts';
import {
  DETENTION_REVIEW_DAYS,
  TECHNICAL_ASSESSMENT_DAYS,
  type DetentionOutcome,
  type DetentionSortColumn,
  type DetentionSubject,
  type InfoRequestKind,
  type SecurityMarking,
} from '../shared/domain.ts';
import type { z } from 'zod';
import type {
  detentionAddRequestInput,
  detentionCreateInput,
  detentionEndInput,
  detentionListInput,
  detentionReceiveRequestInput,
  detentionUpdateInput,
} from '../shared/inputs/detentions.ts';
import { entitySummary, type EntitySummary } from './entities.ts';
import { assertNumberYear, detentionNumbers, nextRecordNumber, numberForDate } from './record-numbers.ts';
import { assertVersion, requireCase } from './guards.ts';
import { runList, type ListSql } from '../list-sql.ts';

export interface Detention {
  id: string;
  caseId: string;
  detentionNumber: string;
  subject: DetentionSubject;
  /** UTC instant. */
  startedAt: string;
  place: string;
  legalAuthority: string;
  exporterId: string | null;
  consigneeId: string | null;
  destinationCountry: string | null;
  declaredPermit: string | null;
  declaredEccn: string | null;
  reason: string;
  assessmentOffice: string | null;
  referredOn: string | null;
  assessmentDueOn: string | null;
  assessmentAnsweredOn: string | null;
  reviewDueOn: string;
  outcome: DetentionOutcome | null;
  endedAt: string | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface InfoRequest {
  id: string;
  detentionId: string;
  caseId: string;
  kind: InfoRequestKind;
  description: string;
  requestedOn: string;
  dueOn: string;
  receivedOn: string | null;
  /** Set when the detention ended before the answer came: no longer awaited. */
  closedOn: string | null;
  /** Due before today, not received and not closed. */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Something of a detention that is past its due date. */
export interface DetentionOverdue {
  what: 'review' | 'technical_assessment' | 'info_request';
  dueOn: string;
  /** The detention, or the information request. */
  recordId: string;
  /** For an information request: what was asked for. */
  requestKind?: InfoRequestKind;
}

export interface DetentionDetail extends Detention {
  caseFileNumber: string;
  /** The case's marking, shown with the record. */
  caseSecurityMarking: SecurityMarking;
  exporter: EntitySummary | null;
  consignee: EntitySummary | null;
  requests: InfoRequest[];
  /** Empty when nothing is overdue. */
  overdue: DetentionOverdue[];
}

export interface DetentionListRow {
  id: string;
  caseId: string;
  caseFileNumber: string;
  detentionNumber: string;
  subject: DetentionSubject;
  startedAt: string;
  place: string;
  exporterId: string | null;
  exporterName: string | null;
  destinationCountry: string | null;
  declaredEccn: string | null;
  reviewDueOn: string;
  assessmentDueOn: string | null;
  outcome: DetentionOutcome | null;
  endedAt: string | null;
  /** Information requests neither received nor closed. */
  outstandingRequests: number;
  overdue: boolean;
}

interface DetentionRow {
  id: string;
  case_id: string;
  detention_number: string;
  subject: DetentionSubject;
  started_at: string;
  place: string;
  legal_authority: string;
  exporter_id: string | null;
  consignee_id: string | null;
  destination_country: string | null;
  declared_permit: string | null;
  declared_eccn: string | null;
  reason: string;
  assessment_office: string | null;
  referred_on: string | null;
  assessment_due_on: string | null;
  assessment_answered_on: string | null;
  review_due_on: string;
  outcome: DetentionOutcome | null;
  ended_at: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
  version: number;
}

function toDetention(r: DetentionRow): Detention {
  return {
    id: r.id,
    caseId: r.case_id,
    detentionNumber: r.detention_number,
    subject: r.subject,
    startedAt: r.started_at,
    place: r.place,
    legalAuthority: r.legal_authority,
    exporterId: r.exporter_id,
    consigneeId: r.consignee_id,
    destinationCountry: r.destination_country,
    declaredPermit: r.declared_permit,
    declaredEccn: r.declared_eccn,
    reason: r.reason,
    assessmentOffice: r.assessment_office,
    referredOn: r.referred_on,
    assessmentDueOn: r.assessment_due_on,
    assessmentAnsweredOn: r.assessment_answered_on,
    reviewDueOn: r.review_due_on,
    outcome: r.outcome,
    endedAt: r.ended_at,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const requestColumns = `id, detention_id AS detentionId, case_id AS caseId, kind, description,
  requested_on AS requestedOn, due_on AS dueOn, received_on AS receivedOn, closed_on AS closedOn,
  created_at AS createdAt, updated_at AS updatedAt, version,
  (received_on IS NULL AND closed_on IS NULL AND due_on < @today) AS overdue`;

type RequestRow = Omit<InfoRequest, 'overdue'> & { overdue: 0 | 1 };

function toRequest(r: RequestRow): InfoRequest {
  return { ...r, overdue: r.overdue === 1 };
}

function today(ctx: Ctx): string {
  return localDate(ctx.clock());
}

/** The investigator's calendar date of an instant. */
function dateOf(instant: string): string {
  return localDate(new Date(instant));
}

function loadDetention(db: Db, id: string, field = 'id'): Detention {
  const row = sql(db, 'SELECT * FROM detentions WHERE id = ?').get(id) as DetentionRow | undefined;
  if (!row) throw notFound('detention', id, field);
  return toDetention(row);
}

function requestsOf(db: Db, detentionId: string, todayDate: string): InfoRequest[] {
  return (
    sql(db, `SELECT ${requestColumns} FROM detention_info_requests WHERE detention_id = @id ORDER BY requested_on, seq`).all({
      id: detentionId,
      today: todayDate,
    }) as RequestRow[]
  ).map(toRequest);
}

/** What is overdue on a detention today. An ended detention has nothing overdue. */
function overdueOf(d: Detention, requests: readonly InfoRequest[], todayDate: string): DetentionOverdue[] {
  if (d.outcome !== null) return [];
  const out: DetentionOverdue[] = [];
  if (d.reviewDueOn < todayDate) out.push({ what: 'review', dueOn: d.reviewDueOn, recordId: d.id });
  if (d.assessmentDueOn !== null && d.assessmentAnsweredOn === null && d.assessmentDueOn < todayDate) {
    out.push({ what: 'technical_assessment', dueOn: d.assessmentDueOn, recordId: d.id });
  }
  for (const r of requests) {
    if (r.overdue) out.push({ what: 'info_request', dueOn: r.dueOn, recordId: r.id, requestKind: r.kind });
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

export function getDetention(ctx: Pick<Ctx, 'db' | 'clock'>, id: string): DetentionDetail {
  const d = loadDetention(ctx.db, id);
  const t = localDate(ctx.clock());
  const requests = requestsOf(ctx.db, id, t);
  const party = (entityId: string | null) =>
    entityId === null
      ? null
      : (sql(ctx.db, 'SELECT id, kind, subtype, name, country FROM entities WHERE id = ?').get(entityId) as EntitySummary);
  const c = sql(ctx.db, 'SELECT file_number, security_marking FROM cases WHERE id = ?').get(d.caseId) as {
    file_number: string;
    security_marking: SecurityMarking;
  };
  return {
    ...d,
    caseFileNumber: c.file_number,
    caseSecurityMarking: c.security_marking,
    exporter: party(d.exporterId),
    consignee: party(d.consigneeId),
    requests,
    overdue: overdueOf(d, requests, t),
  };
}

// --- Validation of a whole detention (a new one, or one with its changes applied) ------------

function invalid(field: string, message: string, reason: string, params: ReasonParams = {}): DossierError {
  return new DossierError('invalid_input', `${field}: ${message}`, field, reason, params);
}

/** An exporter or consignee is a person or an organization that exists. */
function assertParty(db: Db, id: string | null, field: 'exporterId' | 'consigneeId'): void {
  if (id === null) return;
  const entity = entitySummary(db, id, field);
  if (entity.kind !== 'person' && entity.kind !== 'organization') {
    const role = field === 'exporterId' ? 'exporter' : 'consignee';
    throw invalid(
      field,
      `an ${role} is a person or an organization, and ${entity.name} is a ${entity.kind}`,
      'detention.party_kind',
      {
        party: role,
        name: entity.name,
        kind: entity.kind,
      },
    );
  }
}

type DetentionValues = Omit<Detention, 'id' | 'caseId' | 'detentionNumber' | 'createdAt' | 'updatedAt' | 'version'>;

function checkDetention(ctx: Ctx, v: DetentionValues): void {
  const startedOn = dateOf(v.startedAt);
  if (v.endedAt !== null && v.startedAt > v.endedAt) {
    throw invalid('startedAt', `must not be after the end of the detention (${v.endedAt})`, 'detention.started_after_end', {
      endedAt: v.endedAt,
    });
  }
  assertParty(ctx.db, v.exporterId, 'exporterId');
  assertParty(ctx.db, v.consigneeId, 'consigneeId');
  if (v.reviewDueOn < startedOn) {
    throw invalid('reviewDueOn', `must not be before the detention started (${startedOn})`, 'detention.before_start', {
      start: startedOn,
    });
  }
  if (v.assessmentOffice !== null && v.referredOn === null) {
    throw invalid('referredOn', 'a referral to a technical-assessment office needs its date', 'detention.referral_needs_date');
  }
  if (v.referredOn !== null && v.assessmentOffice === null) {
    throw invalid(
      'assessmentOffice',
      'a referral date needs the office the goods were referred to',
      'detention.referral_needs_office',
    );
  }
  if (v.referredOn !== null) {
    if (v.referredOn < startedOn) {
      throw invalid('referredOn', `must not be before the detention started (${startedOn})`, 'detention.before_start', {
        start: startedOn,
      });
    }
  }
  if (v.assessmentDueOn !== null) {
    if (v.referredOn === null)
      throw invalid(
        'assessmentDueOn',
        'only a referral to a technical-assessment office has an answer due date',
        'detention.due_without_referral',
      );
    if (v.assessmentDueOn < v.referredOn) {
      throw invalid('assessmentDueOn', `must not be before the referral (${v.referredOn})`, 'detention.before_referral', {
        referredOn: v.referredOn,
      });
    }
  }
  if (v.assessmentAnsweredOn !== null) {
    if (v.referredOn === null)
      throw invalid(
        'assessmentAnsweredOn',
        'only a referral to a technical-assessment office is answered',
        'detention.answer_without_referral',
      );
    if (v.assessmentAnsweredOn < v.referredOn) {
      throw invalid('assessmentAnsweredOn', `must not be before the referral (${v.referredOn})`, 'detention.before_referral', {
        referredOn: v.referredOn,
      });
    }
  }
}

function assertNumberFree(db: Db, number: string, exceptId: string | null): void {
  const row = sql(db, 'SELECT id FROM detentions WHERE detention_number = ?').get(number) as { id: string } | undefined;
  if (row && row.id !== exceptId) {
    throw new DossierError(
      'conflict',
      `detentionNumber: ${number} is already the number of another detention`,
      'detentionNumber',
      'number.taken',
      { number, recordType: 'detention' },
    );
  }
}

// --- Writes ------------------------------------------------------------------------------------

export function createDetention(ctx: Ctx, input: z.output<typeof detentionCreateInput>): DetentionDetail {
  requireCase(ctx.db, input.caseId);
  const startedAt = input.startedAt ?? ctx.now();
  const startedOn = dateOf(startedAt);
  const values: DetentionValues = {
    subject: input.subject,
    startedAt,
    place: input.place,
    legalAuthority: input.legalAuthority,
    exporterId: input.exporterId,
    consigneeId: input.consigneeId,
    destinationCountry: input.destinationCountry,
    declaredPermit: input.declaredPermit,
    declaredEccn: input.declaredEccn,
    reason: input.reason,
    assessmentOffice: input.assessmentOffice,
    referredOn: input.referredOn,
    assessmentDueOn:
      input.assessmentDueOn ?? (input.referredOn !== null ? addDays(input.referredOn, TECHNICAL_ASSESSMENT_DAYS) : null),
    assessmentAnsweredOn: input.assessmentAnsweredOn,
    reviewDueOn: input.reviewDueOn ?? addDays(startedOn, DETENTION_REVIEW_DAYS),
    outcome: null,
    endedAt: null,
    notes: input.notes,
  };
  checkDetention(ctx, values);
  if (input.detentionNumber !== undefined) {
    assertNumberFree(ctx.db, input.detentionNumber, null);
    assertNumberYear(detentionNumbers, input.detentionNumber, startedOn);
  }
  const number = input.detentionNumber ?? nextRecordNumber(ctx.db, detentionNumbers, startedOn.slice(0, 4), 'DT');
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('detention', id, input.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO detentions (id, case_id, detention_number, subject, started_at, place, legal_authority,
         exporter_id, consignee_id, destination_country, declared_permit, declared_eccn, reason,
         assessment_office, referred_on, assessment_due_on, assessment_answered_on, review_due_on,
         notes, created_at, updated_at)
       VALUES (@id, @caseId, @number, @subject, @startedAt, @place, @legalAuthority,
         @exporterId, @consigneeId, @destinationCountry, @declaredPermit, @declaredEccn, @reason,
         @assessmentOffice, @referredOn, @assessmentDueOn, @assessmentAnsweredOn, @reviewDueOn,
         @notes, @now, @now)`,
    ).run({ ...values, id, caseId: input.caseId, number, now });
  });
  return getDetention(ctx, id);
}

const updatableColumns = {
  detentionNumber: 'detention_number',
  subject: 'subject',
  startedAt: 'started_at',
  place: 'place',
  legalAuthority: 'legal_authority',
  exporterId: 'exporter_id',
  consigneeId: 'consignee_id',
  destinationCountry: 'destination_country',
  declaredPermit: 'declared_permit',
  declaredEccn: 'declared_eccn',
  reason: 'reason',
  assessmentOffice: 'assessment_office',
  referredOn: 'referred_on',
  assessmentDueOn: 'assessment_due_on',
  assessmentAnsweredOn: 'assessment_answered_on',
  reviewDueOn: 'review_due_on',
  notes: 'notes',
} as const satisfies Record<string, string>;
type UpdatableKey = keyof typeof updatableColumns;

/** Changes fields of a detention (not its outcome: see endDetention). */
export function updateDetention(ctx: Ctx, input: z.output<typeof detentionUpdateInput>): DetentionDetail {
  const current = loadDetention(ctx.db, input.id);
  assertVersion(current, input.version, 'detention', current.detentionNumber);
  const changes: Partial<Record<UpdatableKey, unknown>> = {};
  for (const key of Object.keys(updatableColumns) as UpdatableKey[]) {
    const value = input[key];
    if (value !== undefined) changes[key] = value;
  }
  const merged = { ...current, ...changes } as Detention;
  // A new referral gets the default answer date, unless one was given.
  if (merged.referredOn !== null && merged.assessmentDueOn === null && input.assessmentDueOn === undefined) {
    merged.assessmentDueOn = addDays(merged.referredOn, TECHNICAL_ASSESSMENT_DAYS);
    changes.assessmentDueOn = merged.assessmentDueOn;
  }
  checkDetention(ctx, merged);
  if (input.detentionNumber !== undefined) {
    assertNumberFree(ctx.db, input.detentionNumber, current.id);
    assertNumberYear(detentionNumbers, input.detentionNumber, dateOf(merged.startedAt));
  } else if (changes.startedAt !== undefined) {
    changes.detentionNumber = numberForDate(ctx.db, detentionNumbers, current.detentionNumber, dateOf(merged.startedAt));
  }
  const keys = (Object.keys(changes) as UpdatableKey[]).filter((k) => changes[k] !== current[k]);
  if (keys.length === 0) return getDetention(ctx, current.id);
  const sets = keys.map((k) => `${updatableColumns[k]} = @${k}`);
  ctx.audit.track('detention', current.id, current.caseId, () => {
    sql(ctx.db, `UPDATE detentions SET ${sets.join(', ')}, updated_at = @now, version = version + 1 WHERE id = @id`).run({
      ...Object.fromEntries(keys.map((k) => [k, changes[k]])),
      id: current.id,
      now: ctx.now(),
    });
  });
  return getDetention(ctx, current.id);
}

/**
 * Ends a detention with its outcome. Information requests still awaited are closed: the
 * answer is no longer needed (one that arrives anyway can still be received).
 */
export function endDetention(ctx: Ctx, input: z.output<typeof detentionEndInput>): DetentionDetail {
  const current = loadDetention(ctx.db, input.id);
  assertVersion(current, input.version, 'detention', current.detentionNumber);
  if (current.outcome !== null) {
    throw new DossierError(
      'invalid_transition',
      `outcome: detention ${current.detentionNumber} already ended (${current.outcome}, ${current.endedAt ?? ''})`,
      'outcome',
      'detention.already_ended',
      { detentionNumber: current.detentionNumber, outcome: current.outcome, endedAt: current.endedAt ?? '' },
    );
  }
  const now = ctx.now();
  const endedAt = input.endedAt ?? now;
  if (endedAt < current.startedAt) {
    throw invalid('endedAt', `must not be before the detention started (${current.startedAt})`, 'detention.before_start', {
      start: current.startedAt,
    });
  }
  ctx.audit.track('detention', current.id, current.caseId, () => {
    sql(ctx.db, 'UPDATE detentions SET outcome = ?, ended_at = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(
      input.outcome,
      endedAt,
      now,
      current.id,
    );
  });
  const awaited = sql(
    ctx.db,
    'SELECT id FROM detention_info_requests WHERE detention_id = ? AND received_on IS NULL AND closed_on IS NULL ORDER BY seq',
  ).all(current.id) as { id: string }[];
  const endedOn = dateOf(endedAt);
  for (const { id } of awaited) {
    ctx.audit.track('detention_info_request', id, current.caseId, () => {
      sql(ctx.db, 'UPDATE detention_info_requests SET closed_on = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(
        endedOn,
        now,
        id,
      );
    });
  }
  return getDetention(ctx, current.id);
}

function loadRequest(db: Db, id: string, todayDate: string): InfoRequest {
  const row = sql(db, `SELECT ${requestColumns} FROM detention_info_requests WHERE id = @id`).get({ id, today: todayDate }) as
    RequestRow | undefined;
  if (!row) throw notFound('detention_info_request', id, 'id');
  return toRequest(row);
}

export function addInfoRequest(ctx: Ctx, input: z.output<typeof detentionAddRequestInput>): InfoRequest {
  const d = loadDetention(ctx.db, input.detentionId, 'detentionId');
  if (d.outcome !== null) {
    throw new DossierError(
      'invalid_transition',
      `detentionId: detention ${d.detentionNumber} has ended (${d.outcome}): it takes no more information requests`,
      'detentionId',
      'detention.ended_no_requests',
      { detentionNumber: d.detentionNumber, outcome: d.outcome },
    );
  }
  const t = today(ctx);
  const requestedOn = input.requestedOn ?? t;
  const startedOn = dateOf(d.startedAt);
  if (requestedOn < startedOn) {
    throw invalid('requestedOn', `must not be before the detention started (${startedOn})`, 'detention.before_start', {
      start: startedOn,
    });
  }
  if (input.dueOn < requestedOn) {
    throw invalid('dueOn', `must not be before the request (${requestedOn})`, 'info_request.before_request', { requestedOn });
  }
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('detention_info_request', id, d.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO detention_info_requests (id, detention_id, case_id, kind, description, requested_on, due_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, d.id, d.caseId, input.kind, input.description, requestedOn, input.dueOn, now, now);
  });
  return loadRequest(ctx.db, id, t);
}

export function receiveInfoRequest(ctx: Ctx, input: z.output<typeof detentionReceiveRequestInput>): InfoRequest {
  const t = today(ctx);
  const current = loadRequest(ctx.db, input.id, t);
  assertVersion(current, input.version, 'detention_info_request', '');
  if (current.receivedOn !== null) {
    throw new DossierError(
      'invalid_transition',
      `receivedOn: this information request was already received on ${current.receivedOn}`,
      'receivedOn',
      'info_request.already_received',
      { receivedOn: current.receivedOn },
    );
  }
  const receivedOn = input.receivedOn ?? t;
  if (receivedOn < current.requestedOn) {
    throw invalid('receivedOn', `must not be before the request (${current.requestedOn})`, 'info_request.before_request', {
      requestedOn: current.requestedOn,
    });
  }
  ctx.audit.track('detention_info_request', current.id, current.caseId, () => {
    sql(
      ctx.db,
      'UPDATE detention_info_requests SET received_on = ?, closed_on = NULL, updated_at = ?, version = version + 1 WHERE id = ?',
    ).run(receivedOn, ctx.now(), current.id);
  });
  return loadRequest(ctx.db, current.id, t);
}

// --- The list ----------------------------------------------------------------------------------

export type DetentionListQuery = z.output<typeof detentionListInput>;

const sortColumns: Record<DetentionSortColumn, { column: string; index: string }> = {
  startedAt: { column: 'started_at', index: 'detentions_started' },
  reviewDueOn: { column: 'review_due_on', index: 'detentions_review' },
  detentionNumber: { column: 'detention_number', index: 'detentions_number' },
};

/**
 * The seq of every detention with something overdue today, each part read through its deadline
 * index (UNION ALL: a set for IN, where repeats do not matter, so nothing is sorted).
 */
const OVERDUE_SET = `SELECT seq FROM detentions WHERE (outcome IS NOT NULL) = 0 AND review_due_on < @today
  UNION ALL SELECT seq FROM detentions
    WHERE (assessment_answered_on IS NOT NULL OR outcome IS NOT NULL) = 0 AND assessment_due_on < @today AND assessment_due_on IS NOT NULL
  UNION ALL SELECT x.seq FROM detention_info_requests r JOIN detentions x ON x.id = r.detention_id
    WHERE (r.received_on IS NOT NULL OR r.closed_on IS NOT NULL) = 0 AND r.due_on < @today`;

/** Per row of a page: is anything overdue (the detention is open, and its review, answer or a request is late)? */
const OVERDUE_ROW = `(d.outcome IS NULL AND (d.review_due_on < @today
  OR (d.assessment_due_on < @today AND d.assessment_answered_on IS NULL)
  OR EXISTS (SELECT 1 FROM detention_info_requests r WHERE r.detention_id = d.id
             AND r.received_on IS NULL AND r.closed_on IS NULL AND r.due_on < @today)))`;

const listColumns = `d.id, d.case_id AS caseId, (SELECT file_number FROM cases c WHERE c.id = d.case_id) AS caseFileNumber,
  d.detention_number AS detentionNumber, d.subject, d.started_at AS startedAt, d.place,
  d.exporter_id AS exporterId, (SELECT name FROM entities e WHERE e.id = d.exporter_id) AS exporterName,
  d.destination_country AS destinationCountry, d.declared_eccn AS declaredEccn, d.review_due_on AS reviewDueOn,
  d.assessment_due_on AS assessmentDueOn, d.outcome, d.ended_at AS endedAt,
  (SELECT count(*) FROM detention_info_requests r WHERE r.detention_id = d.id AND r.received_on IS NULL AND r.closed_on IS NULL)
    AS outstandingRequests,
  ${OVERDUE_ROW} AS overdue`;

/**
 * The SQL behind the detention list, exported for the bench and the query-plan tests. As for
 * cases, the page walks the sort column's index in order (INDEXED BY) and stops after the page,
 * with the state filter checked in the index; one case's detentions are few, so they are read
 * through detentions_case and sorted.
 */
export function detentionListSql(q: DetentionListQuery, todayDate: string): ListSql {
  const where: string[] = [];
  const params: Record<string, unknown> = { today: todayDate };
  if (q.caseId !== undefined) {
    where.push('d.case_id = @caseId');
    params.caseId = q.caseId;
  }
  if (q.state === 'open') where.push('d.outcome IS NULL');
  if (q.state === 'ended') where.push('d.outcome IS NOT NULL');
  if (q.state === 'overdue') where.push(`+d.seq IN (${OVERDUE_SET})`);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sort = sortColumns[q.sort.column];
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const index = q.caseId !== undefined ? 'detentions_case' : sort.index;
  return {
    rowsSql: `SELECT ${listColumns} FROM detentions d INDEXED BY ${index} ${whereSql}
      ORDER BY d.${sort.column} ${dir}, d.seq ${dir} LIMIT @limit OFFSET @offset`,
    params,
    countSql: `SELECT count(*) AS n FROM detentions d ${whereSql}`,
    countParams: params,
  };
}

type ListRowRaw = Omit<DetentionListRow, 'overdue'> & { overdue: 0 | 1 };

export function listDetentions(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  q: DetentionListQuery,
): { total: number; rows: DetentionListRow[] } {
  const page = runList<ListRowRaw>(ctx.db, detentionListSql(q, localDate(ctx.clock())), q);
  return { total: page.total, rows: page.rows.map((r) => ({ ...r, overdue: r.overdue === 1 })) };
}
