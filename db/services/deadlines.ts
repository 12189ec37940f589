import type { z } from 'zod';
import type { Db } from '../sqlite.ts';

import type { Ctx } from '../contract.ts';
import { DossierError } from '../errors.ts';
import { addDays, localDate } from '../shared/time.ts';
import {
  DEADLINE_KINDS,
  DEADLINE_WINDOWS,
  PENALTY_CORRECTION_DAYS,
  PENALTY_REVIEW_DAYS,
  type DeadlineKind,
  type InfoRequestKind,
} from '../shared/domain.ts';
import type { deadlineListInput } from '../shared/inputs/deadlines.ts';
import { LIMITATION_DUE_SQL, LIMITATION_MET_SQL, LIMITATION_YEARS_SQL } from '../limitation-sql.ts';
import { requireCase } from './guards.ts';
import { runCountedList, type ListSql } from '../list-sql.ts';

export type DeadlineRecordType =
  'case' | 'detention' | 'detention_info_request' | 'penalty' | 'seizure' | 'end_use_check' | 'compliance_audit';

export interface Deadline {
  kind: DeadlineKind;
  dueOn: string;
  caseId: string;
  caseFileNumber: string;
  caseTitle: string;
  /** The record the deadline belongs to (open it with `<recordType>s.get`, or cases.get). */
  recordType: DeadlineRecordType;
  recordId: string;
  /** The record's number: detention, penalty notice, seizure or case file number. */
  reference: string;
  /** More about it: what an information request asks for, the assessment office, the limitation years. */
  detail: string | null;
  /** In English; the UI may build its own from kind, reference and detail. */
  label: string;
  /** Not done and due before today. Windows are never overdue: they lapse. */
  overdue: boolean;
  /** Met, answered, paid, decided or lapsed (only listed with includeDone). */
  done: boolean;
  /** Days from today to the due date: negative when past. */
  daysLeft: number;
}

export interface DeadlinePage {
  /** Every deadline that matches the filters. */
  total: number;
  /** How many of them are overdue. */
  overdueTotal: number;
  rows: Deadline[];
}

/**
 * One source of deadlines: a table whose rows each have one due date. `order` is the column or
 * expression the source's index orders by; the due date is `order` plus `shiftDays` (a window
 * that ends a fixed number of days after an assessment or a seizure is read in the order of
 * its start). `done` is the expression that leads the index, so open deadlines are one range.
 */
interface Source {
  kind: DeadlineKind;
  recordType: DeadlineRecordType;
  /** The table and the name the expressions below use for it. */
  table: string;
  alias: string;
  /** The index that reads the source in due order, across all cases. */
  index: string;
  /** The index for one case's deadlines (few rows, sorted after); null: the table's own id lookup. */
  caseIndex: string | null;
  caseFilter: string;
  done: string;
  order: string;
  shiftDays: number;
  extraWhere?: string;
  caseId: string;
  recordId: string;
  reference: string;
  detail: string;
}

