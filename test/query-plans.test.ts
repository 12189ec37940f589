/**
 * The case list and case view must stay fast on large caseloads: every page is read by walking an
 * index in order and stopping after the page (no sort of the whole result), a text search goes
 * through the full-text index, and opening a case looks it up by its id index. Asserted here
 * through EXPLAIN QUERY PLAN on a small seeded database. No planner statistics are involved
 * (Dossier runs no ANALYZE), so these are the plans SQLite also picks for 100,000 cases;
 * `npm run bench` measures those.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { Db } from '../db/sqlite.ts';
import { seedCases } from '../db/seed/cases.ts';
import { caseListSql, PRIORITY_RANKS, STATUS_RANKS } from '../db/services/cases.ts';
import { caseListInput } from '../db/shared/inputs/cases.ts';
import { CASE_SORT_COLUMNS, CASE_STATUSES, PRIORITIES, type CaseSortColumn } from '../db/shared/domain.ts';
import { explainList } from '../db/list-sql.ts';

/** The column each sort orders by first (see sortExpressions in db/services/cases.ts). */
const SORT_COLUMN: Record<CaseSortColumn, string> = {
  fileNumber: 'file_number',
  title: 'title',
  status: 'status_rank',
  priority: 'priority_rank',
  leadInvestigator: 'lead_investigator',
  violationType: 'violation_type',
  openedOn: 'opened_on',
  updatedAt: 'updated_at',
};

const DIRECTIONS = ['asc', 'desc'] as const;

let dir: string;
let core: Core;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-plans-'));
  core = await openCore(path.join(dir, 'plans.db'), { actor: { name: 'Plan Tester', badge: '' } });
  seedCases(core.db, core.invoke, { cases: 2000, seed: 1, today: '2026-01-15' });
});

