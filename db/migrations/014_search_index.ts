import type { Migration } from './index.ts';

/**
 * One search across every kind of record. `search_docs` holds one row per searchable record
 * (a case, an entity, a seizure with its goods, a detention, a penalty, an evidence file): the
 * text as written and an app-folded form (any-ascii, lower case: `Société` as `societe`,
 * `Straße` as `strasse`, `Королёв` as `korolev`). Two full-text indexes read it: words and word
 * prefixes (unicode61, prefix indexes for one and two letters) and substrings (trigram). Both are
 * external-content tables kept in step by triggers on search_docs, which the app writes in the
 * transaction of each change. The folding is the app's, so this migration cannot fill the table:
 * `search_meta.built = 0` asks the app to build it when it next opens the file. Text extracted from
 * evidence files (derived, never evidence itself) is kept in `evidence_text`.
 */
export const m014SearchIndex: Migration = {
  version: 14,
  name: 'one search index over every record',
  up(db) {
    db.exec(`
      CREATE TABLE search_docs (
        seq         INTEGER PRIMARY KEY,
        record_type TEXT NOT NULL CHECK (record_type IN ('case', 'entity', 'seizure', 'detention', 'penalty', 'evidence')),
        record_id   TEXT NOT NULL,
        case_id     TEXT,
        title       TEXT NOT NULL,
        body        TEXT NOT NULL,
        -- title and body folded: what the indexes read
        ftitle      TEXT NOT NULL,
        fbody       TEXT NOT NULL,
        UNIQUE (record_type, record_id)
      ) STRICT;
      CREATE VIRTUAL TABLE search_words USING fts5(
        ftitle, fbody, content = 'search_docs', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
      );
      CREATE VIRTUAL TABLE search_trigrams USING fts5(
        ftitle, fbody, content = 'search_docs', content_rowid = 'seq', tokenize = 'trigram'
      );
      CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs BEGIN
        INSERT INTO search_words (rowid, ftitle, fbody) VALUES (new.seq, new.ftitle, new.fbody);
        INSERT INTO search_trigrams (rowid, ftitle, fbody) VALUES (new.seq, new.ftitle, new.fbody);
      END;
      CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
        INSERT INTO search_words (search_words, rowid, ftitle, fbody) VALUES ('delete', old.seq, old.ftitle, old.fbody);
        INSERT INTO search_trigrams (search_trigrams, rowid, ftitle, fbody) VALUES ('delete', old.seq, old.ftitle, old.fbody);
      END;
      CREATE TRIGGER search_docs_update AFTER UPDATE OF ftitle, fbody ON search_docs BEGIN
        INSERT INTO search_words (search_words, rowid, ftitle, fbody) VALUES ('delete', old.seq, old.ftitle, old.fbody);
        INSERT INTO search_trigrams (search_trigrams, rowid, ftitle, fbody) VALUES ('delete', old.seq, old.ftitle, old.fbody);
        INSERT INTO search_words (rowid, ftitle, fbody) VALUES (new.seq, new.ftitle, new.fbody);
        INSERT INTO search_trigrams (rowid, ftitle, fbody) VALUES (new.seq, new.ftitle, new.fbody);
      END;
      CREATE TABLE search_meta (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        built INTEGER NOT NULL CHECK (built IN (0, 1))
      ) STRICT;
      INSERT INTO search_meta (id, built) VALUES (1, 0);
      CREATE TABLE evidence_text (
        evidence_id  TEXT PRIMARY KEY REFERENCES evidence (id),
        text         TEXT NOT NULL,
        extracted_at TEXT NOT NULL,
        -- how: 'text' (plain text or CSV), 'pdf' (pdfjs-dist), 'none' (nothing to read in it)
        method       TEXT NOT NULL CHECK (method IN ('text', 'pdf', 'none'))
      ) STRICT;
    `);
  },
};
