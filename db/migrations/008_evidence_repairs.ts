import type { Migration } from './index.ts';

/**
 * A stored evidence file found altered and replaced by a matching copy is a record of its own,
 * written by the attach that brought the good copy, in the audit trail like any change. Rows are
 * never changed or removed.
 */
export const m008EvidenceRepairs: Migration = {
  version: 8,
  name: 'evidence store repairs in the audit trail',
  up(db) {
    db.exec(`
      CREATE TABLE evidence_repairs (
        id              TEXT PRIMARY KEY,
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
        repaired_at     TEXT NOT NULL,
        altered_size    INTEGER NOT NULL CHECK (altered_size >= 0),
        altered_sha256  TEXT NOT NULL CHECK (length(altered_sha256) = 64),
        recorded_at     TEXT NOT NULL,
        recorded_by     TEXT NOT NULL,
        UNIQUE (sha256, repaired_at)
      ) STRICT;
      CREATE TRIGGER evidence_repairs_no_update BEFORE UPDATE ON evidence_repairs BEGIN
        SELECT RAISE(ABORT, 'evidence repairs are append-only');
      END;
      CREATE TRIGGER evidence_repairs_no_delete BEFORE DELETE ON evidence_repairs BEGIN
        SELECT RAISE(ABORT, 'evidence repairs are append-only');
      END;
    `);
  },
};
