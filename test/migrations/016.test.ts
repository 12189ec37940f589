/** Migration 016: the screening keys' version, and keys of an older version written again on opening. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/sqlite.ts';
import { migrations } from '../../db/migrations/index.ts';
import { openCore } from '../../db/index.ts';
import { SCREENING_KEYS_VERSION } from '../../db/screening/screen.ts';
import { migratedWithOneCase, newFile, open, track } from './helpers.ts';

const T = '2026-03-01T00:00:00.000Z';

describe('migration 016', () => {
  it('starts at key version 0, one row', async () => {
    const db = await migratedWithOneCase(16);
    expect(db.prepare('SELECT keys_version FROM screening_meta').pluck().all()).toEqual([0]);
    expect(() => db.prepare('INSERT INTO screening_meta (id, keys_version) VALUES (2, 1)').run()).toThrow(/CHECK/);
  });

  it('a file whose keys 015 wrote (`id:` for an IMO number) gets the current keys on opening, and a vessel renamed is found by its number', async () => {
    const file = newFile();
    const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 15) }));
    db.prepare(
      `INSERT INTO screening_lists (id, name, format, file_name, file_sha256, file_size, entry_count, added, changed, removed, imported_at, imported_by)
       VALUES ('l-1', 'CSL', 'csl', 'csl.csv', ?, 10, 1, 1, 0, 0, ?, 'A. Investigator')`,
    ).run('a'.repeat(64), T);
    db.prepare(
      `INSERT INTO screening_entries (id, list_id, entry_key, type, type_stated, name, imo_number, content_hash)
       VALUES ('x-1', 'l-1', 'SDN:1', 'vessel', 1, 'SEA BREEZE', '9123457', ?)`,
    ).run('b'.repeat(64));
    db.prepare("INSERT INTO screening_keys (key, entry_id) VALUES ('id:9123457', 'x-1')").run();
    db.close();
    open.pop();

    const core = await openCore(file);
    try {
      const keys = core.db.prepare("SELECT key FROM screening_keys WHERE entry_id = 'x-1' ORDER BY key").pluck().all();
      expect(keys).toContain('i:9123457');
      expect(keys).not.toContain('id:9123457');
      expect(keys).toContain('w:sea');
      expect(core.db.prepare('SELECT keys_version FROM screening_meta').pluck().get()).toBe(SCREENING_KEYS_VERSION);
    } finally {
      core.close();
    }
  });
});
