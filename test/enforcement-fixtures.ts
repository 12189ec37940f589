/** Shared set-up of the detention, penalty and deadline tests: a database with a case and its parties. */
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import { auditedTables } from '../db/shared/records.ts';
import type { Db } from '../db/sqlite.ts';
import { count, err, ok, snapshot } from './helpers.ts';

export const TODAY = '2026-03-15';
/** Noon UTC: the same calendar day wherever the tests run (between UTC-11 and UTC+11). */
export const fixedClock = (): Date => new Date(`${TODAY}T12:00:00.000Z`);

const cores: Core[] = [];
afterAll(() => cores.forEach((c) => c.close()));
let n = 0;

export async function newCore(dir: string, clock: () => Date = fixedClock): Promise<Core> {
  const core = await openCore(path.join(dir, `enforcement-${++n}.db`), { clock, actor: { name: 'Test Officer', badge: 'T-1' } });
  cores.push(core);
  return core;
}

export interface Parties {
  caseId: string;
  exporterId: string;
  consigneeId: string;
  personId: string;
  addressId: string;
}

/** A case with an exporter (organization), a consignee, a person and an address. */
export function caseWithParties(core: Core, caseInput: Record<string, unknown> = {}): Parties {
  const c = ok<{ id: string }>(
    core.invoke('cases.create', { title: 'FPGAs diverted to Russia via Armenia', openedOn: '2026-01-05', ...caseInput }),
  );
  const org = (legalName: string, country: string) =>
    ok<{ id: string }>(core.invoke('entities.create', { kind: 'organization', legalName, country })).id;
  const exporterId = org('Laurentian Microsystems Inc.', 'CA');
  const consigneeId = org('Ararat Trade LLC', 'AM');
  const personId = ok<{ id: string }>(
    core.invoke('entities.create', { kind: 'person', givenName: 'Arman', familyName: 'Petrosyan' }),
  ).id;
  const addressId = ok<{ id: string }>(
    core.invoke('entities.create', { kind: 'address', lines: ['12 Tigran Mets Ave'], city: 'Yerevan', country: 'AM' }),
  ).id;
  return { caseId: c.id, exporterId, consigneeId, personId, addressId };
}

/** Every table a contract call may write: the core ones and every audited table. */
export function fullSnapshot(db: Db): Record<string, unknown[]> {
  const out = snapshot(db);
  for (const { table } of Object.values(auditedTables)) out[table] ??= db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
  return out;
}

/** The call is refused with `code`, names `field` in the error and its message, and changes nothing. */
export function expectRefused(core: Core, method: string, input: unknown, code: string, field: string | undefined): string {
  const before = fullSnapshot(core.db);
  const audits = count(core.db, 'audit_log');
  const e = err(core.invoke(method, input));
  expect(e.code, `${method} ${JSON.stringify(input)}: ${e.message}`).toBe(code);
  expect(e.field, `${method} ${JSON.stringify(input)}: ${e.message}`).toBe(field);
  if (field !== undefined) expect(e.message.startsWith(`${field}: `), e.message).toBe(true);
  expect(count(core.db, 'audit_log')).toBe(audits);
  expect(fullSnapshot(core.db)).toEqual(before);
  return e.message;
}

export const long = (n: number): string => 'x'.repeat(n);
export const MISSING = '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11';
