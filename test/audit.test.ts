import os from 'node:os';
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { openCore, methods, type Core } from '../db/index.ts';
import { GENESIS_HASH, canonicalJson, loadRaw, stateHash, type RawRow } from '../db/audit.ts';
import { checkDatabase } from '../db/check.ts';
import type { RecordType } from '../db/records.ts';
import type { Case } from '../db/api.ts';
import { auditRows, chainProblem, count, err, lastAuditSeq, ok, snapshot, steppingClock, tempDir } from './helpers.ts';

const dir = tempDir();
let core: Core;
let caseId = '';

beforeAll(async () => {
  core = await openCore(path.join(dir, 'audit.db'), { clock: steppingClock('2026-03-15T09:00:00.000Z', 1000) });
});
afterAll(() => core.close());

interface Change {
  type: RecordType;
  id: string;
  caseId: string | null;
}

/** What one write changes: the records it must audit, found before the call. */
interface Scenario {
  input: () => Record<string, unknown>;
  changes: (result: unknown) => Change[];
}

function rawState(): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of core.db.prepare('SELECT * FROM cases').all() as RawRow[]) out.set(`case ${String(row.id)}`, canonicalJson(row));
  for (const row of core.db.prepare('SELECT * FROM settings').all() as RawRow[]) {
    out.set(`setting ${String(row.id)}`, canonicalJson(row));
  }
  return out;
}

function write(method: string, input: Record<string, unknown>, changes: (result: unknown) => Change[]): void {
  const fromSeq = lastAuditSeq(core.db);
  const stateBefore = rawState();
  const profile = ok<{ profile: { name: string; badge: string } | null }>(core.invoke('settings.get', {})).profile;
  const actor = profile ? { name: profile.name, badge: profile.badge } : { name: os.userInfo().username, badge: '' };

  const expected = changes(ok(core.invoke(method, input)));

  const stateAfter = rawState();
  const rows = auditRows(core.db, fromSeq);
  expect(rows.map((r) => [r.record_type, r.record_id])).toEqual(expected.map((c) => [c.type, c.id]));
  // Exactly the changed records are audited: nothing else moved.
  const moved = [...new Set([...stateBefore.keys(), ...stateAfter.keys()])].filter(
    (k) => stateBefore.get(k) !== stateAfter.get(k),
  );
  expect(moved.sort()).toEqual(expected.map((c) => `${c.type} ${c.id}`).sort());
  for (const [i, row] of rows.entries()) {
    const change = expected[i];
    if (!change) throw new Error('more audit rows than changes');
    const key = `${change.type} ${change.id}`;
    expect(row.seq).toBe(fromSeq + i + 1);
    expect(row.method).toBe(method);
    expect(row.case_id).toBe(change.caseId);
    expect({ actor: row.actor, badge: row.actor_badge }).toEqual({ actor: actor.name, badge: actor.badge });
    expect(row.before, 'before: the row as it was (null on create)').toBe(stateBefore.get(key) ?? null);
    expect(row.after, 'after: the row as it is now').toBe(stateAfter.get(key));
    expect(row.after).toBe(canonicalJson(loadRaw(core.db, change.type, change.id)));
  }
  expect(chainProblem(core.db)).toBeNull();
  expectRecordStateCurrent();
}

/** record_state holds, for every audited record, the hash of its current row and its last audit record. */
function expectRecordStateCurrent(): void {
  const states = core.db.prepare('SELECT * FROM record_state').all() as {
    record_type: RecordType;
    record_id: string;
    state_hash: string;
    audit_seq: number;
  }[];
  expect(states.length).toBe(count(core.db, 'cases') + count(core.db, 'settings'));
  for (const s of states) {
    const current = loadRaw(core.db, s.record_type, s.record_id);
    expect(current, `${s.record_type} ${s.record_id} exists`).toBeDefined();
    expect(s.state_hash).toBe(stateHash(current as RawRow));
    const last = core.db
      .prepare('SELECT max(seq) FROM audit_log WHERE record_type = ? AND record_id = ?')
      .pluck()
      .get(s.record_type, s.record_id);
    expect(s.audit_seq).toBe(last);
  }
}

const caseChange = (result: unknown): Change[] => {
  const id = (result as Case).id;
  return [{ type: 'case', id, caseId: id }];
};

