/** Migration 017: end-use checks, inspections and compliance audits, whose states the schema itself keeps consistent. */
import { describe, expect, it } from 'vitest';
import { migratedWithOneCase } from './helpers.ts';

const T = '2026-03-01T00:00:00.000Z';

describe('migration 017', () => {
  it('keeps a case from before, and refuses rows whose status, outcome and dates disagree', async () => {
    const db = await migratedWithOneCase(17);
    db.prepare(
      `INSERT INTO entities (id, kind, name, details, search_text, created_at, updated_at) VALUES ('e-1', 'organization', 'Ararat Trade LLC', '{}', '', ?, ?)`,
    ).run(T, T);
    const check = db.prepare(
      `INSERT INTO end_use_checks (id, case_id, check_number, check_type, party_id, party_role, country, conducted_by, method,
         requested_on, scheduled_on, conducted_on, status, outcome, unverified_reason, created_at, updated_at)
       VALUES (@id, 'case-1', @id, 'post_shipment', 'e-1', 'end_user', 'AM', 'post', 'on_site',
         '2026-02-01', @scheduled, @conducted, @status, @outcome, @reason, '${T}', '${T}')`,
    );
    const row = { scheduled: null, conducted: null, status: 'requested', outcome: null, reason: null };
    check.run({ id: 'k-1', ...row });
    // Completed needs its outcome and date; an unverified outcome needs its reason; scheduled needs its date.
    expect(() => check.run({ id: 'k-2', ...row, status: 'completed' })).toThrow(/CHECK/);
    expect(() => check.run({ id: 'k-3', ...row, status: 'completed', outcome: 'favorable' })).toThrow(/CHECK/);
    expect(() =>
      check.run({ id: 'k-4', ...row, status: 'completed', outcome: 'unable_to_verify', conducted: '2026-02-10' }),
    ).toThrow(/CHECK/);
    expect(() => check.run({ id: 'k-5', ...row, status: 'scheduled' })).toThrow(/CHECK/);
    expect(() => check.run({ id: 'k-6', ...row, status: 'scheduled', scheduled: '2026-01-01' })).toThrow(/CHECK/);
    check.run({
      id: 'k-7',
      ...row,
      status: 'completed',
      outcome: 'unable_to_verify',
      reason: 'refused',
      conducted: '2026-02-10',
    });

    const inspection = db.prepare(
      `INSERT INTO inspections (id, case_id, inspection_number, place_kind, place, inspected_at, officer, selection, status, result,
         completed_at, detention_id, created_at, updated_at)
       VALUES (@id, 'case-1', @id, 'port', 'Port of Montreal', '2026-02-01T10:00:00.000Z', 'BSO Gagnon', 'random', @status, @result,
         @completed, NULL, '${T}', '${T}')`,
    );
    inspection.run({ id: 'i-1', status: 'in_progress', result: null, completed: null });
    inspection.run({ id: 'i-2', status: 'completed', result: 'no_discrepancy', completed: '2026-02-01T12:00:00.000Z' });
    // "Goods detained" without its detention, or a result before the inspection began, is refused.
    expect(() =>
      inspection.run({ id: 'i-3', status: 'completed', result: 'goods_detained', completed: '2026-02-01T12:00:00.000Z' }),
    ).toThrow(/CHECK/);
    expect(() =>
      inspection.run({ id: 'i-4', status: 'completed', result: 'no_discrepancy', completed: '2026-01-01T12:00:00.000Z' }),
    ).toThrow(/CHECK/);

    const audit = db.prepare(
      `INSERT INTO compliance_audits (id, case_id, audit_number, party_id, period_from, period_to, notified_on, report_due_on,
         status, outcome, reported_on, consequence, created_at, updated_at)
       VALUES (@id, 'case-1', @id, 'e-1', '2024-01-01', '2025-12-31', '2026-02-01', '2026-05-01', @status, @outcome, @reported, @consequence,
         '${T}', '${T}')`,
    );
    audit.run({ id: 'a-1', status: 'notified', outcome: null, reported: null, consequence: null });
    audit.run({ id: 'a-2', status: 'reported', outcome: 'non_compliant', reported: '2026-03-01', consequence: 'referral' });
    // Non-compliant needs its consequence, and a penalty consequence its penalty.
    expect(() =>
      audit.run({ id: 'a-3', status: 'reported', outcome: 'non_compliant', reported: '2026-03-01', consequence: null }),
    ).toThrow(/CHECK/);
    expect(() =>
      audit.run({ id: 'a-4', status: 'reported', outcome: 'non_compliant', reported: '2026-03-01', consequence: 'penalty' }),
    ).toThrow(/CHECK/);
    const action = db.prepare(
      `INSERT INTO corrective_actions (id, audit_id, case_id, description, owner, due_on, created_at, updated_at)
       VALUES (?, 'a-1', 'case-1', 'Reclassify', ?, '2026-06-30', '${T}', '${T}')`,
    );
    action.run('c-1', 'Compliance officer');
    expect(() => action.run('c-2', '')).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) FROM corrective_actions').pluck().get()).toBe(1);
  });
});
