import type { Migration } from './index.ts';

/**
 * Screening: each entity compared with the entries of the loaded lists.
 * - `screening_keys`: the blocking index, the keys of every entry's names (folded words and their
 *   phonetic keys), so that an entity is compared only with the entries that share a key with it.
 *   Rebuilt with each list import; derived data.
 * - `screening_hits`: what the last screening of each entity found (entity, list entry, score,
 *   reasons), replaced each time the entity is screened again; derived data, not audited.
 * - `screening_reviews`: the investigator's decision on a hit (confirmed or dismissed, with a
 *   reason), audited and never changed: a later decision is a new row. A dismissal holds while the
 *   entry's content hash is the one it was made on; when the list changes the entry, it is raised
 *   again.
 */
export const m015ScreeningHits: Migration = {
  version: 15,
  name: 'screening hits and their reviews',
  up(db) {
    db.exec(`
      CREATE TABLE screening_keys (
        key      TEXT NOT NULL,
        entry_id TEXT NOT NULL REFERENCES screening_entries (id) ON DELETE CASCADE,
        PRIMARY KEY (key, entry_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX screening_keys_entry ON screening_keys (entry_id);

      CREATE TABLE screening_hits (
        seq          INTEGER PRIMARY KEY,
        entity_id    TEXT NOT NULL REFERENCES entities (id),
        list_id      TEXT NOT NULL REFERENCES screening_lists (id),
        entry_key    TEXT NOT NULL,
        -- the entry's content hash when the hit was found
        entry_hash   TEXT NOT NULL,
        entry_name   TEXT NOT NULL,
        subject_name TEXT NOT NULL,
        score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        reasons      TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        found_at     TEXT NOT NULL,
        UNIQUE (entity_id, list_id, entry_key)
      ) STRICT;
      CREATE INDEX screening_hits_score ON screening_hits (score DESC, seq);
      CREATE INDEX screening_hits_list ON screening_hits (list_id, score DESC);

      CREATE TABLE screening_reviews (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        entity_id    TEXT NOT NULL REFERENCES entities (id),
        list_id      TEXT NOT NULL REFERENCES screening_lists (id),
        entry_key    TEXT NOT NULL,
        entry_hash   TEXT NOT NULL,
        decision     TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
        reason       TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 2000),
        decided_at   TEXT NOT NULL,
        decided_by   TEXT NOT NULL,
        decided_by_badge TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX screening_reviews_hit ON screening_reviews (entity_id, list_id, entry_key, seq);
      CREATE TRIGGER screening_reviews_no_update BEFORE UPDATE ON screening_reviews BEGIN
        SELECT RAISE(ABORT, 'screening reviews are recorded once');
      END;
      CREATE TRIGGER screening_reviews_no_delete BEFORE DELETE ON screening_reviews BEGIN
        SELECT RAISE(ABORT, 'screening reviews are recorded once');
      END;
    `);
  },
};
