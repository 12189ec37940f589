/** Migration 014: the search documents, their two full-text indexes kept in step by triggers, and the "build me" flag. */
import { describe, expect, it } from 'vitest';
import { migratedWithOneCase } from './helpers.ts';

describe('migration 014', () => {
  it('indexes search_docs by words (with one- and two-letter prefixes) and by trigrams, and asks to be built', async () => {
    const db = await migratedWithOneCase(14);
    expect(db.prepare('SELECT built FROM search_meta').pluck().get()).toBe(0);
    const insert = db.prepare(
      `INSERT INTO search_docs (record_type, record_id, case_id, title, body, ftitle, fbody) VALUES (?, ?, 'case-1', ?, ?, ?, ?)`,
    );
    insert.run('case', 'case-1', 'Diverted FPGAs', 'Shipment via Yerevan', 'diverted fpgas', 'shipment via yerevan');
    const words = (q: string) => db.prepare('SELECT rowid FROM search_words WHERE search_words MATCH ?').pluck().all(q);
    const grams = (q: string) => db.prepare('SELECT rowid FROM search_trigrams WHERE search_trigrams MATCH ?').pluck().all(q);
    expect(words('"ye"*')).toEqual([1]);
    expect(words('"fpga"*')).toEqual([1]);
    expect(grams('"reva"')).toEqual([1]);
    // An update and a delete follow in both indexes.
    db.prepare("UPDATE search_docs SET fbody = 'shipment via tbilisi' WHERE seq = 1").run();
    expect(words('"yerevan"')).toEqual([]);
    expect(grams('"bilis"')).toEqual([1]);
    db.prepare('DELETE FROM search_docs').run();
    expect(grams('"bilis"')).toEqual([]);
    expect(words('"diverted"')).toEqual([]);
    expect(() => insert.run('note', 'n-1', 'x', 'y', 'x', 'y')).toThrow(/CHECK/);
    // Text read from evidence is tied to an evidence record.
    expect(() =>
      db
        .prepare(
          "INSERT INTO evidence_text (evidence_id, text, extracted_at, method) VALUES ('e-9', 'x', '2026-01-01T00:00:00.000Z', 'pdf')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
