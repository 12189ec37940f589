import type { Migration } from './index.ts';

/**
 * End-use checks (pre-license checks and post-shipment verifications) with their goods lines;
 * inspections (examinations) of shipments, linked to the detention or seizure they led to;
 * compliance audits of exporters with their findings and corrective actions.
 *
 * As in 005, each list has one index per sort column (then seq, then what its filters read),
 * and each deadline source an index led by its "done" expression, then its due date.
 */
export const m017Verifications: Migration = {
  version: 17,
  name: 'end-use checks, inspections, compliance audits',
  up(db) {
    db.exec(`
      CREATE TABLE end_use_checks (
        seq                   INTEGER PRIMARY KEY,
        id                    TEXT NOT NULL UNIQUE,
        case_id               TEXT NOT NULL REFERENCES cases (id),
        check_number          TEXT NOT NULL UNIQUE CHECK (length(check_number) BETWEEN 1 AND 50),
        check_type            TEXT NOT NULL CHECK (check_type IN ('pre_license','post_shipment')),
        party_id              TEXT NOT NULL REFERENCES entities (id),
        party_role            TEXT NOT NULL CHECK (party_role IN ('end_user','consignee','intermediate_consignee')),
        licence_number        TEXT,
        country               TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country)),
        conducted_by          TEXT NOT NULL CHECK (conducted_by IN ('export_control_officer','post','embassy')),
        conductor             TEXT NOT NULL DEFAULT '',
        method                TEXT NOT NULL CHECK (method IN ('on_site','documents')),
        requested_on          TEXT NOT NULL,
        scheduled_on          TEXT,
        conducted_on          TEXT,
        goods_present         TEXT CHECK (goods_present IN ('confirmed','not_confirmed')),
        used_as_declared      TEXT CHECK (used_as_declared IN ('confirmed','not_confirmed')),
        at_declared_place     TEXT CHECK (at_declared_place IN ('confirmed','not_confirmed')),
        by_declared_end_user  TEXT CHECK (by_declared_end_user IN ('confirmed','not_confirmed')),
        findings              TEXT NOT NULL DEFAULT '',
        status                TEXT NOT NULL DEFAULT 'requested'
                                CHECK (status IN ('requested','scheduled','completed','cancelled')),
        status_reason         TEXT NOT NULL DEFAULT '',
        outcome               TEXT CHECK (outcome IN ('favorable','unfavorable','unable_to_verify')),
        unverified_reason     TEXT CHECK (unverified_reason IN ('no_access','party_not_found','refused')),
        -- the follow-ups of an unfavorable or unverified check
        follow_up_case_id     TEXT REFERENCES cases (id),
        list_candidate_on     TEXT,
        list_candidate_reason TEXT,
        notes                 TEXT NOT NULL DEFAULT '',
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        version               INTEGER NOT NULL DEFAULT 1,
        status_rank           INTEGER GENERATED ALWAYS AS (
                                CASE status WHEN 'requested' THEN 1 WHEN 'scheduled' THEN 2
                                  WHEN 'completed' THEN 3 ELSE 4 END) VIRTUAL,
        CHECK ((status = 'completed') = (outcome IS NOT NULL)),
        CHECK (status <> 'completed' OR conducted_on IS NOT NULL),
        CHECK (status <> 'scheduled' OR scheduled_on IS NOT NULL),
        CHECK ((outcome IS 'unable_to_verify') = (unverified_reason IS NOT NULL)),
        CHECK (scheduled_on IS NULL OR scheduled_on >= requested_on),
        CHECK (conducted_on IS NULL OR conducted_on >= requested_on),
        CHECK ((list_candidate_on IS NULL) = (list_candidate_reason IS NULL))
      ) STRICT;
      CREATE INDEX end_use_checks_number    ON end_use_checks (check_number, seq, status, outcome);
      CREATE INDEX end_use_checks_requested ON end_use_checks (requested_on, seq, status, outcome);
      CREATE INDEX end_use_checks_scheduled ON end_use_checks (scheduled_on, seq, status, outcome);
      CREATE INDEX end_use_checks_status    ON end_use_checks (status_rank, seq, status, outcome);
      CREATE INDEX end_use_checks_case      ON end_use_checks (case_id, requested_on);
      CREATE INDEX end_use_checks_party     ON end_use_checks (party_id);
      CREATE INDEX end_use_checks_deadline  ON end_use_checks ((status <> 'scheduled'), scheduled_on);

      CREATE TABLE end_use_check_goods (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        check_id       TEXT NOT NULL REFERENCES end_use_checks (id),
        case_id        TEXT NOT NULL REFERENCES cases (id),
        line_no        INTEGER NOT NULL CHECK (line_no >= 1),
        description    TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
        quantity       INTEGER CHECK (quantity IS NULL OR quantity > 0),
        unit           TEXT,
        eccn           TEXT,
        hs_code        TEXT,
        -- the seized item these goods are (a check of seized goods' declared end user)
        seized_item_id TEXT REFERENCES seized_items (id),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        version        INTEGER NOT NULL DEFAULT 1,
        UNIQUE (check_id, line_no)
      ) STRICT;
      CREATE INDEX end_use_check_goods_item ON end_use_check_goods (seized_item_id) WHERE seized_item_id IS NOT NULL;

      CREATE TABLE inspections (
        seq                INTEGER PRIMARY KEY,
        id                 TEXT NOT NULL UNIQUE,
        case_id            TEXT NOT NULL REFERENCES cases (id),
        inspection_number  TEXT NOT NULL UNIQUE CHECK (length(inspection_number) BETWEEN 1 AND 50),
        place_kind         TEXT NOT NULL CHECK (place_kind IN ('port','terminal','airport','border_crossing')),
        place              TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 300),
        -- a UTC instant
        inspected_at       TEXT NOT NULL,
        shipment_reference TEXT NOT NULL DEFAULT '',
        exporter_id        TEXT REFERENCES entities (id),
        consignee_id       TEXT REFERENCES entities (id),
        conveyance_id      TEXT REFERENCES entities (id),
        officer            TEXT NOT NULL CHECK (length(officer) BETWEEN 1 AND 200),
        selection          TEXT NOT NULL CHECK (selection IN ('targeting_rule','intelligence','partner_request','random')),
        selection_detail   TEXT NOT NULL DEFAULT '',
        -- what was examined: a JSON array of documents, goods, seals, conveyance
        examined           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(examined) AND json_type(examined) = 'array'),
        seals_found        TEXT NOT NULL DEFAULT '',
        seals_applied      TEXT NOT NULL DEFAULT '',
        findings           TEXT NOT NULL DEFAULT '',
        status             TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress','completed','cancelled')),
        status_reason      TEXT NOT NULL DEFAULT '',
        result             TEXT CHECK (result IN ('no_discrepancy','discrepancy_noted','goods_detained','goods_seized')),
        completed_at       TEXT,
        detention_id       TEXT UNIQUE REFERENCES detentions (id),
        seizure_id         TEXT UNIQUE REFERENCES seizures (id),
        notes              TEXT NOT NULL DEFAULT '',
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        version            INTEGER NOT NULL DEFAULT 1,
        status_rank        INTEGER GENERATED ALWAYS AS (
                             CASE status WHEN 'in_progress' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END) VIRTUAL,
        CHECK ((status = 'completed') = (result IS NOT NULL)),
        CHECK ((result IS NULL) = (completed_at IS NULL)),
        CHECK (completed_at IS NULL OR completed_at >= inspected_at),
        CHECK ((result IS 'goods_detained') = (detention_id IS NOT NULL)),
        CHECK ((result IS 'goods_seized') = (seizure_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX inspections_number    ON inspections (inspection_number, seq, status, result);
      CREATE INDEX inspections_inspected ON inspections (inspected_at, seq, status, result);
      CREATE INDEX inspections_status    ON inspections (status_rank, seq, status, result);
      CREATE INDEX inspections_case      ON inspections (case_id, inspected_at);
      CREATE INDEX inspections_exporter  ON inspections (exporter_id) WHERE exporter_id IS NOT NULL;
      CREATE INDEX inspections_consignee ON inspections (consignee_id) WHERE consignee_id IS NOT NULL;
      CREATE INDEX inspections_conveyance ON inspections (conveyance_id) WHERE conveyance_id IS NOT NULL;

      -- Photos and documents of an inspection: evidence files of its case, linked to it.
      CREATE TABLE inspection_evidence (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        inspection_id TEXT NOT NULL REFERENCES inspections (id),
        evidence_id   TEXT NOT NULL REFERENCES evidence (id),
        case_id       TEXT NOT NULL REFERENCES cases (id),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        version       INTEGER NOT NULL DEFAULT 1,
        UNIQUE (inspection_id, evidence_id)
      ) STRICT;

      CREATE TABLE compliance_audits (
        seq             INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        case_id         TEXT NOT NULL REFERENCES cases (id),
        audit_number    TEXT NOT NULL UNIQUE CHECK (length(audit_number) BETWEEN 1 AND 50),
        party_id        TEXT NOT NULL REFERENCES entities (id),
        period_from     TEXT NOT NULL,
        period_to       TEXT NOT NULL,
        scope           TEXT NOT NULL DEFAULT '',
        auditor         TEXT NOT NULL DEFAULT '',
        notified_on     TEXT NOT NULL,
        on_site_on      TEXT,
        report_due_on   TEXT NOT NULL,
        reported_on     TEXT,
        status          TEXT NOT NULL DEFAULT 'notified' CHECK (status IN ('notified','on_site','reported','cancelled')),
        status_reason   TEXT NOT NULL DEFAULT '',
        outcome         TEXT CHECK (outcome IN ('compliant','compliant_with_actions','non_compliant')),
        consequence     TEXT CHECK (consequence IN ('penalty','referral')),
        penalty_id      TEXT UNIQUE REFERENCES penalties (id),
        notes           TEXT NOT NULL DEFAULT '',
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        version         INTEGER NOT NULL DEFAULT 1,
        status_rank     INTEGER GENERATED ALWAYS AS (
                          CASE status WHEN 'notified' THEN 1 WHEN 'on_site' THEN 2 WHEN 'reported' THEN 3 ELSE 4 END) VIRTUAL,
        CHECK (period_to >= period_from),
        CHECK (report_due_on >= notified_on),
        CHECK (on_site_on IS NULL OR on_site_on >= notified_on),
        CHECK (status <> 'on_site' OR on_site_on IS NOT NULL),
        CHECK ((status = 'reported') = (outcome IS NOT NULL)),
        CHECK ((outcome IS NULL) = (reported_on IS NULL)),
        CHECK (reported_on IS NULL OR reported_on >= notified_on),
        CHECK ((consequence IS NOT NULL) = (outcome IS 'non_compliant')),
        CHECK ((consequence IS 'penalty') = (penalty_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX compliance_audits_number   ON compliance_audits (audit_number, seq, status, outcome);
      CREATE INDEX compliance_audits_notified ON compliance_audits (notified_on, seq, status, outcome);
      CREATE INDEX compliance_audits_due      ON compliance_audits (report_due_on, seq, status, outcome);
      CREATE INDEX compliance_audits_status   ON compliance_audits (status_rank, seq, status, outcome);
      CREATE INDEX compliance_audits_case     ON compliance_audits (case_id, notified_on);
      CREATE INDEX compliance_audits_party    ON compliance_audits (party_id);
      CREATE INDEX compliance_audits_deadline ON compliance_audits ((status IN ('reported','cancelled')), report_due_on);

      CREATE TABLE audit_findings (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        audit_id     TEXT NOT NULL REFERENCES compliance_audits (id),
        case_id      TEXT NOT NULL REFERENCES cases (id),
        line_no      INTEGER NOT NULL CHECK (line_no >= 1),
        severity     TEXT NOT NULL CHECK (severity IN ('minor','moderate','major','critical')),
        provision    TEXT NOT NULL DEFAULT '',
        description  TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
        evidence_id  TEXT REFERENCES evidence (id),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        version      INTEGER NOT NULL DEFAULT 1,
        UNIQUE (audit_id, line_no)
      ) STRICT;

      CREATE TABLE corrective_actions (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        audit_id     TEXT NOT NULL REFERENCES compliance_audits (id),
        case_id      TEXT NOT NULL REFERENCES cases (id),
        finding_id   TEXT REFERENCES audit_findings (id),
        description  TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
        owner        TEXT NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
        due_on       TEXT NOT NULL,
        completed_on TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        version      INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX corrective_actions_audit    ON corrective_actions (audit_id, due_on);
      CREATE INDEX corrective_actions_case     ON corrective_actions (case_id, due_on);
      CREATE INDEX corrective_actions_deadline ON corrective_actions ((completed_on IS NOT NULL), due_on);
    `);
  },
};
