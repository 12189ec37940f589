import { randomUUID } from 'node:crypto';
import type { Db } from '../sqlite.ts';
import { escapeLike, runList, searchWords, type ListSql } from '../list-sql.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, notFound } from '../errors.ts';
import { localDate } from '../shared/time.ts';
import {
  CASE_TRANSITIONS,
  type CaseSortColumn,
  type CaseStatus,
  type Priority,
  type SecurityMarking,
  type ViolationType,
} from '../shared/domain.ts';
import { readSettings } from './settings.ts';
import { caseNumbers, nextRecordNumber, numberForDate } from './record-numbers.ts';
import { assertVersion } from './guards.ts';
import type { z } from 'zod';
import type { caseCreateInput, caseUpdateInput } from '../shared/inputs/cases.ts';

export interface Case {
  id: string;
  fileNumber: string;
  title: string;
  status: CaseStatus;
  priority: Priority;
  leadInvestigator: string;
  agency: string;
  partnerAgencies: string[];
  violationType: ViolationType | null;
  legalAuthorities: string;
  securityMarking: SecurityMarking;
  summary: string;
  notes: string;
  openedOn: string;
  closedOn: string | null;
  /** When the contravention happened (limitation periods run from it, else from openedOn). */
  contraventionOn: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type CaseListRow = Pick<
  Case,
  | 'id'
  | 'fileNumber'
  | 'title'
  | 'status'
  | 'priority'
  | 'leadInvestigator'
  | 'violationType'
  | 'securityMarking'
  | 'openedOn'
  | 'updatedAt'
>;

interface CaseRow {
  id: string;
  file_number: string;
  title: string;
  status: CaseStatus;
  priority: Priority;
  lead_investigator: string;
  agency: string;
  partner_agencies: string;
  violation_type: ViolationType | null;
  legal_authorities: string;
  security_marking: SecurityMarking;
  summary: string;
  notes: string;
  opened_on: string;
  closed_on: string | null;
  contravention_on: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

function toCase(r: CaseRow): Case {
  return {
    id: r.id,
    fileNumber: r.file_number,
    title: r.title,
    status: r.status,
    priority: r.priority,
    leadInvestigator: r.lead_investigator,
    agency: r.agency,
    partnerAgencies: JSON.parse(r.partner_agencies) as string[],
    violationType: r.violation_type,
    legalAuthorities: r.legal_authorities,
    securityMarking: r.security_marking,
    summary: r.summary,
    notes: r.notes,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    contraventionOn: r.contravention_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function getCase(db: Db, id: string): Case {
  const row = sql(db, 'SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
  if (!row) throw notFound('case', id);
  return toCase(row);
}

export function findCaseByFileNumber(db: Db, fileNumber: string): Case | null {
  const row = sql(db, 'SELECT * FROM cases WHERE file_number = ?').get(fileNumber) as CaseRow | undefined;
  return row ? toCase(row) : null;
}

export type CreateCaseInput = z.output<typeof caseCreateInput>;

export function createCase(ctx: Ctx, input: CreateCaseInput): Case {
  const settings = readSettings(ctx.db);
  const openedOn = input.openedOn ?? localDate(ctx.clock());
  const id = randomUUID();
  const now = ctx.now();
  // The acting investigator: the profile, else the OS user, unless the shell overrides it (the CLI's --as).
  const lead = input.leadInvestigator || ctx.actor.name;
  const agency = input.agency ?? settings.profile?.agency ?? '';
  ctx.audit.track('case', id, id, () => {
    sql(
      ctx.db,
      `INSERT INTO cases (id, file_number, title, status, priority, lead_investigator, agency, partner_agencies,
           violation_type, legal_authorities, security_marking, summary, notes, opened_on, contravention_on, created_at, updated_at)
         VALUES (@id, @fileNumber, @title, 'open', @priority, @lead, @agency, @partners,
           @violationType, @legalAuthorities, @securityMarking, @summary, @notes, @openedOn, @contraventionOn, @now, @now)`,
    ).run({
      id,
      fileNumber: nextRecordNumber(ctx.db, caseNumbers, openedOn.slice(0, 4), settings.fileNumberPrefix),
      title: input.title,
      priority: input.priority,
      lead,
      agency,
      partners: JSON.stringify(input.partnerAgencies),
      violationType: input.violationType,
      legalAuthorities: input.legalAuthorities,
      securityMarking: input.securityMarking,
      summary: input.summary,
      notes: input.notes,
      openedOn,
      contraventionOn: input.contraventionOn,
      now,
    });
  });
  return getCase(ctx.db, id);
}

export type UpdateCaseInput = z.output<typeof caseUpdateInput>;

const updatableColumns: Record<Exclude<keyof UpdateCaseInput, 'id' | 'version'>, string> = {
  title: 'title',
  priority: 'priority',
  leadInvestigator: 'lead_investigator',
  agency: 'agency',
  partnerAgencies: 'partner_agencies',
  violationType: 'violation_type',
  legalAuthorities: 'legal_authorities',
  securityMarking: 'security_marking',
  summary: 'summary',
  notes: 'notes',
  openedOn: 'opened_on',
  contraventionOn: 'contravention_on',
};

export function updateCase(ctx: Ctx, input: UpdateCaseInput): Case {
  const current = getCase(ctx.db, input.id);
  assertVersion(current, input.version, 'case', current.fileNumber);
  const sets: string[] = [];
  const params: Record<string, unknown> = { id: input.id, now: ctx.now() };
  for (const [key, column] of Object.entries(updatableColumns) as [keyof typeof updatableColumns, string][]) {
    const value = input[key];
    if (value === undefined) continue;
    sets.push(`${column} = @${key}`);
    params[key] = key === 'partnerAgencies' ? JSON.stringify(value) : value;
  }
  if (input.openedOn && current.closedOn && input.openedOn > current.closedOn) {
    throw new DossierError(
      'invalid_input',
      'openedOn: must not be after the closing date',
      'openedOn',
      'case.opened_after_closed',
      {
        closedOn: current.closedOn,
      },
    );
  }
  if (input.openedOn !== undefined) {
    const fileNumber = numberForDate(ctx.db, caseNumbers, current.fileNumber, input.openedOn);
    if (fileNumber !== current.fileNumber) {
      sets.push('file_number = @fileNumber');
      params.fileNumber = fileNumber;
    }
  }
  if (sets.length === 0) return current;
  ctx.audit.track('case', input.id, input.id, () => {
    sql(ctx.db, `UPDATE cases SET ${sets.join(', ')}, updated_at = @now, version = version + 1 WHERE id = @id`).run(params);
  });
  return getCase(ctx.db, input.id);
}

export function setCaseStatus(
  ctx: Ctx,
  input: { id: string; status: CaseStatus; closedOn?: string | undefined; version?: number | undefined },
): Case {
  const current = getCase(ctx.db, input.id);
  assertVersion(current, input.version, 'case', current.fileNumber);
  const allowed = CASE_TRANSITIONS[current.status];
  if (!allowed.includes(input.status)) {
    throw new DossierError(
      'invalid_transition',
      `status: a case that is ${current.status} cannot become ${input.status} (allowed: ${allowed.join(', ')})`,
      'status',
      'case.transition',
      { status: current.status, to: input.status, allowed: allowed.join(', ') },
    );
  }
  let closedOn: string | null = null;
  if (input.status === 'closed') {
    closedOn = input.closedOn ?? localDate(ctx.clock());
    if (closedOn < current.openedOn) {
      throw new DossierError(
        'invalid_input',
        'closedOn: must not be before the opening date',
        'closedOn',
        'case.closed_before_opened',
        {
          openedOn: current.openedOn,
        },
      );
    }
  } else if (input.closedOn !== undefined) {
    throw new DossierError(
      'invalid_input',
      'closedOn: only a closed case has a closing date',
      'closedOn',
      'case.closing_date_not_closed',
      {
        status: input.status,
      },
    );
  }
  ctx.audit.track('case', input.id, input.id, () => {
    sql(ctx.db, 'UPDATE cases SET status = ?, closed_on = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(
      input.status,
      closedOn,
      ctx.now(),
      input.id,
    );
  });
  return getCase(ctx.db, input.id);
}

export interface CaseListQuery {
  sort: { column: CaseSortColumn; direction: 'asc' | 'desc' };
  status?: CaseStatus[] | undefined;
  priority?: Priority[] | undefined;
  violationType?: ViolationType[] | undefined;
  leadInvestigator?: string | undefined;
  text?: string | undefined;
  offset: number;
  limit: number;
}

const sortExpressions: Record<CaseSortColumn, string> = {
  fileNumber: 'file_number',
  title: 'title COLLATE NOCASE',
  status: 'status_rank',
  priority: 'priority_rank',
  leadInvestigator: 'lead_investigator COLLATE NOCASE',
  violationType: 'violation_type',
  openedOn: 'opened_on',
  updatedAt: 'updated_at',
};

/** The index each sort walks: it starts with the sort expression, then seq (migration 001). */
const sortIndexes: Record<CaseSortColumn, string> = {
  fileNumber: 'cases_file_number',
  title: 'cases_title',
  status: 'cases_status',
  priority: 'cases_priority',
  leadInvestigator: 'cases_lead',
  violationType: 'cases_violation',
  openedOn: 'cases_opened',
  updatedAt: 'cases_updated',
};

const listColumns = `id, file_number AS fileNumber, title, status, priority, lead_investigator AS leadInvestigator,
  violation_type AS violationType, security_marking AS securityMarking, opened_on AS openedOn, updated_at AS updatedAt`;

/** See ListSql in db/list-sql.ts. */
export type CaseListSql = ListSql;

/**
 * The values of the generated columns status_rank and priority_rank (migration 001). Filters
 * compare ranks rather than names because every list index carries the ranks, not the names, so
 * a filter is checked inside the index. Equivalent: a rank stands for exactly one name.
 */
export const STATUS_RANKS: Readonly<Record<CaseStatus, number>> = {
  open: 1,
  under_review: 2,
  referred_for_prosecution: 3,
  closed: 4,
};
export const PRIORITY_RANKS: Readonly<Record<Priority, number>> = { low: 1, medium: 2, high: 3, critical: 4 };

/**
 * The SQL behind the case list, exported so the bench can run it directly.
 *
 * The page query walks the index of the sort column (INDEXED BY) in order and stops after the
 * page. Each list index carries seq and the filter columns (migration 001), so filters and the
 * offset are checked inside the index and a row is read only once it is on the page. Left to
 * itself, with no statistics, SQLite would rather take a filter's own index and sort every
 * match, expecting an equality or IN filter to match a handful of rows when one status can hold
 * half the cases (100 ms and more at 100,000 cases). `+seq IN (full-text matches)` likewise makes
 * the matches a set checked during the walk, instead of fetching and sorting every match: a word
 * that every case holds would otherwise sort them all. The count keeps every filter usable by its
 * own index, and counts a search with no other filter in the full-text index alone.
 */
export function caseListSql(q: CaseListQuery): CaseListSql {
  const where: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly unknown[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList(
    'status_rank',
    q.status?.map((s) => STATUS_RANKS[s]),
  );
  inList(
    'priority_rank',
    q.priority?.map((p) => PRIORITY_RANKS[p]),
  );
  inList('violation_type', q.violationType);
  if (q.leadInvestigator) {
    where.push(`lead_investigator LIKE ? ESCAPE '\\'`);
    params.push(`%${escapeLike(q.leadInvestigator)}%`);
  }
  const { long, short, match } = searchWords(q.text);
  if (long.length) {
    where.push('+seq IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)');
    params.push(match);
  }
  for (const w of short) {
    where.push(`(file_number LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')`);
    params.push(`%${escapeLike(w)}%`, `%${escapeLike(w)}%`);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const order = `${sortExpressions[q.sort.column]} ${dir}, seq ${dir}`;
  // The full-text index holds exactly one row per case (triggers keep it in step), so a search
  // with no other filter counts its matches there, without a lookup per matching case.
  const textOnly = long.length > 0 && where.length === 1;
  return {
    rowsSql: `SELECT ${listColumns} FROM cases INDEXED BY ${sortIndexes[q.sort.column]} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params,
    countSql: textOnly
      ? 'SELECT count(*) AS n FROM cases_fts WHERE cases_fts MATCH ?'
      : `SELECT count(*) AS n FROM cases ${whereSql}`,
    countParams: textOnly ? [match] : params,
  };
}

export function listCases(db: Db, q: CaseListQuery): { total: number; rows: CaseListRow[] } {
  return runList<CaseListRow>(db, caseListSql(q), q);
}