/** One scenario (or more) for every write method in the table. */
const scenarios: Record<string, Scenario[]> = {
  'cases.create': [
    { input: () => ({ title: 'Diverted FPGAs to Russia via Armenia' }), changes: caseChange },
    { input: () => ({ title: 'Gyroscopes to Iran', priority: 'high', partnerAgencies: ['RCMP'] }), changes: caseChange },
  ],
  'cases.update': [
    { input: () => ({ id: caseId, title: 'Diverted FPGAs to Russia via Kazakhstan', version: 1 }), changes: caseChange },
    { input: () => ({ id: caseId, summary: 'Freight forwarder in Almaty', violationType: 'diversion_third_country' }), changes: caseChange },
  ],
  'cases.setStatus': [
    { input: () => ({ id: caseId, status: 'under_review' }), changes: caseChange },
    { input: () => ({ id: caseId, status: 'closed', closedOn: '2026-03-15' }), changes: caseChange },
    { input: () => ({ id: caseId, status: 'open' }), changes: caseChange },
  ],
  'settings.update': [
    {
      input: () => ({ profile: { name: 'Jeanne Tremblay', badge: 'B-4411', agency: 'CBSA' } }),
      changes: () => [{ type: 'setting', id: 'profile', caseId: null }],
    },
    {
      input: () => ({ profile: { name: 'Jeanne Tremblay', badge: 'B-4412' }, fileNumberPrefix: 'CBSA' }),
      changes: () => [
        { type: 'setting', id: 'profile', caseId: null },
        { type: 'setting', id: 'fileNumberPrefix', caseId: null },
      ],
    },
    // Saving what is already there changes no record, so it adds no audit record.
    { input: () => ({ fileNumberPrefix: 'CBSA' }), changes: () => [] },
    { input: () => ({ profile: { name: 'Jeanne Tremblay', badge: 'B-4412' }, fileNumberPrefix: 'EXP' }),
      changes: () => [{ type: 'setting', id: 'fileNumberPrefix', caseId: null }] },
    { input: () => ({}), changes: () => [] },
  ],
};

