import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { Db } from '../db/sqlite.ts';
import {
  DISPOSITIONS,
  DISPOSITION_TRANSITIONS,
  SEIZURE_REVIEW_WINDOW_DAYS,
  SEIZURE_SORT_COLUMNS,
  type Disposition,
  type SeizureSortColumn,
} from '../db/shared/domain.ts';
import type { CaseSeizureTotals, SeizedItemView, SeizureDetail, SeizureListRow } from '../db/api.ts';
import { seizureCreateInput, seizedItemInput, seizureListInput, seizureUpdateInput } from '../db/shared/inputs/seizures.ts';
import { DISPOSITION_RANKS, SEIZURE_SORT_INDEXES, seizureListSql, PAGE_TOTALS_SQL } from '../db/services/seizures.ts';
import { addDays } from '../db/shared/time.ts';
import { checkOf } from './helpers.ts';
import { seedCases } from '../db/seed/cases.ts';
import { seedSeizures } from '../db/seed/seizures.ts';
import { recentCaseIds } from '../db/seed/entities.ts';
import { Random } from '../db/seed/random.ts';
import type { CustodyChain } from '../db/api.ts';
import { auditRows, chainProblem, count, err, lastAuditSeq, ok, tempDir } from './helpers.ts';
import { explainList } from '../db/list-sql.ts';

const dir = tempDir();
let n = 0;
const cores: Core[] = [];
afterAll(() => cores.forEach((c) => c.close()));

const NOW = '2026-03-15T12:00:00.000Z';
const OFFICER = 'Jeanne Tremblay';
const BADGE = 'B-4411';

async function newCore(): Promise<Core> {
  const core = await openCore(path.join(dir, `seizures-${++n}.db`), { clock: () => new Date(NOW) });
  cores.push(core);
  ok(core.invoke('settings.update', { profile: { name: OFFICER, badge: BADGE, agency: 'CBSA' } }));
  return core;
}

function newCase(core: Core, title = 'Diverted FPGAs'): string {
  return ok<{ id: string }>(core.invoke('cases.create', { title, openedOn: '2026-03-01' })).id;
}

const FPGA = {
  description: 'FPGAs, Virtex UltraScale+',
  quantity: 40,
  hsCode: '8542.39',
  eccn: '3a001.a.7',
  originCountry: 'us',
  value: { amountMinor: 4_800_000, currency: 'USD' },
  sealNumbers: ['CBSA-1001'],
};
const GNSS = {
  description: 'GNSS receivers',
  quantity: 12,
  unit: 'box',
  hsCode: '852691',
  eccn: '7A994',
  originCountry: 'CH',
  value: { amountMinor: 1_250_050, currency: 'CAD' },
};

function seizureInput(caseId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId,
    seizedAt: '2026-03-10T08:00:00-04:00',
    place: 'Port of Montréal, Cast terminal',
    legalProvision: 'Customs Act s. 110; EIPA s. 13',
    items: [FPGA, GNSS],
    ...extra,
  };
}

function createSeizure(core: Core, caseId: string, extra: Record<string, unknown> = {}): SeizureDetail {
  return ok<SeizureDetail>(core.invoke('seizures.create', seizureInput(caseId, extra)));
}

const TABLES = [
  'cases',
  'settings',
  'counters',
  'audit_log',
  'record_state',
  'entities',
  'seizures',
  'seized_items',
  'custody_entries',
];

/** Every row a seizure or custody call may write, for before/after comparisons. */
function snapshot(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
  out.seizures_fts = db.prepare('SELECT rowid, * FROM seizures_fts ORDER BY rowid').all();
  return out;
}

function entity(core: Core, input: Record<string, unknown>): string {
  return ok<{ id: string }>(core.invoke('entities.create', input)).id;
}

