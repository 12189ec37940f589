/** Possible duplicates: crafted pairs with known answers, one that must not match, run as the job runs it. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import { findDuplicates, type DuplicatePair } from '../db/services/duplicates.ts';
import { blockingKey, foldedName } from '../db/services/name-folding.ts';
import { checkOf, ok, tempDir } from './helpers.ts';

const dir = tempDir();
let core: Core;
const ids: Record<string, string> = {};

const create = (key: string, input: Record<string, unknown>) => {
  ids[key] = ok<{ id: string }>(core.invoke('entities.create', input)).id;
};

beforeAll(async () => {
  core = await openCore(path.join(dir, 'duplicates.db'), { actor: { name: 'Amélie Tremblay', badge: 'B-1' } });
  // Transliterated and re-ordered, same date of birth.
  create('petrov1', {
    kind: 'person',
    givenName: 'Aleksandr',
    familyName: 'Petrov',
    dateOfBirth: '1971-04-12',
    nationality: 'RU',
  });
  create('petrov2', { kind: 'person', givenName: 'PETROV', familyName: 'Alexander', dateOfBirth: '1971-04-12' });
  // Cyrillic beside Latin, found through an alias.
  create('korolev1', { kind: 'person', givenName: 'Sergei', familyName: 'Korolev' });
  create('korolev2', { kind: 'person', givenName: 'Сергей', familyName: 'Королёв' });
  // Legal forms and accents.
  create('sgt1', { kind: 'organization', legalName: 'Société Lumière Trading SARL', country: 'FR' });
  create('sgt2', { kind: 'organization', legalName: 'Societe Lumiere Trading', country: 'FR' });
  create('muller1', { kind: 'organization', legalName: 'Müller GmbH', country: 'DE' });
  create('muller2', { kind: 'organization', legalName: 'MUELLER G.m.b.H.', country: 'DE' });
  create('wojcik1', { kind: 'person', givenName: 'Łukasz', familyName: 'Wójcik' });
  create('wojcik2', { kind: 'person', givenName: 'Lukasz', familyName: 'Wojcik' });
  // Alike but not the same: other date of birth and nationality.
  create('ivanov1', { kind: 'person', givenName: 'Ivan', familyName: 'Ivanov', dateOfBirth: '1980-01-01', nationality: 'RU' });
  create('ivanov2', { kind: 'person', givenName: 'Ivan', familyName: 'Ivanov', dateOfBirth: '1992-07-30', nationality: 'UA' });
  // Two records of one vessel under other names: the IMO number says so.
  create('vessel1', { kind: 'conveyance', subtype: 'vessel', vesselName: 'Sea Falcon', imoNumber: '9074729' });
  create('vessel2', { kind: 'conveyance', subtype: 'vessel', vesselName: 'Morskoy Sokol', imoNumber: '9074729' });
  // Same name, another kind: never one.
  create('falconOrg', { kind: 'organization', legalName: 'Sea Falcon' });
  // Shell companies at one address with unrelated names: an address alone is not a duplicate.
  create('addr', { kind: 'address', lines: ['12 Tigran Mets Ave'], city: 'Yerevan', country: 'AM' });
  create('shellA', { kind: 'organization', legalName: 'Vektor Holdings', country: 'AM' });
  create('shellB', { kind: 'organization', legalName: 'Orion Impex', country: 'AM' });
  create('vektor2', { kind: 'organization', legalName: 'VEKTOR HOLDINGS LLC', country: 'AM' });
  for (const shell of ['shellA', 'shellB', 'vektor2']) {
    ok(core.invoke('entities.link', { fromId: ids[shell], toId: ids.addr, type: 'located_at', source: 'Registry' }));
  }
});
afterAll(() => core.close());

function pairOf(rows: DuplicatePair[], a: string, b: string): DuplicatePair | undefined {
  const [x, y] = [ids[a], ids[b]];
  return rows.find((r) => (r.a.id === x && r.b.id === y) || (r.a.id === y && r.b.id === x));
}

describe('name folding', () => {
  it('folds scripts, accents, legal forms and word order', () => {
    expect(foldedName('Société Lumière Trading SARL')).toBe(foldedName('societe lumiere trading'));
    expect(foldedName('Müller GmbH')).toBe(foldedName('MUELLER GMBH'));
    expect(foldedName('Straße')).toBe('strasse');
    expect(foldedName('ООО Арарат')).toBe('ararat');
    expect(blockingKey('Aleksandr Petrov')).toBe(blockingKey('PETROV Alexander'));
    expect(blockingKey('Королёв')).toBe(blockingKey('Korolev'));
    expect(blockingKey('Ivan Petrov')).not.toBe(blockingKey('Ivan Sidorov'));
  });
});

describe('the duplicate search', () => {
  let rows: DuplicatePair[] = [];
  beforeAll(() => {
    const steps = new Set<string>();
    const result = findDuplicates(core.db, { now: '2026-03-15T12:00:00.000Z', progress: (_d, _t, step) => steps.add(step) });
    expect(result.entities).toBeGreaterThanOrEqual(18);
    expect([...steps]).toEqual(['duplicates_names', 'duplicates_identifiers', 'duplicates_scoring']);
    rows = ok<{ rows: DuplicatePair[] }>(core.invoke('duplicates.list', { limit: 100 })).rows;
  });

  it('finds each crafted pair with its reasons', () => {
    const expected: [string, string, string[]][] = [
      ['petrov1', 'petrov2', ['name_similar', 'same_birth_date']],
      ['korolev1', 'korolev2', ['name_similar']],
      ['sgt1', 'sgt2', ['name_same']],
      ['muller1', 'muller2', ['name_same']],
      ['wojcik1', 'wojcik2', ['name_same']],
      ['vessel1', 'vessel2', ['identifier']],
      ['shellA', 'vektor2', ['name_same', 'same_address']],
    ];
    for (const [a, b, reasons] of expected) {
      const pair = pairOf(rows, a, b);
      expect(pair, `${a} ~ ${b}`).toBeDefined();
      expect(pair?.reasons.map((r) => r.code)).toEqual(reasons);
    }
    // A shared address adds to a name, and the pair with both ranks above names alone.
    expect(pairOf(rows, 'shellA', 'vektor2')?.score).toBeGreaterThan(pairOf(rows, 'sgt1', 'sgt2')?.score ?? 100);
  });

  it('does not propose a pair that only looks alike, other kinds, or companies that only share an address', () => {
    expect(pairOf(rows, 'ivanov1', 'ivanov2')).toBeUndefined();
    expect(pairOf(rows, 'vessel1', 'falconOrg')).toBeUndefined();
    expect(pairOf(rows, 'shellA', 'shellB')).toBeUndefined();
    expect(rows).toHaveLength(7);
  });

  it('does not propose again a pair marked distinct, nor a merged record', () => {
    ok(core.invoke('entities.markDistinct', { aId: ids.wojcik1, bId: ids.wojcik2 }));
    ok(core.invoke('entities.merge', { survivorId: ids.muller1, mergedId: ids.muller2 }));
    findDuplicates(core.db, { now: '2026-03-15T13:00:00.000Z' });
    const again = ok<{ rows: DuplicatePair[]; foundAt: string }>(core.invoke('duplicates.list', {}));
    expect(pairOf(again.rows, 'wojcik1', 'wojcik2')).toBeUndefined();
    expect(pairOf(again.rows, 'muller1', 'muller2')).toBeUndefined();
    expect(again.rows).toHaveLength(5);
    expect(again.foundAt).toBe('2026-03-15T13:00:00.000Z');
    expect(checkOf(core.db).problems).toEqual([]);
  });

  it('runs as a job in a worker, with its progress', async () => {
    const job = ok<{ id: string }>(core.invoke('jobs.start', { kind: 'duplicates', input: {} }));
    await expect
      .poll(() => ok<{ status: string }>(core.invoke('jobs.get', { id: job.id })).status, { timeout: 120_000 })
      .toBe('done');
    const done = ok<{ result: { candidates: number } }>(core.invoke('jobs.get', { id: job.id }));
    expect(done.result.candidates).toBe(5);
  });
});
