/** Migration 005: what it creates, what its constraints refuse, and that what it leaves opens through the contract. */
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/sqlite.ts';
import { migrations } from '../../db/migrations/index.ts';
import { openCore } from '../../db/index.ts';
import { appendAuditV5 } from '../../db/migrations/frozen/audit-v5.ts';
import { checkOf } from '../helpers.ts';
import { ok } from '../helpers.ts';
import { newFile, track, pragma, open } from './helpers.ts';

describe('migration 005', () => {
  const T = '2026-03-10T16:30:00.000Z';
  const CASE_1 = '0b9d7c1e-5f3a-4c8e-9a61-2f4e8d7c6b51';
  const CASE_2 = '7e2a4f90-1c3b-4d5e-8f70-9a1b2c3d4e5f';
  /** A database at version 4 with two audited cases, the second changed outside Dossier; then migrated to 5. */
  async function migratedTo5(): Promise<{ file: string; db: Db }> {
    const file = newFile();
    const before = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 4) }));
    before.db.transaction(() => {
      for (const [id, number] of [
        [CASE_1, '2026-EXP-000001'],
        [CASE_2, '2026-EXP-000002'],
      ] as const) {
        before.db
          .prepare(
            `INSERT INTO cases (id, file_number, title, lead_investigator, opened_on, created_at, updated_at)
          VALUES (?, ?, 'Diverted FPGAs', 'A. Investigator', '2026-03-01', ?, ?)`,
          )
          .run(id, number, T, T);
        appendAuditV5(
          before.db,
          { actor: 'Jeanne Tremblay', badge: 'B-1', method: 'cases.create', at: T, type: 'case', id, caseId: id },
          null,
          before.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as Record<string, unknown>,
        );
      }
    })();
    before.db.prepare("UPDATE cases SET title = 'Tampered' WHERE id = ?").run(CASE_2);
    before.db.close();
    open.pop();
    const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 5) }));
    expect(pragma(db, 'user_version')).toBe(5);
    return { file, db };
  }

  it('creates the detention, request, penalty and payment tables with their list and deadline indexes', async () => {
    const { db } = await migratedTo5();
    const names = (type: string) =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%'").pluck().all(type) as string[];
    expect(names('table')).toEqual(
      expect.arrayContaining(['detentions', 'detention_info_requests', 'penalties', 'penalty_payments']),
    );
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'detentions_started',
        'detentions_review',
        'detentions_number',
        'detentions_case',
        'detentions_review_deadline',
        'detentions_assessment_deadline',
        'detention_info_requests_deadline',
        'penalties_notice',
        'penalties_assessed',
        'penalties_due',
        'penalties_amount',
        'penalties_balance',
        'penalties_status',
        'penalties_case',
        'penalties_due_deadline',
        'penalties_window_deadline',
        'penalty_payments_penalty',
        'cases_limitation',
      ]),
    );
    expect(names('trigger')).toEqual(expect.arrayContaining(['penalty_payments_no_update', 'penalty_payments_no_delete']));
    expect(db.prepare('SELECT contravention_on FROM cases ORDER BY seq').pluck().all()).toEqual([null, null]);
  });

  it('records the new case column in the audit trail of every untampered case, so the check stays clean for them', async () => {
    const { db } = await migratedTo5();
    const rows = db.prepare("SELECT * FROM audit_log WHERE method = 'migration 005'").all() as {
      record_id: string;
      before: string;
      after: string;
      actor: string;
    }[];
    expect(rows.map((r) => r.record_id)).toEqual([CASE_1]);
    const row = rows[0];
    expect(row?.actor).toBe('Dossier');
    expect(JSON.parse(row?.before ?? '{}')).not.toHaveProperty('contravention_on');
    expect(JSON.parse(row?.after ?? '{}')).toMatchObject({ contravention_on: null, title: 'Diverted FPGAs' });
    // At version 5 there is no signed chain yet, nor the guards of later migrations: only the audit trail's findings count.
    const problems = checkOf(db)
      .problems.filter((p) => p.kind === 'audit')
      .map((p) => p.message);
    expect(problems).toEqual([`case ${CASE_2} was changed outside Dossier (no audit record)`]);
  });

  it('refuses what its constraints forbid: an unpaid penalty marked paid, a payment change, an end without an outcome', async () => {
    const { db } = await migratedTo5();
    db.prepare(`INSERT INTO entities (id, kind, name, created_at, updated_at) VALUES ('e-1', 'organization', 'Acme', ?, ?)`).run(
      T,
      T,
    );
    const penalty = (id: string, amountMinor: number) =>
      db
        .prepare(
          `INSERT INTO penalties (id, case_id, notice_number, contravention_code, entity_id, amount_minor, currency,
        assessed_on, due_on, level, status, status_on, created_at, updated_at)
        VALUES (?, ?, ?, 'C1', 'e-1', ?, 'CAD', '2026-03-01', '2026-03-31', 'first', 'issued', '2026-03-01', ?, ?)`,
        )
        .run(id, CASE_1, id, amountMinor, T, T);
    penalty('p-1', 1000);
    expect(() => db.prepare("UPDATE penalties SET status = 'paid' WHERE id = 'p-1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE penalties SET paid_minor = 1001 WHERE id = 'p-1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE penalties SET paid_minor = 1000 WHERE id = 'p-1'").run()).toThrow(/CHECK/);
    expect(() => penalty('p-2', 0)).toThrow(/CHECK/);
    expect(() => penalty('p-3', 10.5)).toThrow(/INTEGER|datatype/);
    expect(() => db.prepare("UPDATE penalties SET currency = 'cad' WHERE id = 'p-1'").run()).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO penalty_payments (id, penalty_id, case_id, paid_on, amount_minor, currency, method, created_at)
      VALUES ('pay-1', 'p-1', ?, '2026-03-05', 10, 'CAD', 'wire', ?)`,
    ).run(CASE_1, T);
    expect(() => db.prepare("UPDATE penalty_payments SET amount_minor = 20 WHERE id = 'pay-1'").run()).toThrow(/never changed/);
    expect(() => db.prepare("DELETE FROM penalty_payments WHERE id = 'pay-1'").run()).toThrow(/never removed/);
    db.prepare(
      `INSERT INTO detentions (id, case_id, detention_number, subject, started_at, review_due_on, created_at, updated_at)
      VALUES ('d-1', ?, '2026-DT-000001', 'goods', ?, '2026-04-09', ?, ?)`,
    ).run(CASE_1, T, T, T);
    expect(() => db.prepare("UPDATE detentions SET ended_at = ? WHERE id = 'd-1'").run(T)).toThrow(/CHECK/);
    expect(() =>
      db.prepare("UPDATE detentions SET outcome = 'released', ended_at = '2026-03-01T00:00:00.000Z' WHERE id = 'd-1'").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE detentions SET referred_on = '2026-03-11' WHERE id = 'd-1'").run()).toThrow(/CHECK/);
  });

  it('opens through the contract afterwards: a contravention date set through cases.update', async () => {
    const { file, db } = await migratedTo5();
    db.close();
    open.pop();
    const core = await openCore(file, { clock: () => new Date('2026-03-15T12:00:00Z') });
    try {
      const c = ok<{ contraventionOn: string | null; version: number }>(
        core.invoke('cases.update', { id: CASE_1, contraventionOn: '2025-12-01' }),
      );
      expect(c.contraventionOn).toBe('2025-12-01');
      expect(checkOf(core.db).problems.map((p) => p.message)).toEqual([
        `case ${CASE_2} was changed outside Dossier (no audit record)`,
      ]);
    } finally {
      core.close();
    }
  });
});
