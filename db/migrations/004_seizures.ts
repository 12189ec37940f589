import type { Migration } from './index.ts';

/**
 * Seizures, their goods lines (seized items) and each item's chain of custody.
 *
 * Seized items and custody entries are evidence records: triggers refuse any UPDATE or DELETE,
 * as for the audit trail. An item's first custody state lives in its own columns
 * (initial_custodian, initial_location, at the seizure's seized_at); every later movement, and
 * every correction of one, is a new custody_entries row.
 */
export const m004Seizures: Migration = {
  version: 4,
  name: 'seizures, seized items, chain of custody',
  up(db) {
    db.exec(`
      CREATE TABLE seizures (
        seq                     INTEGER PRIMARY KEY,
        id                      TEXT NOT NULL UNIQUE,
        case_id                 TEXT NOT NULL REFERENCES cases (id),
        seizure_number          TEXT NOT NULL UNIQUE CHECK (length(seizure_number) BETWEEN 1 AND 50),
        -- the instant of the seizure (UTC), and its calendar date for the investigator
        seized_at               TEXT NOT NULL,
        seized_on               TEXT NOT NULL,
        place                   TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 300),
        seizing_officer         TEXT NOT NULL CHECK (length(seizing_officer) BETWEEN 1 AND 200),
        seized_from_entity_id   TEXT REFERENCES entities (id),
        owner_entity_id         TEXT REFERENCES entities (id),
        -- third-party claimants: a JSON array of entity ids (checked by the triggers below)
        claimant_entity_ids     TEXT NOT NULL DEFAULT '[]'
                                CHECK (json_valid(claimant_entity_ids) AND json_type(claimant_entity_ids) = 'array'),
        legal_provision         TEXT NOT NULL DEFAULT '',
        conveyance_entity_id    TEXT REFERENCES entities (id),
        storage_location        TEXT NOT NULL DEFAULT '',
        custodian               TEXT NOT NULL DEFAULT '',
        -- terms of release: an amount to pay, a security, or both; all NULL when none are set
        release_amount_minor    INTEGER CHECK (release_amount_minor IS NULL OR release_amount_minor >= 0),
        release_currency        TEXT CHECK (release_currency IS NULL OR (length(release_currency) = 3 AND release_currency = upper(release_currency))),
        release_security        TEXT,
        forfeiture_amount_minor INTEGER CHECK (forfeiture_amount_minor IS NULL OR forfeiture_amount_minor >= 0),
        forfeiture_currency     TEXT CHECK (forfeiture_currency IS NULL OR (length(forfeiture_currency) = 3 AND forfeiture_currency = upper(forfeiture_currency))),
        disposition             TEXT NOT NULL DEFAULT 'held' CHECK (disposition IN
                                  ('held','released_on_terms','forfeited','returned','sold','destroyed','transferred')),
        disposition_on          TEXT,
        disposition_authority   TEXT,
        review_window_ends_on   TEXT NOT NULL,
        notes                   TEXT NOT NULL DEFAULT '',
        created_at              TEXT NOT NULL,
        updated_at              TEXT NOT NULL,
        version                 INTEGER NOT NULL DEFAULT 1,
        disposition_rank        INTEGER GENERATED ALWAYS AS (
                                  CASE disposition WHEN 'held' THEN 1 WHEN 'released_on_terms' THEN 2
                                    WHEN 'forfeited' THEN 3 WHEN 'returned' THEN 4 WHEN 'sold' THEN 5
                                    WHEN 'destroyed' THEN 6 ELSE 7 END) VIRTUAL,
        CHECK ((release_amount_minor IS NULL) = (release_currency IS NULL)),
        CHECK ((forfeiture_amount_minor IS NULL) = (forfeiture_currency IS NULL)),
        CHECK ((disposition = 'held') = (disposition_on IS NULL)),
        CHECK ((disposition = 'held') = (disposition_authority IS NULL)),
        CHECK (disposition_on IS NULL OR disposition_on >= seized_on)
      ) STRICT;

      -- The seizure list: one index per sort column (SEIZURE_SORT_COLUMNS), the column then seq,
      -- then the disposition filter, so a page walks one index and stops (see seizureListSql).
      -- seizures_case serves the list of one case (a handful of rows, sorted after) and the totals.
      -- seizures_number also carries the place: a 1-2 character search (LIKE over number and place,
      -- too short for the trigram index) scans it once instead of reading every row.
      CREATE INDEX seizures_number      ON seizures (seizure_number, seq, disposition_rank, place);
      CREATE INDEX seizures_seized_at   ON seizures (seized_at, seq, disposition_rank);
      CREATE INDEX seizures_disposition ON seizures (disposition_rank, seq);
      CREATE INDEX seizures_review      ON seizures (review_window_ends_on, seq, disposition_rank);
      CREATE INDEX seizures_updated     ON seizures (updated_at, seq, disposition_rank);
      CREATE INDEX seizures_case        ON seizures (case_id, seq);
      CREATE INDEX seizures_seized_from ON seizures (seized_from_entity_id) WHERE seized_from_entity_id IS NOT NULL;
      CREATE INDEX seizures_owner       ON seizures (owner_entity_id) WHERE owner_entity_id IS NOT NULL;
      CREATE INDEX seizures_conveyance  ON seizures (conveyance_entity_id) WHERE conveyance_entity_id IS NOT NULL;

      -- Claimants are entities, like the owner: a foreign key for each element of the JSON list.
      CREATE TRIGGER seizures_claimants_insert BEFORE INSERT ON seizures
      WHEN EXISTS (SELECT 1 FROM json_each(new.claimant_entity_ids) j
                   WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = j.value)) BEGIN
        SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: a claimant is not an entity');
      END;
      CREATE TRIGGER seizures_claimants_update BEFORE UPDATE OF claimant_entity_ids ON seizures
      WHEN EXISTS (SELECT 1 FROM json_each(new.claimant_entity_ids) j
                   WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = j.value)) BEGIN
        SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: a claimant is not an entity');
      END;
      CREATE TRIGGER seizures_no_delete BEFORE DELETE ON seizures BEGIN
        SELECT RAISE(ABORT, 'seizures are never deleted');
      END;

      CREATE TABLE seized_items (
        seq               INTEGER PRIMARY KEY,
        id                TEXT NOT NULL UNIQUE,
        seizure_id        TEXT NOT NULL REFERENCES seizures (id),
        item_number       INTEGER NOT NULL CHECK (item_number >= 1),
        description       TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
        quantity          INTEGER NOT NULL CHECK (quantity >= 1),
        unit              TEXT NOT NULL,
        hs_code           TEXT CHECK (hs_code IS NULL OR (hs_code NOT GLOB '*[^0-9]*' AND length(hs_code) IN (6, 8, 10))),
        eccn              TEXT,
        origin_country    TEXT CHECK (origin_country IS NULL OR (length(origin_country) = 2 AND origin_country = upper(origin_country))),
        value_minor       INTEGER NOT NULL CHECK (value_minor >= 0),
        value_currency    TEXT NOT NULL CHECK (length(value_currency) = 3 AND value_currency = upper(value_currency)),
        seal_numbers      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(seal_numbers) AND json_type(seal_numbers) = 'array'),
        -- the first custody state: the seizing officer at the place of seizure, unless given
        initial_custodian TEXT NOT NULL CHECK (length(initial_custodian) BETWEEN 1 AND 200),
        initial_location  TEXT NOT NULL CHECK (length(initial_location) BETWEEN 1 AND 300),
        created_at        TEXT NOT NULL,
        UNIQUE (seizure_id, item_number)
      ) STRICT;
      -- (seizure_id, item_number) is unique: its index serves the items of a seizure, and the totals.
      CREATE INDEX seized_items_totals ON seized_items (seizure_id, value_currency, value_minor);
      CREATE TRIGGER seized_items_no_update BEFORE UPDATE ON seized_items BEGIN
        SELECT RAISE(ABORT, 'seized items are never changed: record a new item or a custody entry');
      END;
      CREATE TRIGGER seized_items_no_delete BEFORE DELETE ON seized_items BEGIN
        SELECT RAISE(ABORT, 'seized items are never deleted');
      END;

      CREATE TABLE custody_entries (
        seq               INTEGER PRIMARY KEY,
        id                TEXT NOT NULL UNIQUE,
        item_id           TEXT NOT NULL REFERENCES seized_items (id),
        at                TEXT NOT NULL,
        released_by       TEXT NOT NULL CHECK (length(released_by) BETWEEN 1 AND 200),
        received_by       TEXT NOT NULL CHECK (length(received_by) BETWEEN 1 AND 200),
        from_location     TEXT NOT NULL CHECK (length(from_location) BETWEEN 1 AND 300),
        to_location       TEXT NOT NULL CHECK (length(to_location) BETWEEN 1 AND 300),
        purpose           TEXT NOT NULL CHECK (purpose IN ('analysis','storage','court','return','transfer','other')),
        condition         TEXT NOT NULL DEFAULT '',
        seal_numbers      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(seal_numbers) AND json_type(seal_numbers) = 'array'),
        notes             TEXT NOT NULL DEFAULT '',
        -- a correction is a new entry naming the one it replaces in the effective chain
        corrects_entry_id TEXT REFERENCES custody_entries (id),
        recorded_at       TEXT NOT NULL,
        recorded_by       TEXT NOT NULL,
        recorded_by_badge TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX custody_entries_item ON custody_entries (item_id, seq);
      CREATE INDEX custody_entries_corrects ON custody_entries (corrects_entry_id) WHERE corrects_entry_id IS NOT NULL;
      CREATE TRIGGER custody_entries_no_update BEFORE UPDATE ON custody_entries BEGIN
        SELECT RAISE(ABORT, 'custody entries are append-only: record a correction instead');
      END;
      CREATE TRIGGER custody_entries_no_delete BEFORE DELETE ON custody_entries BEGIN
        SELECT RAISE(ABORT, 'custody entries are append-only: record a correction instead');
      END;

      -- Text search over a seizure: its number, place, officer, legal provision and goods lines.
      -- Its own content (not external): the goods column gathers the items, kept in step by triggers.
      CREATE VIRTUAL TABLE seizures_fts USING fts5(
        seizure_number, place, seizing_officer, legal_provision, goods,
        tokenize = 'trigram remove_diacritics 1'
      );
      CREATE TRIGGER seizures_fts_insert AFTER INSERT ON seizures BEGIN
        INSERT INTO seizures_fts (rowid, seizure_number, place, seizing_officer, legal_provision, goods)
        VALUES (new.seq, new.seizure_number, new.place, new.seizing_officer, new.legal_provision, '');
      END;
      CREATE TRIGGER seizures_fts_update AFTER UPDATE OF seizure_number, place, seizing_officer, legal_provision ON seizures BEGIN
        UPDATE seizures_fts SET seizure_number = new.seizure_number, place = new.place,
          seizing_officer = new.seizing_officer, legal_provision = new.legal_provision
        WHERE rowid = new.seq;
      END;
      CREATE TRIGGER seizures_fts_item AFTER INSERT ON seized_items BEGIN
        UPDATE seizures_fts SET goods = goods || ' ' || new.description || ' ' ||
          coalesce(new.hs_code, '') || ' ' || coalesce(new.eccn, '')
        WHERE rowid = (SELECT seq FROM seizures WHERE id = new.seizure_id);
      END;
    `);
  },
};