const SOURCES: readonly Source[] = [
  {
    kind: 'detention_review',
    recordType: 'detention',
    table: 'detentions',
    alias: 'd',
    index: 'detentions_review_deadline',
    caseIndex: 'detentions_case',
    caseFilter: 'd.case_id = @caseId',
    done: '(d.outcome IS NOT NULL)',
    order: 'd.review_due_on',
    shiftDays: 0,
    caseId: 'd.case_id',
    recordId: 'd.id',
    reference: 'd.detention_number',
    detail: 'NULL',
  },
  {
    kind: 'info_request',
    recordType: 'detention_info_request',
    table: 'detention_info_requests',
    alias: 'r',
    index: 'detention_info_requests_deadline',
    caseIndex: 'detention_info_requests_case',
    caseFilter: 'r.case_id = @caseId',
    done: '(r.received_on IS NOT NULL OR r.closed_on IS NOT NULL)',
    order: 'r.due_on',
    shiftDays: 0,
    caseId: 'r.case_id',
    recordId: 'r.id',
    reference: '(SELECT detention_number FROM detentions x WHERE x.id = r.detention_id)',
    detail: 'r.kind',
  },
  {
    kind: 'technical_assessment',
    recordType: 'detention',
    table: 'detentions',
    alias: 'd',
    index: 'detentions_assessment_deadline',
    caseIndex: 'detentions_case',
    caseFilter: 'd.case_id = @caseId',
    done: '(d.assessment_answered_on IS NOT NULL OR d.outcome IS NOT NULL)',
    order: 'd.assessment_due_on',
    shiftDays: 0,
    extraWhere: 'd.assessment_due_on IS NOT NULL',
    caseId: 'd.case_id',
    recordId: 'd.id',
    reference: 'd.detention_number',
    detail: 'd.assessment_office',
  },
  {
    kind: 'penalty_due',
    recordType: 'penalty',
    table: 'penalties',
    alias: 'p',
    index: 'penalties_due_deadline',
    caseIndex: 'penalties_case',
    caseFilter: 'p.case_id = @caseId',
    done: `(p.status IN ('paid','cancelled','written_off'))`,
    order: 'p.due_on',
    shiftDays: 0,
    caseId: 'p.case_id',
    recordId: 'p.id',
    reference: 'p.notice_number',
    detail: 'NULL',
  },
  {
    kind: 'penalty_correction_window',
    recordType: 'penalty',
    table: 'penalties',
    alias: 'p',
    index: 'penalties_window_deadline',
    caseIndex: 'penalties_case',
    caseFilter: 'p.case_id = @caseId',
    done: `(p.status IN ('paid','cancelled','written_off'))`,
    order: 'p.assessed_on',
    shiftDays: PENALTY_CORRECTION_DAYS,
    caseId: 'p.case_id',
    recordId: 'p.id',
    reference: 'p.notice_number',
    detail: 'NULL',
  },
  {
    kind: 'penalty_review_window',
    recordType: 'penalty',
    table: 'penalties',
    alias: 'p',
    index: 'penalties_window_deadline',
    caseIndex: 'penalties_case',
    caseFilter: 'p.case_id = @caseId',
    done: `(p.status IN ('paid','cancelled','written_off'))`,
    order: 'p.assessed_on',
    shiftDays: PENALTY_REVIEW_DAYS,
    caseId: 'p.case_id',
    recordId: 'p.id',
    reference: 'p.notice_number',
    detail: 'NULL',
  },
  {
    // Migration 004 keeps the window's end in review_window_ends_on (seized_on + SEIZURE_REVIEW_WINDOW_DAYS).
    kind: 'seizure_review_window',
    recordType: 'seizure',
    table: 'seizures',
    alias: 's',
    index: 'seizures_review',
    caseIndex: 'seizures_case',
    caseFilter: 's.case_id = @caseId',
    // open while the goods are held (disposition_rank 1 = held)
    done: '(s.disposition_rank <> 1)',
    order: 's.review_window_ends_on',
    shiftDays: 0,
    caseId: 's.case_id',
    recordId: 's.id',
    reference: 's.seizure_number',
    detail: 'NULL',
  },
  {
    kind: 'limitation',
    recordType: 'case',
    table: 'cases',
    alias: 'cases',
    index: 'cases_limitation_met',
    caseIndex: null,
    caseFilter: 'cases.id = @caseId',
    done: LIMITATION_MET_SQL,
    order: LIMITATION_DUE_SQL,
    shiftDays: 0,
    caseId: 'cases.id',
    recordId: 'cases.id',
    reference: 'cases.file_number',
    detail: LIMITATION_YEARS_SQL,
  },
  {
    // A check that is scheduled and not yet conducted (or cancelled).
    kind: 'check_scheduled',
    recordType: 'end_use_check',
    table: 'end_use_checks',
    alias: 'k',
    index: 'end_use_checks_deadline',
    caseIndex: 'end_use_checks_case',
    caseFilter: 'k.case_id = @caseId',
    done: `(k.status <> 'scheduled')`,
    order: 'k.scheduled_on',
    shiftDays: 0,
    extraWhere: 'k.scheduled_on IS NOT NULL',
    caseId: 'k.case_id',
    recordId: 'k.id',
    reference: 'k.check_number',
    detail: 'k.check_type',
  },
  {
    kind: 'audit_report',
    recordType: 'compliance_audit',
    table: 'compliance_audits',
    alias: 'a',
    index: 'compliance_audits_deadline',
    caseIndex: 'compliance_audits_case',
    caseFilter: 'a.case_id = @caseId',
    done: `(a.status IN ('reported','cancelled'))`,
    order: 'a.report_due_on',
    shiftDays: 0,
    caseId: 'a.case_id',
    recordId: 'a.id',
    reference: 'a.audit_number',
    detail: 'NULL',
  },
  {
    // Opens the audit it belongs to; the detail is what is to be done, and by whom.
    kind: 'corrective_action',
    recordType: 'compliance_audit',
    table: 'corrective_actions',
    alias: 'ca',
    index: 'corrective_actions_deadline',
    caseIndex: 'corrective_actions_case',
    caseFilter: 'ca.case_id = @caseId',
    done: '(ca.completed_on IS NOT NULL)',
    order: 'ca.due_on',
    shiftDays: 0,
    caseId: 'ca.case_id',
    recordId: 'ca.audit_id',
    reference: '(SELECT audit_number FROM compliance_audits x WHERE x.id = ca.audit_id)',
    detail: `(ca.owner || ': ' || substr(ca.description, 1, 200))`,
  },
];

