import type { Migration } from './index.ts';
import { addAuditedColumn } from './frozen/add-audited-column.ts';
import { identifierKeysV10 } from './frozen/identifiers-v10.ts';

/**
 * Link analysis: the identifiers of entities as an index (so that two records of the same vessel,
 * company or passport are found by their number), the merge of duplicate entities, the pairs an
 * investigator said are not the same, and the candidates the duplicate search last found.
 *
 * entity_identifiers and duplicate_candidates are derived data (from entities.details and from a
 * job's run), kept in step by the code that writes their sources, like the full-text indexes: not
 * audited. entity_merges and entity_distinct_pairs are decisions, audited like any record.
 */
export const m010IdentifiersMerges: Migration = {
  version: 10,
  name: 'entity identifiers, merges of duplicate entities, pairs marked distinct, duplicate candidates',
  up(db) {
    db.exec(`
      CREATE TABLE entity_identifiers (
        entity_id TEXT NOT NULL REFERENCES entities (id),
        scheme    TEXT NOT NULL CHECK (scheme IN (
                    'imo','registration','identity_document','aircraft','plate','container','transport_document')),
        -- upper case, letters and digits only, 'CC:' first where the number is national
        value     TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 120),
        PRIMARY KEY (entity_id, scheme, value)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX entity_identifiers_value ON entity_identifiers (scheme, value, entity_id);

      CREATE TABLE entity_merges (
        seq             INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        survivor_id     TEXT NOT NULL REFERENCES entities (id),
        merged_id       TEXT NOT NULL REFERENCES entities (id),
        -- why they were taken for one (the duplicate search's reasons, or the investigator's note)
        reasons         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        -- every row the merge changed, in order, with its state before and after: what an undo restores
        changes         TEXT NOT NULL CHECK (json_valid(changes) AND json_type(changes) = 'array'),
        merged_at       TEXT NOT NULL,
        merged_by       TEXT NOT NULL,
        merged_by_badge TEXT NOT NULL DEFAULT '',
        undone_at       TEXT,
        undone_by       TEXT,
        undone_by_badge TEXT,
        CHECK (survivor_id <> merged_id),
        CHECK ((undone_at IS NULL) = (undone_by IS NULL) AND (undone_at IS NULL) = (undone_by_badge IS NULL))
      ) STRICT;
      CREATE INDEX entity_merges_survivor ON entity_merges (survivor_id, seq);
      CREATE INDEX entity_merges_merged   ON entity_merges (merged_id, seq);
      CREATE TRIGGER entity_merges_no_delete BEFORE DELETE ON entity_merges BEGIN
        SELECT RAISE(ABORT, 'a merge stays on record: undo it');
      END;
      CREATE TRIGGER entity_merges_immutable BEFORE UPDATE OF
        seq, id, survivor_id, merged_id, reasons, changes, merged_at, merged_by, merged_by_badge ON entity_merges BEGIN
        SELECT RAISE(ABORT, 'a merge is recorded once: undo it');
      END;
      CREATE TRIGGER entity_merges_undo_once BEFORE UPDATE OF undone_at, undone_by, undone_by_badge ON entity_merges
      WHEN old.undone_at IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'a merge is undone once');
      END;

      -- Two entities an investigator said are not the same: the duplicate search does not propose them again.
      CREATE TABLE entity_distinct_pairs (
        seq        INTEGER PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        entity_a   TEXT NOT NULL REFERENCES entities (id),
        entity_b   TEXT NOT NULL REFERENCES entities (id),
        note       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        CHECK (entity_a < entity_b),
        UNIQUE (entity_a, entity_b)
      ) STRICT;

      -- What the last duplicate search found (replaced by each run), best first.
      CREATE TABLE duplicate_candidates (
        entity_a TEXT NOT NULL REFERENCES entities (id),
        entity_b TEXT NOT NULL REFERENCES entities (id),
        score    INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        reasons  TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        found_at TEXT NOT NULL,
        CHECK (entity_a < entity_b),
        PRIMARY KEY (entity_a, entity_b)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX duplicate_candidates_score ON duplicate_candidates (score DESC, entity_a, entity_b);
    `);
    addAuditedColumn(db, {
      version: 10,
      table: 'entities',
      recordType: 'entity',
      column: 'merged_into TEXT REFERENCES entities (id)',
      caseIdOf: () => null,
    });
    // The entity list hides merged entities; the column ends each list index so the filter is read from it.
    db.exec(`
      DROP INDEX entities_name;
      DROP INDEX entities_kind;
      DROP INDEX entities_country;
      DROP INDEX entities_updated;
      CREATE INDEX entities_name    ON entities (name COLLATE NOCASE, seq, kind, country, merged_into);
      CREATE INDEX entities_kind    ON entities (kind, name COLLATE NOCASE, seq, country, merged_into);
      CREATE INDEX entities_country ON entities (country, name COLLATE NOCASE, seq, kind, merged_into);
      CREATE INDEX entities_updated ON entities (updated_at, seq, kind, country, merged_into);
      CREATE INDEX entities_merged_into ON entities (merged_into) WHERE merged_into IS NOT NULL;
    `);
    const insert = db.prepare('INSERT OR IGNORE INTO entity_identifiers (entity_id, scheme, value) VALUES (?, ?, ?)');
    const rows = db.prepare('SELECT id, kind, subtype, country, details FROM entities').all() as {
      id: string;
      kind: string;
      subtype: string | null;
      country: string | null;
      details: string;
    }[];
    for (const row of rows) {
      const details = JSON.parse(row.details) as Record<string, unknown>;
      for (const k of identifierKeysV10(row.kind, row.subtype, row.country, details))
        insert.run(row.id, k.scheme, k.value.slice(0, 120));
    }
  },
};
