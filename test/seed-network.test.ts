import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { Db } from '../db/sqlite.ts';
import { seedAll, type SeedAllResult } from '../db/seed/all.ts';
import { seedCases } from '../db/seed/cases.ts';
import { recentCaseIds, seedEntities } from '../db/seed/entities.ts';
import { seedNetwork } from '../db/seed/network.ts';
import { Random } from '../db/seed/random.ts';
import { checkOf, tempDir } from './helpers.ts';

const dir = tempDir();
const TODAY = '2026-03-15';
const CASES = 60;
let n = 0;
const cores: Core[] = [];
afterAll(() => cores.forEach((c) => c.close()));

async function newCore(): Promise<Core> {
  const core = await openCore(path.join(dir, `network-${++n}.db`), {
    clock: () => new Date(`${TODAY}T12:00:00.000Z`),
    actor: { name: 'Jeanne Tremblay', badge: 'B-4411' },
  });
  cores.push(core);
  return core;
}

function seed(core: Core, seedNumber = 11): SeedAllResult {
  return seedAll(core.db, core.invoke, {
    cases: CASES,
    seed: seedNumber,
    entitiesPerCase: 3,
    today: TODAY,
    progress: () => {},
    cancelled: () => false,
  });
}

/** Breadth-first over entity_links in both directions, in memory: an independent count of what seedNetwork reports. */
function twoHops(db: Db, caseId: string): number {
  const links = db.prepare('SELECT from_entity_id AS a, to_entity_id AS b FROM entity_links').all() as { a: string; b: string }[];
  const next = new Map<string, string[]>();
  for (const { a, b } of links) {
    next.set(a, [...(next.get(a) ?? []), b]);
    next.set(b, [...(next.get(b) ?? []), a]);
  }
  const seen = new Set(db.prepare('SELECT entity_id FROM case_entities WHERE case_id = ?').pluck().all(caseId) as string[]);
  let frontier = [...seen];
  for (let hop = 0; hop < 2; hop++) {
    const found: string[] = [];
    for (const id of frontier) for (const o of next.get(id) ?? []) if (!seen.has(o) && seen.add(o)) found.push(o);
    frontier = found;
  }
  return seen.size;
}

interface Person {
  id: string;
  name: string;
  dob: string | null;
  nationality: string | null;
}

/** The person of the fixed pairs (the random pools may hold another of the same name, born another day). */
function personNamed(db: Db, name: string, dob: string): Person {
  const row = db
    .prepare(
      `SELECT id, name, json_extract(details, '$.dateOfBirth') AS dob, country AS nationality
       FROM entities WHERE kind = 'person' AND name = ? AND json_extract(details, '$.dateOfBirth') = ?`,
    )
    .get(name, dob) as Person | undefined;
  if (!row) throw new Error(`no person named ${name} born ${dob}`);
  return row;
}

function idOf(db: Db, name: string): string {
  const id = db.prepare('SELECT id FROM entities WHERE name = ?').pluck().get(name) as string | undefined;
  if (!id) throw new Error(`no entity named ${name}`);
  return id;
}

const identifiers = (db: Db, id: string) =>
  db.prepare('SELECT scheme, value FROM entity_identifiers WHERE entity_id = ? ORDER BY 1, 2').all(id);
const addresses = (db: Db, id: string) =>
  db.prepare("SELECT to_entity_id FROM entity_links WHERE from_entity_id = ? AND type = 'located_at'").pluck().all(id);
const casesOf = (db: Db, id: string) =>
  db.prepare('SELECT DISTINCT case_id FROM case_entities WHERE entity_id = ?').pluck().all(id) as string[];

