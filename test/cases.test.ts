import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import {
  CASE_SORT_COLUMNS,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  PRIORITIES,
  type VIOLATION_TYPES,
  type CaseSortColumn,
  type CaseStatus,
} from '../db/shared/domain.ts';
import type { Case, CaseListRow } from '../db/api.ts';
import { seedCases } from '../db/seed/cases.ts';
import { count, err, ok, snapshot, steppingClock, tempDir } from './helpers.ts';

const dir = tempDir();
let n = 0;
const cores: Core[] = [];
afterAll(() => cores.forEach((c) => c.close()));

const TODAY = '2026-03-15';
const fixedClock = () => new Date(`${TODAY}T12:00:00.000Z`);

async function newCore(clock: () => Date = fixedClock): Promise<Core> {
  const core = await openCore(path.join(dir, `cases-${++n}.db`), { clock });
  cores.push(core);
  return core;
}

function create(core: Core, input: Record<string, unknown>): Case {
  return ok<Case>(core.invoke('cases.create', input));
}

describe('cases.create defaults', () => {
  it('a case with only a title is open, opened today, led by the OS user, numbered YYYY-EXP-000001', async () => {
    const core = await newCore();
    const c = create(core, { title: 'Diverted FPGAs' });
    expect(c).toMatchObject({
      title: 'Diverted FPGAs',
      status: 'open',
      priority: 'medium',
      openedOn: TODAY,
      closedOn: null,
      leadInvestigator: os.userInfo().username,
      agency: '',
      partnerAgencies: [],
      violationType: null,
      legalAuthorities: '',
      securityMarking: 'protected_b',
      summary: '',
      notes: '',
      fileNumber: '2026-EXP-000001',
      createdAt: `${TODAY}T12:00:00.000Z`,
      updatedAt: `${TODAY}T12:00:00.000Z`,
      version: 1,
    });
    expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ok<Case>(core.invoke('cases.get', { id: c.id }))).toEqual(c);
  });

  it('file numbers increase per year and prefix, and follow the opening date’s year', async () => {
    const core = await newCore();
    const numbers = [1, 2, 3].map((i) => create(core, { title: `Case ${i}` }).fileNumber);
    expect(numbers).toEqual(['2026-EXP-000001', '2026-EXP-000002', '2026-EXP-000003']);
    expect(create(core, { title: 'Old case', openedOn: '2024-11-02' }).fileNumber).toBe('2024-EXP-000001');
    ok(core.invoke('settings.update', { fileNumberPrefix: 'CBSA' }));
    expect(create(core, { title: 'New prefix' }).fileNumber).toBe('2026-CBSA-000001');
    ok(core.invoke('settings.update', { fileNumberPrefix: 'EXP' }));
    expect(create(core, { title: 'Back to EXP' }).fileNumber).toBe('2026-EXP-000004');
    for (const c of ok<{ rows: CaseListRow[] }>(core.invoke('cases.list', { limit: 500 })).rows) {
      expect(c.fileNumber).toMatch(/^\d{4}-[A-Z]{2,6}-\d{6}$/);
    }
  });

  it('the lead investigator and agency default to the profile set through settings.update', async () => {
    const core = await newCore();
    ok(core.invoke('settings.update', { profile: { name: 'Jeanne Tremblay', badge: 'B-4411', agency: 'CBSA' } }));
    const c = create(core, { title: 'Gyroscopes to Iran' });
    expect(c.leadInvestigator).toBe('Jeanne Tremblay');
    expect(c.agency).toBe('CBSA');
    const explicit = create(core, { title: 'Other lead', leadInvestigator: 'Sam Okafor', agency: 'RCMP' });
    expect(explicit.leadInvestigator).toBe('Sam Okafor');
    expect(explicit.agency).toBe('RCMP');
  });

  it('the lead defaults to the acting investigator when the shell overrides it (the CLI’s --as)', async () => {
    const core = await openCore(path.join(dir, `cases-${++n}.db`), {
      clock: fixedClock,
      actor: { name: 'Sam Okafor', badge: '7' },
    });
    cores.push(core);
    ok(core.invoke('settings.update', { profile: { name: 'Jeanne Tremblay' } }));
    expect(create(core, { title: 'Acting as someone' }).leadInvestigator).toBe('Sam Okafor');
  });

  it('stores every given field, trimmed where the schema trims', async () => {
    const core = await newCore();
    const c = create(core, {
      title: '  Padded title  ',
      priority: 'critical',
      leadInvestigator: ' Ana Ruiz ',
      agency: 'HSI',
      partnerAgencies: ['CBSA', 'RCMP'],
      violationType: 'sanctions_breach',
      legalAuthorities: 'SEMA s. 8',
      securityMarking: 'secret',
      summary: 'Summary',
      notes: 'Notes',
      openedOn: '2025-12-31',
    });
    expect(c).toMatchObject({
      title: 'Padded title',
      priority: 'critical',
      leadInvestigator: 'Ana Ruiz',
      partnerAgencies: ['CBSA', 'RCMP'],
      violationType: 'sanctions_breach',
      securityMarking: 'secret',
      openedOn: '2025-12-31',
      fileNumber: '2025-EXP-000001',
    });
  });
});

