/** Merging duplicate entities: every reference follows the survivor, nothing lost or doubled, and an undo puts the database back. */
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import type { Db } from '../db/sqlite.ts';
import { ingestStream } from '../db/evidence-store.ts';
import type { EntityMerge } from '../db/services/merge.ts';
import { checkOf, count, err, ok, tempDir } from './helpers.ts';
import { caseWithParties, expectRefused, newCore } from './enforcement-fixtures.ts';

const dir = tempDir();
let core: Core;
let caseA = '';
let caseB = '';
let survivor = '';
let merged = '';
let director = '';
let consignee = '';
let vessel = '';

/** The business tables a merge may touch, row by row (the trail and the merge's own record aside). */
function business(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'entities',
    'entity_links',
    'case_entities',
    'seizures',
    'seized_items',
    'detentions',
    'penalties',
    'evidence',
    'entity_identifiers',
    'cases',
  ]) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  }
  out.fts = db
    .prepare("SELECT rowid, name, search_text FROM entities_fts WHERE entities_fts MATCH 'Ararat' ORDER BY rowid")
    .all();
  return out;
}

const create = (input: Record<string, unknown>) => ok<{ id: string }>(core.invoke('entities.create', input)).id;
const link = (fromId: string, toId: string, type: string, source: string) =>
  ok<{ id: string }>(core.invoke('entities.link', { fromId, toId, type, source })).id;

beforeAll(async () => {
  core = await newCore(dir);
  const a = caseWithParties(core);
  caseA = a.caseId;
  consignee = a.consigneeId;
  caseB = ok<{ id: string }>(core.invoke('cases.create', { title: 'Second shipment', openedOn: '2026-02-01' })).id;
  survivor = create({ kind: 'organization', legalName: 'Ararat Trade LLC', country: 'AM', aliases: ['Ararat Trading'] });
  merged = create({
    kind: 'organization',
    legalName: 'ARARAT TRADE OOO',
    country: 'AM',
    aliases: ['ООО Арарат Трейд'],
    registrationNumber: 'AM-12345',
  });
  director = create({ kind: 'person', givenName: 'Arman', familyName: 'Petrosyan' });
  vessel = create({ kind: 'conveyance', subtype: 'vessel', vesselName: 'Sea Falcon', imoNumber: '9074729' });

  // Links: one that moves, one between the two (would join the survivor to itself), one the survivor has already.
  link(director, merged, 'director_of', 'Registry extract 118');
  link(survivor, merged, 'associated', 'Same phone number');
  link(director, survivor, 'director_of', 'Registry extract 118');
  link(merged, consignee, 'agent_for', 'Invoice 2026-04');
  // Roles: the same role in case A as the survivor (goes), another in case B (moves).
  ok(core.invoke('cases.addEntity', { caseId: caseA, entityId: survivor, role: 'consignee' }));
  ok(core.invoke('cases.addEntity', { caseId: caseA, entityId: merged, role: 'consignee' }));
  ok(core.invoke('cases.addEntity', { caseId: caseB, entityId: merged, role: 'suspect' }));
  // A seizure naming it three ways, a detention and a penalty.
  ok(
    core.invoke('seizures.create', {
      caseId: caseA,
      seizedAt: '2026-03-10T16:30:00Z',
      place: 'Port of Montréal',
      seizedFromEntityId: merged,
      ownerEntityId: merged,
      claimantEntityIds: [survivor, merged],
      conveyanceEntityId: vessel,
      items: [{ description: 'FPGAs', quantity: 40, unit: 'piece', value: { amountMinor: 4_800_000, currency: 'USD' } }],
    }),
  );
  ok(
    core.invoke('detentions.create', {
      caseId: caseB,
      subject: 'shipment',
      startedAt: '2026-03-01T12:00:00Z',
      consigneeId: merged,
      declaredEccn: '3A001',
    }),
  );
  ok(
    core.invoke('penalties.create', {
      caseId: caseB,
      contraventionCode: 'C152',
      entityId: merged,
      amountMinor: 150_000,
      currency: 'CAD',
      assessedOn: '2026-03-01',
    }),
  );
  const file = await ingestStream(Readable.from([Buffer.from('Registry extract of ARARAT TRADE OOO')]), core.dataDir as string);
  ok(
    core.invoke('evidence.attach', {
      caseId: caseB,
      ...file,
      originalName: 'registry.pdf',
      subjectType: 'entity',
      subjectId: merged,
    }),
  );
});