const KIND_RANK: Readonly<Record<DeadlineKind, number>> = Object.fromEntries(DEADLINE_KINDS.map((k, i) => [k, i])) as Record<
  DeadlineKind,
  number
>;

export type DeadlineQuery = z.output<typeof deadlineListInput>;

/** A part of the union: one source, one range of its index. */
interface Part {
  source: Source;
  /** done = 0 or 1 */
  done: 0 | 1;
  /** Bounds on the source's order column (already shifted), inclusive. */
  min: string | null;
  max: string | null;
  /** Bound < (exclusive upper) for a window's lapsed part. */
  below: string | null;
  /** Listed as done: a done record, or a window that has ended. */
  listedDone: boolean;
}

function partsFor(q: DeadlineQuery, todayDate: string): Part[] {
  const kinds = new Set(q.kind ?? DEADLINE_KINDS);
  const parts: Part[] = [];
  for (const source of SOURCES) {
    if (!kinds.has(source.kind)) continue;
    const shift = (d: string | undefined) => (d === undefined ? null : addDays(d, -source.shiftDays));
    const min = shift(q.from);
    const max = shift(q.to);
    if (DEADLINE_WINDOWS.includes(source.kind)) {
      // Open while it has not ended: from today on.
      const startToday = addDays(todayDate, -source.shiftDays);
      parts.push({
        source,
        done: 0,
        min: min !== null && min > startToday ? min : startToday,
        max,
        below: null,
        listedDone: false,
      });
      if (q.includeDone) {
        parts.push({ source, done: 0, min, max, below: startToday, listedDone: true }); // lapsed
        parts.push({ source, done: 1, min, max, below: null, listedDone: true });
      }
    } else {
      parts.push({ source, done: 0, min, max, below: null, listedDone: false });
      if (q.includeDone) parts.push({ source, done: 1, min, max, below: null, listedDone: true });
    }
  }
  return parts;
}

function partWhere(p: Part, caseScoped: boolean, params: Record<string, unknown>, n: number): string {
  const s = p.source;
  const where = [`${s.done} = ${p.done}`];
  if (s.extraWhere) where.push(s.extraWhere);
  if (caseScoped) where.push(s.caseFilter);
  if (p.min !== null) {
    where.push(`${s.order} >= @min${n}`);
    params[`min${n}`] = p.min;
  }
  if (p.max !== null) {
    where.push(`${s.order} <= @max${n}`);
    params[`max${n}`] = p.max;
  }
  if (p.below !== null) {
    where.push(`${s.order} < @below${n}`);
    params[`below${n}`] = p.below;
  }
  return where.join(' AND ');
}

/**
 * The SQL behind the deadline list, exported for the bench and the query-plan tests: a UNION ALL
 * with one part per source (and per range when done deadlines are included). Each part reads its
 * source's deadline index in due order and stops after offset + limit rows, so the outer sort
 * (overdue first, then the soonest) only sees a few hundred rows whatever the caseload.
 */
export function deadlineSql(q: DeadlineQuery, todayDate: string): ListSql {
  const caseScoped = q.caseId !== undefined;
  const params: Record<string, unknown> = { today: todayDate, n: q.offset + q.limit };
  if (caseScoped) params.caseId = q.caseId;
  const parts = partsFor(q, todayDate);
  const selects: string[] = [];
  const counts: string[] = [];
  const overdueCounts: string[] = [];
  parts.forEach((p, i) => {
    const s = p.source;
    const where = partWhere(p, caseScoped, params, i);
    const index = caseScoped ? s.caseIndex : s.index;
    const table = s.alias === s.table ? s.table : `${s.table} ${s.alias}`;
    const from = index ? `${table} INDEXED BY ${index}` : table;
    const due = s.shiftDays ? `date(${s.order}, '+${s.shiftDays} days')` : s.order;
    const overdue = DEADLINE_WINDOWS.includes(s.kind) || p.listedDone ? '0' : `(${s.order} < @today)`;
    selects.push(
      `SELECT * FROM (SELECT ${KIND_RANK[s.kind]} AS k, ${due} AS due_on, ${overdue} AS overdue, ${p.listedDone ? 1 : 0} AS done,
         ${s.alias}.seq AS seq, ${s.caseId} AS case_id, ${s.recordId} AS record_id,
         ${s.reference} AS reference, ${s.detail} AS detail
       FROM ${from} WHERE ${where} ORDER BY ${s.order}, seq LIMIT @n)`,
    );
    counts.push(`(SELECT count(*) FROM ${from} WHERE ${where})`);
    if (!p.listedDone && !DEADLINE_WINDOWS.includes(s.kind)) {
      overdueCounts.push(`(SELECT count(*) FROM ${from} WHERE ${where} AND ${s.order} < @today)`);
    }
  });
  if (selects.length === 0) {
    return { rowsSql: 'SELECT NULL WHERE 0', countSql: 'SELECT 0 AS n, 0 AS overdue', params: {}, countParams: {} };
  }
  const order = 'overdue DESC, due_on, k, seq';
  return {
    rowsSql: `SELECT u.*, c.file_number AS case_file_number, c.title AS case_title
      FROM (SELECT * FROM (${selects.join('\n      UNION ALL ')}) ORDER BY ${order} LIMIT @limit OFFSET @offset) u
      JOIN cases c ON c.id = u.case_id
      ORDER BY ${order
        .split(', ')
        .map((c) => `u.${c}`)
        .join(', ')}`,
    params,
    countSql: `SELECT ${counts.join(' + ')} AS n, ${overdueCounts.length ? overdueCounts.join(' + ') : '0'} AS overdue`,
    countParams: params,
  };
}

