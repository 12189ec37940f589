import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';

/**
 * The next free number of a numbered record for a year: `2026-DT-000012`, `2026-AMP-000123`.
 * Counters never go back, so a number is never reused; a number an officer typed by hand is
 * skipped when the counter reaches it. `table` and `column` are code constants, never input.
 */
export function nextRecordNumber(db: Db, year: string, tag: string, table: string, column: string): string {
  const counter = `${tag.toLowerCase()}:${year}`;
  const bump = sql(
    db,
    'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
  );
  const exists = sql(db, `SELECT 1 FROM ${table} WHERE ${column} = ?`);
  for (;;) {
    const { value } = bump.get(counter) as { value: number };
    const candidate = `${year}-${tag}-${String(value).padStart(6, '0')}`;
    if (!exists.get(candidate)) return candidate;
  }
}
