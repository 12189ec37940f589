import type { Migration } from './index.ts';

/**
 * The audit chain is signed: each audit record names the device (installation) that wrote it, each
 * write's last record is signed by that device's key (chain_heads), and the database has a
 * global id the signatures and the anchors held outside it name. Records from before this
 * migration have no device; the first head signed after it covers them.
 */
export const m007SignedChain: Migration = {
  version: 7,
  name: 'signed audit chain heads and device ids',
  up(db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN device_id TEXT;

      CREATE TABLE database_identity (
        id         TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_devices (
        device_id   TEXT PRIMARY KEY,
        public_key  TEXT NOT NULL,
        fingerprint TEXT NOT NULL UNIQUE,
        first_seq   INTEGER NOT NULL
      ) STRICT;

      -- Each row signs the audit records first_seq..seq. 'write': the records of one write, signed
      -- in its transaction; 'upgrade': records an upgrade found unsigned (those from before signing)
      -- or wrote itself, signed when the upgraded file was first opened.
      CREATE TABLE chain_heads (
        seq       INTEGER PRIMARY KEY REFERENCES audit_log (seq),
        first_seq INTEGER NOT NULL CHECK (first_seq BETWEEN 1 AND seq),
        hash      TEXT NOT NULL,
        device_id TEXT NOT NULL REFERENCES audit_devices (device_id),
        signed_at TEXT NOT NULL,
        reason    TEXT NOT NULL CHECK (reason IN ('write', 'upgrade')),
        signature TEXT NOT NULL
      ) STRICT;
    `);
    for (const table of ['database_identity', 'audit_devices', 'chain_heads']) {
      db.exec(`
        CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN
          SELECT RAISE(ABORT, '${table} rows are append-only');
        END;
        CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN
          SELECT RAISE(ABORT, '${table} rows are append-only');
        END;
      `);
    }
    // A version-4 UUID made by SQLite (a migration imports nothing that could change under it).
    db.exec(`
      INSERT INTO database_identity (id, created_at)
      SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' ||
             substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12),
             strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM (SELECT lower(hex(randomblob(16))) AS h);
    `);
  },
};
