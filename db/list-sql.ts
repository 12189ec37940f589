import type { Db } from './sqlite.ts';
import { sql } from './statements.ts';

/** `abc` as an FTS5 string literal (a phrase), quotes doubled. */
export function ftsPhrase(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/** Text for a LIKE pattern with `ESCAPE '\'`: its own %, _ and \ match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The shortest word the trigram full-text indexes can match. */
const TRIGRAM = 3;

/**
 * The words of a search box, split once for every list: `long` ones are matched through the
 * trigram full-text index (as an FTS phrase each, all required), `short` ones (one or two
 * characters, which a trigram index cannot see) with LIKE on a few columns; `match` is the FTS
 * query of the long ones ('' when there are none).
 */
export function searchWords(text: string | undefined): { words: string[]; long: string[]; short: string[]; match: string } {
  const words = (text ?? '').trim().split(/\s+/).filter(Boolean);
  const long = words.filter((w) => [...w].length >= TRIGRAM);
  return { words, long, short: words.filter((w) => [...w].length < TRIGRAM), match: long.map(ftsPhrase).join(' AND ') };
}

/** One statement's parameters: positional, or one object of named ones (`@today`). */
export type Params = unknown[] | Record<string, unknown>;

/**
 * The SQL of one list page and of its total, as every list builds it (and the bench and the
 * query-plan tests rerun it). `rowsSql` takes `params` then the page (`LIMIT ? OFFSET ?`, or
 * `@limit`/`@offset` with named parameters); it may depend on the total, when the best plan
 * for a page depends on how many rows match (the audit log).
 */
export interface ListSql {
  rowsSql: string | ((total: number) => string);
  params: Params;
  countSql: string;
  countParams: Params;
}

function bind(params: Params, page?: { limit: number; offset: number }): unknown[] {
  if (Array.isArray(params)) return page ? [...params, page.limit, page.offset] : params;
  return [page ? { ...params, ...page } : params];
}

/** The page's SQL and values, as runList binds them (for EXPLAIN in the bench and tests). */
export function pageStatement(s: ListSql, page: { limit: number; offset: number }, total = Number.MAX_SAFE_INTEGER) {
  return { sql: typeof s.rowsSql === 'string' ? s.rowsSql : s.rowsSql(total), values: bind(s.params, page) };
}

/** The count's SQL and values, as runList binds them. */
export function countStatement(s: ListSql) {
  return { sql: s.countSql, values: bind(s.countParams) };
}

/**
 * The one list runner: the count, then the page (none when nothing matches). `{ total, rows }`
 * is the shape of every list method.
 */
export function runList<Row>(db: Db, s: ListSql, page: { limit: number; offset: number }): { total: number; rows: Row[] } {
  const { total, rows } = runCountedList<Row>(db, s, page);
  return { total, rows };
}

/** runList, with the count's whole row: for a list that counts more than its total in the same statement (the deadlines' overdue). */
export function runCountedList<Row, Counts extends { n: number } = { n: number }>(
  db: Db,
  s: ListSql,
  page: { limit: number; offset: number },
): { total: number; rows: Row[]; counts: Counts } {
  const c = countStatement(s);
  const counts = sql(db, c.sql).get(...c.values) as Counts;
  if (counts.n === 0) return { total: 0, rows: [], counts };
  const p = pageStatement(s, page, counts.n);
  return { total: counts.n, rows: sql(db, p.sql).all(...p.values) as Row[], counts };
}

/** The query plans of a list's page and count, as runList would run them (the bench and the query-plan tests read them). */
export function explainList(
  db: Db,
  s: ListSql,
  page: { limit: number; offset: number } = { limit: 100, offset: 0 },
  total?: number,
): { rows: string[]; count: string[] } {
  const explain = (st: { sql: string; values: unknown[] }) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${st.sql}`).all(...st.values) as { detail: string }[]).map((r) => r.detail);
  return { rows: explain(pageStatement(s, page, total)), count: explain(countStatement(s)) };
}
