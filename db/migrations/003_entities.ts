import type { Migration } from './index.ts';

/**
 * Entities (persons, organizations, addresses, conveyances, shipments), typed links between
 * them, and their roles in cases.
 *
 * The fields every list sorts or filters on are real columns (kind, name, country, updated_at);
 * the fields that differ per kind live in `details`, a JSON object validated by the contract's
 * per-kind schema (db/inputs/entities.ts): five kinds with a dozen fields each would otherwise
 * mean some fifty mostly-NULL columns, and nested lists (aliases, identity documents, goods lines,
 * route) would need child tables that nothing queries on their own. `search_text` holds the
 * aliases and identifiers (IMO, container, passport, bill of lading, HS codes...) so that the
 * full-text index finds an entity by any of them.
 */
export const m003Entities: Migration = {
  version: 3,
  name: 'entities, entity links, roles of entities in cases',
  up(db) {
    db.exec(`
      CREATE TABLE entities (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        kind         TEXT NOT NULL CHECK (kind IN ('person','organization','address','conveyance','shipment')),
        name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        -- conveyance: vessel, aircraft, vehicle or container; NULL for the other kinds
        subtype      TEXT CHECK (subtype IS NULL OR subtype IN ('vessel','aircraft','vehicle','container')),
        -- ISO 3166 alpha-2: a person's nationality, an organization's or address's country,
        -- a vessel's or aircraft's flag / registration country, a shipment's destination
        country      TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
        details      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
        search_text  TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        version      INTEGER NOT NULL DEFAULT 1,
        CHECK ((kind = 'conveyance') = (subtype IS NOT NULL))
      ) STRICT;

      -- The entity list: one index per sort column (ENTITY_SORT_COLUMNS) in the list's order (the
      -- column, then the name for kind and country, then seq for ties), followed by the columns
      -- the list filters on, so a page walks one index and stops (see entityListSql).
      CREATE INDEX entities_name    ON entities (name COLLATE NOCASE, seq, kind, country);
      CREATE INDEX entities_kind    ON entities (kind, name COLLATE NOCASE, seq, country);
      CREATE INDEX entities_country ON entities (country, name COLLATE NOCASE, seq, kind);
      CREATE INDEX entities_updated ON entities (updated_at, seq, kind, country);

      CREATE VIRTUAL TABLE entities_fts USING fts5(
        name, search_text,
        content = 'entities', content_rowid = 'seq', tokenize = 'trigram remove_diacritics 1'
      );
      CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities BEGIN
        INSERT INTO entities_fts (rowid, name, search_text) VALUES (new.seq, new.name, new.search_text);
      END;
      CREATE TRIGGER entities_fts_delete AFTER DELETE ON entities BEGIN
        INSERT INTO entities_fts (entities_fts, rowid, name, search_text)
        VALUES ('delete', old.seq, old.name, old.search_text);
      END;
      CREATE TRIGGER entities_fts_update AFTER UPDATE OF name, search_text ON entities BEGIN
        INSERT INTO entities_fts (entities_fts, rowid, name, search_text)
        VALUES ('delete', old.seq, old.name, old.search_text);
        INSERT INTO entities_fts (rowid, name, search_text) VALUES (new.seq, new.name, new.search_text);
      END;

      CREATE TABLE entity_links (
        seq                INTEGER PRIMARY KEY,
        id                 TEXT NOT NULL UNIQUE,
        type               TEXT NOT NULL CHECK (type IN (
                             'owns','director_of','employee_of','agent_for','shipper_of','consignee_of',
                             'notify_party_of','freight_forwarder_of','carried_by','located_at',
                             'alias_of','same_as','associated')),
        from_entity_id     TEXT NOT NULL REFERENCES entities (id),
        to_entity_id       TEXT NOT NULL REFERENCES entities (id),
        -- ownership share in basis points (10000 = 100%), only for 'owns'
        share_bp           INTEGER CHECK (share_bp IS NULL OR share_bp BETWEEN 0 AND 10000),
        source             TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
        -- the evidence item that supports the link (no foreign key: evidence may live elsewhere)
        source_evidence_id TEXT,
        valid_from         TEXT,
        valid_to           TEXT,
        notes              TEXT NOT NULL DEFAULT '',
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        version            INTEGER NOT NULL DEFAULT 1,
        CHECK (from_entity_id <> to_entity_id),
        CHECK (share_bp IS NULL OR type = 'owns'),
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
      ) STRICT;
      CREATE INDEX entity_links_from ON entity_links (from_entity_id, type);
      CREATE INDEX entity_links_to   ON entity_links (to_entity_id, type);

      CREATE TABLE case_entities (
        seq        INTEGER PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        case_id    TEXT NOT NULL REFERENCES cases (id),
        entity_id  TEXT NOT NULL REFERENCES entities (id),
        role       TEXT NOT NULL CHECK (role IN (
                     'subject','suspect','witness','exporter','consignee','end_user','counsel',
                     'freight_forwarder','other')),
        notes      TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (case_id, entity_id, role)
      ) STRICT;
      CREATE INDEX case_entities_entity ON case_entities (entity_id, case_id);
    `);
  },
};
