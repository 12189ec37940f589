import type { Migration } from './index.ts';

/**
 * Each evidence package imported: which package (its id and the SHA-256 of the ZIP), into which
 * case, when, by whom, how (a new case, or merged into the case already here), with what the
 * package withheld (a partner package). One row per package: importing it again finds it here and
 * changes nothing. The case's audit extract is kept exactly as it came, since the records it
 * describes now carry new, local audit records: in a table of its own, beside the audited import
 * record that holds its SHA-256 (in the import record itself, every audit record of the import
 * and every later export of the case would carry a copy of it). Rows are never changed or removed.
 */
export const m011PackageImports: Migration = {
  version: 11,
  name: 'evidence packages imported',
  up(db) {
    db.exec(`
      CREATE TABLE package_imports (
        seq                  INTEGER PRIMARY KEY,
        id                   TEXT NOT NULL UNIQUE,
        package_id           TEXT NOT NULL UNIQUE,
        file_sha256          TEXT NOT NULL CHECK (length(file_sha256) = 64 AND file_sha256 NOT GLOB '*[^0-9a-f]*'),
        case_id              TEXT NOT NULL REFERENCES cases (id),
        -- the case's file number in the package (a number taken here is replaced: see changes)
        file_number          TEXT NOT NULL,
        mode                 TEXT NOT NULL CHECK (mode IN ('new', 'merge')),
        profile              TEXT NOT NULL CHECK (profile IN ('prosecution', 'partner')),
        exported_at          TEXT NOT NULL,
        dossier_version      TEXT NOT NULL,
        source_organization  TEXT NOT NULL DEFAULT '',
        contact_name         TEXT NOT NULL DEFAULT '',
        -- the exporting database's audit head (bag-info Dossier-Audit-Head)
        source_audit_head    TEXT NOT NULL DEFAULT '',
        imported_at          TEXT NOT NULL,
        imported_by          TEXT NOT NULL,
        imported_by_badge    TEXT NOT NULL DEFAULT '',
        -- what the package left out (case.json's withheld list), as JSON
        withheld             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(withheld) AND json_type(withheld) = 'array'),
        -- what the import did: records added and updated by type, records kept as here, numbers replaced
        changes              TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes) AND json_type(changes) = 'object'),
        -- the SHA-256 of data/audit/audit-extract.json, kept in package_import_extracts
        audit_extract_sha256 TEXT NOT NULL CHECK (length(audit_extract_sha256) = 64)
      ) STRICT;
      -- the audit extract as it came (its chain hashes are the exporting database's)
      CREATE TABLE package_import_extracts (
        import_id TEXT PRIMARY KEY REFERENCES package_imports (id),
        text      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX package_imports_case ON package_imports (case_id, seq);
      CREATE TRIGGER package_imports_no_update BEFORE UPDATE ON package_imports BEGIN
        SELECT RAISE(ABORT, 'package imports are recorded once');
      END;
      CREATE TRIGGER package_imports_no_delete BEFORE DELETE ON package_imports BEGIN
        SELECT RAISE(ABORT, 'package imports are recorded once');
      END;
      CREATE TRIGGER package_import_extracts_no_update BEFORE UPDATE ON package_import_extracts BEGIN
        SELECT RAISE(ABORT, 'audit extracts are kept as they came');
      END;
      CREATE TRIGGER package_import_extracts_no_delete BEFORE DELETE ON package_import_extracts BEGIN
        SELECT RAISE(ABORT, 'audit extracts are kept as they came');
      END;
    `);
  },
};