interface Raw {
  k: number;
  due_on: string;
  overdue: 0 | 1;
  done: 0 | 1;
  case_id: string;
  record_id: string;
  reference: string;
  detail: string | number | null;
  case_file_number: string;
  case_title: string;
}

const REQUEST_LABELS: Record<InfoRequestKind, string> = {
  item_list: 'Item list',
  specifications: 'Specifications',
  end_use_certificate: 'End-use certificate',
  other: 'Information',
};

function labelOf(kind: DeadlineKind, reference: string, detail: string | null): string {
  switch (kind) {
    case 'detention_review':
      return `Review of detention ${reference}`;
    case 'info_request':
      return `${REQUEST_LABELS[(detail ?? 'other') as InfoRequestKind] ?? 'Information'} from the exporter (detention ${reference})`;
    case 'technical_assessment':
      return `Technical assessment answer${detail ? ` from ${detail}` : ''} (detention ${reference})`;
    case 'penalty_due':
      return `Payment of penalty ${reference}`;
    case 'penalty_correction_window':
      return `End of the correction window of penalty ${reference}`;
    case 'penalty_review_window':
      return `End of the review window of penalty ${reference}`;
    case 'seizure_review_window':
      return `End of the review window of seizure ${reference}`;
    case 'limitation':
      return `End of the ${detail ?? ''}-year limitation period (${detail === '5' ? 'U.S. administrative export case' : 'customs'})`;
    case 'check_scheduled':
      return `${detail === 'pre_license' ? 'Pre-license check' : 'Post-shipment verification'} ${reference} scheduled`;
    case 'audit_report':
      return `Report of compliance audit ${reference}`;
    case 'corrective_action':
      return `Corrective action of audit ${reference}${detail ? ` (${detail})` : ''}`;
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function listDeadlines(ctx: Pick<Ctx, 'db' | 'clock'>, q: DeadlineQuery): DeadlinePage {
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    throw new DossierError('invalid_input', `to: must not be before from (${q.from})`, 'to', 'range.to_before_from', {
      from: q.from,
    });
  }
  if (q.caseId !== undefined) requireCase(ctx.db, q.caseId);
  const todayDate = localDate(ctx.clock());
  return runDeadlines(ctx.db, q, todayDate);
}

export function runDeadlines(db: Db, q: DeadlineQuery, todayDate: string): DeadlinePage {
  const page = runCountedList<Raw, { n: number; overdue: number }>(db, deadlineSql(q, todayDate), q);
  const rows = page.rows.map((r): Deadline => {
    const kind = DEADLINE_KINDS[r.k] as DeadlineKind;
    const detail = r.detail === null ? null : String(r.detail);
    const source = SOURCES.find((x) => x.kind === kind);
    return {
      kind,
      dueOn: r.due_on,
      caseId: r.case_id,
      caseFileNumber: r.case_file_number,
      caseTitle: r.case_title,
      recordType: source?.recordType ?? 'case',
      recordId: r.record_id,
      reference: r.reference,
      detail,
      label: labelOf(kind, r.reference, detail),
      overdue: r.overdue === 1,
      done: r.done === 1,
      daysLeft: daysBetween(todayDate, r.due_on),
    };
  });
  return { total: page.total, overdueTotal: page.counts.overdue, rows };
}
