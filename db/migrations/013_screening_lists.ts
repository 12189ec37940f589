import type { Migration } from './index.ts';

/**
 * Screening lists (the U.S. Consolidated Screening List, Canada's SEMA list) as published files
 * imported whole. One row per list name: importing it again replaces its entries, in one
 * transaction, and updates the row (audited, with the file's SHA-256 and what changed). Entries
 * are reference data copied from that file, not records of ours: they are not audited one by one
 * (the file hash in the list's audit record is what vouches for them), and each carries the hash
 * of its content so that the next import tells a changed entry from an unchanged one.
 */
export const m013ScreeningLists: Migration = {
  version: 13,
  name: 'screening lists and their entries',
  up(db) {
    db.exec(`
      CREATE TABLE screening_lists (
        seq               INTEGER PRIMARY KEY,
        id                TEXT NOT NULL UNIQUE,
        name              TEXT NOT NULL UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 200),
        format            TEXT NOT NULL CHECK (format IN ('csl', 'sema')),
        -- the file as it was chosen (its name) and as it was read (its SHA-256 and size)
        file_name         TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        file_sha256       TEXT NOT NULL CHECK (length(file_sha256) = 64 AND file_sha256 NOT GLOB '*[^0-9a-f]*'),
        file_size         INTEGER NOT NULL CHECK (file_size > 0),
        -- the list's own date, when the file gives one
        list_date         TEXT CHECK (list_date IS NULL OR list_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        entry_count       INTEGER NOT NULL CHECK (entry_count >= 0),
        -- what the last import did, by entry key and content hash
        added             INTEGER NOT NULL CHECK (added >= 0),
        changed           INTEGER NOT NULL CHECK (changed >= 0),
        removed           INTEGER NOT NULL CHECK (removed >= 0),
        imported_at       TEXT NOT NULL,
        imported_by       TEXT NOT NULL,
        imported_by_badge TEXT NOT NULL DEFAULT '',
        -- 1 for the first import, one more for each later import that wrote the list (the same file again writes nothing)
        version           INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        CHECK (added <= entry_count AND changed <= entry_count)
      ) STRICT;

      CREATE TABLE screening_entries (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        list_id        TEXT NOT NULL REFERENCES screening_lists (id),
        -- the list's own key (CSL: source and _id, else entity_number; SEMA: regime, schedule, item)
        entry_key      TEXT NOT NULL CHECK (length(entry_key) BETWEEN 1 AND 500),
        type           TEXT NOT NULL CHECK (type IN ('individual', 'entity', 'vessel', 'aircraft')),
        -- 1 when the list says the type; 0 when it was inferred from the entry's fields
        type_stated    INTEGER NOT NULL CHECK (type_stated IN (0, 1)),
        name           TEXT NOT NULL CHECK (length(name) >= 1),
        aliases        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
        -- the list within the file the entry comes from (CSL: e.g. Entity List (EL) - Bureau of Industry and Security)
        source         TEXT NOT NULL DEFAULT '',
        programs       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(programs) AND json_type(programs) = 'array'),
        countries      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(countries) AND json_type(countries) = 'array'),
        addresses      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(addresses) AND json_type(addresses) = 'array'),
        -- ISO dates, whole or partial (1970-01-15, 1970-01, 1970)
        dates_of_birth TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dates_of_birth) AND json_type(dates_of_birth) = 'array'),
        imo_number     TEXT CHECK (imo_number IS NULL OR (length(imo_number) = 7 AND imo_number NOT GLOB '*[^0-9]*')),
        -- [{type, number, country}] as the list gives them
        identifiers    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(identifiers) AND json_type(identifiers) = 'array'),
        vessel_flag    TEXT,
        listed_on      TEXT CHECK (listed_on IS NULL OR listed_on GLOB '[0-9][0-9][0-9][0-9]*'),
        remarks        TEXT NOT NULL DEFAULT '',
        source_url     TEXT NOT NULL DEFAULT '',
        -- every other field of the entry, by name (title, license requirement, schedule, item...)
        details        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details) AND json_type(details) = 'object'),
        content_hash   TEXT NOT NULL CHECK (length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*'),
        UNIQUE (list_id, entry_key)
      ) STRICT;
    `);
  },
};