afterAll(() => {
  core?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function explain(db: Db, sqlText: string, params: readonly unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** The plans of the page query and of the count query for a `cases.list` input. */
function listPlans(input: Record<string, unknown>): { rows: string[]; count: string[] } {
  const q = caseListSql(caseListInput.parse(input));
  return explainList(core.db, q);
}

/** The first column of an index (its leading key). */
function leadingColumn(index: string): string | undefined {
  const cols = core.db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index) as { name: string }[];
  return cols[0]?.name;
}

/**
 * The index the page query walks over `cases`, failing if it reads the table in any other way.
 * A SEARCH is a walk too: a filter on the sort column itself narrows it (status sorted by status).
 */
function walkedIndex(rows: readonly string[]): string {
  const reads = rows.filter((d) => /^(SCAN|SEARCH) cases /.test(d));
  expect(reads, rows.join('\n')).toHaveLength(1);
  const m = /^(?:SCAN cases USING (?:COVERING )?INDEX (\w+)$|SEARCH cases USING (?:COVERING )?INDEX (\w+) \()/.exec(
    reads[0] ?? '',
  );
  expect(m, `expected an index walk of cases, got:\n${rows.join('\n')}`).not.toBeNull();
  return m?.[1] ?? m?.[2] ?? '';
}

function expectOrderedByIndex(input: Record<string, unknown>, column: CaseSortColumn): string[] {
  const { rows } = listPlans(input);
  expect(rows.join('\n')).not.toMatch(/USE TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/);
  expect(leadingColumn(walkedIndex(rows))).toBe(SORT_COLUMN[column]);
  return rows;
}

describe('case list query plans', () => {
  it("sorts by every column through that column's index, both ways", () => {
    for (const column of CASE_SORT_COLUMNS) {
      for (const direction of DIRECTIONS) {
        expectOrderedByIndex({ sort: { column, direction } }, column);
      }
    }
  });

  it('walks indexes that carry seq and the filter columns, so filters are checked in the index', () => {
    for (const column of CASE_SORT_COLUMNS) {
      const index = walkedIndex(listPlans({ sort: { column, direction: 'asc' } }).rows);
      const columns = (
        core.db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index) as { name: string }[]
      ).map((c) => c.name);
      expect(columns.slice(0, 2), index).toEqual([SORT_COLUMN[column], 'seq']);
      expect(columns, index).toEqual(expect.arrayContaining(['status_rank', 'priority_rank', 'violation_type']));
    }
  });

  it('reads a deep page through the index too', () => {
    expectOrderedByIndex({ offset: 1500, limit: 100 }, 'updatedAt');
  });

  it('keeps the sort index when filtering by status, priority or violation type', () => {
    const filters: Record<string, unknown>[] = [
      { status: ['open'] },
      { status: ['under_review', 'referred_for_prosecution'] },
      { priority: ['critical'] },
      { violationType: ['smuggling', 'other'] },
      { status: ['closed'], priority: ['low', 'high'], violationType: ['sanctions_breach'] },
    ];
    for (const filter of filters) {
      for (const column of CASE_SORT_COLUMNS) {
        for (const direction of DIRECTIONS) {
          const rows = expectOrderedByIndex({ ...filter, sort: { column, direction } }, column);
          // Checked inside the index: no lookup of the row before it is on the page.
          expect(rows.join('\n')).not.toMatch(/SEARCH cases USING INTEGER PRIMARY KEY/);
        }
      }
    }
  });

  it('counts a status, priority or violation filter in an index', () => {
    for (const filter of [{ status: ['open', 'closed'] }, { priority: ['medium'] }, { violationType: ['smuggling'] }]) {
      const { count } = listPlans(filter);
      expect(count.join('\n')).toMatch(
        /^SEARCH cases USING (COVERING )?INDEX \w+ \((status_rank|priority_rank|violation_type)=\?\)/m,
      );
    }
  });

  it('searches text of 3+ characters through the full-text index', () => {
    for (const text of ['FPGA', 'thermal Iran']) {
      for (const column of ['updatedAt', 'title'] as const) {
        const rows = expectOrderedByIndex({ text, sort: { column, direction: 'desc' } }, column);
        expect(rows.join('\n')).toMatch(/SCAN cases_fts VIRTUAL TABLE INDEX \d+:M/);
      }
      const { count } = listPlans({ text });
      expect(count).toEqual([expect.stringMatching(/^SCAN cases_fts VIRTUAL TABLE INDEX \d+:M/)]);
      // Combined with another filter, the count still goes through the full-text index.
      const combined = listPlans({ text, status: ['open'] });
      expect(combined.count.join('\n')).toMatch(/SCAN cases_fts VIRTUAL TABLE INDEX \d+:M/);
      expectOrderedByIndex({ text, status: ['open'] }, 'updatedAt');
    }
  });

  it('counts a 2-character search by scanning an index, not the table', () => {
    const { rows, count } = listPlans({ text: 'UA' });
    expectOrderedByIndex({ text: 'UA' }, 'updatedAt');
    expect(rows.join('\n')).not.toMatch(/cases_fts/);
    expect(count).toEqual([expect.stringMatching(/^SCAN cases USING COVERING INDEX \w+$/)]);
  });
});

describe('cases.get query plan', () => {
  it('looks the case up through the index on id', async () => {
    // A second connection has an empty statement cache, so every statement cases.get runs is prepared here.
    const second = await openCore(core.file, { actor: { name: 'Plan Tester', badge: '' } });
    try {
      const prepared: string[] = [];
      const prepare = second.db.prepare.bind(second.db);
      vi.spyOn(second.db, 'prepare').mockImplementation((source: string) => {
        prepared.push(source);
        return prepare(source);
      });
      const { id } = core.db.prepare('SELECT id FROM cases WHERE seq = 1000').get() as { id: string };
      const env = second.invoke('cases.get', { id });
      expect(env.ok).toBe(true);
      const onCases = prepared.filter((s) => /\bFROM cases\b/i.test(s));
      expect(onCases.length).toBeGreaterThan(0);
      for (const s of onCases) {
        const plan = explain(second.db, s, [id]);
        const m = /^SEARCH cases USING (?:COVERING )?INDEX (\w+) \(id=\?\)$/.exec(plan[0] ?? '');
        expect(m, `${s}\n${plan.join('\n')}`).not.toBeNull();
        expect(plan).toHaveLength(1);
        expect(leadingColumn(m?.[1] ?? '')).toBe('id');
      }
    } finally {
      vi.restoreAllMocks();
      second.close();
    }
  });
});

describe('the planner-steered list SQL', () => {
  it('uses ranks that agree with the generated columns', () => {
    const pairs = core.db.prepare('SELECT DISTINCT status, status_rank AS rank FROM cases').all() as {
      status: string;
      rank: number;
    }[];
    expect(new Set(pairs.map((p) => p.status))).toEqual(new Set(CASE_STATUSES));
    for (const p of pairs) expect(STATUS_RANKS[p.status as keyof typeof STATUS_RANKS]).toBe(p.rank);
    const prio = core.db.prepare('SELECT DISTINCT priority, priority_rank AS rank FROM cases').all() as {
      priority: string;
      rank: number;
    }[];
    expect(new Set(prio.map((p) => p.priority))).toEqual(new Set(PRIORITIES));
    for (const p of prio) expect(PRIORITY_RANKS[p.priority as keyof typeof PRIORITY_RANKS]).toBe(p.rank);
  });

  it('returns the same pages and counts as plain SQL', () => {
    const plain = (where: string, order: string, params: unknown[], limit: number, offset: number) => ({
      total: (core.db.prepare(`SELECT count(*) AS n FROM cases ${where}`).get(...params) as { n: number }).n,
      ids: (
        core.db.prepare(`SELECT id FROM cases ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset) as {
          id: string;
        }[]
      ).map((r) => r.id),
    });
    const fts = 'seq IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)';
    const cases: { input: Record<string, unknown>; where: string; order: string; params: unknown[] }[] = [
      { input: { status: ['open'] }, where: "WHERE status IN ('open')", order: 'updated_at DESC, seq DESC', params: [] },
      {
        input: { status: ['under_review', 'closed'], sort: { column: 'title', direction: 'asc' }, offset: 300 },
        where: "WHERE status IN ('under_review', 'closed')",
        order: 'title COLLATE NOCASE ASC, seq ASC',
        params: [],
      },
      {
        input: {
          priority: ['critical', 'low'],
          violationType: ['smuggling', 'sanctions_breach'],
          sort: { column: 'status', direction: 'desc' },
        },
        where: "WHERE priority IN ('critical', 'low') AND violation_type IN ('smuggling', 'sanctions_breach')",
        order: 'status_rank DESC, seq DESC',
        params: [],
      },
      { input: { text: 'FPGA' }, where: `WHERE ${fts}`, order: 'updated_at DESC, seq DESC', params: ['"FPGA"'] },
      {
        input: { text: 'thermal Iran', status: ['closed'], sort: { column: 'openedOn', direction: 'asc' } },
        where: `WHERE status IN ('closed') AND ${fts}`,
        order: 'opened_on ASC, seq ASC',
        params: ['"thermal" AND "Iran"'],
      },
      {
        input: { text: 'UA', sort: { column: 'leadInvestigator', direction: 'desc' } },
        where: "WHERE (file_number LIKE '%UA%' OR title LIKE '%UA%')",
        order: 'lead_investigator COLLATE NOCASE DESC, seq DESC',
        params: [],
      },
    ];
    for (const c of cases) {
      const env = core.invoke('cases.list', { limit: 100, ...c.input });
      if (!env.ok) throw new Error(env.error.message);
      const result = env.result as { total: number; rows: { id: string }[] };
      const expected = plain(c.where, c.order, c.params, 100, Number(c.input.offset ?? 0));
      expect(expected.total, JSON.stringify(c.input)).toBeGreaterThan(0);
      expect({ total: result.total, ids: result.rows.map((r) => r.id) }, JSON.stringify(c.input)).toEqual(expected);
    }
  });
});