describe('the seeded network', () => {
  let core: Core;
  let result: SeedAllResult;
  beforeAll(async () => {
    core = await newCore();
    result = seed(core);
  }, 120_000);

  it('counts what it seeded, in the totals of the seed', () => {
    const count = (table: string) => core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    // One network per 40 cases, and the hub's.
    expect(result.networks).toBe(Math.round(CASES / 40) + 1);
    expect(result.entities).toBe(count('entities'));
    expect(result.links).toBe(count('entity_links'));
    expect(result.roles).toBe(count('case_entities'));
    expect(result.nearDuplicates).toBeGreaterThanOrEqual(6);
  });

  it('names front companies and their directors in three to six cases each', () => {
    const directors = core.db
      .prepare(
        `SELECT l.from_entity_id AS director, l.to_entity_id AS company, count(DISTINCT d.case_id) AS directorCases,
           (SELECT count(DISTINCT case_id) FROM case_entities WHERE entity_id = l.to_entity_id) AS companyCases
         FROM entity_links l JOIN entities p ON p.id = l.from_entity_id AND p.kind = 'person'
         JOIN case_entities d ON d.entity_id = l.from_entity_id
         WHERE l.type = 'director_of' AND l.valid_to IS NULL
         GROUP BY l.from_entity_id, l.to_entity_id
         HAVING directorCases BETWEEN 3 AND 6 AND companyCases BETWEEN 3 AND 6`,
      )
      .all();
    expect(directors.length).toBeGreaterThanOrEqual(result.networks);
  });

  it('chains ownership over three levels, each with its share', () => {
    const chains = core.db
      .prepare(
        `SELECT a.from_entity_id AS owner, c.to_entity_id AS front, a.share_bp AS s1, b.share_bp AS s2, c.share_bp AS s3
         FROM entity_links a
         JOIN entity_links b ON b.from_entity_id = a.to_entity_id AND b.type = 'owns'
         JOIN entity_links c ON c.from_entity_id = b.to_entity_id AND c.type = 'owns'
         WHERE a.type = 'owns'`,
      )
      .all() as { owner: string; front: string; s1: number; s2: number; s3: number }[];
    expect(chains.length).toBeGreaterThanOrEqual(result.networks);
    for (const c of chains) {
      for (const s of [c.s1, c.s2, c.s3]) expect(s).toBeGreaterThan(0);
      expect(c.owner).not.toBe(c.front);
    }
    const topKinds = new Set(
      chains.map((c) => core.db.prepare('SELECT kind FROM entities WHERE id = ?').pluck().get(c.owner) as string),
    );
    expect(topKinds).toContain('person');
  });

  it('registers 5 to 20 organizations at one address', () => {
    const shared = core.db
      .prepare(
        `SELECT l.to_entity_id, count(*) AS n FROM entity_links l JOIN entities o ON o.id = l.from_entity_id
         WHERE l.type = 'located_at' AND o.kind = 'organization' GROUP BY l.to_entity_id HAVING n >= 5`,
      )
      .all() as { n: number }[];
    expect(shared.length).toBeGreaterThanOrEqual(result.networks);
    for (const s of shared) expect(s.n).toBeLessThanOrEqual(20);
  });

  it('shares vessels and forwarders between shipments of several cases', () => {
    const spread = (sqlText: string) => Math.max(...(core.db.prepare(sqlText).pluck().all() as number[]));
    // Shipments carried by the vessel directly or in a container it carries, named in distinct cases.
    expect(
      spread(
        `SELECT count(DISTINCT ce.case_id) FROM entities v
         JOIN entity_links l ON l.to_entity_id = v.id AND l.type = 'carried_by'
         LEFT JOIN entity_links s ON s.to_entity_id = l.from_entity_id AND s.type = 'carried_by'
         JOIN case_entities ce ON ce.entity_id = coalesce(s.from_entity_id, l.from_entity_id)
         WHERE v.subtype = 'vessel' GROUP BY v.id`,
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(
      spread(
        `SELECT count(DISTINCT ce.case_id) FROM entity_links l JOIN case_entities ce ON ce.entity_id = l.to_entity_id
         WHERE l.type = 'freight_forwarder_of' GROUP BY l.from_entity_id`,
      ),
    ).toBeGreaterThanOrEqual(3);
  });

  it('records the same people and companies twice under other spellings, with a clue in common, and two look-alikes', () => {
    const db = core.db;
    const petrov = personNamed(db, 'Aleksandr Petrov', '1974-05-12');
    const reordered = personNamed(db, 'PETROV Alexander', '1974-05-12');
    expect(identifiers(db, reordered.id)).toEqual(identifiers(db, petrov.id));
    expect(identifiers(db, petrov.id)).toEqual([{ scheme: 'identity_document', value: 'RU:724419035' }]);
    expect(JSON.parse(db.prepare('SELECT details FROM entities WHERE id = ?').pluck().get(petrov.id) as string)).toMatchObject({
      aliases: ['Александр Петров'],
    });
    expect(casesOf(db, petrov.id)).not.toEqual(casesOf(db, reordered.id));

    const sgt = idOf(db, 'Société Lumière Trading SARL');
    const sgtPlain = idOf(db, 'Societe Lumiere Trading');
    expect(addresses(db, sgt)).toHaveLength(1);
    expect(addresses(db, sgtPlain)).toEqual(addresses(db, sgt));

    const muller = idOf(db, 'Müller GmbH');
    const mueller = idOf(db, 'Mueller GMBH');
    expect(identifiers(db, mueller)).toEqual(identifiers(db, muller));
    expect(identifiers(db, muller)).toEqual([{ scheme: 'registration', value: 'DE:HRB48213' }]);

    personNamed(db, 'Łukasz Wójcik', '1981-11-03');
    personNamed(db, 'Lukasz Wojcik', '1981-11-03');
    const chan = personNamed(db, 'Wing Kei Chan', '1978-02-21');
    expect(addresses(db, personNamed(db, 'CHAN Wing Kei', '1978-02-21').id)).toEqual(addresses(db, chan.id));
    expect(addresses(db, chan.id)).toHaveLength(1);

    // Alike, but two people: every clue that could join them differs.
    const [d1, d2] = [personNamed(db, 'Dmitriy Ivanov', '1969-02-14'), personNamed(db, 'Dmitri Ivanov', '1987-09-30')];
    expect(d1.nationality).not.toBe(d2.nationality);
    expect(identifiers(db, d1.id)).toEqual([]);
    expect(identifiers(db, d2.id)).toEqual([]);

    // Every record of a pair is named in a case.
    for (const id of [petrov.id, reordered.id, muller, mueller, sgt, sgtPlain, chan.id, d1.id, d2.id]) {
      expect(casesOf(db, id).length).toBeGreaterThan(0);
    }
  });

  it('makes a hub case whose entities reach 100 to 300 entities within two links', () => {
    const hub = result.hubCase;
    if (!hub) throw new Error('no hub case');
    expect(hub.fileNumber).toMatch(/^\d{4}-EXP-\d{6}$/);
    expect(twoHops(core.db, hub.id)).toBe(hub.neighbourhood);
    expect(hub.neighbourhood).toBeGreaterThanOrEqual(100);
    expect(hub.neighbourhood).toBeLessThanOrEqual(300);
  });

  it('gives links each confidence, a source, and dates on some (an ended directorship among them)', () => {
    const db = core.db;
    const confidences = db.prepare('SELECT DISTINCT confidence FROM entity_links ORDER BY 1').pluck().all();
    expect(confidences).toEqual(['confirmed', 'possible', 'probable']);
    expect(db.prepare("SELECT count(*) FROM entity_links WHERE trim(source) = ''").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM entity_links WHERE valid_from IS NOT NULL').pluck().get()).toBeGreaterThan(10);
    const ended = db
      .prepare("SELECT valid_from AS f, valid_to AS t FROM entity_links WHERE type = 'director_of' AND valid_to IS NOT NULL")
      .all() as { f: string; t: string }[];
    expect(ended.length).toBeGreaterThan(0);
    for (const e of ended) expect(e.t >= e.f && e.t <= TODAY).toBe(true);
  });

  it('leaves a database that checks clean, and the same seed gives the same network', async () => {
    expect(checkOf(core.db).problems).toEqual([]);
    const again = await newCore();
    expect(seed(again)).toEqual({ ...result, hubCase: { ...result.hubCase, id: expect.any(String) as string } });
    const names = (db: Db) => db.prepare('SELECT kind, name, country FROM entities ORDER BY seq').all();
    expect(names(again.db)).toEqual(names(core.db));
    const links = (db: Db) =>
      db
        .prepare(
          `SELECT l.type, f.name AS f, t.name AS t, l.share_bp, l.confidence, l.valid_from, l.valid_to FROM entity_links l
           JOIN entities f ON f.id = l.from_entity_id JOIN entities t ON t.id = l.to_entity_id ORDER BY l.seq`,
        )
        .all();
    expect(links(again.db)).toEqual(links(core.db));
  }, 120_000);
});

describe('cancelling the network seed', () => {
  it('stops after a batch of networks and keeps a consistent database', async () => {
    const core = await newCore();
    seedCases(core.db, core.invoke, { cases: 30, seed: 2, today: TODAY });
    const ids = recentCaseIds(core.db, 30);
    seedEntities(core.db, core.invoke, new Random(3), ids, { perCase: 3, today: TODAY });
    let stop = false;
    const entitiesBefore = core.db.prepare('SELECT count(*) FROM entities').pluck().get() as number;
    const result = seedNetwork(core.db, core.invoke, new Random(4), ids, {
      today: TODAY,
      onProgress: () => {
        stop = true;
      },
      cancelled: () => stop,
    });
    expect(result).toMatchObject({ networks: 1, nearDuplicates: expect.any(Number) as number, hubCase: null });
    expect(core.db.prepare("SELECT count(*) FROM entities WHERE name = 'Müller GmbH'").pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM entities').pluck().get()).toBe(entitiesBefore + result.entities);
    expect(checkOf(core.db).problems).toEqual([]);
  }, 60_000);
});
