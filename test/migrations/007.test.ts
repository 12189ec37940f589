/**
 * Migration 007: the signed chain's tables, their guards, the database's identity, and that a
 * database from before signing opens through the contract with its old records signed as found.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/sqlite.ts';
import { migrations } from '../../db/migrations/index.ts';
import { appendAuditV5 } from '../../db/migrations/frozen/audit-v5.ts';
import { openCore } from '../../db/index.ts';
import { checkOf, ok } from '../helpers.ts';
import { migratedWithOneCase, newFile, open, track } from './helpers.ts';

const CASE = '0b9d7c1e-5f3a-4c8e-9a61-2f4e8d7c6b51';

describe('migration 007', () => {
  it('gives the database one UUID identity and append-only device and head tables', async () => {
    const db = await migratedWithOneCase(7);
    const ids = db.prepare('SELECT id FROM database_identity').pluck().all() as string[];
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const columns = db.prepare("SELECT name FROM pragma_table_info('audit_log')").pluck().all();
    expect(columns).toContain('device_id');
    expect(() => db.prepare("UPDATE database_identity SET id = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM database_identity').run()).toThrow(/append-only/);
    db.prepare("INSERT INTO audit_devices VALUES ('d-1', 'k', 'f', 1)").run();
    expect(() => db.prepare('DELETE FROM audit_devices').run()).toThrow(/append-only/);
    // A head's range runs from its first record to its own.
    db.prepare(
      `INSERT INTO audit_log (seq, id, at, actor, method, record_type, record_id, prev_hash, hash)
      VALUES (1, 'a-1', 'now', 'x', 'm', 'case', '${CASE}', 'p', 'h')`,
    ).run();
    expect(() => db.prepare("INSERT INTO chain_heads VALUES (1, 2, 'h', 'd-1', 'now', 'write', 's')").run()).toThrow(
      /CHECK constraint/,
    );
    db.prepare("INSERT INTO chain_heads VALUES (1, 1, 'h', 'd-1', 'now', 'write', 's')").run();
    expect(() => db.prepare("UPDATE chain_heads SET signature = 't'").run()).toThrow(/append-only/);
  });

  it('a database from before signing opens with its records signed as found, and the next write signs its own', async () => {
    const file = newFile();
    const before = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 6) }));
    const T = '2026-03-10T16:30:00.000Z';
    before.db.transaction(() => {
      before.db
        .prepare(
          `INSERT INTO cases (id, file_number, title, lead_investigator, opened_on, created_at, updated_at)
          VALUES ('${CASE}', '2026-EXP-000001', 'Diverted FPGAs', 'A. Investigator', '2026-03-01', ?, ?)`,
        )
        .run(T, T);
      appendAuditV5(
        before.db,
        { actor: 'A. Investigator', badge: '', method: 'cases.create', at: T, type: 'case', id: CASE, caseId: CASE },
        null,
        before.db.prepare('SELECT * FROM cases WHERE id = ?').get(CASE) as Record<string, unknown>,
      );
    })();
    before.db.close();
    open.pop();
    const core = await openCore(file, { actor: { name: 'A. Investigator', badge: '' } });
    try {
      const heads = core.db.prepare('SELECT seq, first_seq, reason, device_id FROM chain_heads').all();
      expect(heads).toEqual([{ seq: 1, first_seq: 1, reason: 'upgrade', device_id: core.device.deviceId }]);
      ok(core.invoke('cases.update', { id: CASE, version: 1, title: 'Diverted FPGAs to Russia' }));
      const last = core.db.prepare('SELECT seq, first_seq, reason FROM chain_heads ORDER BY seq DESC LIMIT 1').get();
      expect(last).toEqual({ seq: 2, first_seq: 2, reason: 'write' });
      const report = checkOf(core.db);
      expect(report.problems).toEqual([]);
      expect(report.notes).toEqual([expect.stringMatching(/^audit record 1 was written before Dossier signed its chain/)]);
    } finally {
      core.close();
    }
  });
});
