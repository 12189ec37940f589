import type { Migration } from './index.ts';
import { appendAuditV5, stateHashV5 } from './frozen/audit-v5.ts';

type RawRow = Record<string, unknown>;

/**
 * The limitation period's end for a case, as an SQL expression over `cases`: 5 years from the
 * contravention (else the opening) for a U.S. administrative export case, 6 for a customs case
 * (see limitationYears in db/shared/domain.ts). A frozen copy: the live rule is db/limitation-sql.ts.
 */
const LIMITATION_YEARS_SQL = `(CASE WHEN instr(legal_authorities, 'U.S.C.') > 0 OR instr(legal_authorities, 'C.F.R.') > 0
  OR instr(agency, 'BIS') > 0 OR instr(agency, 'Bureau of Industry and Security') > 0
  OR instr(agency, 'HSI') > 0 OR instr(agency, 'Homeland Security') > 0 THEN 5 ELSE 6 END)`;
const LIMITATION_DUE_SQL = `date(coalesce(contravention_on, opened_on), '+' || ${LIMITATION_YEARS_SQL} || ' years')`;

/**
 * Detentions with their information requests, monetary penalties with their payments, and what
 * the deadline list needs: a contravention date on cases and indexes on every due date.
 *
 * Every deadline source has an index that starts with its "done" expression and then its due
 * date, so that the deadline list reads the open deadlines of each source in due-date order and
 * stops after a page (see db/services/deadlines.ts).
 */
