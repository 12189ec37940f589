/** Migration 001: what it creates, what its constraints refuse, and that what it leaves opens through the contract. */
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/sqlite.ts';
import { migrations } from '../../db/migrations/index.ts';
import { CASE_SORT_COLUMNS } from '../../db/shared/domain.ts';
import { caseListSql } from '../../db/services/cases.ts';
import { newFile, track, pragma } from './helpers.ts';
import { explainList } from '../../db/list-sql.ts';

describe('migration 001', () => {
  async function migratedTo1(): Promise<Db> {
    const file = newFile();
    const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 1) }));
    expect(pragma(db, 'user_version')).toBe(1);
    return db;
  }

  function names(db: Db, type: string): string[] {
    return db
      .prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all(type) as string[];
  }

  it('creates the tables, indexes and triggers', async () => {
    const db = await migratedTo1();
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining(['audit_log', 'cases', 'cases_fts', 'counters', 'record_state', 'settings']),
    );
    // Exact list-index shapes are the bench's business; the sort-column test below checks that they serve the list.
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining([
        'audit_case',
        'audit_record',
        'cases_lead',
        'cases_opened',
        'cases_priority',
        'cases_status',
        'cases_title',
        'cases_updated',
        'cases_violation',
      ]),
    );
    expect(names(db, 'trigger')).toEqual([
      'audit_log_no_delete',
      'audit_log_no_update',
      'cases_fts_delete',
      'cases_fts_insert',
      'cases_fts_update',
    ]);
    const caseColumns = (db.pragma('table_xinfo(cases)') as { name: string }[]).map((c) => c.name);
    expect(caseColumns).toEqual(
      expect.arrayContaining(['id', 'file_number', 'title', 'status', 'priority', 'status_rank', 'priority_rank', 'version']),
    );
  });

  it('has an index for every sort column of the case list (no temporary sort)', async () => {
    const db = await migratedTo1();
    for (const column of CASE_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const q = caseListSql({ sort: { column, direction }, offset: 0, limit: 100 });
        expect(explainList(db, q).rows.join('\n'), `${column} ${direction}`).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('enforces the case constraints in SQL too', async () => {
    const db = await migratedTo1();
    const insert =
      db.prepare(`INSERT INTO cases (id, file_number, title, status, lead_investigator, opened_on, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'A. Investigator', '2026-01-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`);
    expect(() => insert.run('a', '2026-EXP-000001', 'ok', 'open')).not.toThrow();
    expect(() => insert.run('b', '2026-EXP-000002', 'bad status', 'pending')).toThrow(/CHECK constraint/);
    expect(() => insert.run('c', '2026-EXP-000003', '', 'open')).toThrow(/CHECK constraint/);
    expect(() => insert.run('d', '2026-EXP-000001', 'duplicate number', 'open')).toThrow(/UNIQUE/);
    expect(() => insert.run('e', '2026-EXP-000005', Buffer.from('title'), 'open')).toThrow(
      /cannot store BLOB value in TEXT column/,
    );
  });

  it('keeps the trigram full-text index in step on insert, update and delete', async () => {
    const db = await migratedTo1();
    const match = (q: string) =>
      db
        .prepare('SELECT c.id FROM cases_fts f JOIN cases c ON c.seq = f.rowid WHERE cases_fts MATCH ? ORDER BY c.seq')
        .pluck()
        .all(q);
    const insert =
      db.prepare(`INSERT INTO cases (id, file_number, title, summary, lead_investigator, opened_on, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, '2026-01-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`);
    insert.run('a', '2026-EXP-000001', 'Undeclared FPGAs at the port of Montréal', 'Routed via Türkiye', 'Jeanne Tremblay');
    insert.run('b', '2026-EXP-000002', 'Gyroscopes to Iran', 'Air cargo', 'Sam Okafor');

    expect(match('"montreal"')).toEqual(['a']); // accents and case ignored
    expect(match('"turkiye"')).toEqual(['a']); // summary is indexed
    expect(match('"okafor"')).toEqual(['b']); // lead investigator is indexed
    expect(match('"EXP-000002"')).toEqual(['b']); // file number is indexed
    expect(match('"ROSCOP"')).toEqual(['b']); // substrings, not just words

    db.prepare("UPDATE cases SET title = 'Thermal imaging cameras to Belarus' WHERE id = 'b'").run();
    expect(match('"gyroscopes"')).toEqual([]);
    expect(match('"thermal"')).toEqual(['b']);
    db.prepare("UPDATE cases SET summary = 'Sea freight', lead_investigator = 'Ana Ruiz' WHERE id = 'a'").run();
    expect(match('"turkiye"')).toEqual([]);
    expect(match('"sea freight"')).toEqual(['a']);
    expect(match('"okafor"')).toEqual(['b']);
    expect(match('"ruiz"')).toEqual(['a']);
    db.prepare("UPDATE cases SET notes = 'not indexed: leaves the index alone' WHERE id = 'a'").run();
    expect(match('"montreal"')).toEqual(['a']);

    db.prepare("DELETE FROM cases WHERE id = 'a'").run();
    expect(match('"montreal"')).toEqual([]);
    // FTS5's own check that the external-content index matches the cases table.
    expect(() => db.prepare("INSERT INTO cases_fts (cases_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  });

  it('makes the audit log append-only', async () => {
    const db = await migratedTo1();
    db.prepare(
      `INSERT INTO audit_log (seq, id, at, actor, method, record_type, record_id, prev_hash, hash)
      VALUES (1, 'x', '2026-01-01T00:00:00.000Z', 'me', 'test', 'case', 'a', '0', '1')`,
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow('audit records are append-only');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit records are append-only');
    expect(db.prepare('SELECT actor FROM audit_log').pluck().all()).toEqual(['me']);
  });
});