describe('invalid input is refused, naming the field, and changes nothing', () => {
  const long = (len: number) => 'x'.repeat(len);
  /** [field, bad value, what is wrong]: every field of cases.create. */
  const fieldCases: [string, unknown, string][] = [
    ['title', 5, 'wrong type'],
    ['title', null, 'null'],
    ['title', long(301), 'too long'],
    ['title', '   ', 'blank'],
    ['priority', 'urgent', 'bad enum'],
    ['priority', 2, 'wrong type'],
    ['leadInvestigator', long(201), 'too long'],
    ['leadInvestigator', '', 'empty'],
    ['leadInvestigator', 7, 'wrong type'],
    ['agency', long(201), 'too long'],
    ['agency', false, 'wrong type'],
    ['partnerAgencies', 'CBSA', 'not a list'],
    ['partnerAgencies', Array.from({ length: 51 }, () => 'CBSA'), 'too many'],
    ['violationType', 'jaywalking', 'bad enum'],
    ['violationType', 3, 'wrong type'],
    ['legalAuthorities', long(5001), 'too long'],
    ['legalAuthorities', 1, 'wrong type'],
    ['securityMarking', 'top_secret', 'bad enum'],
    ['securityMarking', null, 'null'],
    ['summary', long(20001), 'too long'],
    ['summary', {}, 'wrong type'],
    ['notes', long(200001), 'too long'],
    ['notes', [], 'wrong type'],
    ['openedOn', '2026-13-01', 'bad month'],
    ['openedOn', '2026-02-30', 'no such day'],
    ['openedOn', '2025-02-29', 'not a leap year'],
    ['openedOn', '15/03/2026', 'bad format'],
    ['openedOn', '2026-03-15T00:00:00Z', 'a date-time, not a date'],
    ['openedOn', 20260315, 'wrong type'],
    ['contraventionOn', '2026-02-30', 'no such day'],
    ['contraventionOn', 7, 'wrong type'],
    ['contraventionOn', '2099-01-01', 'in the future'],
  ];
  /** Fields inside a list are named with their index. */
  const nestedCases: [string, string, unknown][] = [
    ['partnerAgencies', 'partnerAgencies.0', ['']],
    ['partnerAgencies', 'partnerAgencies.1', ['CBSA', long(201)]],
    ['partnerAgencies', 'partnerAgencies.0', [5]],
  ];

  let core: Core;
  let caseId: string;
  beforeAll(async () => {
    core = await newCore();
    caseId = create(core, { title: 'Existing case', summary: 'keep' }).id;
    ok(core.invoke('cases.setStatus', { id: caseId, status: 'under_review' }));
  });

  function expectRefusedUnchanged(method: string, input: unknown, field: string, code = 'invalid_input'): void {
    const before = snapshot(core.db);
    const cases = count(core.db, 'cases');
    const audits = count(core.db, 'audit_log');
    const e = err(core.invoke(method, input));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
    expect(e.message).toContain(field);
    expect(count(core.db, 'cases')).toBe(cases);
    expect(count(core.db, 'audit_log')).toBe(audits);
    expect(snapshot(core.db)).toEqual(before);
  }

  it('covers every field of cases.create and cases.update', async () => {
    const { caseCreateInput, caseUpdateInput } = await import('../db/shared/inputs/cases.ts');
    const covered = new Set(fieldCases.map(([f]) => f));
    expect([...covered].sort()).toEqual(Object.keys(caseCreateInput.shape).sort());
    expect([...covered, 'id', 'version'].sort()).toEqual(Object.keys(caseUpdateInput.shape).sort());
  });

  it.each(fieldCases)('cases.create %s = %j (%s)', (field, value) => {
    expectRefusedUnchanged('cases.create', { title: 'Valid title', [field]: value }, field);
  });

  it.each(fieldCases)('cases.update %s = %j (%s)', (field, value) => {
    expectRefusedUnchanged('cases.update', { id: caseId, [field]: value }, field);
  });

  it.each(nestedCases)('%s item: %s', (field, named, value) => {
    expectRefusedUnchanged('cases.create', { title: 'Valid', [field]: value }, named);
    expectRefusedUnchanged('cases.update', { id: caseId, [field]: value }, named);
  });

  it.each([
    ['cases.create', { title: 'Valid', colour: 'red' }, 'colour'],
    ['cases.create', { title: 'Valid', status: 'closed' }, 'status'],
    ['cases.create', { title: 'Valid', fileNumber: '2026-EXP-999999' }, 'fileNumber'],
    ['cases.create', { title: 'Valid', id: '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11' }, 'id'],
    ['cases.update', { id: 'ID', title: 'Valid', colour: 'red' }, 'colour'],
    ['cases.update', { id: 'ID', status: 'closed' }, 'status'],
    ['cases.update', { id: 'ID', closedOn: '2026-03-01' }, 'closedOn'],
    ['cases.update', { id: 'ID', updatedAt: '2026-03-01T00:00:00Z' }, 'updatedAt'],
  ] as const)('%s refuses the unknown field in %j', (method, input, field) => {
    expectRefusedUnchanged(method, { ...input, ...('id' in input && input.id === 'ID' ? { id: caseId } : {}) }, field);
  });

  it.each([
    ['id', { title: 'No id' }],
    ['id', { id: 'not-a-uuid', title: 'x' }],
    ['id', { id: 5, title: 'x' }],
    ['version', { version: 0 }],
    ['version', { version: 1.5 }],
    ['version', { version: '1' }],
  ] as const)('cases.update %s in %j', (field, input) => {
    expectRefusedUnchanged('cases.update', { ...(field === 'version' ? { id: caseId } : {}), ...input }, field);
  });

  it('business rules name their field too', () => {
    // Opening date after the closing date.
    ok(core.invoke('cases.setStatus', { id: caseId, status: 'closed', closedOn: TODAY }));
    expectRefusedUnchanged('cases.update', { id: caseId, openedOn: '2026-03-16' }, 'openedOn');
    ok(core.invoke('cases.setStatus', { id: caseId, status: 'open' }));
    // Closing date before the opening date, and a closing date on a case that is not closing.
    expectRefusedUnchanged('cases.setStatus', { id: caseId, status: 'closed', closedOn: '2020-01-01' }, 'closedOn');
    expectRefusedUnchanged('cases.setStatus', { id: caseId, status: 'under_review', closedOn: TODAY }, 'closedOn');
    expectRefusedUnchanged('cases.setStatus', { id: caseId, status: 'done' }, 'status');
    expectRefusedUnchanged('cases.setStatus', { id: caseId, status: 'closed', closedOn: '2026-02-30' }, 'closedOn');
    expectRefusedUnchanged('cases.setStatus', { id: caseId, status: 'referred_for_prosecution' }, 'status', 'invalid_transition');
  });
});

