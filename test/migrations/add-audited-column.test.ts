/**
 * The helper a migration uses to add a column to an audited table (migrations/frozen/add-audited-column.ts):
 * every row the trail vouches for gets one audit record by the migration, so the check stays
 * clean; a row changed or added behind Dossier's back is not laundered.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkOf } from '../helpers.ts';
import { openCore } from '../../db/index.ts';
import { LATEST_VERSION, migrations, type Migration } from '../../db/migrations/index.ts';
import { addAuditedColumn } from '../../db/migrations/frozen/add-audited-column.ts';
import { ok } from '../helpers.ts';
import { newFile, track } from './helpers.ts';

const next: Migration = {
  version: LATEST_VERSION + 1,
  name: 'a reference of the partner agency on cases',
  up: (db) => {
    addAuditedColumn(db, {
      version: LATEST_VERSION + 1,
      table: 'cases',
      recordType: 'case',
      column: `partner_reference TEXT NOT NULL DEFAULT ''`,
      caseIdOf: (row) => String(row.id),
    });
  },
};

describe('adding a column to an audited table', () => {
  it('records the change of shape for each row; the check stays clean, and what was tampered with is still reported', async () => {
    const file = newFile();
    const core = await openCore(file, { actor: { name: 'Test Officer', badge: 'T-1' } });
    const ids = Array.from({ length: 5 }, (_, i) => ok<{ id: string }>(core.invoke('cases.create', { title: `Case ${i}` })).id);
    const tampered = ids[0];
    core.db.prepare("UPDATE cases SET title = 'Edited behind Dossier' WHERE id = ?").run(tampered);
    const planted = randomUUID();
    core.db
      .prepare(
        `INSERT INTO cases (id, file_number, title, status, lead_investigator, opened_on, created_at, updated_at)
         SELECT ?, '2026-EXP-999999', 'Planted', status, lead_investigator, opened_on, created_at, updated_at FROM cases LIMIT 1`,
      )
      .run(planted);
    const auditBefore = (core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    core.close();

    // Opened as Dossier opens it: the records the migration wrote are signed as found (db/index.ts).
    const { db } = track(await openCore(file, { migrations: [...migrations, next] }));
    const records = db
      .prepare('SELECT record_id FROM audit_log WHERE method = ? ORDER BY seq')
      .pluck()
      .all(`migration.${next.version}`);
    expect(records).toEqual(ids.slice(1));
    expect((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(auditBefore + 4);
    const after = JSON.parse(
      db.prepare('SELECT after FROM audit_log WHERE record_id = ? ORDER BY seq DESC LIMIT 1').pluck().get(ids[1]) as string,
    ) as Record<string, unknown>;
    expect(after.partner_reference).toBe('');

    const report = checkOf(db);
    const messages = report.problems.map((p) => p.message);
    expect(messages).toHaveLength(2);
    expect(messages.some((m) => m.includes(planted) && m.includes('added outside Dossier'))).toBe(true);
    expect(messages.some((m) => m.includes('changed outside Dossier'))).toBe(true);
  });
});
