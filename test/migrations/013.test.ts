/** Migration 013: screening lists, one row per list name, and their entries, one per list and key. */
import { describe, expect, it } from 'vitest';
import { migratedWithOneCase } from './helpers.ts';

describe('migration 013', () => {
  it('creates STRICT tables of lists and entries whose constraints refuse what does not fit', async () => {
    const db = await migratedWithOneCase(13);
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE name LIKE 'screening_%' ORDER BY name").all();
    expect(strict).toEqual([
      { name: 'screening_entries', strict: 1 },
      { name: 'screening_lists', strict: 1 },
    ]);
    const list = db.prepare(
      `INSERT INTO screening_lists (id, name, format, file_name, file_sha256, file_size, list_date, entry_count, added, changed,
         removed, imported_at, imported_by)
       VALUES (@id, @name, @format, 'consolidated.csv', @sha, 100, @listDate, 1, @added, 0, 0, '2026-03-02T00:00:00.000Z', 'A. Investigator')`,
    );
    const row = {
      id: 'l-1',
      name: 'U.S. Consolidated Screening List',
      format: 'csl',
      sha: 'a'.repeat(64),
      listDate: null,
      added: 1,
    };
    list.run(row);
    expect(db.prepare('SELECT version, imported_by_badge FROM screening_lists').get()).toEqual({
      version: 1,
      imported_by_badge: '',
    });
    // One row per list name; a format, hash, date or count that is not one.
    expect(() => list.run({ ...row, id: 'l-2' })).toThrow(/UNIQUE constraint failed: screening_lists.name/);
    expect(() => list.run({ ...row, id: 'l-3', name: 'B', format: 'xlsx' })).toThrow(/CHECK/);
    expect(() => list.run({ ...row, id: 'l-4', name: 'C', sha: 'A'.repeat(64) })).toThrow(/CHECK/);
    expect(() => list.run({ ...row, id: 'l-5', name: 'D', listDate: '17/07/2023' })).toThrow(/CHECK/);
    expect(() => list.run({ ...row, id: 'l-6', name: 'E', added: 2 })).toThrow(/CHECK/);
    expect(() => list.run({ ...row, id: 'l-7', name: ' ' })).toThrow(/CHECK/);

    const entry = db.prepare(
      `INSERT INTO screening_entries (id, list_id, entry_key, type, type_stated, name, aliases, imo_number, listed_on, details,
         content_hash)
       VALUES (@id, @listId, @key, @type, 1, 'SEA BREEZE', @aliases, @imo, '2020-01', @details, @hash)`,
    );
    const e = {
      id: 'e-1',
      listId: 'l-1',
      key: 'SDN:36002',
      type: 'vessel',
      aliases: '["Breeze"]',
      imo: '9123456',
      details: '{}',
      hash: 'b'.repeat(64),
    };
    entry.run(e);
    expect(db.prepare('SELECT countries, identifiers, remarks FROM screening_entries').get()).toEqual({
      countries: '[]',
      identifiers: '[]',
      remarks: '',
    });
    // One entry per list and key; an unknown list, type, IMO number, or JSON of the wrong shape.
    expect(() => entry.run({ ...e, id: 'e-2' })).toThrow(
      /UNIQUE constraint failed: screening_entries.list_id, screening_entries.entry_key/,
    );
    expect(() => entry.run({ ...e, id: 'e-3', listId: 'l-9' })).toThrow(/FOREIGN KEY/);
    expect(() => entry.run({ ...e, id: 'e-4', key: 'k4', type: 'person' })).toThrow(/CHECK/);
    expect(() => entry.run({ ...e, id: 'e-5', key: 'k5', imo: 'IMO 9123456' })).toThrow(/CHECK/);
    expect(() => entry.run({ ...e, id: 'e-6', key: 'k6', aliases: '"Breeze"' })).toThrow(/CHECK/);
    expect(() => entry.run({ ...e, id: 'e-7', key: 'k7', details: '[]' })).toThrow(/CHECK/);
    expect(() => entry.run({ ...e, id: 'e-8', key: '' })).toThrow(/CHECK/);
    // The same key in another list is another entry.
    list.run({ ...row, id: 'l-8', name: 'Another list' });
    expect(() => entry.run({ ...e, id: 'e-9', listId: 'l-8' })).not.toThrow();
  });
});