describe('status workflow', () => {
  /** The shortest way from open to a status, through allowed transitions only. */
  function pathFromOpen(target: CaseStatus): CaseStatus[] {
    const queue: CaseStatus[][] = [[]];
    const seen = new Set<CaseStatus>(['open']);
    for (let p = queue.shift(); p; p = queue.shift()) {
      const at = p[p.length - 1] ?? 'open';
      if (at === target) return p;
      for (const next of CASE_TRANSITIONS[at]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push([...p, next]);
        }
      }
    }
    throw new Error(`${target} cannot be reached from open`);
  }

  const pairs = CASE_STATUSES.flatMap((from) => CASE_STATUSES.map((to) => [from, to] as const));

  let core: Core;
  beforeAll(async () => {
    core = await newCore();
  });

  it.each(pairs)('%s → %s follows CASE_TRANSITIONS', (from, to) => {
    const c = create(core, { title: `From ${from} to ${to}`, openedOn: '2026-01-10' });
    for (const step of pathFromOpen(from)) ok(core.invoke('cases.setStatus', { id: c.id, status: step }));
    const current = ok<Case>(core.invoke('cases.get', { id: c.id }));
    expect(current.status).toBe(from);
    const audits = count(core.db, 'audit_log');
    const env = core.invoke('cases.setStatus', { id: c.id, status: to });
    if (CASE_TRANSITIONS[from].includes(to)) {
      const moved = ok<Case>(env);
      expect(moved.status).toBe(to);
      expect(moved.version).toBe(current.version + 1);
      expect(moved.closedOn).toBe(to === 'closed' ? TODAY : null);
      expect(count(core.db, 'audit_log')).toBe(audits + 1);
    } else {
      const e = err(env);
      expect(e.code).toBe('invalid_transition');
      expect(e.field).toBe('status');
      expect(e.message).toContain(from);
      expect(ok<Case>(core.invoke('cases.get', { id: c.id }))).toEqual(current);
      expect(count(core.db, 'audit_log')).toBe(audits);
    }
  });

  it('every status can be reached from open', () => {
    for (const s of CASE_STATUSES) expect(() => pathFromOpen(s)).not.toThrow();
  });

  it('closing sets closed_on (given or today); reopening clears it', () => {
    const c = create(core, { title: 'Close and reopen', openedOn: '2026-01-10' });
    const closed = ok<Case>(core.invoke('cases.setStatus', { id: c.id, status: 'closed', closedOn: '2026-02-01' }));
    expect(closed.closedOn).toBe('2026-02-01');
    const reopened = ok<Case>(core.invoke('cases.setStatus', { id: c.id, status: 'open' }));
    expect(reopened.closedOn).toBeNull();
    expect(core.db.prepare('SELECT closed_on FROM cases WHERE id = ?').pluck().get(c.id)).toBeNull();
    const closedToday = ok<Case>(core.invoke('cases.setStatus', { id: c.id, status: 'closed' }));
    expect(closedToday.closedOn).toBe(TODAY);
    // Closing on the opening day itself is allowed; before it is not.
    const sameDay = create(core, { title: 'Same day', openedOn: '2026-03-01' });
    expect(ok<Case>(core.invoke('cases.setStatus', { id: sameDay.id, status: 'closed', closedOn: '2026-03-01' })).closedOn).toBe(
      '2026-03-01',
    );
    const early = create(core, { title: 'Early close', openedOn: '2026-03-01' });
    const e = err(core.invoke('cases.setStatus', { id: early.id, status: 'closed', closedOn: '2026-02-28' }));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'closedOn' });
    expect(ok<Case>(core.invoke('cases.get', { id: early.id })).status).toBe('open');
  });

  it('an opening date in the future is refused, so a case can always close today', () => {
    const e = err(core.invoke('cases.create', { title: 'Opened in the future', openedOn: '2026-04-01' }));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'openedOn' });
    const c = create(core, { title: 'Opened today', openedOn: TODAY });
    expect(ok<Case>(core.invoke('cases.setStatus', { id: c.id, status: 'closed' })).closedOn).toBe(TODAY);
  });
});

