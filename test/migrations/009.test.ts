/** Migration 009: a link's confidence, every existing link confirmed, the change in the audit trail, the check clean for it. */
import { describe, expect, it } from 'vitest';
import { openCore } from '../../db/index.ts';
import { openDatabase } from '../../db/sqlite.ts';
import { migrations } from '../../db/migrations/index.ts';
import { appendAuditV5 } from '../../db/migrations/frozen/audit-v5.ts';
import { checkOf } from '../helpers.ts';
import { newFile } from './helpers.ts';

describe('migration 009', () => {
  it('gives every link a confidence, confirmed for those recorded before, audited so the check stays clean', async () => {
    const file = newFile();
    // Written as version 8 wrote them: the rows, and the link's audit record in that version's format.
    const { db: before } = await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 8) });
    const T = '2026-03-10T16:30:00.000Z';
    const entity = before.prepare('INSERT INTO entities (id, kind, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    entity.run('e-org', 'organization', 'Ararat Logistics LLC', T, T);
    entity.run('e-person', 'person', 'Arsen Petrosyan', T, T);
    const linkId = '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11';
    before.transaction(() => {
      before
        .prepare(
          `INSERT INTO entity_links (id, type, from_entity_id, to_entity_id, source, created_at, updated_at)
          VALUES (?, 'director_of', 'e-person', 'e-org', 'Registry extract', ?, ?)`,
        )
        .run(linkId, T, T);
      appendAuditV5(
        before,
        { actor: 'A', badge: '', method: 'entities.link', at: T, type: 'entity_link', id: linkId, caseId: null },
        null,
        before.prepare('SELECT * FROM entity_links WHERE id = ?').get(linkId) as Record<string, unknown>,
      );
    })();
    before.close();
    const after = await openCore(file, { actor: { name: 'A', badge: '' } });
    try {
      expect(after.db.prepare('SELECT confidence FROM entity_links WHERE id = ?').pluck().get(linkId)).toBe('confirmed');
      expect(after.db.prepare("SELECT count(*) FROM audit_log WHERE method = 'migration.9'").pluck().get()).toBe(1);
      expect(() => after.db.prepare("UPDATE entity_links SET confidence = 'certain'").run()).toThrow(/CHECK constraint/);
      // What this test wrote by hand is reported (the entities without audit records, the link's record
      // unsigned, since version 8 signs every write); what the migration wrote is not.
      expect(
        checkOf(after.db)
          .problems.map((p) => p.message)
          .sort(),
      ).toEqual([
        'audit record 1 is not signed by any write of Dossier (added outside it)',
        'entity e-org was added outside Dossier (no audit record)',
        'entity e-person was added outside Dossier (no audit record)',
      ]);
    } finally {
      after.close();
    }
  });
});
