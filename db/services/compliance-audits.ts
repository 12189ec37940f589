import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, notFound } from '../errors.ts';
import { addDays, localDate } from '../shared/time.ts';
import {
  AUDIT_REPORT_DAYS,
  AUDIT_TRANSITIONS,
  type AuditConsequence,
  type AuditOutcome,
  type AuditSortColumn,
  type AuditStatus,
  type FindingSeverity,
  type SecurityMarking,
} from '../shared/domain.ts';
import type {
  auditAddActionInput,
  auditAddFindingInput,
  auditCancelInput,
  auditCompleteActionInput,
  auditCreateInput,
  auditListInput,
  auditOnSiteInput,
  auditReportInput,
  auditUpdateInput,
} from '../shared/inputs/compliance-audits.ts';
import type { EntitySummary } from './entities.ts';
import { assertNumberYear, auditNumbers, nextRecordNumber } from './record-numbers.ts';
import { assertVersion, requireCase } from './guards.ts';
import { assertTransition } from './transitions.ts';
import { assertNumberFree, assertPartyKind, caseHeader, changedColumns, invalid, partyOf } from './record-kit.ts';
import { runList, type ListSql } from '../list-sql.ts';
import { createPenalty } from './penalties.ts';
import { getCase, setCaseStatus } from './cases.ts';

/** Compliance audits of an exporter's records over a period: findings, corrective actions, outcome. */