describe('merging two records of one entity', () => {
  it('refuses what cannot be merged, naming the field, and changes nothing', () => {
    expectRefused(core, 'entities.merge', { survivorId: survivor, mergedId: survivor }, 'invalid_input', 'mergedId');
    expectRefused(core, 'entities.merge', { survivorId: survivor, mergedId: director }, 'invalid_input', 'mergedId');
    expectRefused(
      core,
      'entities.merge',
      { survivorId: survivor, mergedId: '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11' },
      'not_found',
      'mergedId',
    );
    expectRefused(core, 'entities.merge', { survivorId: survivor, mergedId: merged, mergedVersion: 99 }, 'conflict', 'version');
  });

  it('moves every link, role, seizure, detention and penalty to the survivor, and undoes exactly', () => {
    expect(checkOf(core.db).problems).toEqual([]);
    const before = business(core.db);
    const links = count(core.db, 'entity_links');
    const m = ok<EntityMerge>(core.invoke('entities.merge', { survivorId: survivor, mergedId: merged, note: 'Same registry' }));
    expect(m).toMatchObject({ survivorId: survivor, mergedId: merged, undoneAt: null, mergedBy: 'Test Officer' });
    expect(m.changed).toMatchObject({ entity_link: 3, case_entity: 2, seizure: 1, detention: 1, penalty: 1, entity: 2 });

    const db = core.db;
    // Nothing names the merged record any more, but the merged record itself and its evidence.
    const refs = db
      .prepare(
        `SELECT (SELECT count(*) FROM entity_links WHERE from_entity_id = @m OR to_entity_id = @m)
              + (SELECT count(*) FROM case_entities WHERE entity_id = @m)
              + (SELECT count(*) FROM seizures WHERE seized_from_entity_id = @m OR owner_entity_id = @m
                   OR EXISTS (SELECT 1 FROM json_each(claimant_entity_ids) WHERE value = @m))
              + (SELECT count(*) FROM detentions WHERE exporter_id = @m OR consignee_id = @m)
              + (SELECT count(*) FROM penalties WHERE entity_id = @m)`,
      )
      .pluck()
      .get({ m: merged });
    expect(refs).toBe(0);
    // The link between the two and the one said twice are gone; the others moved.
    expect(count(db, 'entity_links')).toBe(links - 2);
    expect(
      db.prepare("SELECT count(*) FROM entity_links WHERE from_entity_id = ? AND type = 'agent_for'").pluck().get(survivor),
    ).toBe(1);
    // One role each, nothing doubled.
    expect(db.prepare('SELECT case_id, role FROM case_entities WHERE entity_id = ? ORDER BY role').all(survivor)).toEqual([
      { case_id: caseA, role: 'consignee' },
      { case_id: caseB, role: 'suspect' },
    ]);
    const seizure = db.prepare('SELECT * FROM seizures WHERE case_id = ?').get(caseA) as Record<string, string>;
    expect([seizure.seized_from_entity_id, seizure.owner_entity_id, JSON.parse(seizure.claimant_entity_ids ?? '')]).toEqual([
      survivor,
      survivor,
      [survivor],
    ]);
    expect(db.prepare('SELECT consignee_id FROM detentions WHERE case_id = ?').pluck().get(caseB)).toBe(survivor);
    expect(db.prepare('SELECT entity_id FROM penalties WHERE case_id = ?').pluck().get(caseB)).toBe(survivor);
    // The survivor is found by the other's names; the merged one is out of the list, its evidence on the survivor's page.
    const view = ok<{ entity: { aliases: string[] } }>(core.invoke('entities.get', { id: survivor }));
    expect(view.entity.aliases).toEqual(['Ararat Trading', 'ARARAT TRADE OOO', 'ООО Арарат Трейд']);
    const listed = ok<{ rows: { id: string }[] }>(core.invoke('entities.list', { text: 'Ararat' })).rows.map((r) => r.id);
    expect(listed).toContain(survivor);
    expect(listed).not.toContain(merged);
    const evidence = ok<{ rows: { subjectId: string }[] }>(
      core.invoke('evidence.list', { caseId: caseB, subjectType: 'entity', subjectId: survivor }),
    );
    expect(evidence.rows.map((e) => e.subjectId)).toEqual([merged]);
    // A merged record takes no new link or role.
    expect(err(core.invoke('entities.link', { fromId: director, toId: merged, type: 'director_of', source: 'x' }))).toMatchObject(
      {
        field: 'toId',
        reason: 'entity.merged',
      },
    );
    expect(checkOf(db).problems).toEqual([]);

    const undone = ok<EntityMerge>(core.invoke('entities.unmerge', { id: m.id }));
    expect(undone.undoneAt).not.toBeNull();
    expect(business(db)).toEqual(before);
    expect(checkOf(db).problems).toEqual([]);
    expect(err(core.invoke('entities.unmerge', { id: m.id }))).toMatchObject({ reason: 'merge.already_undone' });
    // The merge and its undo stay in the trail: one record per changed row each way, and the merge's own.
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE method = 'entities.merge'").pluck().get()).toBe(11);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE method = 'entities.unmerge'").pluck().get()).toBe(11);
  });

  it('refuses to undo a merge when a row it changed was edited since, and changes nothing', () => {
    const m = ok<EntityMerge>(core.invoke('entities.merge', { survivorId: survivor, mergedId: merged }));
    ok(core.invoke('detentions.update', { id: detentionOf(caseB), reason: 'Consignee confirmed by the broker' }));
    const e = expectRefused(core, 'entities.unmerge', { id: m.id }, 'conflict', 'id');
    expect(e).toMatch(/changed after the merge/);
    expect(err(core.invoke('entities.unmerge', { id: m.id })).reason).toBe('merge.changed_since');
    expect(checkOf(core.db).problems).toEqual([]);
  });

  it('keeps a pair marked distinct out of the duplicate findings', () => {
    const a = create({ kind: 'person', givenName: 'Ivan', familyName: 'Petrov', dateOfBirth: '1970-01-02' });
    const b = create({ kind: 'person', givenName: 'Ivan', familyName: 'Petrov', dateOfBirth: '1970-01-02' });
    const [x, y] = a < b ? [a, b] : [b, a];
    core.db
      .prepare("INSERT INTO duplicate_candidates (entity_a, entity_b, score, reasons, found_at) VALUES (?, ?, 90, '[]', ?)")
      .run(x, y, '2026-03-15T12:00:00.000Z');
    const listed = () => ok<{ rows: { a: { id: string } }[] }>(core.invoke('duplicates.list', {})).rows.map((r) => r.a.id);
    expect(listed()).toContain(x);
    ok(core.invoke('entities.markDistinct', { aId: b, bId: a, note: 'Father and son' }));
    expect(listed()).not.toContain(x);
    expect(
      core.db.prepare('SELECT count(*) FROM entity_distinct_pairs WHERE entity_a = ? AND entity_b = ?').pluck().get(x, y),
    ).toBe(1);
  });
});

function detentionOf(caseId: string): string {
  return core.db.prepare('SELECT id FROM detentions WHERE case_id = ?').pluck().get(caseId) as string;
}
