/** The link chart's reads: graph.entity and graph.case, breadth-first over entity_links on a real SQLite file. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { Graph } from '../db/services/graph.ts';
import { neighbourhoodSql } from '../db/services/graph.ts';
import { err, lastAuditSeq, ok, tempDir } from './helpers.ts';

const dir = tempDir();
let core: Core;

const MISSING = '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11';
const entity = (input: Record<string, unknown>) => ok<{ id: string }>(core.invoke('entities.create', input)).id;
const org = (legalName: string) => entity({ kind: 'organization', legalName });
const person = (familyName: string) => entity({ kind: 'person', givenName: 'A.', familyName });
const address = (line: string) => entity({ kind: 'address', lines: [line], city: 'Yerevan', country: 'AM' });
const link = (type: string, fromId: string, toId: string, extra: Record<string, unknown> = {}) =>
  ok<{ id: string }>(core.invoke('entities.link', { type, fromId, toId, source: 'Registry extract', ...extra })).id;
const graphOf = (method: 'graph.entity' | 'graph.case', input: Record<string, unknown>) => ok<Graph>(core.invoke(method, input));
const hops = (g: Graph) => Object.fromEntries(g.nodes.map((n) => [n.id, n.hop]));

beforeAll(async () => {
  core = await openCore(path.join(dir, 'graph.db'), { actor: { name: 'Amélie Tremblay', badge: 'B-1' } });
});
afterAll(() => core.close());

describe('graph.entity', () => {
  // A -owns-> B <-director_of- C -located_at-> D <-located_at- E: every other link points back.
  let a = '';
  let b = '';
  let c = '';
  let d = '';
  let e = '';
  const ids: Record<string, string> = {};
  beforeAll(() => {
    a = person('Arakelyan');
    b = org('Ararat Logistics LLC');
    c = person('Petrosyan');
    d = address('12 Tigran Mets Ave');
    e = org('Yerevan Trading CJSC');
    ids.ab = link('owns', a, b, { shareBp: 5100, confidence: 'probable', validFrom: '2024-01-01', validTo: '2025-06-30' });
    ids.cb = link('director_of', c, b);
    ids.cd = link('located_at', c, d);
    ids.ed = link('located_at', e, d);
  });

  it('goes hop by hop, following links both ways, and counts the hops', () => {
    expect(hops(graphOf('graph.entity', { entityId: a, hops: 1 }))).toEqual({ [a]: 0, [b]: 1 });
    // B is reached along A's outgoing link, C along B's incoming one.
    expect(hops(graphOf('graph.entity', { entityId: a }))).toEqual({ [a]: 0, [b]: 1, [c]: 2 });
    expect(hops(graphOf('graph.entity', { entityId: a, hops: 3 }))).toEqual({ [a]: 0, [b]: 1, [c]: 2, [d]: 3 });
    expect(hops(graphOf('graph.entity', { entityId: a, hops: 4 }))).toEqual({ [a]: 0, [b]: 1, [c]: 2, [d]: 3, [e]: 4 });
    // From the far end, against the arrows.
    expect(hops(graphOf('graph.entity', { entityId: e, hops: 2 }))).toEqual({ [e]: 0, [d]: 1, [c]: 2 });
    expect(hops(graphOf('graph.entity', { entityId: c, hops: 1 }))).toEqual({ [c]: 0, [b]: 1, [d]: 1 });
  });

  it('returns only the links between returned nodes, with their terms, and the nodes nearest first', () => {
    const g = graphOf('graph.entity', { entityId: a, hops: 2 });
    expect(g.links.map((l) => l.id).sort()).toEqual([ids.ab, ids.cb].sort());
    expect(g.links.find((l) => l.id === ids.ab)).toEqual({
      id: ids.ab,
      type: 'owns',
      fromId: a,
      toId: b,
      shareBp: 5100,
      confidence: 'probable',
      validFrom: '2024-01-01',
      validTo: '2025-06-30',
      source: 'Registry extract',
    });
    expect(g.nodes.map((n) => n.hop)).toEqual([0, 1, 2]);
    expect(g.nodes[1]).toEqual({
      id: b,
      kind: 'organization',
      subtype: null,
      name: 'Ararat Logistics LLC',
      country: null,
      hop: 1,
      caseRoles: [],
    });
    expect(g.truncated).toBe(false);
    // A link between two nodes of the last hop is returned too.
    const last = graphOf('graph.entity', { entityId: d, hops: 1 });
    expect(hops(last)).toEqual({ [d]: 0, [c]: 1, [e]: 1 });
    expect(last.links.map((l) => l.id).sort()).toEqual([ids.cd, ids.ed].sort());
  });

  it('stops at maxNodes and says the answer is cut; not when everything fits exactly', () => {
    const hub = address('1 Registered Agent Row');
    const tenants = Array.from({ length: 10 }, (_, i) => org(`Shell Company ${i + 1} Ltd`));
    for (const t of tenants) link('located_at', t, hub);
    const cut = graphOf('graph.entity', { entityId: hub, hops: 1, maxNodes: 5 });
    expect(cut.nodes).toHaveLength(5);
    expect(cut.truncated).toBe(true);
    expect(cut.nodes[0]?.id).toBe(hub);
    const shown = new Set(cut.nodes.map((n) => n.id));
    expect(cut.links).toHaveLength(4);
    for (const l of cut.links) expect(shown.has(l.fromId) && shown.has(l.toId)).toBe(true);

    const exact = graphOf('graph.entity', { entityId: hub, hops: 1, maxNodes: 11 });
    expect(exact.nodes).toHaveLength(11);
    expect(exact.truncated).toBe(false);
    expect(graphOf('graph.entity', { entityId: hub, hops: 1, maxNodes: 1 })).toMatchObject({
      truncated: true,
      nodes: [{ id: hub }],
    });
    // Cut in the second direction: one tenant owns another, so the hub is reached out and the rest in.
    link('owns', tenants[0] ?? '', tenants[1] ?? '');
    const second = graphOf('graph.entity', { entityId: tenants[0] ?? '', hops: 2, maxNodes: 4 });
    expect(second.nodes).toHaveLength(4);
    expect(second.truncated).toBe(true);
  });

  it('finds every link among the shown nodes when one of them has more links than the chart has nodes', () => {
    // The holding owns twelve companies: more than the five nodes shown, so its links are sought pair by pair.
    const holding = org('Caspian Holding Group');
    const owned = Array.from({ length: 12 }, (_, i) => org(`Caspian Subsidiary ${i + 1}`));
    for (const o of owned) link('owns', holding, o);
    link('agent_for', owned[1] ?? '', owned[0] ?? '');
    const g = graphOf('graph.entity', { entityId: owned[0] ?? '', hops: 2, maxNodes: 5 });
    expect(g.nodes).toHaveLength(5);
    expect(g.truncated).toBe(true);
    const shown = g.nodes.map((n) => n.id);
    const all = core.db
      .prepare(
        'SELECT id FROM entity_links WHERE from_entity_id IN (SELECT value FROM json_each(?)) AND to_entity_id IN (SELECT value FROM json_each(?)) ORDER BY seq',
      )
      .pluck()
      .all(JSON.stringify(shown), JSON.stringify(shown));
    expect(g.links.map((l) => l.id)).toEqual(all);
    expect(g.links.filter((l) => l.fromId === holding).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an unknown entity with not_found, and bad hops or maxNodes with their field, writing nothing', () => {
    const seq = lastAuditSeq(core.db);
    expect(err(core.invoke('graph.entity', { entityId: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'entityId',
      reason: 'record.not_found',
      params: { recordType: 'entity', id: MISSING },
    });
    for (const bad of [0, 5, 1.5, '2', null, -1]) {
      const e1 = err(core.invoke('graph.entity', { entityId: a, hops: bad }));
      expect(e1, `hops ${String(bad)}`).toMatchObject({ code: 'invalid_input', field: 'hops' });
      expect(e1.reason).toBeTruthy();
    }
    for (const bad of [0, 1001, 2.5, 'all']) {
      expect(err(core.invoke('graph.entity', { entityId: a, maxNodes: bad })), `maxNodes ${String(bad)}`).toMatchObject({
        code: 'invalid_input',
        field: 'maxNodes',
      });
    }
    expect(err(core.invoke('graph.entity', { entityId: 'not-a-uuid' }))).toMatchObject({ field: 'entityId' });
    expect(err(core.invoke('graph.entity', { entityId: a, depth: 2 }))).toMatchObject({ field: 'depth' });
    expect(lastAuditSeq(core.db)).toBe(seq);
  });
});

describe('graph.case', () => {
  it('starts from every party of the case: roles, seizures, detentions and penalties, with their roles', () => {
    const c = ok<{ id: string }>(core.invoke('cases.create', { title: 'FPGAs diverted via Armenia', openedOn: '2026-01-05' })).id;
    const subject = org('Laurentian Microsystems Inc.');
    const seizedFrom = person('Grigoryan');
    const owner = org('Owner Holdings Ltd');
    const claimant1 = org('Claimant One LLC');
    const claimant2 = person('Sargsyan');
    const vessel = entity({ kind: 'conveyance', subtype: 'vessel', vesselName: 'MSC Aurora' });
    const exporter = subject;
    const consignee = org('Ararat Trade LLC');
    const penalized = org('Penalized Freight Inc.');
    const neighbour = person('Hakobyan');
    const farther = org('Far Away Holdings');
    const stranger = org('Unrelated Corp');
    link('director_of', neighbour, consignee);
    link('owns', neighbour, farther);
    link('associated', stranger, farther);

    ok(core.invoke('cases.addEntity', { caseId: c, entityId: subject, role: 'subject' }));
    ok(core.invoke('cases.addEntity', { caseId: c, entityId: subject, role: 'exporter' }));
    ok(
      core.invoke('seizures.create', {
        caseId: c,
        seizedAt: '2026-03-01T12:00:00Z',
        place: 'Port of Montréal',
        seizedFromEntityId: seizedFrom,
        ownerEntityId: owner,
        claimantEntityIds: [claimant1, claimant2],
        conveyanceEntityId: vessel,
        items: [{ description: 'FPGAs', quantity: 4, unit: 'piece', value: { amountMinor: 480_000, currency: 'USD' } }],
      }),
    );
    ok(
      core.invoke('detentions.create', {
        caseId: c,
        subject: 'shipment',
        startedAt: '2026-03-01T12:00:00Z',
        exporterId: exporter,
        consigneeId: consignee,
      }),
    );
    ok(
      core.invoke('penalties.create', {
        caseId: c,
        contraventionCode: 'C152',
        entityId: penalized,
        amountMinor: 150_000,
        currency: 'CAD',
        assessedOn: '2026-03-01',
      }),
    );
    // The penalized party joined the case as a subject; without that role it is still a party through its penalty.
    ok(core.invoke('cases.removeEntity', { caseId: c, entityId: penalized, role: 'subject' }));

    const seeds = graphOf('graph.case', { caseId: c, hops: 0 });
    const rolesOf = Object.fromEntries(seeds.nodes.map((n) => [n.id, n.caseRoles]));
    expect(rolesOf).toEqual({
      [subject]: ['subject', 'exporter', 'detention_exporter'],
      [seizedFrom]: ['seized_from'],
      [owner]: ['seizure_owner'],
      [claimant1]: ['seizure_claimant'],
      [claimant2]: ['seizure_claimant'],
      [vessel]: ['seizure_conveyance'],
      [consignee]: ['detention_consignee'],
      [penalized]: ['penalized'],
    });
    expect(seeds.nodes.every((n) => n.hop === 0)).toBe(true);
    expect(seeds.nodes.find((n) => n.id === vessel)).toMatchObject({ kind: 'conveyance', subtype: 'vessel', name: 'MSC Aurora' });

    // One hop (the default) reaches the consignee's director, with no role; two reach what he owns.
    const one = graphOf('graph.case', { caseId: c });
    expect(hops(one)[neighbour]).toBe(1);
    expect(one.nodes.find((n) => n.id === neighbour)?.caseRoles).toEqual([]);
    expect(hops(one)[farther]).toBeUndefined();
    const two = graphOf('graph.case', { caseId: c, hops: 2 });
    expect(hops(two)[farther]).toBe(2);
    expect(hops(two)[stranger]).toBeUndefined();
    expect(hops(graphOf('graph.case', { caseId: c, hops: 3 }))[stranger]).toBe(3);

    // More parties than maxNodes: the first ones, cut.
    const cut = graphOf('graph.case', { caseId: c, hops: 2, maxNodes: 3 });
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.nodes).toHaveLength(3);
  });

  it('is empty for a case with no entities yet; refuses an unknown case and bad hops', () => {
    const c = ok<{ id: string }>(core.invoke('cases.create', { title: 'Nothing yet' })).id;
    expect(graphOf('graph.case', { caseId: c })).toEqual({ nodes: [], links: [], truncated: false });
    expect(err(core.invoke('graph.case', { caseId: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'caseId',
      reason: 'record.not_found',
    });
    for (const bad of [-1, 5, 0.5]) {
      expect(err(core.invoke('graph.case', { caseId: c, hops: bad }))).toMatchObject({ code: 'invalid_input', field: 'hops' });
    }
  });
});

describe('the neighbourhood statements', () => {
  const plan = (text: string, params: Record<string, unknown>) =>
    (core.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
  const ids = JSON.stringify([MISSING]);

  it('walk an index of the near end outward and inward, never the whole table; a hub is sought pair by pair', () => {
    const out = plan(neighbourhoodSql.outgoing, { frontier: ids, visited: ids, limit: 10 });
    expect(out).toMatch(/SEARCH entity_links USING (COVERING )?INDEX entity_links_(from|pair) \(from_entity_id=\?\)/);
    const inward = plan(neighbourhoodSql.incoming, { frontier: ids, visited: ids, limit: 10 });
    expect(inward).toMatch(/SEARCH entity_links USING INDEX entity_links_to \(to_entity_id=\?\)/);
    const from = plan(neighbourhoodSql.linksFrom, { from: MISSING, limit: 10 });
    expect(from).toMatch(/SEARCH l USING INDEX entity_links_(from|pair) \(from_entity_id=\?\)/);
    const pair = plan(neighbourhoodSql.linksFromTo, { from: MISSING, ids });
    expect(pair).toMatch(/SEARCH l USING INDEX entity_links_pair \(from_entity_id=\? AND to_entity_id=\?\)/);
    expect(plan(neighbourhoodSql.nodes, { ids })).toMatch(/SEARCH entities USING INDEX sqlite_autoindex_entities_1 \(id=\?\)/);
    for (const text of [out, inward, from, pair]) expect(text).not.toMatch(/SCAN (entity_links|l)\b/);
  });
});
