/** Migration 012: links indexed by both ends, so that the links between two entities are one seek. */
import { describe, expect, it } from 'vitest';
import { migratedWithOneCase } from './helpers.ts';

describe('migration 012', () => {
  it('indexes entity_links by (from_entity_id, to_entity_id), and the pair lookup uses it', async () => {
    const db = await migratedWithOneCase(12);
    const columns = db.prepare("SELECT name FROM pragma_index_info('entity_links_pair') ORDER BY seqno").pluck().all();
    expect(columns).toEqual(['from_entity_id', 'to_entity_id']);
    const plan = (
      db
        .prepare('EXPLAIN QUERY PLAN SELECT id FROM entity_links WHERE from_entity_id = ? AND to_entity_id = ?')
        .all('a', 'b') as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/USING INDEX entity_links_pair \(from_entity_id=\? AND to_entity_id=\?\)/);
  });
});