describe('the audit trail', () => {
  const writeMethods = Object.entries(methods)
    .filter(([, spec]) => spec.kind === 'write')
    .map(([name]) => name);

  it('has a scenario for every write method in the methods table', () => {
    expect(writeMethods.length).toBeGreaterThan(0);
    expect(Object.keys(scenarios).sort()).toEqual([...writeMethods].sort());
  });

  it('starts empty', () => {
    expect(count(core.db, 'audit_log')).toBe(0);
    expect(chainProblem(core.db)).toBeNull();
  });

  // Scenarios run in table order: creates first, so updates have a case to work on.
  for (const [method, list] of Object.entries(scenarios)) {
    it.each(list.map((s, i) => [i + 1, s] as const))(`${method} #%i writes one audit record per changed record`, (_i, s) => {
      write(method, s.input(), (result) => {
        const changes = s.changes(result);
        if (method === 'cases.create' && !caseId) caseId = (result as Case).id;
        return changes;
      });
    });
  }

  it('records the acting investigator, resolved on every call', () => {
    const fromSeq = lastAuditSeq(core.db);
    const c = ok<Case>(core.invoke('cases.create', { title: 'Actor check' }));
    const [row] = auditRows(core.db, fromSeq);
    expect(row).toMatchObject({ actor: 'Jeanne Tremblay', actor_badge: 'B-4412', record_id: c.id, before: null });
    expect(JSON.parse(row?.after ?? '{}')).toMatchObject({ id: c.id, title: 'Actor check', status: 'open', version: 1 });
    expect(row?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('a refused write leaves no audit record and changes nothing', () => {
    const before = snapshot(core.db);
    const refusals: [string, Record<string, unknown>, string][] = [
      ['cases.create', { title: '' }, 'invalid_input'],
      ['cases.create', { title: 'x', priority: 'urgent' }, 'invalid_input'],
      ['cases.update', { id: caseId, version: 1, title: 'stale' }, 'conflict'],
      ['cases.update', { id: '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11', title: 'missing' }, 'not_found'],
      ['cases.setStatus', { id: caseId, status: 'referred_for_prosecution' }, 'invalid_transition'],
      ['cases.setStatus', { id: caseId, status: 'closed', closedOn: '1999-01-01' }, 'invalid_input'],
      ['settings.update', { fileNumberPrefix: 'exp' }, 'invalid_input'],
      ['settings.update', { profile: { name: '' } }, 'invalid_input'],
    ];
    for (const [method, input, code] of refusals) {
      expect(err(core.invoke(method, input)).code, `${method} ${JSON.stringify(input)}`).toBe(code);
    }
    expect(snapshot(core.db)).toEqual(before);
  });

  it('a write that fails half-way rolls back the audit records it already wrote', () => {
    // Fault injection in SQLite itself: the second setting of one call cannot be written.
    core.db.exec(`CREATE TEMP TRIGGER refuse_prefix BEFORE INSERT ON settings WHEN new.id = 'fileNumberPrefix'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    try {
      const before = snapshot(core.db);
      const e = err(core.invoke('settings.update', { profile: { name: 'Someone Else' }, fileNumberPrefix: 'EXP' }));
      expect(e).toMatchObject({ code: 'internal' });
      expect(e.message).toContain('disk says no');
      expect(snapshot(core.db)).toEqual(before); // the profile's audit record is gone with it
    } finally {
      core.db.exec('DROP TRIGGER temp.refuse_prefix');
    }
    expect(chainProblem(core.db)).toBeNull();
  });

  it('refuses UPDATE and DELETE of audit records (triggers)', () => {
    const before = snapshot(core.db);
    expect(() => core.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run()).toThrow(
      'audit records are append-only',
    );
    expect(() => core.db.prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run()).toThrow(
      'audit records are append-only',
    );
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow('audit records are append-only');
    expect(snapshot(core.db)).toEqual(before);
  });

  it('the whole chain verifies from the genesis hash, and dossier check agrees', () => {
    const rows = auditRows(core.db);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(chainProblem(core.db)).toBeNull();
    expect(checkDatabase(core.db).problems).toEqual([]);
  });
});

describe('tampering is detected', () => {
  async function tamperedCopy(tamper: (c: Core) => void): Promise<{ independent: string | null; check: string[] }> {
    const file = path.join(dir, `tamper-${Math.random().toString(36).slice(2)}.db`);
    await core.db.backup(file);
    const copy = await openCore(file);
    try {
      expect(checkDatabase(copy.db).problems).toEqual([]);
      tamper(copy);
      return { independent: chainProblem(copy.db), check: checkDatabase(copy.db).problems.map((p) => p.message) };
    } finally {
      copy.close();
    }
  }

  function withoutGuards(c: Core, statement: string): void {
    c.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    c.db.exec(statement);
  }

  it('an edited audit record', async () => {
    const r = await tamperedCopy((c) => withoutGuards(c, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"));
    expect(r.independent).toMatch(/record 3: hash/);
    expect(r.check).toEqual([expect.stringMatching(/audit record 3 .*altered/)]);
  });

  it('a deleted audit record', async () => {
    const r = await tamperedCopy((c) => withoutGuards(c, 'DELETE FROM audit_log WHERE seq = 2'));
    expect(r.independent).toMatch(/seq 3 where 2/);
    expect(r.check.join('\n')).toMatch(/audit records 2 to 2 are missing/);
  });

  it('a case changed behind the contract’s back', async () => {
    const r = await tamperedCopy((c) => c.db.prepare("UPDATE cases SET status = 'closed' WHERE id = ?").run(caseId));
    expect(r.independent).toBeNull(); // the chain itself is intact...
    expect(r.check).toEqual([`case ${caseId} was changed outside Dossier (no audit record)`]); // ...the state is not
  });

  it('a case inserted or deleted behind the contract’s back', async () => {
    const r = await tamperedCopy((c) => {
      c.db.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
      c.db.exec(`INSERT INTO cases (id, file_number, title, lead_investigator, opened_on, created_at, updated_at)
        VALUES ('ghost', '2026-EXP-999999', 'Ghost', 'Nobody', '2026-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
    });
    expect(r.check.sort()).toEqual([`case ${caseId} was removed outside Dossier (no audit record)`, 'case ghost was added outside Dossier (no audit record)']);
  });
});
