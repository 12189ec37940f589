/** Migration 004: what it creates, what its constraints refuse, and that what it leaves opens through the contract. */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/sqlite.ts';
import { migratedWithOneCase } from './helpers.ts';

describe('migration 004', () => {
  /** A database at version 3 holding one case, migrated to 4. */
  async function migratedTo4(): Promise<{ db: Db; caseId: string }> {
    return { db: await migratedWithOneCase(4), caseId: 'case-1' };
  }

  const T = '2026-03-10T16:30:00.000Z';
  function insertSeizure(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      case_id: 'case-1',
      seizure_number: `2026-SZ-${id}`,
      seized_at: T,
      seized_on: '2026-03-10',
      place: 'Port of Montréal',
      seizing_officer: 'Jeanne Tremblay',
      review_window_ends_on: '2026-06-08',
      created_at: T,
      updated_at: T,
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO seizures (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
  function insertItem(db: Db, id: string, seizureId: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      seizure_id: seizureId,
      item_number: 1,
      description: 'Field-programmable gate arrays',
      quantity: 40,
      unit: 'piece',
      hs_code: '854239',
      eccn: '3A001.a.7',
      value_minor: 4_800_000,
      value_currency: 'USD',
      initial_custodian: 'Jeanne Tremblay',
      initial_location: 'Port of Montréal',
      created_at: T,
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO seized_items (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
  function insertEntry(db: Db, id: string, itemId: string): void {
    db.prepare(
      `INSERT INTO custody_entries (id, item_id, at, released_by, received_by, from_location, to_location, purpose, recorded_at, recorded_by)
      VALUES (?, ?, ?, 'Jeanne Tremblay', 'Omar Ahmed', 'Port of Montréal', 'Warehouse', 'storage', ?, 'Jeanne Tremblay')`,
    ).run(id, itemId, T, T);
  }

  it('creates the seizure, item and custody tables with their indexes and triggers', async () => {
    const { db } = await migratedTo4();
    const names = (type: string) =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%'").pluck().all(type) as string[];
    expect(names('table')).toEqual(expect.arrayContaining(['seizures', 'seized_items', 'custody_entries', 'seizures_fts']));
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'seizures_number',
        'seizures_seized_at',
        'seizures_disposition',
        'seizures_review',
        'seizures_updated',
        'seizures_case',
        'seized_items_totals',
        'custody_entries_item',
      ]),
    );
    expect(names('trigger')).toEqual(
      expect.arrayContaining([
        'custody_entries_no_update',
        'custody_entries_no_delete',
        'seized_items_no_update',
        'seized_items_no_delete',
        'seizures_no_delete',
        'seizures_claimants_insert',
        'seizures_claimants_update',
        'seizures_fts_insert',
        'seizures_fts_update',
        'seizures_fts_item',
      ]),
    );
  });

  it('enforces the seizure, item and custody constraints in SQL', async () => {
    const { db } = await migratedTo4();
    insertSeizure(db, 's1');
    expect(() => insertSeizure(db, 's2', { case_id: 'no-such-case' })).toThrow(/FOREIGN KEY/);
    expect(() => insertSeizure(db, 's3', { disposition: 'lost' })).toThrow(/CHECK/);
    expect(() => insertSeizure(db, 's4', { disposition: 'sold' })).toThrow(/CHECK/);
    expect(() => insertSeizure(db, 's5', { release_amount_minor: 100 })).toThrow(/CHECK/);
    expect(() => insertSeizure(db, 's6', { claimant_entity_ids: '["nobody"]' })).toThrow(/claimant is not an entity/);
    expect(() =>
      insertSeizure(db, 's7', { disposition: 'sold', disposition_on: '2026-03-09', disposition_authority: 'x' }),
    ).toThrow(/CHECK/);
    expect(() => insertSeizure(db, 's8', { owner_entity_id: 'nobody' })).toThrow(/FOREIGN KEY/);
    insertItem(db, 'i1', 's1');
    expect(() => insertItem(db, 'i2', 's1')).toThrow(/UNIQUE/);
    expect(() => insertItem(db, 'i3', 's1', { item_number: 2, quantity: 0 })).toThrow(/CHECK/);
    expect(() => insertItem(db, 'i4', 's1', { item_number: 3, value_minor: -1 })).toThrow(/CHECK/);
    expect(() => insertItem(db, 'i5', 's1', { item_number: 4, value_currency: 'usd' })).toThrow(/CHECK/);
    expect(() => insertItem(db, 'i6', 's1', { item_number: 5, hs_code: '8542.39' })).toThrow(/CHECK/);
    expect(() => insertItem(db, 'i7', 's1', { item_number: 6, value_minor: 1.5 })).toThrow(
      /cannot store REAL value in INTEGER column/,
    );
    insertEntry(db, 'e1', 'i1');
    expect(() => insertEntry(db, 'e2', 'no-such-item')).toThrow(/FOREIGN KEY/);
  });

  it('keeps items and custody entries append-only, and seizures undeletable', async () => {
    const { db } = await migratedTo4();
    insertSeizure(db, 's1');
    insertItem(db, 'i1', 's1');
    insertEntry(db, 'e1', 'i1');
    expect(() => db.prepare("UPDATE custody_entries SET received_by = 'x'").run()).toThrow('custody entries are append-only');
    expect(() => db.prepare('DELETE FROM custody_entries').run()).toThrow('custody entries are append-only');
    expect(() => db.prepare('UPDATE seized_items SET quantity = 1').run()).toThrow('seized items are never changed');
    expect(() => db.prepare('DELETE FROM seized_items').run()).toThrow('seized items are never deleted');
    expect(() => db.prepare('DELETE FROM seizures').run()).toThrow('seizures are never deleted');
    expect(db.prepare('SELECT count(*) FROM custody_entries').pluck().get()).toBe(1);
  });

  it('keeps the seizure full-text index in step with the header and the goods lines', async () => {
    const { db } = await migratedTo4();
    const match = (q: string) =>
      db
        .prepare('SELECT s.id FROM seizures_fts f JOIN seizures s ON s.seq = f.rowid WHERE seizures_fts MATCH ? ORDER BY s.seq')
        .pluck()
        .all(q);
    insertSeizure(db, 's1');
    insertSeizure(db, 's2', { place: 'Port of Halifax' });
    expect(match('"montreal"')).toEqual(['s1']);
    insertItem(db, 'i1', 's1');
    insertItem(db, 'i2', 's2', { description: 'GNSS receivers', hs_code: '852691', eccn: '7A994' });
    expect(match('"gate arrays"')).toEqual(['s1']);
    expect(match('"7A994"')).toEqual(['s2']);
    expect(match('"854239"')).toEqual(['s1']);
    db.prepare("UPDATE seizures SET place = 'Lacolle crossing', legal_provision = 'EIPA s. 13' WHERE id = 's1'").run();
    expect(match('"montreal"')).toEqual([]);
    expect(match('"lacolle"')).toEqual(['s1']);
    expect(match('"EIPA"')).toEqual(['s1']);
    expect(match('"gate arrays"')).toEqual(['s1']);
  });
});