describe('seizures.create', () => {
  let core: Core;
  let caseId: string;
  beforeAll(async () => {
    core = await newCore();
    caseId = newCase(core);
  });

  it('records the header and its goods lines, with defaults, normalized codes and the review window', () => {
    const s = createSeizure(core, caseId);
    expect(s).toMatchObject({
      caseId,
      caseFileNumber: '2026-EXP-000001',
      seizureNumber: '2026-SZ-000001',
      seizedAt: '2026-03-10T12:00:00.000Z',
      seizedOn: '2026-03-10',
      place: 'Port of Montréal, Cast terminal',
      seizingOfficer: OFFICER,
      custodian: OFFICER,
      storageLocation: '',
      seizedFromEntityId: null,
      ownerEntityId: null,
      claimantEntityIds: [],
      conveyanceEntityId: null,
      termsOfRelease: null,
      ascertainedForfeiture: null,
      disposition: 'held',
      dispositionOn: null,
      dispositionAuthority: null,
      reviewWindowEndsOn: '2026-06-08',
      createdAt: NOW,
      updatedAt: NOW,
      version: 1,
      totals: [
        { currency: 'CAD', amountMinor: 1_250_050 },
        { currency: 'USD', amountMinor: 4_800_000 },
      ],
      entities: {},
    });
    expect(s.reviewWindowEndsOn).toBe(addDays(s.seizedOn, SEIZURE_REVIEW_WINDOW_DAYS));
    expect(s.items).toHaveLength(2);
    expect(s.items[0]).toMatchObject({
      itemNumber: 1,
      description: 'FPGAs, Virtex UltraScale+',
      quantity: 40,
      unit: 'piece',
      hsCode: '854239',
      eccn: '3A001.a.7',
      originCountry: 'US',
      value: { amountMinor: 4_800_000, currency: 'USD' },
      sealNumbers: ['CBSA-1001'],
      initialCustodian: OFFICER,
      initialLocation: 'Port of Montréal, Cast terminal',
      current: { custodian: OFFICER, location: 'Port of Montréal, Cast terminal', since: '2026-03-10T12:00:00.000Z' },
      entryCount: 0,
      broken: false,
    });
    expect(s.items[1]).toMatchObject({ itemNumber: 2, unit: 'box', sealNumbers: [] });
    expect(ok<SeizureDetail>(core.invoke('seizures.get', { id: s.id }))).toEqual(s);
  });

  it('takes the seizing officer, custodian, storage location and initial location when given', () => {
    const s = createSeizure(core, caseId, {
      seizingOfficer: 'Marc Roy',
      custodian: 'Omar Ahmed',
      storageLocation: 'CBSA exhibit warehouse, Dorval',
      termsOfRelease: { amount: { amountMinor: 250_000, currency: 'CAD' } },
      ascertainedForfeiture: { amountMinor: 12_345, currency: 'EUR' },
      notes: 'Container MSCU 123',
      items: [{ ...FPGA, initialLocation: 'Container yard, row 14' }],
    });
    expect(s).toMatchObject({
      seizingOfficer: 'Marc Roy',
      custodian: 'Omar Ahmed',
      storageLocation: 'CBSA exhibit warehouse, Dorval',
      termsOfRelease: { amount: { amountMinor: 250_000, currency: 'CAD' }, security: null },
      ascertainedForfeiture: { amountMinor: 12_345, currency: 'EUR' },
      notes: 'Container MSCU 123',
    });
    expect(s.items[0]).toMatchObject({ initialCustodian: 'Marc Roy', initialLocation: 'Container yard, row 14' });
    const security = createSeizure(core, caseId, { termsOfRelease: { security: 'Bond no. 77-1234' } });
    expect(security.termsOfRelease).toEqual({ amount: null, security: 'Bond no. 77-1234' });
  });

  it('numbers seizures per year of the seizure, skips numbers given by hand, and refuses a taken number', async () => {
    const c = await newCore();
    const id = newCase(c);
    const numbers = [1, 2].map(() => createSeizure(c, id).seizureNumber);
    expect(numbers).toEqual(['2026-SZ-000001', '2026-SZ-000002']);
    expect(createSeizure(c, id, { seizureNumber: '2026-SZ-000003' }).seizureNumber).toBe('2026-SZ-000003');
    expect(createSeizure(c, id).seizureNumber).toBe('2026-SZ-000004');
    expect(createSeizure(c, id, { seizedAt: '2025-12-31T12:00:00Z' }).seizureNumber).toBe('2025-SZ-000001');
    expect(createSeizure(c, id, { seizureNumber: 'QC-2026-0412' }).seizureNumber).toBe('QC-2026-0412');
    const before = snapshot(c.db);
    const e = err(c.invoke('seizures.create', seizureInput(id, { seizureNumber: 'QC-2026-0412' })));
    expect(e).toMatchObject({ code: 'conflict', field: 'seizureNumber' });
    expect(e.message).toContain('QC-2026-0412');
    expect(snapshot(c.db)).toEqual(before);
  });

  it('names entities as parties: persons or organizations, and a conveyance', () => {
    const org = entity(core, { kind: 'organization', legalName: 'Northern Star Trading Ltd.' });
    const person = entity(core, { kind: 'person', givenName: 'Pavel', familyName: 'Ivanov' });
    const claimant = entity(core, { kind: 'organization', legalName: 'Leasing Bank AG' });
    const vessel = entity(core, { kind: 'conveyance', subtype: 'vessel', vesselName: 'MV Arctic Fox' });
    const address = entity(core, { kind: 'address', lines: ['1 Harbour Road'] });
    const s = createSeizure(core, caseId, {
      seizedFromEntityId: person,
      ownerEntityId: org,
      claimantEntityIds: [claimant, person],
      conveyanceEntityId: vessel,
    });
    expect(s).toMatchObject({
      seizedFromEntityId: person,
      ownerEntityId: org,
      claimantEntityIds: [claimant, person],
      conveyanceEntityId: vessel,
    });
    expect(s.entities[org]).toMatchObject({ kind: 'organization', name: 'Northern Star Trading Ltd.' });
    expect(s.entities[vessel]).toMatchObject({ kind: 'conveyance', subtype: 'vessel' });
    expect(Object.keys(s.entities).sort()).toEqual([org, person, claimant, vessel].sort());

    const missing = '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11';
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ conveyanceEntityId: org }, 'conveyanceEntityId', 'not a conveyance'],
      [{ ownerEntityId: vessel }, 'ownerEntityId', 'not a person or organization'],
      [{ seizedFromEntityId: address }, 'seizedFromEntityId', 'not a person or organization'],
      [{ claimantEntityIds: [org, vessel] }, 'claimantEntityIds.1', 'not a person or organization'],
      [{ ownerEntityId: missing }, 'ownerEntityId', 'no entity'],
      [{ claimantEntityIds: [missing] }, 'claimantEntityIds.0', 'no entity'],
      [{ claimantEntityIds: [org, org] }, 'claimantEntityIds', 'twice'],
    ];
    for (const [extra, field, words] of refusals) {
      const before = snapshot(core.db);
      const e = err(core.invoke('seizures.create', seizureInput(caseId, extra)));
      expect(e, field).toMatchObject({ code: 'invalid_input', field });
      expect(e.message).toContain(words);
      expect(snapshot(core.db)).toEqual(before);
      const upd = err(core.invoke('seizures.update', { id: s.id, ...extra }));
      expect(upd, field).toMatchObject({ code: 'invalid_input', field });
    }
  });

  it('the database refuses claimants that are not entities, whatever writes the row', () => {
    const s = createSeizure(core, caseId);
    expect(() =>
      core.db.prepare('UPDATE seizures SET claimant_entity_ids = ? WHERE id = ?').run(JSON.stringify(['nobody']), s.id),
    ).toThrow(/claimant is not an entity/);
  });

  it('refuses a case that does not exist', () => {
    const e = err(core.invoke('seizures.create', seizureInput('3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11')));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'caseId' });
  });
});