describe('concurrent edits and lookups', () => {
  let core: Core;
  beforeAll(async () => {
    core = await newCore();
  });

  it('a stale version is refused with conflict and changes nothing', () => {
    const c = create(core, { title: 'Versioned' });
    const v2 = ok<Case>(core.invoke('cases.update', { id: c.id, version: 1, title: 'Edited once' }));
    expect(v2.version).toBe(2);
    const before = snapshot(core.db);
    for (const [method, input] of [
      ['cases.update', { id: c.id, version: 1, title: 'Stale edit' }],
      ['cases.update', { id: c.id, version: 3, title: 'Future edit' }],
      ['cases.setStatus', { id: c.id, version: 1, status: 'closed' }],
    ] as const) {
      const e = err(core.invoke(method, input));
      expect(e.code).toBe('conflict');
      expect(e.field).toBe('version');
      expect(e.message).toContain(c.fileNumber);
    }
    expect(snapshot(core.db)).toEqual(before);
    expect(ok<Case>(core.invoke('cases.setStatus', { id: c.id, version: 2, status: 'closed' })).version).toBe(3);
  });

  it('an update without a version applies, bumps the version and the update time', async () => {
    const clock = steppingClock('2026-03-15T12:00:00.000Z', 1000);
    const c2 = await newCore(clock);
    const c = create(c2, { title: 'Unversioned' });
    const u = ok<Case>(c2.invoke('cases.update', { id: c.id, title: 'Renamed', violationType: 'smuggling' }));
    expect(u).toMatchObject({ title: 'Renamed', violationType: 'smuggling', version: 2, createdAt: c.createdAt });
    expect(u.updatedAt > c.updatedAt).toBe(true);
    const cleared = ok<Case>(c2.invoke('cases.update', { id: c.id, violationType: null }));
    expect(cleared.violationType).toBeNull();
    // Nothing to change: no new version, no audit record.
    const audits = count(c2.db, 'audit_log');
    expect(ok<Case>(c2.invoke('cases.update', { id: c.id }))).toEqual(cleared);
    expect(count(c2.db, 'audit_log')).toBe(audits);
  });

  it('an unknown id is not_found for get, update and setStatus', () => {
    const id = '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11';
    const before = snapshot(core.db);
    for (const [method, input] of [
      ['cases.get', { id }],
      ['cases.update', { id, title: 'x' }],
      ['cases.setStatus', { id, status: 'closed' }],
    ] as const) {
      const e = err(core.invoke(method, input));
      expect(e).toMatchObject({ code: 'not_found', field: 'id' });
      expect(e.message).toContain(id);
    }
    expect(snapshot(core.db)).toEqual(before);
    expect(err(core.invoke('cases.get', { id: 'nope' }))).toMatchObject({ code: 'invalid_input', field: 'id' });
    expect(err(core.invoke('cases.nope', {}))).toMatchObject({ code: 'unknown_method' });
  });
});

