import type { Migration } from './index.ts';

/**
 * Evidence files: the metadata of each file attached to a case, an entity or a seized item. The
 * bytes live in the content-addressed store beside the database (db/evidence-store.ts), named by
 * `sha256`. Evidence is never modified and never deleted: triggers refuse any change to its
 * metadata and any DELETE; the one change allowed is retiring it once, with a reason.
 * Also: audit-log indexes for the audit view's filters.
 */
export const m002Evidence: Migration = {
  version: 2,
  name: 'evidence files, audit view indexes',
  up(db) {
    db.exec(`
      CREATE TABLE evidence (
        seq              INTEGER PRIMARY KEY,
        id               TEXT NOT NULL UNIQUE,
        case_id          TEXT NOT NULL REFERENCES cases (id),
        -- what the file is attached to: the case itself, or an entity or seized item within it
        -- (no foreign key: those tables come from later migrations; the contract checks the id)
        subject_type     TEXT NOT NULL CHECK (subject_type IN ('case','entity','seized_item')),
        subject_id       TEXT NOT NULL,
        original_name    TEXT NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
        media_type       TEXT NOT NULL CHECK (length(media_type) BETWEEN 3 AND 255),
        size             INTEGER NOT NULL CHECK (size >= 0),
        sha256           TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        acquired_at      TEXT,
        acquired_by      TEXT NOT NULL DEFAULT '',
        acquired_from    TEXT NOT NULL DEFAULT '',
        description      TEXT NOT NULL DEFAULT '',
        added_at         TEXT NOT NULL,
        added_by         TEXT NOT NULL,
        added_by_badge   TEXT NOT NULL DEFAULT '',
        retired_at       TEXT,
        retired_by       TEXT,
        retired_by_badge TEXT,
        retired_reason   TEXT,
        CHECK (subject_type <> 'case' OR subject_id = case_id),
        CHECK ((retired_at IS NULL) = (retired_by IS NULL)
           AND (retired_at IS NULL) = (retired_by_badge IS NULL)
           AND (retired_at IS NULL) = (retired_reason IS NULL)),
        CHECK (retired_reason IS NULL OR length(retired_reason) >= 1)
      ) STRICT;

      -- The evidence list of a case: one index per sort column (EVIDENCE_SORT_COLUMNS), the
      -- column then seq, then retired_at so that hiding retired files is checked in the index.
      CREATE INDEX evidence_case_added ON evidence (case_id, added_at, seq, retired_at);
      CREATE INDEX evidence_case_name  ON evidence (case_id, original_name COLLATE NOCASE, seq, retired_at);
      CREATE INDEX evidence_case_size  ON evidence (case_id, size, seq, retired_at);
      CREATE INDEX evidence_case_acquired ON evidence (case_id, acquired_at, seq, retired_at);
      -- The evidence of one entity or seized item (across cases for an entity).
      CREATE INDEX evidence_subject ON evidence (subject_type, subject_id, added_at, seq, retired_at);
      CREATE INDEX evidence_sha256  ON evidence (sha256);

      CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence BEGIN
        SELECT RAISE(ABORT, 'evidence is never deleted: retire it');
      END;
      CREATE TRIGGER evidence_immutable BEFORE UPDATE OF
        seq, id, case_id, subject_type, subject_id, original_name, media_type, size, sha256, acquired_at,
        acquired_by, acquired_from, description, added_at, added_by, added_by_badge ON evidence BEGIN
        SELECT RAISE(ABORT, 'evidence metadata is never modified');
      END;
      CREATE TRIGGER evidence_retire_once BEFORE UPDATE OF
        retired_at, retired_by, retired_by_badge, retired_reason ON evidence
        WHEN old.retired_at IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'evidence is retired once');
      END;

      -- The audit view's filters (db/services/audit.ts), besides audit_case and audit_record from
      -- migration 001: by investigator and by method in seq order, and by period.
      CREATE INDEX audit_actor  ON audit_log (actor, seq);
      CREATE INDEX audit_method ON audit_log (method, seq);
      CREATE INDEX audit_at     ON audit_log (at);
    `);
  },
};