export const m005Enforcement: Migration = {
  version: 5,
  name: 'detentions, information requests, monetary penalties and payments, deadlines',
  up(db) {
    db.exec(`
      CREATE TABLE detentions (
        seq                    INTEGER PRIMARY KEY,
        id                     TEXT NOT NULL UNIQUE,
        case_id                TEXT NOT NULL REFERENCES cases (id),
        detention_number       TEXT NOT NULL UNIQUE CHECK (length(detention_number) BETWEEN 1 AND 50),
        subject                TEXT NOT NULL CHECK (subject IN ('goods','shipment','person')),
        -- a UTC instant
        started_at             TEXT NOT NULL,
        place                  TEXT NOT NULL DEFAULT '',
        legal_authority        TEXT NOT NULL DEFAULT '',
        exporter_id            TEXT REFERENCES entities (id),
        consignee_id           TEXT REFERENCES entities (id),
        destination_country    TEXT CHECK (destination_country IS NULL
                                 OR (length(destination_country) = 2 AND destination_country = upper(destination_country))),
        declared_permit        TEXT,
        declared_eccn          TEXT,
        reason                 TEXT NOT NULL DEFAULT '',
        assessment_office      TEXT,
        referred_on            TEXT,
        assessment_due_on      TEXT,
        assessment_answered_on TEXT,
        review_due_on          TEXT NOT NULL,
        outcome                TEXT CHECK (outcome IS NULL OR outcome IN ('released','seized','returned_to_exporter')),
        ended_at               TEXT,
        notes                  TEXT NOT NULL DEFAULT '',
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL,
        version                INTEGER NOT NULL DEFAULT 1,
        CHECK ((outcome IS NULL) = (ended_at IS NULL)),
        CHECK (ended_at IS NULL OR ended_at >= started_at),
        CHECK ((assessment_office IS NULL) = (referred_on IS NULL)),
        CHECK (assessment_due_on IS NULL OR (referred_on IS NOT NULL AND assessment_due_on >= referred_on)),
        CHECK (assessment_answered_on IS NULL OR (referred_on IS NOT NULL AND assessment_answered_on >= referred_on))
      ) STRICT;
      -- The detention list: one index per sort column, then seq, then the column the state filter reads.
      CREATE INDEX detentions_started ON detentions (started_at, seq, outcome);
      CREATE INDEX detentions_review  ON detentions (review_due_on, seq, outcome);
      CREATE INDEX detentions_number  ON detentions (detention_number, seq, outcome);
      CREATE INDEX detentions_case    ON detentions (case_id, started_at);
      CREATE INDEX detentions_exporter  ON detentions (exporter_id) WHERE exporter_id IS NOT NULL;
      CREATE INDEX detentions_consignee ON detentions (consignee_id) WHERE consignee_id IS NOT NULL;
      -- Deadlines: the review while the detention lasts; the technical assessment's answer.
      CREATE INDEX detentions_review_deadline ON detentions ((outcome IS NOT NULL), review_due_on);
      CREATE INDEX detentions_assessment_deadline
        ON detentions ((assessment_answered_on IS NOT NULL OR outcome IS NOT NULL), assessment_due_on)
        WHERE assessment_due_on IS NOT NULL;

      CREATE TABLE detention_info_requests (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        detention_id TEXT NOT NULL REFERENCES detentions (id),
        case_id      TEXT NOT NULL REFERENCES cases (id),
        kind         TEXT NOT NULL CHECK (kind IN ('item_list','specifications','end_use_certificate','other')),
        description  TEXT NOT NULL DEFAULT '',
        requested_on TEXT NOT NULL,
        due_on       TEXT NOT NULL,
        received_on  TEXT,
        -- set when the detention ends before the answer came: no longer awaited
        closed_on    TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        version      INTEGER NOT NULL DEFAULT 1,
        CHECK (due_on >= requested_on),
        CHECK (received_on IS NULL OR received_on >= requested_on),
        CHECK (received_on IS NULL OR closed_on IS NULL)
      ) STRICT;
      CREATE INDEX detention_info_requests_detention ON detention_info_requests (detention_id, requested_on);
      CREATE INDEX detention_info_requests_case ON detention_info_requests (case_id, due_on);
      CREATE INDEX detention_info_requests_deadline
        ON detention_info_requests ((received_on IS NOT NULL OR closed_on IS NOT NULL), due_on);

      CREATE TABLE penalties (
        seq                  INTEGER PRIMARY KEY,
        id                   TEXT NOT NULL UNIQUE,
        case_id              TEXT NOT NULL REFERENCES cases (id),
        notice_number        TEXT NOT NULL UNIQUE CHECK (length(notice_number) BETWEEN 1 AND 50),
        contravention_code   TEXT NOT NULL CHECK (length(contravention_code) BETWEEN 1 AND 100),
        entity_id            TEXT NOT NULL REFERENCES entities (id),
        -- money: integer minor units of an ISO 4217 currency
        amount_minor         INTEGER NOT NULL CHECK (amount_minor > 0),
        currency             TEXT NOT NULL CHECK (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'),
        reduced_amount_minor INTEGER CHECK (reduced_amount_minor IS NULL
                               OR (reduced_amount_minor > 0 AND reduced_amount_minor < amount_minor)),
        reduction_reason     TEXT,
        reduced_on           TEXT,
        -- the sum of the payments (penalty_payments), kept with each payment so lists sort by balance
        paid_minor           INTEGER NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
        assessed_on          TEXT NOT NULL,
        due_on               TEXT NOT NULL,
        level                TEXT NOT NULL CHECK (level IN ('first','second','third_or_later')),
        status               TEXT NOT NULL DEFAULT 'issued' CHECK (status IN
                               ('issued','partly_paid','under_review','reduced','paid','cancelled','written_off')),
        status_on            TEXT NOT NULL,
        status_reason        TEXT NOT NULL DEFAULT '',
        notes                TEXT NOT NULL DEFAULT '',
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL,
        version              INTEGER NOT NULL DEFAULT 1,
        effective_minor      INTEGER GENERATED ALWAYS AS (coalesce(reduced_amount_minor, amount_minor)) VIRTUAL,
        balance_minor        INTEGER GENERATED ALWAYS AS (coalesce(reduced_amount_minor, amount_minor) - paid_minor) VIRTUAL,
        status_rank          INTEGER GENERATED ALWAYS AS (
                               CASE status WHEN 'issued' THEN 1 WHEN 'partly_paid' THEN 2 WHEN 'under_review' THEN 3
                                 WHEN 'reduced' THEN 4 WHEN 'paid' THEN 5 WHEN 'cancelled' THEN 6 ELSE 7 END) VIRTUAL,
        CHECK (paid_minor <= coalesce(reduced_amount_minor, amount_minor)),
        CHECK (due_on >= assessed_on),
        CHECK ((reduced_amount_minor IS NULL) = (reduction_reason IS NULL)),
        CHECK ((reduced_amount_minor IS NULL) = (reduced_on IS NULL)),
        CHECK (status <> 'paid' OR paid_minor = coalesce(reduced_amount_minor, amount_minor)),
        CHECK (status <> 'partly_paid' OR paid_minor > 0),
        -- only a final status leaves nothing owed
        CHECK (status IN ('paid','cancelled','written_off') OR paid_minor < coalesce(reduced_amount_minor, amount_minor))
      ) STRICT;
      -- The penalty list: one index per sort column, then seq, then the columns its filters read.
      CREATE INDEX penalties_notice   ON penalties (notice_number, seq, status_rank, due_on, currency);
      CREATE INDEX penalties_assessed ON penalties (assessed_on, seq, status_rank, due_on, currency);
      CREATE INDEX penalties_due      ON penalties (due_on, seq, status_rank, currency);
      CREATE INDEX penalties_amount   ON penalties (effective_minor, seq, status_rank, due_on, currency);
      CREATE INDEX penalties_balance  ON penalties (balance_minor, seq, status_rank, due_on, currency);
      CREATE INDEX penalties_status   ON penalties (status_rank, seq, due_on, currency);
      CREATE INDEX penalties_case     ON penalties (case_id, assessed_on);
      CREATE INDEX penalties_entity   ON penalties (entity_id);
      -- Deadlines: the payment while something is owed; the correction and review windows,
      -- which end a fixed number of days after the assessment.
      CREATE INDEX penalties_due_deadline ON penalties ((status IN ('paid','cancelled','written_off')), due_on);
      CREATE INDEX penalties_window_deadline ON penalties ((status IN ('paid','cancelled','written_off')), assessed_on);

      -- Payments are never edited or removed: a refund or correction is a matter for the review.
      CREATE TABLE penalty_payments (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        penalty_id   TEXT NOT NULL REFERENCES penalties (id),
        case_id      TEXT NOT NULL REFERENCES cases (id),
        paid_on      TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency     TEXT NOT NULL CHECK (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'),
        method       TEXT NOT NULL CHECK (method IN ('cheque','wire','card','cash','set_off','other')),
        reference    TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX penalty_payments_penalty ON penalty_payments (penalty_id, paid_on);
      CREATE TRIGGER penalty_payments_no_update BEFORE UPDATE ON penalty_payments BEGIN
        SELECT RAISE(ABORT, 'payments are never changed: record a new one');
      END;
      CREATE TRIGGER penalty_payments_no_delete BEFORE DELETE ON penalty_payments BEGIN
        SELECT RAISE(ABORT, 'payments are never removed');
      END;

      -- The date of the contravention, from which limitation periods run (else the opening date).
      ALTER TABLE cases ADD COLUMN contravention_on TEXT;
      CREATE INDEX cases_limitation ON cases ((status = 'closed'), ${LIMITATION_DUE_SQL});
    `);
    reauditCases(db);
  },
};

/**
 * The new column is part of every case row, so each case's audited state (a hash of its whole
 * row) no longer matches its row. Each case whose row still matched its last audit record gets a
 * new audit record for the added column; a case that did not match (changed outside Dossier)
 * keeps its mismatch, so `dossier check` still reports it.
 */
function reauditCases(db: Parameters<Migration['up']>[0]): void {
  const at = new Date().toISOString();
  const page = db.prepare('SELECT * FROM cases WHERE seq > ? ORDER BY seq LIMIT 1000');
  const state = db.prepare("SELECT state_hash FROM record_state WHERE record_type = 'case' AND record_id = ?");
  let after = 0;
  for (;;) {
    const rows = page.all(after) as RawRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.seq as number;
      const { contravention_on: _added, ...before } = row;
      const recorded = state.get(row.id) as { state_hash: string } | undefined;
      if (recorded?.state_hash === stateHashV5(before)) {
        const id = row.id as string;
        appendAuditV5(
          db,
          { actor: 'Dossier', badge: '', method: 'migration 005', at, type: 'case', id, caseId: id },
          before,
          row,
        );
      }
    }
  }
}
