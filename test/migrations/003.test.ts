/** Migration 003: what it creates, what its constraints refuse, and that what it leaves opens through the contract. */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/sqlite.ts';
import { migratedWithOneCase } from './helpers.ts';

describe('migration 003', () => {
  /** A database at version 2 holding one case, migrated to 3. */
  async function migratedTo3(): Promise<Db> {
    return migratedWithOneCase(3);
  }

  const T = '2026-03-10T16:30:00.000Z';
  function insertEntity(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      kind: 'organization',
      name: 'Kazakh Trade Link LLP',
      subtype: null,
      country: 'KZ',
      details: '{}',
      search_text: 'KTL',
      created_at: T,
      updated_at: T,
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO entities (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
  function insertLink(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      type: 'owns',
      from_entity_id: 'p1',
      to_entity_id: 'o1',
      share_bp: 5100,
      source: 'Registry',
      created_at: T,
      updated_at: T,
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO entity_links (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
  function insertRole(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = { id, case_id: 'case-1', entity_id: 'o1', role: 'consignee', created_at: T, updated_at: T, ...extra };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO case_entities (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }

  it('creates the entity, link and role tables with their list indexes and full-text index', async () => {
    const db = await migratedTo3();
    const names = (type: string) =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%'").pluck().all(type) as string[];
    expect(names('table')).toEqual(expect.arrayContaining(['entities', 'entities_fts', 'entity_links', 'case_entities']));
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'entities_name',
        'entities_kind',
        'entities_country',
        'entities_updated',
        'entity_links_from',
        'entity_links_to',
        'case_entities_entity',
      ]),
    );
    expect(names('trigger')).toEqual(
      expect.arrayContaining(['entities_fts_insert', 'entities_fts_update', 'entities_fts_delete']),
    );
  });

  it('enforces the entity, link and role constraints in SQL', async () => {
    const db = await migratedTo3();
    insertEntity(db, 'o1');
    insertEntity(db, 'p1', { kind: 'person', name: 'Nurlan Abenov' });
    insertEntity(db, 'v1', { kind: 'conveyance', subtype: 'vessel', name: 'Caspian Breeze', country: 'MH' });
    expect(() => insertEntity(db, 'x1', { kind: 'ship' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x2', { kind: 'conveyance' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x3', { subtype: 'vessel' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x4', { country: 'kz' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x5', { country: 'KAZ' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x6', { name: '' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x7', { details: 'not json' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'o1')).toThrow(/UNIQUE/);
    insertLink(db, 'l1');
    expect(() => insertLink(db, 'l2', { share_bp: 10001 })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l3', { share_bp: -1 })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l4', { type: 'director_of' })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l5', { type: 'partner_of', share_bp: null })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l6', { to_entity_id: 'p1', type: 'associated', share_bp: null })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l7', { valid_from: '2025-01-02', valid_to: '2025-01-01' })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l8', { to_entity_id: 'nobody' })).toThrow(/FOREIGN KEY/);
    expect(() => insertLink(db, 'l9', { source: '' })).toThrow(/CHECK/);
    insertRole(db, 'r1');
    insertRole(db, 'r2', { role: 'suspect' });
    expect(() => insertRole(db, 'r3')).toThrow(/UNIQUE/);
    expect(() => insertRole(db, 'r4', { role: 'accomplice' })).toThrow(/CHECK/);
    expect(() => insertRole(db, 'r5', { case_id: 'no-such-case' })).toThrow(/FOREIGN KEY/);
    expect(() => insertRole(db, 'r6', { entity_id: 'nobody' })).toThrow(/FOREIGN KEY/);
    // An entity with links or roles cannot be deleted from under them.
    expect(() => db.prepare("DELETE FROM entities WHERE id = 'o1'").run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps the full-text index in step with names and identifiers (trigram, any case, no diacritics)', async () => {
    const db = await migratedTo3();
    insertEntity(db, 'o1', { name: 'Société Lumière Trading', search_text: 'IMO 9074729' });
    const match = (q: string) =>
      db.prepare('SELECT e.id FROM entities_fts f JOIN entities e ON e.seq = f.rowid WHERE entities_fts MATCH ?').pluck().all(q);
    expect(match('"societe"')).toEqual(['o1']);
    expect(match('"9074729"')).toEqual(['o1']);
    db.prepare("UPDATE entities SET name = 'Altyn Steppe LLP', search_text = 'BIN 180440012345' WHERE id = 'o1'").run();
    expect(match('"societe"')).toEqual([]);
    expect(match('"steppe"')).toEqual(['o1']);
    expect(match('"180440"')).toEqual(['o1']);
    db.prepare("DELETE FROM entities WHERE id = 'o1'").run();
    expect(match('"steppe"')).toEqual([]);
  });
});
