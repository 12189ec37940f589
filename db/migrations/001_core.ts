import type { Migration } from './index.ts';

/** Settings, cases with their full-text index, and the append-only, hash-chained audit trail. */
export const m001Core: Migration = {
  version: 1,
  name: 'core: settings, cases, audit trail',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        id    TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE counters (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE cases (
        seq               INTEGER PRIMARY KEY,
        id                TEXT NOT NULL UNIQUE,
        file_number       TEXT NOT NULL UNIQUE,
        title             TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        status            TEXT NOT NULL DEFAULT 'open'
                          CHECK (status IN ('open','under_review','referred_for_prosecution','closed')),
        priority          TEXT NOT NULL DEFAULT 'medium'
                          CHECK (priority IN ('low','medium','high','critical')),
        lead_investigator TEXT NOT NULL,
        agency            TEXT NOT NULL DEFAULT '',
        partner_agencies  TEXT NOT NULL DEFAULT '[]',
        violation_type    TEXT,
        legal_authorities TEXT NOT NULL DEFAULT '',
        security_marking  TEXT NOT NULL DEFAULT 'protected_b',
        summary           TEXT NOT NULL DEFAULT '',
        notes             TEXT NOT NULL DEFAULT '',
        opened_on         TEXT NOT NULL,
        closed_on         TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        version           INTEGER NOT NULL DEFAULT 1,
        status_rank       INTEGER GENERATED ALWAYS AS (
                            CASE status WHEN 'open' THEN 1 WHEN 'under_review' THEN 2
                                        WHEN 'referred_for_prosecution' THEN 3 ELSE 4 END) VIRTUAL,
        priority_rank     INTEGER GENERATED ALWAYS AS (
                            CASE priority WHEN 'low' THEN 1 WHEN 'medium' THEN 2
                                          WHEN 'high' THEN 3 ELSE 4 END) VIRTUAL
      ) STRICT;

      -- The case list: one index per sort column (CASE_SORT_COLUMNS), in the list's order (the
      -- column, then seq for ties), followed by the columns the list filters on. A page is read
      -- by walking one index and stopping after it, whatever the filters: each filter is checked
      -- inside the index, and a row is read only once it is on the page. caseListSql names these
      -- indexes (INDEXED BY), and test/query-plans.test.ts checks the plans.
      -- cases_file_number also carries the title, so a 2-character search (LIKE over file number
      -- and title) counts by scanning it rather than the whole table.
      CREATE INDEX cases_file_number ON cases (file_number, seq, status_rank, priority_rank, violation_type, title);
      CREATE INDEX cases_title     ON cases (title COLLATE NOCASE, seq, status_rank, priority_rank, violation_type);
      CREATE INDEX cases_status    ON cases (status_rank, seq, priority_rank, violation_type);
      CREATE INDEX cases_priority  ON cases (priority_rank, seq, status_rank, violation_type);
      CREATE INDEX cases_lead      ON cases (lead_investigator COLLATE NOCASE, seq, status_rank, priority_rank, violation_type);
      CREATE INDEX cases_violation ON cases (violation_type, seq, status_rank, priority_rank);
      CREATE INDEX cases_opened    ON cases (opened_on, seq, status_rank, priority_rank, violation_type);
      CREATE INDEX cases_updated   ON cases (updated_at, seq, status_rank, priority_rank, violation_type);

      CREATE VIRTUAL TABLE cases_fts USING fts5(
        file_number, title, summary, lead_investigator,
        content = 'cases', content_rowid = 'seq', tokenize = 'trigram remove_diacritics 1'
      );
      CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
        INSERT INTO cases_fts (rowid, file_number, title, summary, lead_investigator)
        VALUES (new.seq, new.file_number, new.title, new.summary, new.lead_investigator);
      END;
      CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
        INSERT INTO cases_fts (cases_fts, rowid, file_number, title, summary, lead_investigator)
        VALUES ('delete', old.seq, old.file_number, old.title, old.summary, old.lead_investigator);
      END;
      CREATE TRIGGER cases_fts_update AFTER UPDATE OF file_number, title, summary, lead_investigator ON cases BEGIN
        INSERT INTO cases_fts (cases_fts, rowid, file_number, title, summary, lead_investigator)
        VALUES ('delete', old.seq, old.file_number, old.title, old.summary, old.lead_investigator);
        INSERT INTO cases_fts (rowid, file_number, title, summary, lead_investigator)
        VALUES (new.seq, new.file_number, new.title, new.summary, new.lead_investigator);
      END;

      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        actor_badge TEXT NOT NULL DEFAULT '',
        method      TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        case_id     TEXT,
        before      TEXT,
        after       TEXT,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_record ON audit_log (record_type, record_id, seq);
      CREATE INDEX audit_case   ON audit_log (case_id, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'audit records are append-only');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'audit records are append-only');
      END;

      -- The hash of each audited record's current state, as of its last audited change.
      CREATE TABLE record_state (
        record_type TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        state_hash  TEXT NOT NULL,
        audit_seq   INTEGER NOT NULL,
        PRIMARY KEY (record_type, record_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
