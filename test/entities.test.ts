import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { Db } from '../db/sqlite.ts';
import { canonicalJson, loadRaw, type AuditRow } from '../db/audit.ts';
import { checkOf } from './helpers.ts';
import {
  CASE_ROLES,
  CASE_ROLE_KINDS,
  ENTITY_KINDS,
  ENTITY_SORT_COLUMNS,
  LINK_ENDPOINTS,
  LINK_TYPES,
  SAME_KIND_LINKS,
  type EntityKind,
  type EntitySortColumn,
} from '../db/shared/domain.ts';
import type { Case, CaseEntity, Entity, EntityLink, EntityListRow, EntityView } from '../db/api.ts';
import { entityListInput } from '../db/shared/inputs/entities.ts';
import { containerCheckDigit, containerProblem, imoCheckDigit, imoProblem } from '../db/shared/inputs/identifiers.ts';
import { entityListSql } from '../db/services/entities.ts';
import { caseEntitiesSql } from '../db/services/case-entities.ts';
import { seedCases } from '../db/seed/cases.ts';
import { recentCaseIds, seedEntities } from '../db/seed/entities.ts';
import { Random } from '../db/seed/random.ts';
import { auditRows, chainProblem, err, lastAuditSeq, ok, steppingClock, tempDir } from './helpers.ts';
import { explainList } from '../db/list-sql.ts';

const dir = tempDir();
let n = 0;
const cores: Core[] = [];
afterAll(() => cores.forEach((c) => c.close()));

const TODAY = '2026-03-15';
const fixedClock = () => new Date(`${TODAY}T12:00:00.000Z`);

async function newCore(clock: () => Date = fixedClock): Promise<Core> {
  const core = await openCore(path.join(dir, `entities-${++n}.db`), {
    clock,
    actor: { name: 'Jeanne Tremblay', badge: 'B-4411' },
  });
  cores.push(core);
  return core;
}

/** Every table a write of this area may touch, for before/after comparisons. */
function snapshot(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['cases', 'audit_log', 'record_state', 'entities', 'entity_links', 'case_entities']) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
  }
  out.fts = db.prepare('SELECT rowid FROM entities_fts WHERE entities_fts MATCH \'"kaz"\' ORDER BY 1').all();
  return out;
}

const create = (core: Core, input: Record<string, unknown>): Entity => ok<Entity>(core.invoke('entities.create', input));

const samples = {
  person: {
    kind: 'person',
    givenName: 'Nurlan',
    familyName: 'Abenov',
    aliases: ['Nurlan Abenuly'],
    dateOfBirth: '1979-04-02',
    nationality: 'kz',
    identityDocuments: [{ type: 'passport', number: 'N12345678', country: 'KZ', expires: '2029-01-31' }],
  },
  organization: {
    kind: 'organization',
    legalName: 'Kazakh Trade Link LLP',
    aliases: ['KTL'],
    registrationNumber: 'BIN 180440012345',
    country: 'KZ',
  },
  address: { kind: 'address', lines: ['77 Abay Avenue', 'Office 412'], city: 'Almaty', postalCode: '050000', country: 'KZ' },
  vessel: {
    kind: 'conveyance',
    subtype: 'vessel',
    vesselName: 'Caspian Breeze',
    imoNumber: 'IMO 9074729',
    callSign: 'v7ab2',
    flag: 'MH',
  },
  aircraft: {
    kind: 'conveyance',
    subtype: 'aircraft',
    registration: 'up-i7601',
    aircraftType: 'Ilyushin Il-76TD',
    country: 'KZ',
  },
  vehicle: {
    kind: 'conveyance',
    subtype: 'vehicle',
    plate: 'a123bc',
    plateCountry: 'RU',
    description: 'Volvo FH tractor, white',
  },
  container: { kind: 'conveyance', subtype: 'container', containerNumber: 'CSQU 305438 3', sizeType: '45g1' },
  shipment: {
    kind: 'shipment',
    transportDocumentType: 'bill_of_lading',
    transportDocumentNumber: 'MEDU123456789',
    exportDeclarationNumber: 'X20251103123456',
    declaredValue: { amountMinor: 4_812_500, currency: 'USD' },
    originCountry: 'CA',
    destinationCountry: 'KZ',
    route: ['NL', 'GE'],
    declaredPermitNumber: '',
    shippedOn: '2025-11-03',
    goods: [
      {
        description: 'FPGAs, Virtex UltraScale+',
        quantity: 120,
        unit: 'pcs',
        hsCode: '8542.39',
        eccn: '3a001.a.7',
        countryOfOrigin: 'US',
        value: { amountMinor: 4_200_000, currency: 'USD' },
      },
      {
        description: 'GNSS receivers',
        quantity: 40,
        unit: 'pcs',
        hsCode: '852691',
        eccn: '7A994',
        countryOfOrigin: 'CA',
        value: { amountMinor: 612_500, currency: 'USD' },
      },
    ],
  },
} as const;

describe('identifiers with check digits', () => {
  it('computes IMO check digits (weights 7..2, sum mod 10)', () => {
    expect(imoCheckDigit('907472')).toBe(9);
    expect(imoProblem('IMO 9074729')).toBeNull();
    expect(imoProblem('9074729')).toBeNull();
    for (let d = 0; d <= 9; d++) if (d !== 9) expect(imoProblem(`907472${d}`)).toMatch(/check digit.*should be 9/);
    expect(imoProblem('907472')).toMatch(/7 digits/);
  });

  it('computes ISO 6346 check digits (letter values skip multiples of 11, weights 2^i, mod 11 mod 10)', () => {
    expect(containerCheckDigit('CSQU305438')).toBe(3);
    expect(containerProblem('CSQU3054383')).toBeNull();
    expect(containerProblem('MSKU9070323')).toBeNull();
    expect(containerProblem('TGHU8341120')).toMatch(/should be 4/);
    expect(containerProblem('CSQU3054384')).toMatch(/ISO 6346 check digit.*should be 3/);
    expect(containerProblem('CSQX3054383')).toMatch(/equipment category/);
    expect(containerProblem('CS3054383')).toMatch(/owner code/);
  });
});