export interface ComplianceAudit {
  id: string;
  caseId: string;
  auditNumber: string;
  partyId: string;
  periodFrom: string;
  periodTo: string;
  scope: string;
  auditor: string;
  notifiedOn: string;
  onSiteOn: string | null;
  reportDueOn: string;
  reportedOn: string | null;
  status: AuditStatus;
  statusReason: string;
  outcome: AuditOutcome | null;
  consequence: AuditConsequence | null;
  penaltyId: string | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface AuditFinding {
  id: string;
  auditId: string;
  lineNo: number;
  severity: FindingSeverity;
  provision: string;
  description: string;
  evidenceId: string | null;
  evidenceName: string | null;
}

export interface CorrectiveAction {
  id: string;
  auditId: string;
  findingId: string | null;
  description: string;
  owner: string;
  dueOn: string;
  completedOn: string | null;
  /** Not completed, and due before today. */
  overdue: boolean;
  version: number;
}

export interface AuditDetail extends ComplianceAudit {
  caseFileNumber: string;
  caseSecurityMarking: SecurityMarking;
  party: EntitySummary | null;
  findings: AuditFinding[];
  actions: CorrectiveAction[];
  penaltyNumber: string | null;
  allowed: readonly AuditStatus[];
  /** Not reported (nor cancelled) and the report is past due. */
  overdue: boolean;
}

export interface AuditListRow {
  id: string;
  caseId: string;
  caseFileNumber: string;
  auditNumber: string;
  partyId: string;
  partyName: string;
  periodFrom: string;
  periodTo: string;
  notifiedOn: string;
  reportDueOn: string;
  status: AuditStatus;
  outcome: AuditOutcome | null;
  findingCount: number;
  openActions: number;
  overdue: boolean;
}

const COLUMNS = `id, case_id AS caseId, audit_number AS auditNumber, party_id AS partyId, period_from AS periodFrom,
  period_to AS periodTo, scope, auditor, notified_on AS notifiedOn, on_site_on AS onSiteOn, report_due_on AS reportDueOn,
  reported_on AS reportedOn, status, status_reason AS statusReason, outcome, consequence, penalty_id AS penaltyId, notes,
  created_at AS createdAt, updated_at AS updatedAt, version`;

const PARTY_KINDS = ['person', 'organization'] as const;

function today(ctx: Pick<Ctx, 'clock'>): string {
  return localDate(ctx.clock());
}

export function loadAudit(db: Db, id: string, field = 'id'): ComplianceAudit {
  const row = sql(db, `SELECT ${COLUMNS} FROM compliance_audits WHERE id = ?`).get(id) as ComplianceAudit | undefined;
  if (!row) throw notFound('compliance_audit', id, field);
  return row;
}

function actionsOf(db: Db, auditId: string, todayDate: string): CorrectiveAction[] {
  return (
    sql(
      db,
      `SELECT id, audit_id AS auditId, finding_id AS findingId, description, owner, due_on AS dueOn, completed_on AS completedOn,
         (completed_on IS NULL AND due_on < @today) AS overdue, version
       FROM corrective_actions WHERE audit_id = @id ORDER BY due_on, seq`,
    ).all({ id: auditId, today: todayDate }) as (Omit<CorrectiveAction, 'overdue'> & { overdue: 0 | 1 })[]
  ).map((r) => ({ ...r, overdue: r.overdue === 1 }));
}

export function getAudit(ctx: Pick<Ctx, 'db' | 'clock'>, id: string): AuditDetail {
  const a = loadAudit(ctx.db, id);
  const t = today(ctx);
  return {
    ...a,
    ...caseHeader(ctx.db, a.caseId),
    party: partyOf(ctx.db, a.partyId),
    findings: sql(
      ctx.db,
      `SELECT f.id, f.audit_id AS auditId, f.line_no AS lineNo, f.severity, f.provision, f.description, f.evidence_id AS evidenceId,
         (SELECT original_name FROM evidence e WHERE e.id = f.evidence_id) AS evidenceName
       FROM audit_findings f WHERE f.audit_id = ? ORDER BY f.line_no`,
    ).all(a.id) as AuditFinding[],
    actions: actionsOf(ctx.db, a.id, t),
    penaltyNumber:
      a.penaltyId === null
        ? null
        : ((sql(ctx.db, 'SELECT notice_number FROM penalties WHERE id = ?').pluck().get(a.penaltyId) as string | undefined) ??
          null),
    allowed: AUDIT_TRANSITIONS[a.status],
    overdue: (a.status === 'notified' || a.status === 'on_site') && a.reportDueOn < t,
  };
}

function checkDates(v: {
  periodFrom: string;
  periodTo: string;
  notifiedOn: string;
  reportDueOn: string;
  onSiteOn: string | null;
}) {
  if (v.periodTo < v.periodFrom) {
    throw invalid('periodTo', `must not be before the start of the period (${v.periodFrom})`, 'audit.period_order', {
      from: v.periodFrom,
    });
  }
  if (v.reportDueOn < v.notifiedOn) {
    throw invalid('reportDueOn', `must not be before the notification (${v.notifiedOn})`, 'audit.before_notice', {
      notifiedOn: v.notifiedOn,
    });
  }
  if (v.onSiteOn !== null && v.onSiteOn < v.notifiedOn) {
    throw invalid('notifiedOn', `must not be after the visit on site (${v.onSiteOn})`, 'audit.notice_after_visit', {
      onSiteOn: v.onSiteOn,
    });
  }
}

export function createAudit(ctx: Ctx, input: z.output<typeof auditCreateInput>): AuditDetail {
  requireCase(ctx.db, input.caseId);
  assertPartyKind(ctx.db, input.partyId, 'partyId', PARTY_KINDS);
  const notifiedOn = input.notifiedOn ?? today(ctx);
  const reportDueOn = input.reportDueOn ?? addDays(notifiedOn, AUDIT_REPORT_DAYS);
  checkDates({ ...input, notifiedOn, reportDueOn, onSiteOn: null });
  if (input.auditNumber !== undefined) {
    assertNumberFree(ctx.db, auditNumbers, 'compliance_audit', input.auditNumber, null);
    assertNumberYear(auditNumbers, input.auditNumber, notifiedOn);
  }
  const number = input.auditNumber ?? nextRecordNumber(ctx.db, auditNumbers, notifiedOn.slice(0, 4), 'CA');
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('compliance_audit', id, input.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO compliance_audits (id, case_id, audit_number, party_id, period_from, period_to, scope, auditor,
         notified_on, report_due_on, notes, created_at, updated_at)
       VALUES (@id, @caseId, @number, @partyId, @periodFrom, @periodTo, @scope, @auditor,
         @notifiedOn, @reportDueOn, @notes, @now, @now)`,
    ).run({
      id,
      caseId: input.caseId,
      number,
      partyId: input.partyId,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      scope: input.scope,
      auditor: input.auditor || ctx.actor.name,
      notifiedOn,
      reportDueOn,
      notes: input.notes,
      now,
    });
  });
  return getAudit(ctx, id);
}

const updatableColumns = {
  auditNumber: 'audit_number',
  partyId: 'party_id',
  periodFrom: 'period_from',
  periodTo: 'period_to',
  scope: 'scope',
  auditor: 'auditor',
  notifiedOn: 'notified_on',
  reportDueOn: 'report_due_on',
  notes: 'notes',
} as const;

export function updateAudit(ctx: Ctx, input: z.output<typeof auditUpdateInput>): AuditDetail {
  const current = loadAudit(ctx.db, input.id);
  assertVersion(current, input.version, 'compliance_audit', current.auditNumber);
  const { id: _id, version: _version, ...changes } = input;
  if (changes.partyId !== undefined) assertPartyKind(ctx.db, changes.partyId, 'partyId', PARTY_KINDS);
  const merged = {
    ...current,
    ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
  } as ComplianceAudit;
  checkDates(merged);
  if (merged.reportedOn !== null && merged.reportedOn < merged.notifiedOn) {
    throw invalid('notifiedOn', `must not be after the report (${merged.reportedOn})`, 'audit.notice_after_report', {
      reportedOn: merged.reportedOn,
    });
  }
  if (changes.auditNumber !== undefined) {
    assertNumberFree(ctx.db, auditNumbers, 'compliance_audit', changes.auditNumber, current.id);
    assertNumberYear(auditNumbers, changes.auditNumber, merged.notifiedOn);
  }
  const update = changedColumns(updatableColumns, current, changes);
  if (update) {
    ctx.audit.track('compliance_audit', current.id, current.caseId, () => {
      sql(ctx.db, `UPDATE compliance_audits SET ${update.sets}, updated_at = @now, version = version + 1 WHERE id = @id`).run({
        ...update.values,
        id: current.id,
        now: ctx.now(),
      });
    });
  }
  return getAudit(ctx, current.id);
}

function move(ctx: Ctx, a: ComplianceAudit, sets: string, values: Record<string, unknown>): void {
  ctx.audit.track('compliance_audit', a.id, a.caseId, () => {
    sql(ctx.db, `UPDATE compliance_audits SET ${sets}, updated_at = @now, version = version + 1 WHERE id = @id`).run({
      ...values,
      id: a.id,
      now: ctx.now(),
    });
  });
}

const record = (a: ComplianceAudit) => ({ type: 'compliance_audit' as const, number: a.auditNumber });

export function auditOnSite(ctx: Ctx, input: z.output<typeof auditOnSiteInput>): AuditDetail {
  const a = loadAudit(ctx.db, input.id);
  assertVersion(a, input.version, 'compliance_audit', a.auditNumber);
  assertTransition(AUDIT_TRANSITIONS, a.status, 'on_site', record(a));
  const onSiteOn = input.onSiteOn ?? today(ctx);
  if (onSiteOn < a.notifiedOn) {
    throw invalid('onSiteOn', `must not be before the notification (${a.notifiedOn})`, 'audit.before_notice', {
      notifiedOn: a.notifiedOn,
    });
  }
  move(ctx, a, `status = 'on_site', on_site_on = @onSiteOn`, { onSiteOn });
  return getAudit(ctx, a.id);
}

/**
 * Reports the audit with its outcome. Non-compliant, it leads to a penalty of the audited party
 * (issued here, linked to the audit) or to the case's referral for prosecution, in this same
 * transaction. "Compliant with corrective actions" needs at least one corrective action.
 */
export function reportAudit(ctx: Ctx, input: z.output<typeof auditReportInput>): AuditDetail {
  const a = loadAudit(ctx.db, input.id);
  assertVersion(a, input.version, 'compliance_audit', a.auditNumber);
  assertTransition(AUDIT_TRANSITIONS, a.status, 'reported', record(a));
  const reportedOn = input.reportedOn ?? today(ctx);
  if (reportedOn < (a.onSiteOn ?? a.notifiedOn)) {
    throw invalid(
      'reportedOn',
      `must not be before ${a.onSiteOn ? 'the visit on site' : 'the notification'} (${a.onSiteOn ?? a.notifiedOn})`,
      'audit.report_too_early',
      { on: a.onSiteOn ?? a.notifiedOn },
    );
  }
  if (input.outcome === 'compliant_with_actions') {
    const n = sql(ctx.db, 'SELECT count(*) FROM corrective_actions WHERE audit_id = ?').pluck().get(a.id) as number;
    if (n === 0) {
      throw invalid('outcome', 'compliant with corrective actions: record the corrective actions first', 'audit.actions_needed');
    }
  }
  let penaltyId: string | null = null;
  if (input.consequence === 'penalty' && input.penalty !== undefined) {
    penaltyId = createPenalty(ctx, {
      ...input.penalty,
      caseId: a.caseId,
      entityId: a.partyId,
      partyRole: 'subject',
      notes: input.penalty.notes || `From compliance audit ${a.auditNumber}.`,
    }).id;
  }
  if (input.consequence === 'referral') {
    // A case is referred from review: an open case is put under review first (a closed one is refused).
    const c = getCase(ctx.db, a.caseId);
    if (c.status === 'open') setCaseStatus(ctx, { id: c.id, status: 'under_review' });
    if (c.status !== 'referred_for_prosecution') setCaseStatus(ctx, { id: c.id, status: 'referred_for_prosecution' });
  }
  move(
    ctx,
    a,
    `status = 'reported', reported_on = @reportedOn, outcome = @outcome, consequence = @consequence, penalty_id = @penaltyId`,
    {
      reportedOn,
      outcome: input.outcome,
      consequence: input.consequence,
      penaltyId,
    },
  );
  return getAudit(ctx, a.id);
}

export function cancelAudit(ctx: Ctx, input: z.output<typeof auditCancelInput>): AuditDetail {
  const a = loadAudit(ctx.db, input.id);
  assertVersion(a, input.version, 'compliance_audit', a.auditNumber);
  assertTransition(AUDIT_TRANSITIONS, a.status, 'cancelled', record(a));
  move(ctx, a, `status = 'cancelled', status_reason = @reason`, { reason: input.reason });
  return getAudit(ctx, a.id);
}

function assertOpen(a: ComplianceAudit, field: string): void {
  if (a.status === 'reported' || a.status === 'cancelled') {
    throw new DossierError(
      'invalid_transition',
      `${field}: audit ${a.auditNumber} is ${a.status}: its findings and actions are as reported`,
      field,
      'audit.closed',
      { number: a.auditNumber, status: a.status },
    );
  }
}

export function addFinding(ctx: Ctx, input: z.output<typeof auditAddFindingInput>): AuditDetail {
  const a = loadAudit(ctx.db, input.auditId, 'auditId');
  assertOpen(a, 'auditId');
  if (input.evidenceId !== null) {
    const e = sql(ctx.db, 'SELECT case_id FROM evidence WHERE id = ?').get(input.evidenceId) as { case_id: string } | undefined;
    if (!e) throw notFound('evidence', input.evidenceId, 'evidenceId', 'invalid_input');
    if (e.case_id !== a.caseId)
      throw invalid('evidenceId', 'the evidence file belongs to another case', 'audit.evidence_other_case');
  }
  const lineNo = sql(ctx.db, 'SELECT coalesce(max(line_no), 0) + 1 FROM audit_findings WHERE audit_id = ?')
    .pluck()
    .get(a.id) as number;
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('audit_finding', id, a.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO audit_findings (id, audit_id, case_id, line_no, severity, provision, description, evidence_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, a.id, a.caseId, lineNo, input.severity, input.provision, input.description, input.evidenceId, now, now);
  });
  return getAudit(ctx, a.id);
}

export function addCorrectiveAction(ctx: Ctx, input: z.output<typeof auditAddActionInput>): AuditDetail {
  const a = loadAudit(ctx.db, input.auditId, 'auditId');
  assertOpen(a, 'auditId');
  if (input.findingId !== null) {
    const f = sql(ctx.db, 'SELECT audit_id FROM audit_findings WHERE id = ?').get(input.findingId) as
      { audit_id: string } | undefined;
    if (!f) throw notFound('audit_finding', input.findingId, 'findingId', 'invalid_input');
    if (f.audit_id !== a.id) throw invalid('findingId', 'the finding belongs to another audit', 'audit.finding_other_audit');
  }
  if (input.dueOn < a.notifiedOn) {
    throw invalid('dueOn', `must not be before the notification (${a.notifiedOn})`, 'audit.before_notice', {
      notifiedOn: a.notifiedOn,
    });
  }
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('corrective_action', id, a.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO corrective_actions (id, audit_id, case_id, finding_id, description, owner, due_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, a.id, a.caseId, input.findingId, input.description, input.owner, input.dueOn, now, now);
  });
  return getAudit(ctx, a.id);
}

/** A corrective action is done (even after the audit is reported: that is when most are). */
export function completeCorrectiveAction(ctx: Ctx, input: z.output<typeof auditCompleteActionInput>): AuditDetail {
  const row = sql(ctx.db, 'SELECT audit_id, case_id, completed_on, version, created_at FROM corrective_actions WHERE id = ?').get(
    input.id,
  ) as { audit_id: string; case_id: string; completed_on: string | null; version: number; created_at: string } | undefined;
  if (!row) throw notFound('corrective_action', input.id);
  assertVersion(row, input.version, 'corrective_action', '');
  if (row.completed_on !== null) {
    throw new DossierError(
      'invalid_transition',
      `completedOn: this corrective action was already completed on ${row.completed_on}`,
      'completedOn',
      'corrective_action.already_completed',
      { completedOn: row.completed_on },
    );
  }
  const completedOn = input.completedOn ?? today(ctx);
  const a = loadAudit(ctx.db, row.audit_id);
  if (completedOn < a.notifiedOn) {
    throw invalid('completedOn', `must not be before the notification (${a.notifiedOn})`, 'audit.before_notice', {
      notifiedOn: a.notifiedOn,
    });
  }
  ctx.audit.track('corrective_action', input.id, row.case_id, () => {
    sql(ctx.db, 'UPDATE corrective_actions SET completed_on = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(
      completedOn,
      ctx.now(),
      input.id,
    );
  });
  return getAudit(ctx, a.id);
}

// --- The list ----------------------------------------------------------------------------------

export type AuditListQuery = z.output<typeof auditListInput>;

const sortColumns: Record<AuditSortColumn, { column: string; index: string }> = {
  auditNumber: { column: 'audit_number', index: 'compliance_audits_number' },
  notifiedOn: { column: 'notified_on', index: 'compliance_audits_notified' },
  reportDueOn: { column: 'report_due_on', index: 'compliance_audits_due' },
  status: { column: 'status_rank', index: 'compliance_audits_status' },
};

export function auditListSql(q: AuditListQuery, todayDate: string): ListSql {
  const where: string[] = [];
  const params: Record<string, unknown> = { today: todayDate };
  if (q.caseId !== undefined) {
    where.push('a.case_id = @caseId');
    params.caseId = q.caseId;
  }
  if (q.status !== undefined) {
    where.push('a.status = @status');
    params.status = q.status;
  }
  if (q.outcome !== undefined) {
    where.push('a.outcome = @outcome');
    params.outcome = q.outcome;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sort = sortColumns[q.sort.column];
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const index = q.caseId !== undefined ? 'compliance_audits_case' : sort.index;
  return {
    rowsSql: `SELECT a.id, a.case_id AS caseId, (SELECT file_number FROM cases c WHERE c.id = a.case_id) AS caseFileNumber,
        a.audit_number AS auditNumber, a.party_id AS partyId, (SELECT name FROM entities e WHERE e.id = a.party_id) AS partyName,
        a.period_from AS periodFrom, a.period_to AS periodTo, a.notified_on AS notifiedOn, a.report_due_on AS reportDueOn,
        a.status, a.outcome,
        (SELECT count(*) FROM audit_findings f WHERE f.audit_id = a.id) AS findingCount,
        (SELECT count(*) FROM corrective_actions x WHERE x.audit_id = a.id AND x.completed_on IS NULL) AS openActions,
        ((a.status IN ('notified','on_site') AND a.report_due_on < @today)
          OR EXISTS (SELECT 1 FROM corrective_actions x WHERE x.audit_id = a.id AND x.completed_on IS NULL AND x.due_on < @today))
          AS overdue
      FROM compliance_audits a INDEXED BY ${index} ${whereSql}
      ORDER BY a.${sort.column} ${dir}, a.seq ${dir} LIMIT @limit OFFSET @offset`,
    params,
    countSql: `SELECT count(*) AS n FROM compliance_audits a ${whereSql}`,
    countParams: params,
  };
}

export function listAudits(ctx: Pick<Ctx, 'db' | 'clock'>, q: AuditListQuery): { total: number; rows: AuditListRow[] } {
  if (q.caseId !== undefined) requireCase(ctx.db, q.caseId);
  const page = runList<Omit<AuditListRow, 'overdue'> & { overdue: 0 | 1 }>(ctx.db, auditListSql(q, today(ctx)), q);
  return { total: page.total, rows: page.rows.map((r) => ({ ...r, overdue: r.overdue === 1 })) };
}