describe('invalid input is refused, naming the field, and changes nothing', () => {
  const long = (len: number) => 'x'.repeat(len);
  /** [field, bad value, what the message must say]: every header field of seizures.create. */
  const headerCases: [string, unknown, string][] = [
    ['caseId', 'case-1', 'caseId'],
    ['caseId', null, 'caseId'],
    ['seizureNumber', '', 'Required'],
    ['seizureNumber', long(51), 'seizureNumber'],
    ['seizureNumber', 12, 'seizureNumber'],
    ['seizedAt', '2026-03-10', 'seizedAt'],
    ['seizedAt', '2026-03-10T25:00:00Z', 'seizedAt'],
    ['seizedAt', '2026-02-30T10:00:00Z', 'seizedAt'],
    ['seizedAt', 1_700_000_000_000, 'seizedAt'],
    ['place', '  ', 'Required'],
    ['place', long(301), 'place'],
    ['seizingOfficer', '', 'Required'],
    ['seizingOfficer', long(201), 'seizingOfficer'],
    ['seizedFromEntityId', 'someone', 'seizedFromEntityId'],
    ['ownerEntityId', 7, 'ownerEntityId'],
    ['claimantEntityIds', 'a', 'claimantEntityIds'],
    [
      'claimantEntityIds',
      Array.from({ length: 51 }, (_, i) => `3f1c0f3e-8a4e-4e44-9a57-${String(i).padStart(12, '0')}`),
      'claimantEntityIds',
    ],
    ['legalProvision', long(501), 'legalProvision'],
    ['conveyanceEntityId', 'MV Arctic', 'conveyanceEntityId'],
    ['storageLocation', long(301), 'storageLocation'],
    ['custodian', long(201), 'custodian'],
    ['termsOfRelease', {}, 'Give an amount, a security, or both'],
    ['termsOfRelease', { security: '' }, 'Give an amount, a security, or both'],
    ['termsOfRelease', 'CAD 100', 'termsOfRelease'],
    ['ascertainedForfeiture', { amountMinor: 10, currency: 'cad' }, 'ISO 4217'],
    ['ascertainedForfeiture', { amountMinor: -1, currency: 'CAD' }, 'ascertainedForfeiture.amountMinor'],
    ['notes', long(20001), 'notes'],
    ['items', [], 'at least one goods line'],
    ['items', Array.from({ length: 501 }, () => FPGA), 'items'],
  ];
  /** [field of a goods line, bad value, what the message must say]: every field of an item. */
  const itemCases: [string, unknown, string][] = [
    ['description', '', 'Required'],
    ['description', long(1001), 'description'],
    ['quantity', 0, 'quantity'],
    ['quantity', 1.5, 'quantity'],
    ['quantity', '40', 'quantity'],
    ['quantity', 1_000_000_001, 'quantity'],
    ['unit', 'dozen', 'unit'],
    ['hsCode', '85423', 'at least 6 digits'],
    ['hsCode', '8542391', '6, 8 or 10 digits'],
    ['hsCode', '85423911223', 'at most 10 digits'],
    ['hsCode', '8542A9', 'digits only'],
    ['eccn', '854239', 'looks like an HS code, not an ECCN'],
    ['eccn', '3F001', 'product group, a letter A-E'],
    ['eccn', 'A3001', 'starts with its category'],
    ['eccn', '3A01', 'three digits after the product group'],
    ['eccn', '3A001-a', 'paragraph suffix'],
    ['originCountry', 'CAN', 'two-letter ISO 3166'],
    ['originCountry', 'EU', 'not an ISO 3166 country'],
    ['value', 100, 'value'],
    ['value', { amountMinor: 100 }, 'value.currency'],
    ['value', { amountMinor: 100, currency: 'usd' }, 'ISO 4217'],
    ['value', { amountMinor: 100, currency: 'XYZ' }, 'Not an ISO 4217 currency code'],
    ['value', { amountMinor: 12.5, currency: 'USD' }, 'value.amountMinor'],
    ['value', { amountMinor: -100, currency: 'USD' }, 'value.amountMinor'],
    ['value', { amountMinor: '100', currency: 'USD' }, 'value.amountMinor'],
    ['value', { amountMinor: 100, currency: 'USD', fx: 1.3 }, 'value.fx'],
    ['sealNumbers', ['CBSA-1', 'CBSA-1'], 'same seal number appears twice'],
    ['sealNumbers', [''], 'sealNumbers.0'],
    ['sealNumbers', 'CBSA-1', 'sealNumbers'],
    ['initialLocation', ' ', 'Required'],
    ['initialLocation', long(301), 'initialLocation'],
  ];

  let core: Core;
  let caseId: string;
  let seizureId: string;
  beforeAll(async () => {
    core = await newCore();
    caseId = newCase(core);
    seizureId = createSeizure(core, caseId).id;
  });

  function expectRefused(method: string, input: unknown, field: string, words: string, code = 'invalid_input'): void {
    const before = snapshot(core.db);
    const e = err(core.invoke(method, input));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
    expect(e.message).toContain(field);
    expect(e.message).toContain(words);
    expect(snapshot(core.db)).toEqual(before);
  }

  /** The field as the error names it: the first key of a nested value that is wrong. */
  const named = (prefix: string, field: string, words: string) =>
    words.startsWith(`${field}.`) ? `${prefix}${words}` : `${prefix}${field}`;
  /** Refine messages name the object; nested errors name the nested key. */
  const fieldOf = (prefix: string, field: string, value: unknown, words: string): string => {
    if (field === 'value' && typeof value === 'object' && value !== null) {
      if (words.startsWith('value.')) return `${prefix}${words}`;
      return `${prefix}value.currency`;
    }
    if (field === 'sealNumbers' && words.startsWith('sealNumbers.')) return `${prefix}${words}`;
    if (field === 'ascertainedForfeiture' && words.startsWith('ascertainedForfeiture.')) return words;
    if (field === 'ascertainedForfeiture') return 'ascertainedForfeiture.currency';
    return named(prefix, field, words);
  };

  it('covers every field of seizures.create, of a goods line and of seizures.update', () => {
    expect(new Set(headerCases.map(([f]) => f))).toEqual(new Set(Object.keys(seizureCreateInput.shape)));
    expect(new Set(itemCases.map(([f]) => f))).toEqual(new Set(Object.keys(seizedItemInput.shape)));
    const updatable = Object.keys(seizureUpdateInput.shape).filter((k) => k !== 'id' && k !== 'version');
    expect(updatable.every((k) => headerCases.some(([f]) => f === k))).toBe(true);
  });

  it.each(headerCases)('seizures.create %s = %j', (field, value, words) => {
    expectRefused('seizures.create', seizureInput(caseId, { [field]: value }), fieldOf('', field, value, words), words);
  });

  it.each(headerCases.filter(([f]) => Object.hasOwn(seizureUpdateInput.shape, f)))(
    'seizures.update %s = %j',
    (field, value, words) => {
      expectRefused('seizures.update', { id: seizureId, [field]: value }, fieldOf('', field, value, words), words);
    },
  );

  it.each(itemCases)('goods line %s = %j, in seizures.create and seizures.addItem', (field, value, words) => {
    const items = [FPGA, { ...GNSS, [field]: value }];
    expectRefused('seizures.create', seizureInput(caseId, { items }), fieldOf('items.1.', field, value, words), words);
    expectRefused('seizures.addItem', { seizureId, ...GNSS, [field]: value }, fieldOf('', field, value, words), words);
  });

  it('refuses unknown fields, and fields that only the contract sets', () => {
    for (const [method, input, field] of [
      ['seizures.create', seizureInput(caseId, { disposition: 'sold' }), 'disposition'],
      ['seizures.create', seizureInput(caseId, { reviewWindowEndsOn: '2027-01-01' }), 'reviewWindowEndsOn'],
      ['seizures.create', seizureInput(caseId, { items: [{ ...FPGA, itemNumber: 4 }] }), 'items.0.itemNumber'],
      [
        'seizures.create',
        seizureInput(caseId, { items: [{ ...FPGA, initialCustodian: 'Someone' }] }),
        'items.0.initialCustodian',
      ],
      ['seizures.update', { id: seizureId, disposition: 'forfeited' }, 'disposition'],
      ['seizures.update', { id: seizureId, caseId }, 'caseId'],
      ['seizures.update', { id: seizureId, items: [] }, 'items'],
      ['seizures.addItem', { seizureId, ...FPGA, itemNumber: 1 }, 'itemNumber'],
    ] as const) {
      expectRefused(method, input, field, 'Unknown field');
    }
  });

  it('refuses bad ids, versions, dispositions and list inputs', () => {
    expectRefused('seizures.update', { id: 'nope', place: 'x' }, 'id', 'id');
    expectRefused('seizures.update', { id: seizureId, version: 0 }, 'version', 'version');
    expectRefused(
      'seizures.setDisposition',
      { id: seizureId, disposition: 'lost', dispositionOn: '2026-03-12', authority: 'x' },
      'disposition',
      'disposition',
    );
    expectRefused(
      'seizures.setDisposition',
      { id: seizureId, disposition: 'forfeited', dispositionOn: '12/03/2026', authority: 'x' },
      'dispositionOn',
      'dispositionOn',
    );
    expectRefused(
      'seizures.setDisposition',
      { id: seizureId, disposition: 'forfeited', dispositionOn: '2026-03-12', authority: ' ' },
      'authority',
      'Required',
    );
    expectRefused(
      'seizures.setDisposition',
      { id: seizureId, disposition: 'forfeited', dispositionOn: '2026-03-12' },
      'authority',
      'authority',
    );
    expectRefused('seizures.get', { id: 5 }, 'id', 'id');
    expectRefused('seizures.list', { sort: { column: 'value', direction: 'asc' } }, 'sort.column', 'sort.column');
    expectRefused('seizures.list', { disposition: ['gone'] }, 'disposition.0', 'disposition.0');
    expectRefused('seizures.list', { limit: 501 }, 'limit', 'limit');
    expectRefused('seizures.totalsByCase', { caseId: 'x' }, 'caseId', 'caseId');
    const missing = '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11';
    expectRefused('seizures.get', { id: missing }, 'id', missing, 'not_found');
    expectRefused('seizures.update', { id: missing, place: 'x' }, 'id', missing, 'not_found');
    expectRefused('seizures.addItem', { seizureId: missing, ...FPGA }, 'id', missing, 'not_found');
    expectRefused('seizures.totalsByCase', { caseId: missing }, 'id', missing, 'not_found');
  });
});

