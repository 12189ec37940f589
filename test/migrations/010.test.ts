/** Migration 010: identifiers indexed from what entities hold, merged_into audited, merges and distinct pairs guarded. */
import { describe, expect, it } from 'vitest';
import { openCore } from '../../db/index.ts';
import { openDatabase } from '../../db/sqlite.ts';
import { migrations } from '../../db/migrations/index.ts';
import { appendAuditV5 } from '../../db/migrations/frozen/audit-v5.ts';
import { checkOf } from '../helpers.ts';
import { newFile } from './helpers.ts';

describe('migration 010', () => {
  it('indexes the identifiers entities already hold, gives each entity merged_into in the audit trail, and guards merges', async () => {
    const file = newFile();
    const { db: before } = await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 9) });
    const T = '2026-03-10T16:30:00.000Z';
    const insert = before.prepare(
      'INSERT INTO entities (id, kind, subtype, name, country, details, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    before.transaction(() => {
      const rows: [string, string, string | null, string, string | null, object][] = [
        [
          'e-vessel',
          'conveyance',
          'vessel',
          'Sea Falcon',
          'PA',
          { vesselName: 'Sea Falcon', imoNumber: '9074729', callSign: '', flag: 'PA' },
        ],
        [
          'e-org',
          'organization',
          null,
          'Ararat Logistics LLC',
          'AM',
          { legalName: 'Ararat Logistics LLC', aliases: [], registrationNumber: 'hrb 12-345', country: 'AM' },
        ],
        [
          'e-person',
          'person',
          null,
          'Arsen Petrosyan',
          'AM',
          {
            givenName: 'Arsen',
            familyName: 'Petrosyan',
            aliases: [],
            dateOfBirth: null,
            nationality: 'AM',
            identityDocuments: [{ type: 'passport', number: 'AB 123 4567', country: 'AM', expires: null }],
          },
        ],
        [
          'e-address',
          'address',
          null,
          '1 Quay Street',
          'AM',
          { lines: ['1 Quay Street'], city: '', region: '', postalCode: '', country: 'AM' },
        ],
      ];
      for (const [id, kind, subtype, name, country, details] of rows) {
        insert.run(id, kind, subtype, name, country, JSON.stringify(details), T, T);
        appendAuditV5(
          before,
          { actor: 'A', badge: '', method: 'entities.create', at: T, type: 'entity', id, caseId: null },
          null,
          before.prepare('SELECT * FROM entities WHERE id = ?').get(id) as Record<string, unknown>,
        );
      }
    })();
    before.close();
    const after = await openCore(file, { actor: { name: 'A', badge: '' } });
    try {
      expect(after.db.prepare('SELECT entity_id, scheme, value FROM entity_identifiers ORDER BY entity_id').all()).toEqual([
        { entity_id: 'e-org', scheme: 'registration', value: 'AM:HRB12345' },
        { entity_id: 'e-person', scheme: 'identity_document', value: 'AM:AB1234567' },
        { entity_id: 'e-vessel', scheme: 'imo', value: '9074729' },
      ]);
      expect(after.db.prepare('SELECT count(*) FROM entities WHERE merged_into IS NULL').pluck().get()).toBe(4);
      expect(after.db.prepare("SELECT count(*) FROM audit_log WHERE method = 'migration.10'").pluck().get()).toBe(4);
      // The entity list's indexes still answer the list, with the merged filter read from the index.
      const plan = after.db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT id FROM entities WHERE merged_into IS NULL ORDER BY name COLLATE NOCASE, seq LIMIT 50',
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX entities_name/);
      expect(() => after.db.prepare("UPDATE entities SET merged_into = 'nobody' WHERE id = 'e-org'").run()).toThrow(
        /FOREIGN KEY/,
      );
      expect(() =>
        after.db
          .prepare(
            "INSERT INTO entity_distinct_pairs (id, entity_a, entity_b, created_at, created_by) VALUES ('d', 'e-person', 'e-org', ?, 'A')",
          )
          .run(T),
      ).toThrow(/CHECK constraint/);
      after.db
        .prepare(
          `INSERT INTO entity_merges (id, survivor_id, merged_id, changes, merged_at, merged_by) VALUES ('m', 'e-org', 'e-person', '[]', ?, 'A')`,
        )
        .run(T);
      expect(() => after.db.prepare("UPDATE entity_merges SET changes = '[1]'").run()).toThrow(/recorded once/);
      expect(() => after.db.prepare('DELETE FROM entity_merges').run()).toThrow(/stays on record/);
      after.db.prepare("UPDATE entity_merges SET undone_at = ?, undone_by = 'A', undone_by_badge = ''").run(T);
      expect(() =>
        after.db.prepare("UPDATE entity_merges SET undone_at = ?, undone_by = 'B', undone_by_badge = ''").run(T),
      ).toThrow(/undone once/);
      // What the test wrote by hand is reported; what the migration wrote is not.
      expect(checkOf(after.db).problems.map((p) => p.message)).toEqual([
        'audit records 1 to 4 are not signed by any write of Dossier (added outside it)',
        'entity_merge m was added outside Dossier (no audit record)',
      ]);
    } finally {
      after.close();
    }
  });
});