describe('entities.create', () => {
  let core: Core;
  beforeAll(async () => {
    core = await newCore();
  });

  it('records each kind, normalizes identifiers and derives the name and country', () => {
    const p = create(core, samples.person);
    expect(p).toMatchObject({
      kind: 'person',
      name: 'Nurlan Abenov',
      country: 'KZ',
      nationality: 'KZ',
      aliases: ['Nurlan Abenuly'],
      identityDocuments: [{ type: 'passport', number: 'N12345678', country: 'KZ', expires: '2029-01-31' }],
      notes: '',
      version: 1,
      createdAt: `${TODAY}T12:00:00.000Z`,
      updatedAt: `${TODAY}T12:00:00.000Z`,
    });
    expect(create(core, samples.organization)).toMatchObject({
      name: 'Kazakh Trade Link LLP',
      country: 'KZ',
      registrationNumber: 'BIN 180440012345',
    });
    expect(create(core, samples.address)).toMatchObject({
      name: '77 Abay Avenue, Office 412, 050000 Almaty',
      country: 'KZ',
      region: '',
    });
    expect(create(core, samples.vessel)).toMatchObject({
      subtype: 'vessel',
      name: 'Caspian Breeze',
      imoNumber: '9074729',
      callSign: 'V7AB2',
      country: 'MH',
    });
    expect(create(core, samples.aircraft)).toMatchObject({ name: 'UP-I7601', registration: 'UP-I7601', country: 'KZ' });
    expect(create(core, samples.vehicle)).toMatchObject({ name: 'A123BC', country: 'RU' });
    expect(create(core, samples.container)).toMatchObject({
      name: 'CSQU3054383',
      containerNumber: 'CSQU3054383',
      sizeType: '45G1',
      country: null,
    });
    const s = create(core, samples.shipment);
    expect(s).toMatchObject({
      name: 'MEDU123456789',
      country: 'KZ',
      route: ['NL', 'GE'],
      declaredValue: { amountMinor: 4_812_500, currency: 'USD' },
    });
    if (s.kind !== 'shipment') throw new Error('a shipment');
    expect(s.goods[0]).toEqual({
      description: 'FPGAs, Virtex UltraScale+',
      quantity: 120,
      unit: 'pcs',
      hsCode: '854239',
      eccn: '3A001.a.7',
      countryOfOrigin: 'US',
      value: { amountMinor: 4_200_000, currency: 'USD' },
    });
    // entities.get gives back exactly what create returned.
    expect(ok<EntityView>(core.invoke('entities.get', { id: s.id })).entity).toEqual(s);
  });

  it('applies defaults: empty text, empty lists, null', () => {
    expect(create(core, { kind: 'organization', legalName: 'Golden Bridge Logistics Ltd' })).toMatchObject({
      aliases: [],
      registrationNumber: '',
      country: null,
      notes: '',
    });
    expect(create(core, { kind: 'shipment', exportDeclarationNumber: 'CERS20250101000001' })).toMatchObject({
      name: 'CERS20250101000001',
      transportDocumentType: null,
      transportDocumentNumber: '',
      goods: [],
      route: [],
      declaredValue: null,
    });
    expect(create(core, { kind: 'person', familyName: 'Petrosyan' }).name).toBe('Petrosyan');
    const line = create(core, { kind: 'shipment', exportDeclarationNumber: 'E1', goods: [{ description: 'Servo motors' }] });
    expect(line.kind === 'shipment' && line.goods[0]).toEqual({
      description: 'Servo motors',
      quantity: null,
      unit: '',
      hsCode: null,
      eccn: null,
      countryOfOrigin: null,
      value: null,
    });
  });

  const goods = (line: Record<string, unknown>) => ({
    ...samples.shipment,
    goods: [{ description: 'Thermal cameras', ...line }],
  });

  /** [label, input, field, message pattern] */
  const bad: [string, Record<string, unknown>, string, RegExp][] = [
    ['unknown kind', { kind: 'vessel', vesselName: 'X' }, 'kind', /Invalid option/],
    ['unknown conveyance type', { kind: 'conveyance', subtype: 'boat', vesselName: 'X' }, 'subtype', /Invalid option/],
    ['conveyance without its type', { kind: 'conveyance', vesselName: 'X' }, 'subtype', /Invalid discriminator/],
    ['a field of another kind', { ...samples.person, legalName: 'X' }, 'legalName', /Unknown field \(not a field of this kind\)/],
    ['a subtype on another kind', { ...samples.organization, subtype: 'vessel' }, 'subtype', /Unknown field/],
    ['unknown field', { ...samples.organization, website: 'x' }, 'website', /Unknown field/],
    ['person without a name', { kind: 'person', givenName: ' ', familyName: '' }, 'familyName', /family name or a given name/],
    ['nationality not ISO', { ...samples.person, nationality: 'XX' }, 'nationality', /XX is not an ISO 3166 country code/],
    ['nationality alpha-3', { ...samples.person, nationality: 'KAZ' }, 'nationality', /two-letter ISO 3166/],
    ['nationality a grouping', { ...samples.person, nationality: 'EU' }, 'nationality', /not an ISO 3166 country/],
    ['impossible birth date', { ...samples.person, dateOfBirth: '1979-02-30' }, 'dateOfBirth', /date/i],
    ['birth in the future', { ...samples.person, dateOfBirth: '2026-03-16' }, 'dateOfBirth', /future/],
    [
      'identity document type',
      { ...samples.person, identityDocuments: [{ type: 'library_card', number: '1', country: 'KZ' }] },
      'identityDocuments.0.type',
      /Invalid option/,
    ],
    [
      'identity document number',
      { ...samples.person, identityDocuments: [{ type: 'passport', number: ' ', country: 'KZ' }] },
      'identityDocuments.0.number',
      /Required/,
    ],
    [
      'identity document country',
      { ...samples.person, identityDocuments: [{ type: 'passport', number: 'N1', country: 'ZZ' }] },
      'identityDocuments.0.country',
      /not an ISO 3166/,
    ],
    [
      'identity document expiry',
      { ...samples.person, identityDocuments: [{ type: 'passport', number: 'N1', country: 'KZ', expires: '31/01/2029' }] },
      'identityDocuments.0.expires',
      /date/i,
    ],
    ['empty alias', { ...samples.person, aliases: [''] }, 'aliases.0', /Required/],
    ['organization without a legal name', { ...samples.organization, legalName: '' }, 'legalName', /Required/],
    ['organization country', { ...samples.organization, country: 'kzz' }, 'country', /two-letter/],
    ['address without lines', { ...samples.address, lines: [] }, 'lines', /at least one line/],
    ['address with 5 lines', { ...samples.address, lines: ['a', 'b', 'c', 'd', 'e'] }, 'lines', /4/],
    [
      'IMO check digit',
      { ...samples.vessel, imoNumber: '9074728' },
      'imoNumber',
      /IMO check digit does not match: the last digit should be 9/,
    ],
    ['IMO length', { ...samples.vessel, imoNumber: 'IMO 907472' }, 'imoNumber', /7 digits/],
    ['vessel flag', { ...samples.vessel, flag: 'QQ' }, 'flag', /not an ISO 3166/],
    ['vessel without a name', { ...samples.vessel, vesselName: '' }, 'vesselName', /Required/],
    ['vessel field on an aircraft', { ...samples.aircraft, imoNumber: '9074729' }, 'imoNumber', /Unknown field/],
    ['aircraft registration', { ...samples.aircraft, registration: '' }, 'registration', /Required/],
    ['vehicle plate', { ...samples.vehicle, plate: '  ' }, 'plate', /Required/],
    [
      'container check digit',
      { ...samples.container, containerNumber: 'CSQU3054384' },
      'containerNumber',
      /ISO 6346 check digit does not match: the last digit should be 3/,
    ],
    ['container category', { ...samples.container, containerNumber: 'CSQA3054383' }, 'containerNumber', /equipment category/],
    ['container size/type code', { ...samples.container, sizeType: '4G' }, 'sizeType', /4 characters/],
    [
      'shipment without numbers',
      { kind: 'shipment', declaredPermitNumber: 'EXP-1' },
      'transportDocumentNumber',
      /bill of lading/,
    ],
    [
      'transport document number without its type',
      { kind: 'shipment', transportDocumentNumber: 'MEDU1' },
      'transportDocumentType',
      /which transport document/,
    ],
    ['transport document type', { ...samples.shipment, transportDocumentType: 'fax' }, 'transportDocumentType', /Invalid option/],
    [
      'declared value currency unknown',
      { ...samples.shipment, declaredValue: { amountMinor: 100, currency: 'XYZ' } },
      'declaredValue.currency',
      /Not an ISO 4217 currency code/,
    ],
    [
      'declared value currency lower case',
      { ...samples.shipment, declaredValue: { amountMinor: 100, currency: 'usd' } },
      'declaredValue.currency',
      /three-letter ISO 4217/,
    ],
    [
      'declared value as a float',
      { ...samples.shipment, declaredValue: { amountMinor: 48125.5, currency: 'USD' } },
      'declaredValue.amountMinor',
      /expected int/,
    ],
    [
      'declared value negative',
      { ...samples.shipment, declaredValue: { amountMinor: -1, currency: 'USD' } },
      'declaredValue.amountMinor',
      />=0|too small/i,
    ],
    [
      'declared value without currency',
      { ...samples.shipment, declaredValue: { amountMinor: 100 } },
      'declaredValue.currency',
      /expected string/,
    ],
    ['origin country', { ...samples.shipment, originCountry: 'Canada' }, 'originCountry', /two-letter/],
    ['route country', { ...samples.shipment, route: ['NL', 'XX'] }, 'route.1', /not an ISO 3166/],
    ['shipped on', { ...samples.shipment, shippedOn: '2025-11-31' }, 'shippedOn', /date/i],
    ['goods description', goods({ description: '' }), 'goods.0.description', /Required/],
    ['HS code too short', goods({ hsCode: '8525' }), 'goods.0.hsCode', /at least 6 digits/],
    ['HS code odd length', goods({ hsCode: '8525891' }), 'goods.0.hsCode', /6, 8 or 10 digits/],
    ['HS code with letters', goods({ hsCode: '85a589' }), 'goods.0.hsCode', /digits only/],
    ['HS code too long', goods({ hsCode: '852589000012' }), 'goods.0.hsCode', /at most 10 digits/],
    ['ECCN that is an HS code', goods({ eccn: '852589' }), 'goods.0.eccn', /looks like an HS code, not an ECCN/],
    ['ECCN category', goods({ eccn: 'A6003' }), 'goods.0.eccn', /starts with its category/],
    ['ECCN group', goods({ eccn: '6F003' }), 'goods.0.eccn', /product group, a letter A-E/],
    ['ECCN digits', goods({ eccn: '6A03' }), 'goods.0.eccn', /three digits after the product group/],
    ['ECCN suffix', goods({ eccn: '6A003-b' }), 'goods.0.eccn', /paragraph suffix/],
    ['goods quantity zero', goods({ quantity: 0, unit: 'pcs' }), 'goods.0.quantity', /at least 1/],
    ['goods quantity fractional', goods({ quantity: 2.5, unit: 'kg' }), 'goods.0.quantity', /whole number of units/],
    ['goods quantity without unit', goods({ quantity: 3 }), 'goods.0.unit', /needs its unit/],
    ['goods value currency', goods({ value: { amountMinor: 100, currency: 'CA$' } }), 'goods.0.value.currency', /ISO 4217/],
    ['goods value float', goods({ value: { amountMinor: 0.1, currency: 'CAD' } }), 'goods.0.value.amountMinor', /expected int/],
    ['goods country of origin', goods({ countryOfOrigin: 'USA' }), 'goods.0.countryOfOrigin', /two-letter/],
    ['notes too long', { ...samples.organization, notes: 'x'.repeat(20001) }, 'notes', /20000/],
  ];

  it.each(bad)('refuses %s: invalid_input naming the field, nothing changed', (_label, input, field, message) => {
    const before = snapshot(core.db);
    const e = err(core.invoke('entities.create', input));
    expect(e.code).toBe('invalid_input');
    expect(e.field).toBe(field);
    expect(e.message).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}: `));
    expect(e.message).toMatch(message);
    expect(snapshot(core.db)).toEqual(before);
  });

  it('accepts the edges: EAR99, 10-digit HS codes, ECCN suffixes, a zero value, XK (Kosovo)', () => {
    const s = create(core, {
      kind: 'shipment',
      exportDeclarationNumber: 'E2',
      destinationCountry: 'XK',
      goods: [
        { description: 'Ball bearings', hsCode: '8482.10.50.00', eccn: 'ear99', value: { amountMinor: 0, currency: 'JPY' } },
        { description: 'Microcircuits', hsCode: '85423190', eccn: '3A001.a.1.c' },
      ],
    });
    expect(s.kind === 'shipment' && s.goods.map((g) => [g.hsCode, g.eccn])).toEqual([
      ['8482105000', 'EAR99'],
      ['85423190', '3A001.a.1.c'],
    ]);
  });
});

describe('entities.update', () => {
  let core: Core;
  beforeAll(async () => {
    core = await newCore(steppingClock('2026-03-15T09:00:00.000Z', 1000));
  });

  it('changes only the fields given, bumps the version and keeps the list columns and search in step', () => {
    const o = create(core, samples.organization);
    const u = ok<Entity>(
      core.invoke('entities.update', {
        kind: 'organization',
        id: o.id,
        version: 1,
        legalName: 'Altyn Steppe LLP',
        country: 'kg',
      }),
    );
    expect(u).toMatchObject({
      ...o,
      legalName: 'Altyn Steppe LLP',
      name: 'Altyn Steppe LLP',
      country: 'KG',
      version: 2,
      updatedAt: u.updatedAt,
    });
    expect(u.updatedAt > o.updatedAt).toBe(true);
    const texts = (text: string) => ok<{ rows: EntityListRow[] }>(core.invoke('entities.list', { text })).rows.map((r) => r.id);
    expect(texts('Kazakh')).toEqual([]);
    expect(texts('Steppe')).toEqual([o.id]);
    expect(texts('KTL')).toEqual([o.id]);
    expect(ok<{ rows: EntityListRow[] }>(core.invoke('entities.list', { country: ['KG'] })).rows.map((r) => r.id)).toEqual([
      o.id,
    ]);
  });

  it('edits nested lists and conveyance fields, still validated', () => {
    const v = create(core, samples.vessel);
    const u = ok<Entity>(
      core.invoke('entities.update', { kind: 'conveyance', subtype: 'vessel', id: v.id, flag: 'PA', imoNumber: null }),
    );
    expect(u).toMatchObject({ imoNumber: null, flag: 'PA', country: 'PA', version: 2 });
    const e = err(core.invoke('entities.update', { kind: 'conveyance', subtype: 'vessel', id: v.id, imoNumber: '1234568' }));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'imoNumber' });
    expect(e.message).toMatch(/should be 7/);
  });

  it('checks rules across fields on the merged entity', () => {
    const p = create(core, { kind: 'person', givenName: 'Armen', familyName: 'Hakobyan' });
    const before = snapshot(core.db);
    expect(err(core.invoke('entities.update', { kind: 'person', id: p.id, givenName: '', familyName: '' }))).toMatchObject({
      code: 'invalid_input',
      field: 'familyName',
    });
    const s = create(core, { kind: 'shipment', exportDeclarationNumber: 'E3' });
    const mid = snapshot(core.db);
    expect(err(core.invoke('entities.update', { kind: 'shipment', id: s.id, transportDocumentNumber: 'MAEU1' }))).toMatchObject({
      code: 'invalid_input',
      field: 'transportDocumentType',
    });
    expect(snapshot(core.db)).toEqual(mid);
    expect(before.entities).toHaveLength((mid.entities ?? []).length - 1);
    expect(
      ok<Entity>(
        core.invoke('entities.update', {
          kind: 'shipment',
          id: s.id,
          transportDocumentNumber: 'MAEU1',
          transportDocumentType: 'sea_waybill',
        }),
      ).name,
    ).toBe('MAEU1');
  });

  it('refuses a stale version, a change of kind or conveyance type, an unknown id, and changes nothing', () => {
    const o = create(core, samples.organization);
    ok(core.invoke('entities.update', { kind: 'organization', id: o.id, notes: 'Registered agent in Almaty' }));
    const v = create(core, samples.container);
    const before = snapshot(core.db);
    expect(err(core.invoke('entities.update', { kind: 'organization', id: o.id, version: 1, notes: 'x' }))).toMatchObject({
      code: 'conflict',
      field: 'version',
    });
    expect(err(core.invoke('entities.update', { kind: 'person', id: o.id, givenName: 'x' }))).toMatchObject({
      code: 'invalid_input',
      field: 'kind',
      message: "kind: an entity's kind cannot change (this one is an organization)",
    });
    expect(
      err(core.invoke('entities.update', { kind: 'conveyance', subtype: 'vessel', id: v.id, vesselName: 'x' })),
    ).toMatchObject({
      code: 'invalid_input',
      field: 'subtype',
    });
    expect(
      err(core.invoke('entities.update', { kind: 'organization', id: '00000000-0000-4000-8000-000000000000', notes: 'x' })),
    ).toMatchObject({ code: 'not_found' });
    expect(err(core.invoke('entities.update', { kind: 'organization', id: o.id, legalName: '' }))).toMatchObject({
      code: 'invalid_input',
      field: 'legalName',
    });
    expect(err(core.invoke('entities.update', { kind: 'organization', id: o.id, vesselName: 'x' }))).toMatchObject({
      code: 'invalid_input',
      field: 'vesselName',
    });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('writes nothing (no audit record, same version) when nothing changes', () => {
    const o = create(core, samples.organization);
    const seq = lastAuditSeq(core.db);
    const same = ok<Entity>(
      core.invoke('entities.update', { kind: 'organization', id: o.id, legalName: ' Kazakh Trade Link LLP ', aliases: ['KTL'] }),
    );
    expect(same).toEqual(o);
    expect(lastAuditSeq(core.db)).toBe(seq);
  });
});

describe('entities.link and entities.unlink', () => {
  let core: Core;
  const of: Partial<Record<EntityKind, Entity>> = {};
  const second: Partial<Record<EntityKind, Entity>> = {};
  beforeAll(async () => {
    core = await newCore();
    of.person = create(core, samples.person);
    of.organization = create(core, samples.organization);
    of.address = create(core, samples.address);
    of.conveyance = create(core, samples.vessel);
    of.shipment = create(core, samples.shipment);
    second.person = create(core, { kind: 'person', familyName: 'Volkov' });
    second.organization = create(core, { kind: 'organization', legalName: 'OOO Radiokomponent', country: 'RU' });
    second.address = create(core, { kind: 'address', lines: ['1 Nevsky Prospekt'], country: 'RU' });
    second.conveyance = create(core, samples.container);
    second.shipment = create(core, { kind: 'shipment', exportDeclarationNumber: 'E9' });
  });
  const id = (k: EntityKind, which = of) => {
    const e = which[k];
    if (!e) throw new Error(k);
    return e.id;
  };

  it('enforces the endpoints of every link type, for every pair of kinds', () => {
    for (const type of LINK_TYPES) {
      const rule = LINK_ENDPOINTS[type];
      for (const from of ENTITY_KINDS) {
        for (const to of ENTITY_KINDS) {
          const allowed =
            (rule.from === '*' || rule.from.includes(from)) &&
            (rule.to === '*' || rule.to.includes(to)) &&
            (!SAME_KIND_LINKS.includes(type) || from === to);
          const before = snapshot(core.db);
          const env = core.invoke('entities.link', {
            type,
            fromId: id(from),
            toId: id(to, second),
            source: `matrix ${type} ${from} ${to}`,
          });
          if (allowed) {
            expect(env.ok, `${type} ${from} -> ${to}`).toBe(true);
          } else {
            const e = err(env);
            expect(e.code, `${type} ${from} -> ${to}`).toBe('invalid_input');
            expect(['fromId', 'toId']).toContain(e.field);
            expect(e.message).toMatch(new RegExp(`^(fromId|toId): a ${type} link`));
            expect(snapshot(core.db)).toEqual(before);
          }
        }
      }
    }
  });

  it('says which kinds a link takes', () => {
    expect(
      err(core.invoke('entities.link', { type: 'shipper_of', fromId: id('organization'), toId: id('conveyance'), source: 'B/L' }))
        .message,
    ).toBe('toId: a shipper_of link points to a shipment, not a conveyance (Caspian Breeze)');
    expect(
      err(core.invoke('entities.link', { type: 'carried_by', fromId: id('person'), toId: id('conveyance'), source: 'B/L' }))
        .message,
    ).toBe('fromId: a carried_by link starts from a shipment or a conveyance, not a person (Nurlan Abenov)');
    expect(
      err(core.invoke('entities.link', { type: 'owns', fromId: id('person'), toId: id('person', second), source: 'Registry' }))
        .message,
    ).toBe('toId: a owns link points to an organization, not a person (Volkov)');
    expect(
      err(core.invoke('entities.link', { type: 'alias_of', fromId: id('person'), toId: id('organization'), source: 'x' }))
        .message,
    ).toMatch(/same kind/);
  });

  it('validates the share, dates, source and ends; refuses a link to itself and a duplicate', () => {
    const base = { type: 'owns', fromId: id('person'), toId: id('organization', second), source: 'Corporate registry extract' };
    const cases: [Record<string, unknown>, string, string, RegExp][] = [
      [{ ...base, shareBp: 10001 }, 'invalid_input', 'shareBp', /at most 10000 basis points/],
      [{ ...base, shareBp: -1 }, 'invalid_input', 'shareBp', /at least 0/],
      [{ ...base, shareBp: 50.5 }, 'invalid_input', 'shareBp', /whole number of basis points/],
      [{ ...base, type: 'director_of', shareBp: 5000 }, 'invalid_input', 'shareBp', /only an ownership link/],
      [{ ...base, validFrom: '2024-05-01', validTo: '2024-04-30' }, 'invalid_input', 'validTo', /before validFrom/],
      [{ ...base, validFrom: '2024-13-01' }, 'invalid_input', 'validFrom', /date/i],
      [{ ...base, source: ' ' }, 'invalid_input', 'source', /Required/],
      [{ ...base, source: 'x'.repeat(501) }, 'invalid_input', 'source', /500/],
      [{ ...base, sourceEvidenceId: 'scan-17' }, 'invalid_input', 'sourceEvidenceId', /UUID/i],
      [{ ...base, type: 'partner_of' }, 'invalid_input', 'type', /Invalid option/],
      [{ ...base, fromId: '00000000-0000-4000-8000-000000000000' }, 'not_found', 'fromId', /no entity/],
      [{ ...base, toId: '00000000-0000-4000-8000-000000000000' }, 'not_found', 'toId', /no entity/],
      [{ ...base, type: 'associated', toId: id('person') }, 'invalid_input', 'toId', /itself/],
    ];
    for (const [input, code, field, message] of cases) {
      const before = snapshot(core.db);
      const e = err(core.invoke('entities.link', input));
      expect(e, JSON.stringify(input).slice(0, 120)).toMatchObject({ code, field });
      expect(e.message).toMatch(message);
      expect(snapshot(core.db)).toEqual(before);
    }
    for (const shareBp of [0, 10000, null]) {
      const l = ok<EntityLink>(
        core.invoke('entities.link', {
          ...base,
          shareBp,
          source: `Registry ${String(shareBp)}`,
          validFrom: '2024-05-01',
          validTo: '2024-05-01',
        }),
      );
      expect(l.shareBp).toBe(shareBp);
    }
    const before = snapshot(core.db);
    expect(err(core.invoke('entities.link', { ...base, shareBp: 0, source: 'Registry 0' }))).toMatchObject({
      code: 'conflict',
      field: 'source',
    });
    expect(snapshot(core.db)).toEqual(before);
  });

  it('shows links both ways on entities.get, then removes one with an audit record', () => {
    const ship = create(core, { ...samples.shipment, transportDocumentNumber: 'MAEU000000001' });
    const evidenceId = '6f1c2b8e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
    const shipper = ok<EntityLink>(
      core.invoke('entities.link', {
        type: 'shipper_of',
        fromId: id('organization'),
        toId: ship.id,
        source: 'Bill of lading MAEU000000001',
        sourceEvidenceId: evidenceId,
        validFrom: '2025-11-03',
      }),
    );
    const carried = ok<EntityLink>(
      core.invoke('entities.link', { type: 'carried_by', fromId: ship.id, toId: id('conveyance'), source: 'Vessel manifest' }),
    );
    const view = ok<EntityView>(core.invoke('entities.get', { id: ship.id }));
    expect(view.outgoing).toEqual([
      {
        ...carried,
        other: { id: id('conveyance'), kind: 'conveyance', subtype: 'vessel', name: 'Caspian Breeze', country: 'MH' },
      },
    ]);
    expect(view.incoming).toEqual([
      {
        ...shipper,
        sourceEvidenceId: evidenceId,
        other: { id: id('organization'), kind: 'organization', subtype: null, name: 'Kazakh Trade Link LLP', country: 'KZ' },
      },
    ]);
    const seq = lastAuditSeq(core.db);
    const raw = loadRaw(core.db, 'entity_link', carried.id);
    expect(ok<EntityLink>(core.invoke('entities.unlink', { id: carried.id }))).toEqual(carried);
    const [row, ...more] = auditRows(core.db, seq);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      method: 'entities.unlink',
      record_type: 'entity_link',
      record_id: carried.id,
      after: null,
      before: canonicalJson(raw),
    });
    expect(ok<EntityView>(core.invoke('entities.get', { id: ship.id })).outgoing).toEqual([]);
    expect(err(core.invoke('entities.unlink', { id: carried.id }))).toMatchObject({ code: 'not_found' });
    expect(checkOf(core.db).problems).toEqual([]);
  });
});

describe('roles of entities in cases', () => {
  let core: Core;
  let c1: Case;
  let c2: Case;
  let person: Entity;
  let org: Entity;
  let vessel: Entity;
  let ship: Entity;
  beforeAll(async () => {
    core = await newCore(steppingClock('2026-03-15T09:00:00.000Z', 1000));
    c1 = ok<Case>(core.invoke('cases.create', { title: 'FPGAs to Russia via Kazakhstan' }));
    c2 = ok<Case>(core.invoke('cases.create', { title: 'GNSS receivers via Armenia' }));
    person = create(core, samples.person);
    org = create(core, samples.organization);
    vessel = create(core, samples.vessel);
    ship = create(core, samples.shipment);
  });

  it('gives an entity roles in several cases, listed by role then name', () => {
    const a = ok<CaseEntity>(
      core.invoke('cases.addEntity', { caseId: c1.id, entityId: org.id, role: 'consignee', notes: 'Consignee on the B/L' }),
    );
    expect(a).toMatchObject({
      caseId: c1.id,
      entityId: org.id,
      role: 'consignee',
      notes: 'Consignee on the B/L',
      entity: { id: org.id, kind: 'organization', subtype: null, name: 'Kazakh Trade Link LLP', country: 'KZ' },
    });
    ok(core.invoke('cases.addEntity', { caseId: c1.id, entityId: org.id, role: 'suspect' }));
    ok(core.invoke('cases.addEntity', { caseId: c1.id, entityId: person.id, role: 'suspect' }));
    ok(core.invoke('cases.addEntity', { caseId: c1.id, entityId: vessel.id, role: 'subject' }));
    ok(core.invoke('cases.addEntity', { caseId: c1.id, entityId: ship.id, role: 'other' }));
    ok(core.invoke('cases.addEntity', { caseId: c2.id, entityId: org.id, role: 'end_user' }));
    const rows = ok<{ total: number; rows: CaseEntity[] }>(core.invoke('cases.entities', { caseId: c1.id }));
    expect(rows.total).toBe(5);
    expect(rows.rows.map((r) => [r.role, r.entity.name])).toEqual([
      ['subject', 'Caspian Breeze'],
      ['suspect', 'Kazakh Trade Link LLP'],
      ['suspect', 'Nurlan Abenov'],
      ['consignee', 'Kazakh Trade Link LLP'],
      ['other', 'MEDU123456789'],
    ]);
    expect(rows.rows.map((r) => CASE_ROLES.indexOf(r.role))).toEqual(
      [...rows.rows.map((r) => CASE_ROLES.indexOf(r.role))].sort((x, y) => x - y),
    );
    const view = ok<EntityView>(core.invoke('entities.get', { id: org.id }));
    expect(view.cases.map((c) => [c.fileNumber, c.role])).toEqual([
      [c2.fileNumber, 'end_user'],
      [c1.fileNumber, 'suspect'],
      [c1.fileNumber, 'consignee'],
    ]);
    expect(view.cases[0]).toMatchObject({ caseId: c2.id, title: c2.title, status: 'open', notes: '' });
    const listed = ok<{ rows: EntityListRow[] }>(core.invoke('entities.list', { text: 'Kazakh Trade' })).rows;
    expect(listed).toEqual([
      {
        id: org.id,
        kind: 'organization',
        subtype: null,
        name: 'Kazakh Trade Link LLP',
        country: 'KZ',
        updatedAt: org.updatedAt,
        caseCount: 3,
        identifiers: 'KTL · BIN 180440012345',
      },
    ]);
  });

  it('refuses a role the entity cannot hold, a duplicate role, unknown ids, and changes nothing', () => {
    const refusals: [Record<string, unknown>, string, string, RegExp][] = [
      [
        { caseId: c1.id, entityId: org.id, role: 'witness' },
        'invalid_input',
        'role',
        /a witness is a person, and Kazakh Trade Link LLP is an organization/,
      ],
      [
        { caseId: c1.id, entityId: ship.id, role: 'exporter' },
        'invalid_input',
        'role',
        /an exporter is a person or an organization/,
      ],
      [{ caseId: c1.id, entityId: vessel.id, role: 'end_user' }, 'invalid_input', 'role', /an end user/],
      [{ caseId: c1.id, entityId: org.id, role: 'consignee' }, 'conflict', 'role', /already a consignee in this case/],
      [{ caseId: c1.id, entityId: org.id, role: 'accomplice' }, 'invalid_input', 'role', /Invalid option/],
      [{ caseId: '00000000-0000-4000-8000-000000000000', entityId: org.id, role: 'subject' }, 'not_found', 'caseId', /no case/],
      [
        { caseId: c1.id, entityId: '00000000-0000-4000-8000-000000000000', role: 'subject' },
        'not_found',
        'entityId',
        /no entity/,
      ],
      [{ caseId: 'nope', entityId: org.id, role: 'subject' }, 'invalid_input', 'caseId', /UUID/i],
      [{ caseId: c1.id, entityId: org.id, role: 'subject', notes: 'x'.repeat(20001) }, 'invalid_input', 'notes', /20000/],
    ];
    for (const [input, code, field, message] of refusals) {
      const before = snapshot(core.db);
      const e = err(core.invoke('cases.addEntity', input));
      expect(e, JSON.stringify(input)).toMatchObject({ code, field });
      expect(e.message).toMatch(message);
      expect(snapshot(core.db)).toEqual(before);
    }
    // Every role the rules allow, for every kind.
    const byKind: Record<EntityKind, Entity> = {
      person: create(core, { kind: 'person', familyName: 'Witness' }),
      organization: create(core, { kind: 'organization', legalName: 'Counsel LLP' }),
      address: create(core, samples.address),
      conveyance: create(core, samples.container),
      shipment: create(core, { kind: 'shipment', exportDeclarationNumber: 'E77' }),
    };
    for (const role of CASE_ROLES) {
      for (const kind of ENTITY_KINDS) {
        const env = core.invoke('cases.addEntity', { caseId: c2.id, entityId: byKind[kind].id, role });
        expect(env.ok, `${role} ${kind}`).toBe(CASE_ROLE_KINDS[role].includes(kind));
      }
    }
  });

  it('edits the notes of a role and removes a role, each audited with the case id', () => {
    const seq = lastAuditSeq(core.db);
    const updated = ok<CaseEntity>(
      core.invoke('cases.updateEntity', {
        caseId: c1.id,
        entityId: person.id,
        role: 'suspect',
        notes: 'Director and sole owner',
      }),
    );
    expect(updated.notes).toBe('Director and sole owner');
    const raw = loadRaw(core.db, 'case_entity', updated.id);
    const removed = ok<CaseEntity>(core.invoke('cases.removeEntity', { caseId: c1.id, entityId: person.id, role: 'suspect' }));
    expect(removed).toEqual(updated);
    const rows = auditRows(core.db, seq);
    expect(rows.map((r) => [r.method, r.record_type, r.record_id, r.case_id])).toEqual([
      ['cases.updateEntity', 'case_entity', updated.id, c1.id],
      ['cases.removeEntity', 'case_entity', updated.id, c1.id],
    ]);
    expect(rows[1]?.before).toBe(canonicalJson(raw));
    expect(rows[1]?.after).toBeNull();
    expect(
      ok<{ rows: CaseEntity[] }>(core.invoke('cases.entities', { caseId: c1.id })).rows.map((r) => r.entityId),
    ).not.toContain(person.id);
    const before = snapshot(core.db);
    expect(err(core.invoke('cases.removeEntity', { caseId: c1.id, entityId: person.id, role: 'suspect' }))).toMatchObject({
      code: 'not_found',
      field: 'role',
      message: 'role: Nurlan Abenov is not a suspect in this case',
    });
    expect(
      err(core.invoke('cases.updateEntity', { caseId: c1.id, entityId: person.id, role: 'suspect', notes: '' })),
    ).toMatchObject({ code: 'not_found' });
    expect(err(core.invoke('cases.entities', { caseId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({
      code: 'not_found',
      field: 'caseId',
    });
    expect(snapshot(core.db)).toEqual(before);
    // The removed role can be given again.
    ok(core.invoke('cases.addEntity', { caseId: c1.id, entityId: person.id, role: 'suspect' }));
    expect(chainProblem(core.db)).toBeNull();
    expect(checkOf(core.db).problems).toEqual([]);
  });
});

describe('the audit trail of entity writes', () => {
  it('writes one audit record per changed record, with the row before and after', async () => {
    const core = await newCore(steppingClock('2026-03-15T09:00:00.000Z', 1000));
    const c = ok<Case>(core.invoke('cases.create', { title: 'Audit' }));
    const steps: [
      string,
      () => Record<string, unknown>,
      (r: unknown) => { type: string; id: string; caseId: string | null; removed?: boolean },
    ][] = [];
    let e1 = '';
    let e2 = '';
    let linkId = '';
    const track =
      (type: string, caseId: string | null = null, removed = false) =>
      (r: unknown) => ({ type, id: (r as { id: string }).id, caseId, removed });
    steps.push([
      'entities.create',
      () => samples.organization,
      (r) => {
        e1 = (r as Entity).id;
        return track('entity')(r);
      },
    ]);
    steps.push([
      'entities.create',
      () => samples.shipment,
      (r) => {
        e2 = (r as Entity).id;
        return track('entity')(r);
      },
    ]);
    steps.push(['entities.update', () => ({ kind: 'organization', id: e1, registrationNumber: 'BIN 1' }), track('entity')]);
    steps.push([
      'entities.link',
      () => ({ type: 'consignee_of', fromId: e1, toId: e2, source: 'B/L' }),
      (r) => {
        linkId = (r as EntityLink).id;
        return track('entity_link')(r);
      },
    ]);
    steps.push(['entities.unlink', () => ({ id: linkId }), track('entity_link', null, true)]);
    steps.push(['cases.addEntity', () => ({ caseId: c.id, entityId: e1, role: 'consignee' }), track('case_entity', c.id)]);
    steps.push([
      'cases.updateEntity',
      () => ({ caseId: c.id, entityId: e1, role: 'consignee', notes: 'n' }),
      track('case_entity', c.id),
    ]);
    steps.push([
      'cases.removeEntity',
      () => ({ caseId: c.id, entityId: e1, role: 'consignee' }),
      track('case_entity', c.id, true),
    ]);
    for (const [method, input, expected] of steps) {
      const seq = lastAuditSeq(core.db);
      const result = ok(core.invoke(method, input()));
      const want = expected(result);
      const rows: AuditRow[] = auditRows(core.db, seq);
      expect(rows, method).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        method,
        record_type: want.type,
        record_id: want.id,
        case_id: want.caseId,
        actor: 'Jeanne Tremblay',
        actor_badge: 'B-4411',
      });
      const current = loadRaw(core.db, want.type as 'entity', want.id);
      expect(rows[0]?.after ?? null).toBe(want.removed ? null : canonicalJson(current));
      if (method.endsWith('create') || method === 'entities.link' || method === 'cases.addEntity')
        expect(rows[0]?.before).toBeNull();
      else expect(rows[0]?.before).not.toBeNull();
    }
    expect(chainProblem(core.db)).toBeNull();
    expect(checkOf(core.db).problems).toEqual([]);
    // A row changed behind the contract's back is caught by dossier check.
    core.db.prepare("UPDATE entities SET notes = 'tampered' WHERE id = ?").run(e2);
    expect(checkOf(core.db).problems.map((p) => p.message)).toEqual([
      `entity ${e2} was changed outside Dossier (no audit record)`,
    ]);
  });
});

describe('entities.list', () => {
  let core: Core;
  interface Known {
    seq: number;
    id: string;
    kind: EntityKind;
    name: string;
    country: string | null;
    updated_at: string;
    search_text: string;
  }
  let all: Known[];
  const WORDS = ['Altyn', 'Caspian', 'Orient', 'Zenith', 'Nova', 'Pearl', 'Bosphorus', 'Tengri'];
  const COUNTRIES = ['KZ', 'AE', 'TR', 'AM', 'HK', null] as const;

  beforeAll(async () => {
    // Updated_at ties between pairs of entities, so ties are broken by seq.
    core = await newCore(steppingClock('2026-03-15T09:00:00.000Z', 1000, 2));
    const rnd = new Random(7);
    for (let i = 0; i < 160; i++) {
      const word = rnd.pick(WORDS);
      const country = rnd.pick(COUNTRIES);
      const kind = rnd.pick(ENTITY_KINDS);
      const digits = String(rnd.int(100_000, 999_999));
      // Mixed case and repeated names: the list sorts without regard to case, ties by seq.
      const nm = `${rnd.chance(0.5) ? word : word.toLowerCase()} ${rnd.pick(['Trade', 'Link', 'Group'])}${i % 7 === 0 ? '' : ` ${i}`}`;
      switch (kind) {
        case 'person':
          create(core, {
            kind,
            givenName: word,
            familyName: `Ivanov ${i}`,
            nationality: country,
            identityDocuments: [{ type: 'passport', number: `N${digits}`, country: 'RU' }],
          });
          break;
        case 'organization':
          create(core, { kind, legalName: nm, country, aliases: [`${word} Holding`] });
          break;
        case 'address':
          create(core, { kind, lines: [nm], city: 'Almaty', country });
          break;
        case 'conveyance':
          create(core, {
            kind,
            subtype: 'vessel',
            vesselName: nm,
            imoNumber: `${digits}${imoCheckDigit(digits)}`,
            flag: country,
          });
          break;
        case 'shipment':
          create(core, {
            kind,
            transportDocumentType: 'air_waybill',
            transportDocumentNumber: `176-${digits}`,
            destinationCountry: country,
            goods: [{ description: `${word} FPGAs`, eccn: '3A001.a.7', hsCode: '854239' }],
          });
          break;
      }
    }
    all = core.db.prepare('SELECT seq, id, kind, name, country, updated_at, search_text FROM entities').all() as Known[];
  });

  const nocase = (a: string, b: string) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const cmpNullable = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  const comparators: Record<EntitySortColumn, (a: Known, b: Known) => number> = {
    name: (a, b) => nocase(a.name, b.name),
    kind: (a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : nocase(a.name, b.name)),
    country: (a, b) => cmpNullable(a.country, b.country) || nocase(a.name, b.name),
    updatedAt: (a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : 0),
  };

  function expected(input: {
    sort?: { column: EntitySortColumn; direction: 'asc' | 'desc' };
    kind?: EntityKind[];
    country?: string[];
    text?: string;
  }): Known[] {
    const sort = input.sort ?? { column: 'name', direction: 'asc' };
    const words = (input.text ?? '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.toLowerCase());
    const rows = all.filter(
      (e) =>
        (!input.kind || input.kind.includes(e.kind)) &&
        (!input.country || (e.country !== null && input.country.includes(e.country))) &&
        words.every((w) => e.name.toLowerCase().includes(w) || (w.length >= 3 && e.search_text.toLowerCase().includes(w))),
    );
    const sign = sort.direction === 'asc' ? 1 : -1;
    return rows.sort((a, b) => sign * (comparators[sort.column](a, b) || a.seq - b.seq));
  }

  const filters: Record<string, unknown>[] = [
    {},
    { kind: ['organization'] },
    { kind: ['person', 'shipment'] },
    { country: ['KZ'] },
    { country: ['AE', 'hk'] },
    { text: 'caspian' },
    { text: 'link 1' },
    { text: 'FPGA' },
    { text: '3A001' },
    { text: 'holding orient' },
    { kind: ['organization', 'conveyance'], country: ['TR', 'KZ'], text: 'tra' },
    { text: 'zzz' },
  ];

  it.each(ENTITY_SORT_COLUMNS.flatMap((column) => (['asc', 'desc'] as const).map((direction) => [column, direction] as const)))(
    'sorts by %s %s, with each filter, as JavaScript does, paged',
    (column, direction) => {
      for (const filter of filters) {
        const input = { ...filter, sort: { column, direction } };
        const norm = {
          ...input,
          ...(filter.country ? { country: (filter.country as string[]).map((c) => c.toUpperCase()) } : {}),
        } as Parameters<typeof expected>[0];
        const want = expected(norm);
        const full = ok<{ total: number; rows: EntityListRow[] }>(core.invoke('entities.list', { ...input, limit: 500 }));
        expect(full.total, JSON.stringify(input)).toBe(want.length);
        expect(
          full.rows.map((r) => r.id),
          JSON.stringify(input),
        ).toEqual(want.map((e) => e.id));
        const page = ok<{ total: number; rows: EntityListRow[] }>(
          core.invoke('entities.list', { ...input, offset: 5, limit: 7 }),
        );
        expect(page.total).toBe(want.length);
        expect(page.rows.map((r) => r.id)).toEqual(want.slice(5, 12).map((e) => e.id));
      }
    },
  );

  it('finds entities by aliases and identifiers', () => {
    const find = (text: string) => ok<{ rows: EntityListRow[] }>(core.invoke('entities.list', { text })).rows;
    const vessel = all.find((e) => e.kind === 'conveyance');
    const person = all.find((e) => e.kind === 'person');
    if (!vessel || !person) throw new Error('seeded kinds');
    const imo = /IMO (\d{7})/.exec(vessel.search_text)?.[1] ?? '';
    expect(find(imo).map((r) => r.id)).toContain(vessel.id);
    const passport = /N\d{6}/.exec(person.search_text)?.[0] ?? '';
    expect(find(passport.toLowerCase()).map((r) => r.id)).toEqual([person.id]);
    expect(find('854239').length).toBe(all.filter((e) => e.kind === 'shipment').length);
  });

  it('refuses bad list input, naming the field', () => {
    for (const [input, field] of [
      [{ sort: { column: 'seq', direction: 'asc' } }, 'sort.column'],
      [{ sort: { column: 'name', direction: 'up' } }, 'sort.direction'],
      [{ kind: ['ship'] }, 'kind.0'],
      [{ country: ['XX'] }, 'country.0'],
      [{ limit: 501 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ text: 'x'.repeat(201) }, 'text'],
    ] as const) {
      expect(err(core.invoke('entities.list', input))).toMatchObject({ code: 'invalid_input', field });
    }
  });
});

describe('query plans', () => {
  let core: Core;
  let caseId = '';
  let entityId = '';
  beforeAll(async () => {
    core = await newCore();
    seedCases(core.db, core.invoke, { cases: 300, seed: 3, today: TODAY });
    seedEntities(core.db, core.invoke, new Random(4), recentCaseIds(core.db, 300), { perCase: 3, today: TODAY });
    caseId = (core.db.prepare('SELECT case_id AS id FROM case_entities LIMIT 1').get() as { id: string }).id;
    entityId = (core.db.prepare('SELECT from_entity_id AS id FROM entity_links LIMIT 1').get() as { id: string }).id;
  });

  const explain = (sqlText: string, params: readonly unknown[]) =>
    (core.db.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  const listPlans = (input: Record<string, unknown>) => {
    const q = entityListSql(entityListInput.parse(input));
    return explainList(core.db, q);
  };
  const INDEX: Record<EntitySortColumn, string> = {
    name: 'entities_name',
    kind: 'entities_kind',
    country: 'entities_country',
    updatedAt: 'entities_updated',
  };

  it("walks the sort column's index for every sort and filter, without sorting, and searches text in the full-text index", () => {
    for (const column of ENTITY_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const filter of [
          {},
          { kind: ['organization'] },
          { country: ['KZ', 'AE'] },
          { text: 'Kazakh' },
          { kind: ['person'], text: 'ov' },
        ]) {
          const { rows } = listPlans({ ...filter, sort: { column, direction } });
          const text = rows.join('\n');
          expect(text, `${column} ${direction} ${JSON.stringify(filter)}\n${text}`).toMatch(
            new RegExp(`(SCAN|SEARCH) entities USING (COVERING )?INDEX ${INDEX[column]}\\b`),
          );
          expect(text).not.toMatch(/TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/);
          expect(text).not.toMatch(/SEARCH entities USING INTEGER PRIMARY KEY/);
          if ('text' in filter && filter.text === 'Kazakh') expect(text).toMatch(/SCAN entities_fts VIRTUAL TABLE INDEX \d+:M/);
        }
      }
    }
    // The count of a text search reads the full-text index, less the merged entities among its matches (a partial index).
    const textCount = listPlans({ text: 'Kazakh' }).count.join('\n');
    expect(textCount).toMatch(/SCAN entities_fts VIRTUAL TABLE INDEX \d+:M/);
    expect(textCount).toMatch(/SEARCH entities USING COVERING INDEX entities_merged_into/);
    expect(textCount).not.toMatch(/SCAN entities\b(?!_fts)/);
    expect(listPlans({ kind: ['shipment'] }).count.join('\n')).toMatch(
      /SEARCH entities USING COVERING INDEX entities_kind \(kind=\?\)/,
    );
  });

  it("reads a case's entities, an entity's links and cases through indexes", async () => {
    const caseEntities = explain(caseEntitiesSql(), [caseId]).join('\n');
    expect(caseEntities).toMatch(/SEARCH ce USING INDEX sqlite_autoindex_case_entities_2 \(case_id=\?\)/);
    expect(caseEntities).toMatch(/SEARCH e USING INDEX sqlite_autoindex_entities_1 \(id=\?\)/);
    expect(caseEntities).not.toMatch(/SCAN/);
    // Every statement entities.get runs, prepared on a fresh connection so none is cached.
    const plansOf = async (method: string, input: Record<string, unknown>) => {
      const second = await openCore(core.file, { actor: { name: 'Plan', badge: '' } });
      try {
        const prepared: string[] = [];
        const prepare = second.db.prepare.bind(second.db);
        second.db.prepare = ((source: string) => {
          prepared.push(source);
          return prepare(source);
        }) as typeof second.db.prepare;
        expect(second.invoke(method, input).ok).toBe(true);
        return prepared
          .filter((s) => /\b(entities|entity_links|case_entities)\b/.test(s))
          .map((s) => explain(s, [Object.values(input)[0]]).join('\n'));
      } finally {
        second.close();
      }
    };
    const plans = await plansOf('entities.get', { id: entityId });
    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const plan of plans) {
      expect(plan).not.toMatch(/^SCAN (entities|entity_links|case_entities|l|e|ce|c)\b/m);
    }
    expect(plans.join('\n')).toMatch(/SEARCH l USING INDEX entity_links_from \(from_entity_id=\?\)/);
    expect(plans.join('\n')).toMatch(/SEARCH l USING INDEX entity_links_to \(to_entity_id=\?\)/);
    expect(plans.join('\n')).toMatch(/SEARCH ce USING (COVERING )?INDEX case_entities_entity \(entity_id=\?\)/);
  });
});

describe('the entity seed', () => {
  it('seeds schemes through the contract: every case gets 1-4 roles, links of each kind, and a clean check', async () => {
    const core = await newCore();
    seedCases(core.db, core.invoke, { cases: 120, seed: 5, today: TODAY });
    const ids = recentCaseIds(core.db, 120);
    const result = seedEntities(core.db, core.invoke, new Random(6), ids, { perCase: 3, today: TODAY });
    expect(result.roles).toBe((core.db.prepare('SELECT count(*) AS n FROM case_entities').get() as { n: number }).n);
    const perCase = core.db
      .prepare('SELECT c.id, count(ce.id) AS n FROM cases c LEFT JOIN case_entities ce ON ce.case_id = c.id GROUP BY c.id')
      .all() as { n: number }[];
    expect(perCase).toHaveLength(120);
    for (const { n: k } of perCase) expect(k >= 1 && k <= 4).toBe(true);
    const kinds = new Set((core.db.prepare('SELECT DISTINCT kind FROM entities').all() as { kind: string }[]).map((r) => r.kind));
    expect(kinds).toEqual(new Set(ENTITY_KINDS));
    const types = new Set(
      (core.db.prepare('SELECT DISTINCT type FROM entity_links').all() as { type: string }[]).map((r) => r.type),
    );
    for (const t of ['owns', 'director_of', 'shipper_of', 'consignee_of', 'carried_by', 'located_at']) expect(types).toContain(t);
    // Front companies in transit countries, vessels with valid IMO numbers, controlled goods.
    const kz = ok<{ total: number }>(
      core.invoke('entities.list', {
        kind: ['organization'],
        country: ['KZ', 'AE', 'TR', 'AM', 'HK', 'KG', 'GE', 'UZ', 'RS', 'MY', 'TH'],
      }),
    );
    expect(kz.total).toBeGreaterThan(0);
    for (const { details } of core.db.prepare("SELECT details FROM entities WHERE subtype = 'vessel'").all() as {
      details: string;
    }[]) {
      expect(imoProblem((JSON.parse(details) as { imoNumber: string }).imoNumber)).toBeNull();
    }
    expect(ok<{ total: number }>(core.invoke('entities.list', { text: '3A001' })).total).toBeGreaterThan(0);
    expect(checkOf(core.db).problems).toEqual([]);
    // Same seed, same data.
    const again = await newCore();
    seedCases(again.db, again.invoke, { cases: 120, seed: 5, today: TODAY });
    expect(
      seedEntities(again.db, again.invoke, new Random(6), recentCaseIds(again.db, 120), { perCase: 3, today: TODAY }),
    ).toEqual(result);
    const names = (db: Db) => db.prepare('SELECT name, kind FROM entities ORDER BY seq').all();
    expect(names(again.db)).toEqual(names(core.db));
  });
});
