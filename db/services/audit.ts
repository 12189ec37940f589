/**
 * The audit view: who changed what and when, with the values before and after, read from the
 * append-only audit_log (db/audit.ts writes it), filtered and paged in SQL, and its CSV export.
 */
import type { Db } from '../sqlite.ts';
import { escapeLike, pageStatement, runList, searchWords, type ListSql } from '../list-sql.ts';
import { sql } from '../statements.ts';
import { DossierError } from '../errors.ts';
import type { AuditRow } from '../audit.ts';
import { MARKING_PRINTED, SECURITY_MARKINGS, type SecurityMarking } from '../shared/domain.ts';

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

/**
 * Below this many matches, a page may read the matches through a range index (a record type, a
 * period) and sort them by seq; above it, walking the log in seq order finds a page sooner.
 */
export const SORT_MATCHES_UP_TO = 5000;

interface Condition {
  sql: string;
  params: unknown[];
  /** A range (record type alone, period): its index does not give seq order. */
  range?: boolean;
}

function conditions(q: Omit<AuditQuery, 'sort'>): Condition[] {
  if (q.recordId !== undefined && q.recordType === undefined) {
    throw new DossierError('invalid_input', 'recordType: required with recordId', 'recordType', 'audit.record_type_required', {});
  }
  const from = q.from;
  const to = q.to;
  if (from !== undefined && to !== undefined && from > to) {
    throw new DossierError('invalid_input', 'to: must not be before from', 'to', 'range.to_before_from', { from: q.from ?? '' });
  }
  const out: Condition[] = [];
  if (q.caseId !== undefined) out.push({ sql: 'case_id = ?', params: [q.caseId] });
  if (q.recordType !== undefined && q.recordId !== undefined) {
    out.push({ sql: 'record_type = ? AND record_id = ?', params: [q.recordType, q.recordId] });
  } else if (q.recordType !== undefined) {
    out.push({ sql: 'record_type = ?', params: [q.recordType], range: true });
  }
  if (q.actor !== undefined) out.push({ sql: 'actor = ?', params: [q.actor] });
  if (q.method !== undefined) out.push({ sql: 'method = ?', params: [q.method] });
  if (from !== undefined) out.push({ sql: 'at >= ?', params: [from], range: true });
  if (to !== undefined) out.push({ sql: 'at < ?', params: [to], range: true });
  for (const word of searchWords(q.text).words) {
    const like = `%${escapeLike(word)}%`;
    out.push({
      sql: `(actor LIKE ? ESCAPE '\\' OR method LIKE ? ESCAPE '\\' OR record_id LIKE ? ESCAPE '\\'
        OR before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\')`,
      params: [like, like, like, like, like],
    });
  }
  return out;
}

/** `record_type = ?` -> `+record_type = ?`: the condition is checked on each row, not looked up in an index. */
function unindexed(sql: string): string {
  return sql.replace(/^(\w+) /, '+$1 ');
}

function whereOf(list: Condition[], mapSql: (c: Condition) => string = (c) => c.sql): { whereSql: string; params: unknown[] } {
  return {
    whereSql: list.length ? `WHERE ${list.map(mapSql).join(' AND ')}` : '',
    params: list.flatMap((c) => c.params),
  };
}

/**
 * The audit view's SQL. An equality filter walks its index in seq order and stops after the page:
 * audit_case (case_id, seq), audit_record (record_type, record_id, seq), audit_actor (actor,
 * seq), audit_method (method, seq); the other filters are checked along the way. Ranges (a record
 * type alone, a period) have indexes too (audit_record, audit_at), which give their matches but
 * not in seq order: with few matches the page reads them there and sorts them; with many, and
 * whenever an equality filter is present, it walks the log or that filter's index in seq order.
 */
export function auditListSql(q: AuditQuery): ListSql {
  const list = conditions(q);
  const count = whereOf(list);
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const hasEquality = list.some((c) => !c.range && !c.sql.includes('LIKE'));
  return {
    countSql: `SELECT count(*) AS n FROM audit_log ${count.whereSql}`,
    countParams: count.params,
    params: count.params,
    rowsSql: (total: number) => {
      const walk = hasEquality || total > SORT_MATCHES_UP_TO;
      const { whereSql } = whereOf(list, (c) => (walk && c.range ? unindexed(c.sql) : c.sql));
      return `SELECT * FROM audit_log ${whereSql} ORDER BY seq ${dir} LIMIT ? OFFSET ?`;
    },
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
    changes.push({ field, before: b, after: a });
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
  const page = runList<AuditRow>(db, auditListSql(q), q);
  return { total: page.total, rows: page.rows.map(toAuditEntry) };
}

/** An export holds at most this many audit records: narrow the filters (a case, a period) beyond it. */
export const MAX_EXPORT_RECORDS = 50_000;

export const AUDIT_CSV_HEADER = [
  'seq',
  'at (UTC)',
  'actor',
  'badge',
  'method',
  'record type',
  'record id',
  'field',
  'before',
  'after',
];

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

/** The marking an export of a case (or of every case) carries: the highest of the cases it holds. */
export function exportMarking(db: Db, caseId: string | undefined): SecurityMarking {
  const rows = (
    caseId === undefined
      ? sql(db, 'SELECT DISTINCT security_marking AS m FROM cases').all()
      : sql(db, 'SELECT security_marking AS m FROM cases WHERE id = ?').all(caseId)
  ) as { m: SecurityMarking }[];
  let best: SecurityMarking = 'unclassified';
  for (const { m } of rows) if (SECURITY_MARKINGS.indexOf(m) > SECURITY_MARKINGS.indexOf(best)) best = m;
  return best;
}

/**
 * The audit view as CSV: the marking line, then one line per changed field (seq, time, who, method, record, field, old
 * and new value), CRLF line ends, UTF-8 without byte-order mark.
 */
export function exportAuditCsv(
  db: Db,
  q: AuditQuery,
  nowIso: string,
  maxRecords = MAX_EXPORT_RECORDS,
): { filename: string; csv: string; records: number } {
  const s = auditListSql(q);
  const { n } = sql(db, s.countSql).get(...(s.countParams as unknown[])) as { n: number };
  if (n > maxRecords) {
    throw new DossierError(
      'invalid_input',
      `filters: ${n} audit records match; an export holds at most ${maxRecords}: choose a case or a shorter period`,
      undefined,
      'audit.export_too_large',
      { count: n, max: maxRecords },
    );
  }
  // The first line is the security marking of what the export holds (the highest of all cases
  // when it spans several), so a printed or forwarded CSV carries it like every other export.
  const marking = exportMarking(db, q.caseId);
  const parts: string[] = [csvLine([`${MARKING_PRINTED[marking]}`]), csvLine(AUDIT_CSV_HEADER)];
  const all = pageStatement(s, { limit: -1, offset: 0 }, n);
  const rows = sql(db, all.sql).iterate(...all.values) as IterableIterator<AuditRow>;
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