describe('cases.list', () => {
  interface OracleRow extends CaseListRow {
    seq: number;
    summary: string;
  }

  let core: Core;
  let all: OracleRow[];

  beforeAll(async () => {
    // Time moves one second every fifth read (a write reads it four or five times, signing its
    // chain head included), so update times mostly differ and sometimes tie.
    core = await newCore(steppingClock('2026-03-15T08:00:00.000Z', 1000, 5));
    seedCases(core.db, core.invoke, { cases: 300, seed: 20260315, today: TODAY });
    // Hand-made rows for what the seed never makes: no violation type, case and accent variants.
    for (const [title, lead] of [
      ['alpha lowercase', 'van Dijk'],
      ['ALPHA UPPER', 'de la Cruz'],
      ['_underscore first', 'Éloïse Gagnon'],
      ['Éclair shipment', 'eloise gagnon'],
      ['eclair shipment', 'Zed Zulu'],
      ['Montreal without accent', 'Ana Ruiz'],
      ['50% off: LIKE wildcards_in title', 'Ana Ruiz'],
    ] as const) {
      create(core, { title, leadInvestigator: lead, summary: `Summary of ${title}` });
    }
    all = core.db
      .prepare(
        `SELECT seq, id, file_number AS fileNumber, title, status, priority, lead_investigator AS leadInvestigator,
           violation_type AS violationType, security_marking AS securityMarking, opened_on AS openedOn,
           updated_at AS updatedAt, summary FROM cases`,
      )
      .all() as OracleRow[];
  });

  const bytes = (s: string) => Buffer.from(s, 'utf8'); // SQLite's BINARY order is UTF-8 byte order
  const nocase = (s: string) => bytes(s.replace(/[A-Z]/g, (c) => c.toLowerCase())); // NOCASE folds ASCII only
  const keyOf: Record<CaseSortColumn, (r: OracleRow) => Buffer | number | null> = {
    fileNumber: (r) => bytes(r.fileNumber),
    title: (r) => nocase(r.title),
    status: (r) => CASE_STATUSES.indexOf(r.status),
    priority: (r) => PRIORITIES.indexOf(r.priority),
    leadInvestigator: (r) => nocase(r.leadInvestigator),
    violationType: (r) => (r.violationType === null ? null : bytes(r.violationType)),
    openedOn: (r) => bytes(r.openedOn),
    updatedAt: (r) => bytes(r.updatedAt),
  };
  function compareKeys(a: Buffer | number | null, b: Buffer | number | null): number {
    if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1; // NULLs first, as in SQLite
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return Buffer.compare(a as Buffer, b as Buffer);
  }
  function oracleSort(rows: OracleRow[], column: CaseSortColumn, direction: 'asc' | 'desc'): OracleRow[] {
    const sign = direction === 'asc' ? 1 : -1;
    return [...rows].sort((x, y) => sign * (compareKeys(keyOf[column](x), keyOf[column](y)) || x.seq - y.seq));
  }
  function listRow(r: OracleRow): CaseListRow {
    const { seq: _seq, summary: _summary, ...row } = r;
    return row;
  }
  function list(input: Record<string, unknown>): { total: number; rows: CaseListRow[] } {
    return ok(core.invoke('cases.list', input));
  }

  it('has a realistic, varied caseload to sort', () => {
    expect(all.length).toBe(307);
    for (const column of CASE_SORT_COLUMNS) {
      const distinct = new Set(all.map((r) => String(keyOf[column](r)))).size;
      expect(distinct, column).toBeGreaterThan(1);
      if (column !== 'fileNumber') expect(distinct, `${column} has ties`).toBeLessThan(all.length);
    }
    expect(new Set(all.map((r) => r.status)).size).toBe(CASE_STATUSES.length);
  });

  it.each(
    CASE_SORT_COLUMNS.flatMap(
      (c) =>
        [
          [c, 'asc'],
          [c, 'desc'],
        ] as const,
    ),
  )('sorts by %s %s', (column, direction) => {
    const result = list({ sort: { column, direction }, limit: 500 });
    expect(result.total).toBe(all.length);
    expect(result.rows).toEqual(oracleSort(all, column, direction).map(listRow));
  });

  it('sorts by updatedAt descending by default', () => {
    expect(list({ limit: 500 }).rows.map((r) => r.id)).toEqual(oracleSort(all, 'updatedAt', 'desc').map((r) => r.id));
  });

  it('pages with offset and limit, counting every matching case', () => {
    const expected = oracleSort(all, 'fileNumber', 'asc').map((r) => r.id);
    const seen: string[] = [];
    for (let offset = 0; offset < all.length; offset += 37) {
      const page = list({ sort: { column: 'fileNumber', direction: 'asc' }, offset, limit: 37 });
      expect(page.total).toBe(all.length);
      expect(page.rows.length).toBe(Math.min(37, all.length - offset));
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(expected);
    expect(list({ offset: all.length, limit: 10 })).toEqual({ total: all.length, rows: [] });
    expect(list({}).rows.length).toBe(100); // the default page
    const filtered = list({ status: ['closed'], offset: 1, limit: 2, sort: { column: 'fileNumber', direction: 'desc' } });
    const closed = oracleSort(
      all.filter((r) => r.status === 'closed'),
      'fileNumber',
      'desc',
    );
    expect(filtered.total).toBe(closed.length);
    expect(filtered.rows.map((r) => r.id)).toEqual(closed.slice(1, 3).map((r) => r.id));
  });

  it.each([
    [{ offset: -1 }, 'offset'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 501 }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ sort: { column: 'notes', direction: 'asc' } }, 'sort.column'],
    [{ sort: { column: 'title', direction: 'up' } }, 'sort.direction'],
    [{ status: ['pending'] }, 'status.0'],
    [{ priority: 'high' }, 'priority'],
    [{ text: 'x'.repeat(201) }, 'text'],
    [{ colour: 'red' }, 'colour'],
  ] as const)('refuses %j naming %s', (input, field) => {
    expect(err(core.invoke('cases.list', input))).toMatchObject({ code: 'invalid_input', field });
  });

  /** How the filters are meant to match, written independently of the SQL. */
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  function textMatches(r: OracleRow, text: string): boolean {
    return text
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .every((w) =>
        [...w].length >= 3
          ? [r.fileNumber, r.title, r.summary, r.leadInvestigator].some((f) => fold(f).includes(fold(w)))
          : [r.fileNumber, r.title].some((f) => asciiLower(f).includes(asciiLower(w))),
      );
  }

  interface Filter {
    status?: CaseStatus[];
    priority?: (typeof PRIORITIES)[number][];
    violationType?: (typeof VIOLATION_TYPES)[number][];
    leadInvestigator?: string;
    text?: string;
  }
  function oracleFilter(f: Filter): OracleRow[] {
    return all.filter(
      (r) =>
        (!f.status?.length || f.status.includes(r.status)) &&
        (!f.priority?.length || f.priority.includes(r.priority)) &&
        (!f.violationType?.length || (r.violationType !== null && f.violationType.includes(r.violationType))) &&
        (!f.leadInvestigator || asciiLower(r.leadInvestigator).includes(asciiLower(f.leadInvestigator.trim()))) &&
        (f.text === undefined || textMatches(r, f.text)),
    );
  }

  const filters: [string, Filter, 'some' | 'none' | 'all'][] = [
    ...CASE_STATUSES.map((s) => [`status ${s}`, { status: [s] }, 'some'] as [string, Filter, 'some']),
    ['two statuses', { status: ['open', 'closed'] }, 'some'],
    ...PRIORITIES.map((p) => [`priority ${p}`, { priority: [p] }, 'some'] as [string, Filter, 'some']),
    ['violation type', { violationType: ['sanctions_breach'] }, 'some'],
    ['two violation types', { violationType: ['smuggling', 'false_declaration'] }, 'some'],
    ['status and priority', { status: ['under_review'], priority: ['high', 'critical'] }, 'some'],
    ['lead investigator substring, any case', { leadInvestigator: 'TREMB' }, 'some'],
    ['text: accent-insensitive Montreal', { text: 'Montreal' }, 'some'],
    ['text: accented query MONTRÉAL', { text: 'MONTRÉAL' }, 'some'],
    ['text: turkiye without the umlaut', { text: 'turkiye' }, 'some'],
    ['text: goods, any case', { text: 'fpga' }, 'some'],
    ['text: two words, AND', { text: 'diverted  Russia ' }, 'some'],
    ['text: summary words', { text: 'shipment routed' }, 'some'],
    ['text: lead investigator', { text: 'Pelletier' }, 'some'],
    ['text: lead investigator, accent-insensitive', { text: 'COTE' }, 'some'],
    ['text: file number part', { text: 'EXP-00001' }, 'some'],
    ['text: short word (LIKE)', { text: 'to' }, 'some'],
    ['text: short and long words', { text: 'UK Iran' }, 'none'],
    ['text: short word with a LIKE wildcard', { text: '0%' }, 'some'],
    ['text: underscore is literal', { text: 's_' }, 'some'],
    ['text: short accented word', { text: 'Éc' }, 'some'],
    ['text: no match', { text: 'xyzzy' }, 'none'],
    ['text: a double quote', { text: 'Ir"an' }, 'none'],
    ['text: blank', { text: '   ' }, 'all'],
    ['text with filters', { text: 'Iran', status: ['closed', 'referred_for_prosecution'] }, 'some'],
  ];

  it.each(filters)('filters: %s', (_label, filter, expectation) => {
    const expected = oracleFilter(filter);
    if (expectation === 'some') {
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
    } else if (expectation === 'none') expect(expected).toEqual([]);
    else expect(expected.length).toBe(all.length);
    const result = list({ ...filter, sort: { column: 'fileNumber', direction: 'asc' }, limit: 500 });
    expect(result.total).toBe(expected.length);
    expect(result.rows.map((r) => r.id)).toEqual(oracleSort(expected, 'fileNumber', 'asc').map((r) => r.id));
  });

  it('finds Montréal when searching for Montreal, and both spellings match each other', () => {
    const rows = list({ text: 'Montreal', limit: 500 }).rows;
    const titles = rows.map((r) => r.title);
    expect(titles.some((t) => t.includes('Montréal'))).toBe(true);
    expect(titles).toContain('Montreal without accent');
    expect(list({ text: 'Montréal', limit: 500 }).total).toBe(rows.length);
    // Short words go through LIKE, which is accent-sensitive: "Éc" finds Éclair but not eclair.
    expect(list({ text: 'Éc', limit: 500 }).rows.map((r) => r.title)).toEqual(['Éclair shipment']);
  });
});
