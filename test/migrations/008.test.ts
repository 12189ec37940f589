/** Migration 008: the evidence repairs table, its constraints and its guards. */
import { describe, expect, it } from 'vitest';
import { migratedWithOneCase } from './helpers.ts';

describe('migration 008', () => {
  it('creates an append-only table of evidence store repairs, one per repaired copy and time', async () => {
    const db = await migratedWithOneCase(8);
    const insert = db.prepare(
      `INSERT INTO evidence_repairs VALUES (?, ?, '2026-03-15T09:00:00.000Z', 10, ?, '2026-03-15T09:00:01.000Z', 'A. Investigator')`,
    );
    insert.run('r-1', 'a'.repeat(64), 'b'.repeat(64));
    expect(() => insert.run('r-2', 'a'.repeat(64), 'b'.repeat(64))).toThrow(/UNIQUE/);
    expect(() => insert.run('r-3', 'short', 'b'.repeat(64))).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE evidence_repairs SET recorded_by = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM evidence_repairs').run()).toThrow(/append-only/);
  });
});