describe('seizures.update', () => {
  let core: Core;
  let caseId: string;
  beforeAll(async () => {
    core = await newCore();
    caseId = newCase(core);
  });

  it('changes header fields, bumps the version, and recomputes the review window from a new seizure time', () => {
    const s = createSeizure(core, caseId);
    const u = ok<SeizureDetail>(
      core.invoke('seizures.update', {
        id: s.id,
        version: 1,
        place: 'Port of Montréal, Racine terminal',
        seizingOfficer: 'Marc Roy',
        storageLocation: 'Dorval warehouse',
        custodian: 'Omar Ahmed',
        seizedAt: '2026-03-01T12:00:00Z',
        termsOfRelease: { amount: { amountMinor: 99, currency: 'JPY' }, security: 'Bond 7' },
        notes: 'Edited',
      }),
    );
    expect(u).toMatchObject({
      place: 'Port of Montréal, Racine terminal',
      seizingOfficer: 'Marc Roy',
      custodian: 'Omar Ahmed',
      seizedAt: '2026-03-01T12:00:00.000Z',
      seizedOn: '2026-03-01',
      reviewWindowEndsOn: '2026-05-30',
      termsOfRelease: { amount: { amountMinor: 99, currency: 'JPY' }, security: 'Bond 7' },
      version: 2,
    });
    // The items keep the custody state they were seized in.
    expect(u.items[0]).toMatchObject({ initialCustodian: OFFICER, initialLocation: 'Port of Montréal, Cast terminal' });
    const cleared = ok<SeizureDetail>(
      core.invoke('seizures.update', { id: s.id, termsOfRelease: null, ascertainedForfeiture: null }),
    );
    expect(cleared).toMatchObject({ termsOfRelease: null, ascertainedForfeiture: null, version: 3 });
    // Nothing to change: no new version, no audit record.
    const audits = count(core.db, 'audit_log');
    expect(ok<SeizureDetail>(core.invoke('seizures.update', { id: s.id }))).toEqual(cleared);
    expect(count(core.db, 'audit_log')).toBe(audits);
  });

  it('a stale version is a conflict and changes nothing', () => {
    const s = createSeizure(core, caseId);
    ok(core.invoke('seizures.update', { id: s.id, version: 1, notes: 'one' }));
    const before = snapshot(core.db);
    for (const [method, input] of [
      ['seizures.update', { id: s.id, version: 1, notes: 'stale' }],
      [
        'seizures.setDisposition',
        { id: s.id, version: 1, disposition: 'forfeited', dispositionOn: '2026-03-14', authority: 'x' },
      ],
    ] as const) {
      const e = err(core.invoke(method, input));
      expect(e).toMatchObject({ code: 'conflict', field: 'version' });
      expect(e.message).toContain(s.seizureNumber);
    }
    expect(snapshot(core.db)).toEqual(before);
  });

  it('refuses a seizure time after the first custody movement, or a date after the disposition, and a taken number', () => {
    const s = createSeizure(core, caseId);
    const other = createSeizure(core, caseId);
    const item = s.items[0] as SeizedItemView;
    ok(
      core.invoke('custody.record', {
        itemId: item.id,
        at: '2026-03-11T12:00:00Z',
        releasedBy: OFFICER,
        receivedBy: 'Omar Ahmed',
        fromLocation: item.initialLocation,
        toLocation: 'Dorval warehouse',
        purpose: 'storage',
      }),
    );
    const before = snapshot(core.db);
    let e = err(core.invoke('seizures.update', { id: s.id, seizedAt: '2026-03-11T12:30:00Z' }));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'seizedAt' });
    expect(e.message).toContain('2026-03-11T12:00:00.000Z');
    e = err(core.invoke('seizures.update', { id: s.id, seizureNumber: other.seizureNumber }));
    expect(e).toMatchObject({ code: 'conflict', field: 'seizureNumber' });
    expect(snapshot(core.db)).toEqual(before);
    // Up to the movement itself is fine.
    expect(ok<SeizureDetail>(core.invoke('seizures.update', { id: s.id, seizedAt: '2026-03-11T12:00:00Z' })).seizedOn).toBe(
      '2026-03-11',
    );
    ok(
      core.invoke('seizures.setDisposition', {
        id: other.id,
        disposition: 'forfeited',
        dispositionOn: '2026-03-12',
        authority: 's. 122',
      }),
    );
    e = err(core.invoke('seizures.update', { id: other.id, seizedAt: '2026-03-13T12:00:00Z' }));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'seizedAt' });
    expect(e.message).toContain('2026-03-12');
  });
});

