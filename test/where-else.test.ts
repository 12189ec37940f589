/**
 * "Where else" on a crafted network with known answers: which cases are tied to a case (and to an
 * entity), by what, with what score and in what rank; a case two links away is not; a hub's
 * fan-out is capped and said so; bad input is refused with its field and reason.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { WhereElseResult } from '../db/api.ts';
import { findWhereElse, WHERE_ELSE_CAPS, WHERE_ELSE_WEIGHTS } from '../db/services/where-else.ts';
import { err, ok, tempDir } from './helpers.ts';

const dir = tempDir();
let core: Core;
const id: Record<string, string> = {};
const cases: Record<string, string> = {};

const MISSING = '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11';

beforeAll(async () => {
  core = await openCore(path.join(dir, 'where-else.db'), {
    clock: () => new Date('2026-03-15T12:00:00.000Z'),
    actor: { name: 'Amélie Tremblay', badge: 'CBSA-40127' },
  });
  const call = <T = { id: string }>(method: string, input: Record<string, unknown>) => ok<T>(core.invoke(method, input));
  const entity = (key: string, input: Record<string, unknown>) => (id[key] = call('entities.create', input).id);
  const newCase = (key: string, openedOn: string) => (cases[key] = call('cases.create', { title: `Case ${key}`, openedOn }).id);
  const role = (c: string, e: string, r: string) => call('cases.addEntity', { caseId: cases[c], entityId: id[e], role: r });
  const link = (type: string, from: string, to: string) =>
    call('entities.link', { type, fromId: id[from], toId: id[to], source: 'Registry extract' });
  const seize = (c: string, extra: Record<string, unknown>) =>
    call('seizures.create', {
      caseId: cases[c],
      seizedAt: '2026-02-01T10:00:00Z',
      place: 'Port of Montréal',
      items: [{ description: 'FPGAs', quantity: 10, value: { amountMinor: 100000, currency: 'CAD' } }],
      ...extra,
    });

  entity('front', { kind: 'organization', legalName: 'Tien Shan Trading FZE', country: 'AE', registrationNumber: 'FZE-1042' });
  entity('frontTwin', { kind: 'organization', legalName: 'Tienshan Trading', country: 'AE', registrationNumber: 'fze 1042' });
  entity('director', { kind: 'person', givenName: 'Nurlan', familyName: 'Abenov', nationality: 'KZ' });
  entity('claimant', { kind: 'person', givenName: 'Olga', familyName: 'Serova' });
  entity('vessel', { kind: 'conveyance', subtype: 'vessel', vesselName: 'MV Aral Star', imoNumber: '9074729' });
  entity('vesselTwin', { kind: 'conveyance', subtype: 'vessel', vesselName: 'Aral Star', imoNumber: 'IMO 9074729' });
  entity('address', { kind: 'address', lines: ['Office 12, JAFZA'], city: 'Dubai', country: 'AE' });
  entity('farOrg', { kind: 'organization', legalName: 'Two Hops Away LLC', country: 'AE' });
  entity('shipment', {
    kind: 'shipment',
    transportDocumentType: 'bill_of_lading',
    transportDocumentNumber: 'MSCU1234567',
  });
  entity('nominee', { kind: 'person', givenName: 'Q', familyName: 'Nominee' });
  entity('associate', { kind: 'organization', legalName: 'Loose Associate Ltd' });

  // A is the case asked about: the front company, its director, a seizure off the vessel, a claimant.
  newCase('A', '2026-01-10');
  role('A', 'front', 'subject');
  role('A', 'director', 'suspect');
  seize('A', { seizedFromEntityId: id.front, conveyanceEntityId: id.vessel, claimantEntityIds: [id.claimant] });
  link('director_of', 'director', 'front');
  link('located_at', 'front', 'address');
  link('shipper_of', 'front', 'shipment');
  link('director_of', 'nominee', 'front');
  link('associated', 'associate', 'director');
  // Two links from the front company (front -> address <- farOrg): must tie nothing.
  link('located_at', 'farOrg', 'address');

  // B: the front company itself, as exporter: 5.
  newCase('B', '2025-06-01');
  role('B', 'front', 'exporter');
  // C: another record of the front company, same registration number: 4.
  newCase('C', '2024-03-01');
  role('C', 'frontTwin', 'consignee');
  // D: the front company's shipment (2) and a nominee director penalized (2): 4, opened after C.
  newCase('D', '2025-09-01');
  role('D', 'shipment', 'subject');
  call('penalties.create', {
    caseId: cases.D,
    contraventionCode: 'C-101',
    entityId: id.nominee,
    amountMinor: 50000,
    currency: 'CAD',
    assessedOn: '2025-10-01',
  });
  // E: only the company two links away.
  newCase('E', '2026-02-01');
  role('E', 'farOrg', 'subject');
  // F: the director himself (5) and the same vessel under another record (4): 9.
  newCase('F', '2023-05-01');
  role('F', 'director', 'subject');
  seize('F', { conveyanceEntityId: id.vesselTwin });
  // G: the claimant of A's seizure claims here too: 5, opened before B.
  newCase('G', '2025-01-01');
  seize('G', { claimantEntityIds: [id.claimant] });
  // H: the director's loose associate as a detention's exporter: 1.
  newCase('H', '2025-02-01');
  call('detentions.create', {
    caseId: cases.H,
    subject: 'goods',
    startedAt: '2025-02-02T09:00:00Z',
    exporterId: id.associate,
  });
});
afterAll(() => core.close());

const whereElse = (caseId: string, limit?: number) =>
  ok<WhereElseResult>(core.invoke('cases.whereElse', limit === undefined ? { caseId } : { caseId, limit }));
const ranked = (r: WhereElseResult) =>
  r.results.map((x) => [Object.entries(cases).find(([, v]) => v === x.case.id)?.[0], x.score]);

describe('cases.whereElse', () => {
  it('ranks the tied cases by score, ties broken by the most recent, and leaves out a case two links away', () => {
    const r = whereElse(cases.A ?? '');
    expect(ranked(r)).toEqual([
      ['F', 9],
      ['B', 5],
      ['G', 5],
      ['D', 4],
      ['C', 4],
      ['H', 1],
    ]);
    expect(r.total).toBe(6);
    expect(r.truncated).toEqual([]);
    expect(r.results.map((x) => x.case.id)).not.toContain(cases.E);
    expect(r.results.map((x) => x.case.id)).not.toContain(cases.A);
  });

  it('lists the shared items of each case: what ties it, through which entity of ours and theirs, with their roles', () => {
    const r = whereElse(cases.A ?? '');
    const of = (key: string) => r.results.find((x) => x.case.id === cases[key]);
    const f = of('F');
    expect(f?.case).toMatchObject({ fileNumber: expect.stringMatching(/^2023-EXP-/), title: 'Case F', status: 'open' });
    expect(f?.shared.map((s) => [s.tie, s.ours.id, s.theirs.id, s.theirRoles, s.weight])).toEqual([
      ['entity', id.director, id.director, ['subject'], 5],
      ['identifier', id.vessel, id.vesselTwin, ['seizure_conveyance'], 4],
    ]);
    expect(f?.shared[1]).toMatchObject({ scheme: 'imo', value: '9074729' });
    expect(of('C')?.shared).toEqual([
      expect.objectContaining({ tie: 'identifier', scheme: 'registration', value: 'AE:FZE1042', theirRoles: ['consignee'] }),
    ]);
    expect(of('G')?.shared).toEqual([
      expect.objectContaining({ tie: 'entity', theirs: expect.objectContaining({ name: 'Olga Serova' }) }),
    ]);
    expect(of('G')?.shared[0]?.theirRoles).toEqual(['seizure_claimant']);
    const d = of('D')?.shared.map((s) => [s.tie, s.linkType, s.direction, s.ours.id, s.theirs.id, s.theirRoles]);
    expect(d).toEqual(
      expect.arrayContaining([
        ['link', 'shipper_of', 'out', id.front, id.shipment, ['subject']],
        ['link', 'director_of', 'in', id.front, id.nominee, expect.arrayContaining(['penalty_entity'])],
      ]),
    );
    expect(of('H')?.shared).toEqual([
      expect.objectContaining({ tie: 'link', linkType: 'associated', weight: WHERE_ELSE_WEIGHTS.link.associated }),
    ]);
    expect(of('H')?.shared[0]?.theirRoles).toEqual(['detention_exporter']);
  });

  it('keeps the first `limit` cases and says how many there are', () => {
    const r = whereElse(cases.A ?? '', 2);
    expect(ranked(r)).toEqual([
      ['F', 9],
      ['B', 5],
    ]);
    expect(r.total).toBe(6);
  });

  it('finds nothing for a case with no entities', () => {
    const lonely = ok<{ id: string }>(core.invoke('cases.create', { title: 'No parties yet' })).id;
    expect(whereElse(lonely)).toEqual({ results: [], total: 0, truncated: [] });
  });

  it('is the exported function the bench times', () => {
    expect(findWhereElse(core.db, { caseId: cases.A ?? '' }, 50)).toEqual(whereElse(cases.A ?? ''));
  });

  it('refuses bad input with the field and a reason', () => {
    expect(err(core.invoke('cases.whereElse', { caseId: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'caseId',
      reason: 'record.not_found',
    });
    expect(err(core.invoke('cases.whereElse', { caseId: 'nope' }))).toMatchObject({ code: 'invalid_input', field: 'caseId' });
    for (const limit of [0, 201, 1.5, '5'])
      expect(err(core.invoke('cases.whereElse', { caseId: cases.A, limit }))).toMatchObject({
        code: 'invalid_input',
        field: 'limit',
      });
    expect(err(core.invoke('cases.whereElse', { caseId: cases.A, extra: 1 }))).toMatchObject({ field: 'extra' });
  });
});

describe('entities.whereElse', () => {
  it("ranks the entity's own cases, those of its twins and those one link away; not two links away", () => {
    const r = ok<WhereElseResult>(core.invoke('entities.whereElse', { entityId: id.front }));
    expect(ranked(r)).toEqual([
      ['A', 7],
      ['B', 5],
      ['D', 4],
      ['C', 4],
      ['F', 2],
    ]);
    const a = r.results[0];
    expect(a?.shared.map((s) => [s.tie, s.theirs.id, s.theirRoles])).toEqual([
      ['entity', id.front, ['subject', 'seizure_seized_from']],
      ['link', id.director, ['suspect']],
    ]);
  });

  it('refuses an entity that does not exist', () => {
    expect(err(core.invoke('entities.whereElse', { entityId: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'entityId',
      reason: 'record.not_found',
    });
  });
});

describe('a hub', () => {
  it('is followed only as far as the caps, and the answer says where it stopped', () => {
    const call = <T = { id: string }>(method: string, input: Record<string, unknown>) => ok<T>(core.invoke(method, input));
    const hub = call('entities.create', { kind: 'address', lines: ['1 Free Zone Road'], city: 'Dubai', country: 'AE' }).id;
    const hubCase = call('cases.create', { title: 'Hub case', openedOn: '2026-01-01' }).id;
    call('cases.addEntity', { caseId: hubCase, entityId: hub, role: 'subject' });
    const extra = 25;
    for (let i = 0; i < WHERE_ELSE_CAPS.linksPerEntity + extra; i++) {
      const org = call('entities.create', { kind: 'organization', legalName: `Shell Company ${i}` }).id;
      call('entities.link', { type: 'located_at', fromId: org, toId: hub, source: 'Registry extract' });
      if (i % 20 === 0) {
        const c = call('cases.create', { title: `Shell case ${i}`, openedOn: '2025-01-01' }).id;
        call('cases.addEntity', { caseId: c, entityId: org, role: 'subject' });
      }
    }
    const r = ok<WhereElseResult>(core.invoke('cases.whereElse', { caseId: hubCase }));
    expect(r.truncated).toEqual([
      { step: 'links', entity: expect.objectContaining({ id: hub }), limit: WHERE_ELSE_CAPS.linksPerEntity },
    ]);
    // Of the 12 shell cases, those of the first 200 links followed (10) are found.
    expect(r.total).toBe(10);
    expect(r.results.every((x) => x.score === WHERE_ELSE_WEIGHTS.link.located_at)).toBe(true);
  });
});
