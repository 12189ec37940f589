/** Migration 015: the blocking keys of list entries, screening hits (derived) and decisions on them (kept as made). */
import { describe, expect, it } from 'vitest';
import { migratedWithOneCase } from './helpers.ts';

describe('migration 015', () => {
  it('keeps decisions as made, keys with their entry, and one hit per entity and list entry', async () => {
    const db = await migratedWithOneCase(15);
    const T = '2026-03-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO entities (id, kind, name, details, search_text, created_at, updated_at) VALUES ('e-1', 'person', 'Ivan Petrov', '{}', '', ?, ?)`,
    ).run(T, T);
    db.prepare(
      `INSERT INTO screening_lists (id, name, format, file_name, file_sha256, file_size, entry_count, added, changed, removed, imported_at, imported_by)
       VALUES ('l-1', 'CSL', 'csl', 'csl.csv', ?, 10, 1, 1, 0, 0, ?, 'A. Investigator')`,
    ).run('a'.repeat(64), T);
    db.prepare(
      `INSERT INTO screening_entries (id, list_id, entry_key, type, type_stated, name, content_hash) VALUES ('x-1', 'l-1', 'SDN:1', 'individual', 1, 'PETROV, Ivan', ?)`,
    ).run('b'.repeat(64));
    db.prepare("INSERT INTO screening_keys (key, entry_id) VALUES ('petrov', 'x-1')").run();
    const hit = db.prepare(
      `INSERT INTO screening_hits (entity_id, list_id, entry_key, entry_hash, entry_name, subject_name, score, reasons, found_at)
       VALUES ('e-1', 'l-1', 'SDN:1', ?, 'PETROV, Ivan', 'Ivan Petrov', ?, '[]', ?)`,
    );
    hit.run('b'.repeat(64), 92, T);
    expect(() => hit.run('b'.repeat(64), 92, T)).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE screening_hits SET score = 101').run()).toThrow(/CHECK/);
    const review = db.prepare(
      `INSERT INTO screening_reviews (id, entity_id, list_id, entry_key, entry_hash, decision, reason, decided_at, decided_by)
       VALUES (?, 'e-1', 'l-1', 'SDN:1', ?, ?, ?, ?, 'A. Investigator')`,
    );
    review.run('r-1', 'b'.repeat(64), 'dismissed', 'Another Ivan Petrov: born 1981, not 1962', T);
    expect(() => review.run('r-2', 'b'.repeat(64), 'maybe', 'x', T)).toThrow(/CHECK/);
    expect(() => review.run('r-3', 'b'.repeat(64), 'confirmed', '  ', T)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE screening_reviews SET decision = 'confirmed'").run()).toThrow(/recorded once/);
    expect(() => db.prepare('DELETE FROM screening_reviews').run()).toThrow(/recorded once/);
    // An entry removed by a newer edition takes its keys with it.
    db.prepare('DELETE FROM screening_hits').run();
    db.prepare("DELETE FROM screening_entries WHERE id = 'x-1'").run();
    expect(db.prepare('SELECT count(*) FROM screening_keys').pluck().get()).toBe(0);
  });
});