describe('dispositions', () => {
  /** The shortest way from held to a disposition, through allowed transitions only. */
  function pathFromHeld(target: Disposition): Disposition[] {
    const queue: Disposition[][] = [[]];
    const seen = new Set<Disposition>(['held']);
    for (let p = queue.shift(); p; p = queue.shift()) {
      const at = p[p.length - 1] ?? 'held';
      if (at === target) return p;
      for (const next of DISPOSITION_TRANSITIONS[at]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push([...p, next]);
        }
      }
    }
    throw new Error(`${target} cannot be reached from held`);
  }

  const pairs = DISPOSITIONS.flatMap((from) => DISPOSITIONS.map((to) => [from, to] as const));
  let core: Core;
  let caseId: string;
  beforeAll(async () => {
    core = await newCore();
    caseId = newCase(core);
  });

  it('every disposition can be reached from held, and the final ones lead nowhere', () => {
    for (const d of DISPOSITIONS) expect(() => pathFromHeld(d)).not.toThrow();
    for (const d of ['returned', 'sold', 'destroyed', 'transferred'] as const) expect(DISPOSITION_TRANSITIONS[d]).toEqual([]);
  });

  it.each(pairs)('%s → %s follows DISPOSITION_TRANSITIONS', (from, to) => {
    const s = createSeizure(core, caseId);
    for (const step of pathFromHeld(from)) {
      ok(
        core.invoke('seizures.setDisposition', {
          id: s.id,
          disposition: step,
          dispositionOn: '2026-03-12',
          authority: `Step to ${step}`,
        }),
      );
    }
    const current = ok<SeizureDetail>(core.invoke('seizures.get', { id: s.id }));
    expect(current.disposition).toBe(from);
    const before = snapshot(core.db);
    const env = core.invoke('seizures.setDisposition', {
      id: s.id,
      disposition: to,
      dispositionOn: '2026-03-14',
      authority: 'Regional Director',
    });
    if (DISPOSITION_TRANSITIONS[from].includes(to)) {
      const moved = ok<SeizureDetail>(env);
      expect(moved).toMatchObject({
        disposition: to,
        dispositionOn: '2026-03-14',
        dispositionAuthority: 'Regional Director',
        version: current.version + 1,
      });
      const audit = auditRows(core.db, lastAuditSeq(core.db) - 1);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        record_type: 'seizure',
        record_id: s.id,
        case_id: caseId,
        method: 'seizures.setDisposition',
      });
    } else {
      const e = err(env);
      expect(e).toMatchObject({ code: 'invalid_transition', field: 'disposition' });
      expect(e.message).toContain(from);
      expect(e.message).toContain(to);
      if (DISPOSITION_TRANSITIONS[from].length === 0) expect(e.message).toContain('final');
      expect(snapshot(core.db)).toEqual(before);
    }
  });

  it('refuses a date before the seizure or before the previous disposition', () => {
    const s = createSeizure(core, caseId);
    const before = snapshot(core.db);
    let e = err(
      core.invoke('seizures.setDisposition', {
        id: s.id,
        disposition: 'forfeited',
        dispositionOn: '2026-03-09',
        authority: 's. 122',
      }),
    );
    expect(e).toMatchObject({ code: 'invalid_input', field: 'dispositionOn' });
    expect(e.message).toContain('2026-03-10');
    expect(snapshot(core.db)).toEqual(before);
    ok(
      core.invoke('seizures.setDisposition', {
        id: s.id,
        disposition: 'forfeited',
        dispositionOn: '2026-03-12',
        authority: 's. 122',
      }),
    );
    e = err(
      core.invoke('seizures.setDisposition', {
        id: s.id,
        disposition: 'sold',
        dispositionOn: '2026-03-11',
        authority: 'GCSurplus',
      }),
    );
    expect(e).toMatchObject({ code: 'invalid_input', field: 'dispositionOn' });
    expect(e.message).toContain('forfeited on 2026-03-12');
    // The seizure day itself, and the same day as the previous disposition, are fine.
    ok(
      core.invoke('seizures.setDisposition', {
        id: s.id,
        disposition: 'sold',
        dispositionOn: '2026-03-12',
        authority: 'GCSurplus',
      }),
    );
    const sameDay = createSeizure(core, caseId);
    ok(
      core.invoke('seizures.setDisposition', {
        id: sameDay.id,
        disposition: 'returned',
        dispositionOn: '2026-03-10',
        authority: 's. 131',
      }),
    );
  });

  it('the database itself requires a date and an authority for any disposition but held', () => {
    const s = createSeizure(core, caseId);
    expect(() => core.db.prepare("UPDATE seizures SET disposition = 'sold' WHERE id = ?").run(s.id)).toThrow(/CHECK constraint/);
    expect(() =>
      core.db.prepare("UPDATE seizures SET disposition_on = '2026-03-12', disposition_authority = 'x' WHERE id = ?").run(s.id),
    ).toThrow(/CHECK constraint/);
  });
});

describe('seizures.addItem and immutable items', () => {
  let core: Core;
  let caseId: string;
  beforeAll(async () => {
    core = await newCore();
    caseId = newCase(core);
  });

  it('adds a goods line numbered after the others, in the seizing officer’s custody, audited with the case', () => {
    const s = createSeizure(core, caseId, { seizingOfficer: 'Marc Roy' });
    const seq = lastAuditSeq(core.db);
    const item = ok<SeizedItemView>(
      core.invoke('seizures.addItem', { seizureId: s.id, ...FPGA, description: 'Spare FPGAs', quantity: 3 }),
    );
    expect(item).toMatchObject({
      seizureId: s.id,
      itemNumber: 3,
      quantity: 3,
      initialCustodian: 'Marc Roy',
      current: { custodian: 'Marc Roy' },
    });
    const audit = auditRows(core.db, seq);
    expect(audit.map((a) => [a.record_type, a.record_id, a.case_id, a.method])).toEqual([
      ['seized_item', item.id, caseId, 'seizures.addItem'],
    ]);
    expect(ok<SeizureDetail>(core.invoke('seizures.get', { id: s.id })).items.map((i) => i.itemNumber)).toEqual([1, 2, 3]);
  });

  it('the database refuses to change or delete an item, or to delete a seizure', () => {
    const s = createSeizure(core, caseId);
    const id = s.items[0]?.id;
    expect(() => core.db.prepare('UPDATE seized_items SET quantity = 1 WHERE id = ?').run(id)).toThrow(/never changed/);
    expect(() => core.db.prepare('DELETE FROM seized_items WHERE id = ?').run(id)).toThrow(/never deleted/);
    expect(() => core.db.prepare('DELETE FROM seizures WHERE id = ?').run(s.id)).toThrow(/never deleted/);
  });
});

