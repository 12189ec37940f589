/**
 * The audit view: who changed what and when, with the values before and after, read from the
 * append-only audit_log (db/audit.ts writes it), filtered and paged in SQL, and its CSV export.
 */
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { DossierError } from '../errors.ts';
import type { AuditRow } from '../audit.ts';

export type AuditValues = Record<string, unknown>;

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  actorBadge: string;
  method: string;
  recordType: string;
  recordId: string;
  caseId: string | null;
  /** The record as it was (null for a creation). */
  before: AuditValues | null;
  /** The record as the change left it (null for a removal). */
  after: AuditValues | null;
  /** The fields that differ, in column-name order. */
  changes: AuditChange[];
}

export interface AuditQuery {
  caseId?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  actor?: string | undefined;
  method?: string | undefined;
  text?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort: { column: 'seq'; direction: 'asc' | 'desc' };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An instant as the audit log stores it (UTC, milliseconds, Z), so that strings compare as times. */
function utc(iso: string): string {
  return new Date(iso).toISOString();
}

/**
 * WHERE clause of the audit view. The planner walks the index of the most specific filter in seq
 * order: audit_case (case_id, seq), audit_record (record_type, record_id, seq), audit_actor
 * (actor, seq), else the table itself; the other filters are checked along the way.
 */
export function auditWhere(q: Omit<AuditQuery, 'sort'>, forPage = false): { whereSql: string; params: unknown[] } {
  if (q.recordId !== undefined && q.recordType === undefined) {
    throw new DossierError('invalid_input', 'recordType: required with recordId', 'recordType');
  }
  const from = q.from === undefined ? undefined : utc(q.from);
  const to = q.to === undefined ? undefined : utc(q.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw new DossierError('invalid_input', 'to: must not be before from', 'to');
  }
  const where: string[] = [];
  const params: unknown[] = [];
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  eq('case_id', q.caseId);
  // A record type alone matches a large part of the log (every case): a page walks the log in seq
  // order and stops, rather than sorting every match; the count still uses audit_record.
  eq(forPage && q.recordId === undefined ? '+record_type' : 'record_type', q.recordType);
  eq('record_id', q.recordId);
  eq('actor', q.actor);
  eq('method', q.method);
  if (from !== undefined) {
    where.push('at >= ?');
    params.push(from);
  }
  if (to !== undefined) {
    where.push('at < ?');
    params.push(to);
  }
  for (const word of (q.text ?? '').split(/\s+/).filter(Boolean)) {
    const like = `%${escapeLike(word)}%`;
    where.push(
      `(actor LIKE ? ESCAPE '\\' OR method LIKE ? ESCAPE '\\' OR record_id LIKE ? ESCAPE '\\'
        OR before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\')`,
    );
    params.push(like, like, like, like, like);
  }
  return { whereSql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function auditListSql(q: AuditQuery): { rowsSql: string; countSql: string; params: unknown[] } {
  const page = auditWhere(q, true);
  const { whereSql } = auditWhere(q);
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  return {
    rowsSql: `SELECT * FROM audit_log ${page.whereSql} ORDER BY seq ${dir} LIMIT ? OFFSET ?`,
    countSql: `SELECT count(*) AS n FROM audit_log ${whereSql}`,
    // The same parameters, in the same order, for both.
    params: page.params,
  };
}

function parseValues(json: string | null): AuditValues | null {
  return json === null ? null : (JSON.parse(json) as AuditValues);
}

/** The fields whose values differ between two states of a record (every field for a creation or removal). */
export function diffValues(before: AuditValues | null, after: AuditValues | null): AuditChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const b = before && Object.hasOwn(before, field) ? before[field] : null;
    const a = after && Object.hasOwn(after, field) ? after[field] : null;
    if (before && after && JSON.stringify(a) === JSON.stringify(b)) continue;
    changes.push({ field, before: before ? b : null, after: after ? a : null });
  }
  return changes;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  const before = parseValues(row.before);
  const after = parseValues(row.after);
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    actorBadge: row.actor_badge,
    method: row.method,
    recordType: row.record_type,
    recordId: row.record_id,
    caseId: row.case_id,
    before,
    after,
    changes: diffValues(before, after),
  };
}

export function listAudit(db: Db, q: AuditQuery & { offset: number; limit: number }): { total: number; rows: AuditEntry[] } {
  const s = auditListSql(q);
  const rows = sql(db, s.rowsSql).all(...s.params, q.limit, q.offset) as AuditRow[];
  const { n } = sql(db, s.countSql).get(...s.params) as { n: number };
  return { total: n, rows: rows.map(toAuditEntry) };
}

/** An export holds at most this many audit records: narrow the filters (a case, a period) beyond it. */
export const MAX_EXPORT_RECORDS = 50_000;

export const AUDIT_CSV_HEADER = ['seq', 'at (UTC)', 'actor', 'badge', 'method', 'record type', 'record id', 'field', 'before', 'after'];

/** One CSV field (RFC 4180). Text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvField(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'string') text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else text = JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(fields: readonly unknown[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * The audit view as CSV: one line per changed field (seq, time, who, method, record, field, old
 * and new value), CRLF line ends, UTF-8 without byte-order mark.
 */
export function exportAuditCsv(
  db: Db,
  q: AuditQuery,
  nowIso: string,
  maxRecords = MAX_EXPORT_RECORDS,
): { filename: string; csv: string; records: number } {
  const s = auditListSql(q);
  const { n } = sql(db, s.countSql).get(...s.params) as { n: number };
  if (n > maxRecords) {
    throw new DossierError(
      'invalid_input',
      `filters: ${n} audit records match; an export holds at most ${maxRecords}: choose a case or a shorter period`,
    );
  }
  const parts: string[] = [csvLine(AUDIT_CSV_HEADER)];
  const rows = sql(db, s.rowsSql).iterate(...s.params, -1, 0) as IterableIterator<AuditRow>;
  for (const row of rows) {
    const entry = toAuditEntry(row);
    const head = [entry.seq, entry.at, entry.actor, entry.actorBadge, entry.method, entry.recordType, entry.recordId];
    if (entry.changes.length === 0) parts.push(csvLine([...head, '', '', '']));
    for (const c of entry.changes) parts.push(csvLine([...head, c.field, c.before, c.after]));
  }
  let scope = 'all';
  if (q.caseId !== undefined) {
    const c = sql(db, 'SELECT file_number FROM cases WHERE id = ?').get(q.caseId) as { file_number: string } | undefined;
    scope = c ? c.file_number : q.caseId;
  } else if (q.recordType !== undefined) {
    scope = q.recordId !== undefined ? `${q.recordType}-${q.recordId}` : q.recordType;
  }
  const stamp = nowIso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const filename = `audit-${scope.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}.csv`;
  return { filename, csv: parts.join(''), records: n };
}
