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

/** The SQL of one list page and of its total, as every list builds it (and the bench reruns it). */
export interface ListSql {
  rowsSql: string;
  params: unknown[];
  pageParams: unknown[];
  countSql: string;
  countParams: unknown[];
}

/** Runs a list's page and count queries: `{ total, rows }`, the shape of every list method. */
export function runList<Row>(db: Db, s: ListSql): { total: number; rows: Row[] } {
  const rows = sql(db, s.rowsSql).all(...s.params, ...s.pageParams) as Row[];
  const { n } = sql(db, s.countSql).get(...s.countParams) as { n: number };
  return { total: n, rows };
}