describe('money totals are exact', () => {
  it('sums thousands of random values per currency to the cent, per seizure, per page and per case', async () => {
    const core = await newCore();
    const caseId = newCase(core);
    const otherCase = newCase(core, 'Other case');
    createSeizure(core, otherCase);
    const rnd = new Random(42);
    const currencies = ['CAD', 'USD', 'EUR'] as const;
    const expected = new Map<string, bigint>();
    const seizureIds: string[] = [];
    for (let s = 0; s < 20; s++) {
      const items = Array.from({ length: 100 }, (_, i) => {
        const currency = rnd.pick(currencies);
        // Values with odd cents, up to ten million dollars.
        const amountMinor = rnd.int(0, 1_000_000_000) + (i % 7);
        expected.set(currency, (expected.get(currency) ?? 0n) + BigInt(amountMinor));
        return { description: `Line ${i}`, quantity: 1, value: { amountMinor, currency } };
      });
      seizureIds.push(createSeizure(core, caseId, { items }).id);
    }
    const totals = ok<CaseSeizureTotals>(core.invoke('seizures.totalsByCase', { caseId }));
    expect(totals.seizureCount).toBe(20);
    expect(totals.itemCount).toBe(2000);
    expect(totals.totals.map((t) => [t.currency, BigInt(t.amountMinor)])).toEqual(
      [...expected].sort((a, b) => a[0].localeCompare(b[0])),
    );
    expect(totals.totals.reduce((sum, t) => sum + t.itemCount, 0)).toBe(2000);
    // Per seizure and per list row, the same sums.
    const page = ok<{ rows: SeizureListRow[] }>(core.invoke('seizures.list', { caseId, limit: 500 }));
    const fromRows = new Map<string, bigint>();
    for (const row of page.rows) {
      expect(row.itemCount).toBe(100);
      const detail = ok<SeizureDetail>(core.invoke('seizures.get', { id: row.id }));
      expect(detail.totals).toEqual(row.totals);
      for (const t of row.totals) fromRows.set(t.currency, (fromRows.get(t.currency) ?? 0n) + BigInt(t.amountMinor));
    }
    expect([...fromRows].sort()).toEqual([...expected].sort());
    // An empty case has no totals.
    expect(ok<CaseSeizureTotals>(core.invoke('seizures.totalsByCase', { caseId: newCase(core, 'Empty') }))).toMatchObject({
      seizureCount: 0,
      itemCount: 0,
      totals: [],
    });
  });

  it('refuses to round: a total past 2^53 minor units is refused or an error, never an approximation', async () => {
    const core = await newCore();
    const caseId = newCase(core);
    const max = Number.MAX_SAFE_INTEGER;
    const huge = (description: string, amountMinor: number) => ({
      description,
      quantity: 1,
      value: { amountMinor, currency: 'USD' },
    });
    // Within one seizure: refused when recorded.
    let before = snapshot(core.db);
    let e = err(core.invoke('seizures.create', seizureInput(caseId, { items: [huge('A', max), huge('B', 2)] })));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'items' });
    expect(e.message).toContain('USD');
    expect(snapshot(core.db)).toEqual(before);
    const s = createSeizure(core, caseId, { items: [huge('A', max - 5), huge('B', 5)] });
    before = snapshot(core.db);
    e = err(core.invoke('seizures.addItem', { seizureId: s.id, ...huge('C', 1) }));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'value.amountMinor' });
    expect(snapshot(core.db)).toEqual(before);
    expect(ok<SeizureDetail>(core.invoke('seizures.get', { id: s.id })).totals).toEqual([{ currency: 'USD', amountMinor: max }]);
    // Across seizures of a case: refused too, so that the case's total (and every part of it) stays exact.
    before = snapshot(core.db);
    e = err(core.invoke('seizures.create', seizureInput(caseId, { items: [huge('D', 1)] })));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'items', reason: 'money.total_too_large' });
    expect(snapshot(core.db)).toEqual(before);
    expect(ok<{ totals: unknown[] }>(core.invoke('seizures.totalsByCase', { caseId })).totals).toEqual([
      { currency: 'USD', amountMinor: max, itemCount: 2 },
    ]);
  });
});

