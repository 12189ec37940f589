import type { Migration } from './index.ts';

/**
 * The version of the screening lists' blocking keys (screening_keys, derived). The keys the first
 * release of 015 wrote found an entry by an identifier under `id:`, the matcher's blocking rule
 * under `i:`; a key version lets a later change of the keys be written again on opening, as the
 * search index is built on opening a file from before 014. Version 0: written by no current code.
 */
export const m016ScreeningMeta: Migration = {
  version: 16,
  name: 'screening keys version',
  up(db) {
    db.exec(`
      CREATE TABLE screening_meta (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        keys_version INTEGER NOT NULL CHECK (keys_version >= 0)
      ) STRICT;
      INSERT INTO screening_meta (id, keys_version) VALUES (1, 0);
    `);
  },
};
