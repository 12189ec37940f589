/** Migration 006: what it creates, what its constraints refuse, and that what it leaves opens through the contract. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/sqlite.ts';
import { migrations } from '../../db/migrations/index.ts';
import { newFile, track, pragma, open } from './helpers.ts';

describe('migration 006', () => {
  const T = '2026-03-10T16:30:00.000Z';
  it('indexes the limitation deadline by "met" (referred for prosecution or closed) instead of "closed"', async () => {
    const file = newFile();
    const before = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 5) }));
    const insert = before.db
      .prepare(`INSERT INTO cases (id, file_number, title, status, lead_investigator, opened_on, created_at, updated_at)
      VALUES (?, ?, 'Diverted FPGAs', ?, 'A. Investigator', '2019-03-01', ?, ?)`);
    insert.run('c-open', '2019-EXP-000001', 'open', T, T);
    insert.run('c-referred', '2019-EXP-000002', 'referred_for_prosecution', T, T);
    insert.run('c-closed', '2019-EXP-000003', 'closed', T, T);
    before.db.close();
    open.pop();
    const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 6) }));
    expect(pragma(db, 'user_version')).toBe(6);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all() as string[];
    expect(indexes).toContain('cases_limitation_met');
    expect(indexes).not.toContain('cases_limitation');
    const met = db
      .prepare(
        `SELECT id FROM cases INDEXED BY cases_limitation_met WHERE ${"(status IN ('referred_for_prosecution', 'closed'))"} = 1 ORDER BY id`,
      )
      .pluck()
      .all();
    expect(met).toEqual(['c-closed', 'c-referred']);
  });
});