describe('seizures.list', () => {
  let core: Core;
  let caseIds: string[];
  interface Oracle {
    seq: number;
    id: string;
    case_id: string;
    seizure_number: string;
    seized_at: string;
    disposition: Disposition;
    review_window_ends_on: string;
    updated_at: string;
  }
  let all: Oracle[];

  beforeAll(async () => {
    core = await openCore(path.join(dir, 'list.db'), { clock: () => new Date(NOW), actor: { name: OFFICER, badge: BADGE } });
    cores.push(core);
    seedCases(core.db, core.invoke, { cases: 400, seed: 3, today: '2026-03-15' });
    caseIds = recentCaseIds(core.db, 400);
    seedSeizures(core.db, core.invoke, new Random(9), caseIds, '2026-03-15', { fraction: 0.5 });
    all = core.db.prepare('SELECT * FROM seizures ORDER BY seq').all() as Oracle[];
  });

  const key: Record<SeizureSortColumn, (r: Oracle) => string | number> = {
    seizureNumber: (r) => r.seizure_number,
    seizedAt: (r) => r.seized_at,
    disposition: (r) => DISPOSITION_RANKS[r.disposition],
    reviewWindowEndsOn: (r) => r.review_window_ends_on,
    updatedAt: (r) => r.updated_at,
  };

  function oracle(rows: Oracle[], column: SeizureSortColumn, direction: 'asc' | 'desc'): string[] {
    const sign = direction === 'asc' ? 1 : -1;
    return [...rows]
      .sort((a, b) => {
        const ka = key[column](a);
        const kb = key[column](b);
        return (ka < kb ? -1 : ka > kb ? 1 : a.seq - b.seq) * sign;
      })
      .map((r) => r.id);
  }

  it('has a realistic mix of dispositions to page through', () => {
    expect(all.length).toBeGreaterThan(150);
    expect(new Set(all.map((r) => r.disposition)).size).toBeGreaterThanOrEqual(5);
  });

  it('sorts by every column, both ways, and pages', () => {
    for (const column of SEIZURE_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const expected = oracle(all, column, direction);
        const first = ok<{ total: number; rows: SeizureListRow[] }>(
          core.invoke('seizures.list', { sort: { column, direction }, limit: 50 }),
        );
        expect(first.total).toBe(all.length);
        expect(
          first.rows.map((r) => r.id),
          `${column} ${direction}`,
        ).toEqual(expected.slice(0, 50));
        const later = ok<{ rows: SeizureListRow[] }>(
          core.invoke('seizures.list', { sort: { column, direction }, limit: 50, offset: 100 }),
        );
        expect(later.rows.map((r) => r.id)).toEqual(expected.slice(100, 150));
      }
    }
  });

  it('defaults to the latest seizures first', () => {
    const page = ok<{ rows: SeizureListRow[] }>(core.invoke('seizures.list', {}));
    expect(page.rows.map((r) => r.id)).toEqual(oracle(all, 'seizedAt', 'desc').slice(0, 100));
    expect(page.rows[0]).toMatchObject({
      caseFileNumber: expect.stringMatching(/^\d{4}-EXP-\d{6}$/),
      itemCount: expect.any(Number),
    });
  });

  it('filters by disposition, by case and by text', () => {
    const wanted: Disposition[] = ['forfeited', 'sold'];
    const byDisposition = ok<{ total: number; rows: SeizureListRow[] }>(
      core.invoke('seizures.list', { disposition: wanted, sort: { column: 'seizureNumber', direction: 'asc' }, limit: 500 }),
    );
    expect(byDisposition.rows.map((r) => r.id)).toEqual(
      oracle(
        all.filter((r) => wanted.includes(r.disposition)),
        'seizureNumber',
        'asc',
      ),
    );
    expect(byDisposition.total).toBe(byDisposition.rows.length);

    const caseId = all[0]?.case_id ?? '';
    const ofCase = ok<{ total: number; rows: SeizureListRow[] }>(core.invoke('seizures.list', { caseId }));
    expect(ofCase.rows.map((r) => r.id)).toEqual(
      oracle(
        all.filter((r) => r.case_id === caseId),
        'seizedAt',
        'desc',
      ),
    );
    expect(ofCase.total).toBe(ofCase.rows.length);

    // Text reaches the goods lines (description, HS code, ECCN), the number and the place.
    const fpga = ok<{ total: number; rows: SeizureListRow[] }>(core.invoke('seizures.list', { text: 'gate arrays', limit: 500 }));
    const withFpga = core.db
      .prepare("SELECT DISTINCT seizure_id FROM seized_items WHERE description LIKE '%gate arrays%'")
      .pluck()
      .all() as string[];
    expect(fpga.total).toBe(withFpga.length);
    expect(new Set(fpga.rows.map((r) => r.id))).toEqual(new Set(withFpga));
    const eccn = ok<{ total: number }>(core.invoke('seizures.list', { text: '3A001.a.7', limit: 500 }));
    expect(eccn.total).toBe(withFpga.length);
    const number = all[5]?.seizure_number ?? '';
    expect(
      ok<{ rows: SeizureListRow[] }>(core.invoke('seizures.list', { text: number })).rows.map((r) => r.seizureNumber),
    ).toEqual([number]);
    const halifax = ok<{ total: number }>(core.invoke('seizures.list', { text: 'Halifax', disposition: ['held'] }));
    expect(halifax.total).toBe(
      (
        core.db.prepare("SELECT count(*) AS n FROM seizures WHERE place LIKE '%Halifax%' AND disposition = 'held'").get() as {
          n: number;
        }
      ).n,
    );
    const caseWithHalifax = core.db
      .prepare("SELECT case_id FROM seizures WHERE place LIKE '%Halifax%' LIMIT 1")
      .pluck()
      .get() as string;
    const inCase = ok<{ total: number }>(core.invoke('seizures.list', { caseId: caseWithHalifax, text: 'ax' }));
    expect(inCase.total).toBe(
      (
        core.db
          .prepare("SELECT count(*) AS n FROM seizures WHERE case_id = ? AND (place LIKE '%ax%' OR seizure_number LIKE '%ax%')")
          .get(caseWithHalifax) as { n: number }
      ).n,
    );
    expect(inCase.total).toBeGreaterThan(0);
    const short = ok<{ total: number; rows: SeizureListRow[] }>(
      core.invoke('seizures.list', { text: 'aX', disposition: ['held', 'sold'], limit: 500 }),
    );
    const shortIds = core.db
      .prepare(
        "SELECT id FROM seizures WHERE (place LIKE '%ax%' OR seizure_number LIKE '%ax%') AND disposition IN ('held', 'sold')",
      )
      .pluck()
      .all() as string[];
    expect(shortIds.length).toBeGreaterThan(0);
    expect(short.total).toBe(shortIds.length);
    expect(short.rows.map((r) => r.id)).toEqual(
      oracle(
        all.filter((r) => shortIds.includes(r.id)),
        'seizedAt',
        'desc',
      ),
    );
    expect(ok<{ total: number }>(core.invoke('seizures.list', { text: 'zq' })).total).toBe(0);
  });

  it('query plans: each sort walks its index, filters stay in it, a case uses its own index, text uses full-text', () => {
    const explain = (q: ReturnType<typeof seizureListSql>, which: 'rows' | 'count') => explainList(core.db, q)[which].join('\n');
    for (const column of SEIZURE_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const filter of [{}, { disposition: ['forfeited', 'held'] }, { text: 'gate arrays' }]) {
          const q = seizureListSql(seizureListInput.parse({ sort: { column, direction }, ...filter }));
          const plan = explain(q, 'rows');
          expect(plan, `${column} ${direction} ${JSON.stringify(filter)}`).toMatch(
            new RegExp(`(SCAN|SEARCH) seizures USING (COVERING )?INDEX ${SEIZURE_SORT_INDEXES[column]}\\b`),
          );
          expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
          expect(plan).not.toMatch(/SEARCH seizures USING INTEGER PRIMARY KEY/);
          if ('text' in filter) expect(plan).toMatch(/SCAN seizures_fts VIRTUAL TABLE INDEX \d+:M/);
        }
      }
    }
    // A word too short for the trigram index: one scan of an index holding number and place, no row read.
    for (const column of SEIZURE_SORT_COLUMNS) {
      const plan = explain(seizureListSql(seizureListInput.parse({ text: 'NS', sort: { column, direction: 'desc' } })), 'rows');
      expect(plan).toMatch(new RegExp(`SCAN seizures USING (COVERING )?INDEX ${SEIZURE_SORT_INDEXES[column]}\\b`));
      expect(plan).toMatch(/SCAN seizures USING COVERING INDEX seizures_number/);
      expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY|INTEGER PRIMARY KEY/);
    }
    expect(explain(seizureListSql(seizureListInput.parse({ text: 'NS' })), 'count')).toMatch(
      /SCAN seizures USING COVERING INDEX seizures_number/,
    );
    const ofCase = explain(seizureListSql(seizureListInput.parse({ caseId: caseIds[0] })), 'rows');
    expect(ofCase).toMatch(/SEARCH seizures USING INDEX seizures_case \(case_id=\?\)/);
    expect(explain(seizureListSql(seizureListInput.parse({ disposition: ['sold'] })), 'count')).toMatch(
      /SEARCH seizures USING (COVERING )?INDEX seizures_disposition \(disposition_rank=\?\)/,
    );
    expect(explain(seizureListSql(seizureListInput.parse({ text: 'gate arrays' })), 'count')).toMatch(
      /^SCAN seizures_fts VIRTUAL TABLE INDEX \d+:M/,
    );
    const totals = (core.db.prepare(`EXPLAIN QUERY PLAN ${PAGE_TOTALS_SQL}`).all('[]') as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(totals).toMatch(/SEARCH seized_items USING (COVERING )?INDEX seized_items_totals \(seizure_id=\?\)/);
    const byCase = (
      core.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT i.value_currency, sum(i.value_minor) FROM seizures s
      JOIN seized_items i ON i.seizure_id = s.id WHERE s.case_id = ? GROUP BY i.value_currency`,
        )
        .all('x') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(byCase).toMatch(/SEARCH s USING INDEX seizures_case \(case_id=\?\)/);
    expect(byCase).toMatch(/SEARCH i USING (COVERING )?INDEX seized_items_totals \(seizure_id=\?\)/);
    const chain = (
      core.db.prepare('EXPLAIN QUERY PLAN SELECT * FROM custody_entries WHERE item_id = ? ORDER BY seq').all('x') as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(chain).toMatch(/SEARCH custody_entries USING INDEX custody_entries_item \(item_id=\?\)/);
    expect(chain).not.toMatch(/TEMP B-TREE/);
  });

  it('the seed builds unbroken chains that pass every check, and the same seed gives the same seizures', async () => {
    const items = core.db.prepare('SELECT id FROM seized_items').pluck().all() as string[];
    expect(items.length).toBeGreaterThan(all.length);
    let hops = 0;
    for (const id of items) {
      const chain = ok<CustodyChain>(core.invoke('custody.chain', { itemId: id }));
      expect(chain.breaks).toEqual([]);
      hops = Math.max(hops, chain.entries.length);
    }
    expect(hops).toBeGreaterThanOrEqual(4);
    expect(checkOf(core.db).problems).toEqual([]);
    expect(chainProblem(core.db)).toBeNull();
    const again = await openCore(path.join(dir, 'list-again.db'), {
      clock: () => new Date(NOW),
      actor: { name: OFFICER, badge: BADGE },
    });
    cores.push(again);
    seedCases(again.db, again.invoke, { cases: 400, seed: 3, today: '2026-03-15' });
    seedSeizures(again.db, again.invoke, new Random(9), recentCaseIds(again.db, 400), '2026-03-15', { fraction: 0.5 });
    const fingerprint = (db: Db) =>
      db
        .prepare(
          'SELECT seizure_number, seized_at, disposition, (SELECT count(*) FROM seized_items i WHERE i.seizure_id = s.id) FROM seizures s ORDER BY seq',
        )
        .raw()
        .all();
    expect(fingerprint(again.db)).toEqual(fingerprint(core.db));
  });
});

describe('audit', () => {
  it('every write is audited with the case, in the hash chain, and matches the rows', async () => {
    const core = await newCore();
    const caseId = newCase(core);
    let seq = lastAuditSeq(core.db);
    const s = createSeizure(core, caseId);
    const created = auditRows(core.db, seq);
    expect(created.map((a) => [a.record_type, a.case_id, a.method, a.actor, a.actor_badge])).toEqual([
      ['seizure', caseId, 'seizures.create', OFFICER, BADGE],
      ['seized_item', caseId, 'seizures.create', OFFICER, BADGE],
      ['seized_item', caseId, 'seizures.create', OFFICER, BADGE],
    ]);
    expect(created.map((a) => a.record_id)).toEqual([s.id, ...s.items.map((i) => i.id)]);
    expect(created.every((a) => a.before === null && a.after !== null)).toBe(true);

    const steps: [string, Record<string, unknown>, string][] = [
      ['seizures.update', { id: s.id, notes: 'x' }, 'seizure'],
      ['seizures.addItem', { seizureId: s.id, ...GNSS }, 'seized_item'],
      [
        'seizures.setDisposition',
        { id: s.id, disposition: 'forfeited', dispositionOn: '2026-03-14', authority: 's. 122' },
        'seizure',
      ],
      [
        'custody.record',
        {
          itemId: s.items[0]?.id,
          at: '2026-03-12T10:00:00Z',
          releasedBy: OFFICER,
          receivedBy: 'Omar Ahmed',
          fromLocation: 'Port of Montréal, Cast terminal',
          toLocation: 'Warehouse',
          purpose: 'storage',
        },
        'custody_entry',
      ],
    ];
    for (const [method, input, type] of steps) {
      seq = lastAuditSeq(core.db);
      ok(core.invoke(method, input));
      const rows = auditRows(core.db, seq);
      expect(
        rows.map((a) => [a.record_type, a.case_id, a.method]),
        method,
      ).toEqual([[type, caseId, method]]);
    }
    const update = core.db.prepare("SELECT before, after FROM audit_log WHERE method = 'seizures.update'").get() as {
      before: string;
      after: string;
    };
    expect(JSON.parse(update.before).notes).toBe('');
    expect(JSON.parse(update.after).notes).toBe('x');
    expect(chainProblem(core.db)).toBeNull();
    expect(checkOf(core.db).problems).toEqual([]);
  });
});
