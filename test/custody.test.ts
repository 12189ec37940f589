import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { Db } from '../db/sqlite.ts';
import type { CustodyChain, CustodyEntryView, SeizureDetail } from '../db/api.ts';
import { custodyRecordInput } from '../db/shared/inputs/seizures.ts';
import { checkOf } from './helpers.ts';
import { auditRows, chainProblem, err, lastAuditSeq, ok, tempDir } from './helpers.ts';

const dir = tempDir();
let n = 0;
const cores: Core[] = [];
afterAll(() => cores.forEach((c) => c.close()));

const NOW = '2026-03-15T12:00:00.000Z';
const OFFICER = 'Jeanne Tremblay';
const BADGE = 'B-4411';
const PORT = 'Port of Montréal, Cast terminal';
const WAREHOUSE = 'CBSA exhibit warehouse, Dorval';
const LAB = 'CBSA laboratory, Ottawa';
const SEIZED_AT = '2026-03-10T16:30:00.000Z';

async function newCore(): Promise<Core> {
  const core = await openCore(path.join(dir, `custody-${++n}.db`), { clock: () => new Date(NOW) });
  cores.push(core);
  ok(core.invoke('settings.update', { profile: { name: OFFICER, badge: BADGE } }));
  return core;
}

interface Fixture {
  core: Core;
  caseId: string;
  seizure: SeizureDetail;
  itemId: string;
  otherItemId: string;
}

async function fixture(): Promise<Fixture> {
  const core = await newCore();
  const caseId = ok<{ id: string }>(core.invoke('cases.create', { title: 'Diverted GNSS receivers' })).id;
  const seizure = ok<SeizureDetail>(
    core.invoke('seizures.create', {
      caseId,
      seizedAt: SEIZED_AT,
      place: PORT,
      items: [
        {
          description: 'GNSS receivers',
          quantity: 12,
          hsCode: '852691',
          eccn: '7A994',
          value: { amountMinor: 500_000, currency: 'CAD' },
        },
        {
          description: 'UAV engines',
          quantity: 2,
          hsCode: '840710',
          eccn: '9A012',
          value: { amountMinor: 3_000_000, currency: 'CAD' },
        },
      ],
    }),
  );
  const [item, other] = seizure.items;
  if (!item || !other) throw new Error('two items expected');
  return { core, caseId, seizure, itemId: item.id, otherItemId: other.id };
}

function snapshot(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of ['seizures', 'seized_items', 'custody_entries', 'audit_log', 'record_state', 'counters']) {
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all();
  }
  return out;
}

type Move = Record<string, unknown>;

const toWarehouse: Move = {
  at: '2026-03-10T20:00:00Z',
  releasedBy: OFFICER,
  receivedBy: 'Omar Ahmed',
  fromLocation: PORT,
  toLocation: WAREHOUSE,
  purpose: 'storage',
  condition: 'Sealed',
  sealNumbers: ['CBSA-1001'],
};
const toLab: Move = {
  at: '2026-03-12T09:00:00-05:00',
  releasedBy: 'Omar Ahmed',
  receivedBy: 'Dr. Priya Singh',
  fromLocation: WAREHOUSE,
  toLocation: LAB,
  purpose: 'analysis',
  notes: 'Technical assessment requested',
};
const backToStorage: Move = {
  at: '2026-03-14T15:00:00Z',
  releasedBy: 'Dr. Priya Singh',
  receivedBy: 'Omar Ahmed',
  fromLocation: LAB,
  toLocation: WAREHOUSE,
  purpose: 'storage',
  condition: 'Resealed LAB-22',
  sealNumbers: ['LAB-22'],
};

function record(f: Fixture, move: Move, itemId = f.itemId): CustodyEntryView {
  return ok<{ entry: CustodyEntryView }>(f.core.invoke('custody.record', { itemId, ...move })).entry;
}

function chain(f: Fixture, itemId = f.itemId): CustodyChain {
  return ok<CustodyChain>(f.core.invoke('custody.chain', { itemId }));
}

/** A refused call: the error, with nothing written. */
function refused(f: Fixture, method: string, input: unknown): { code: string; message: string; field?: string } {
  const before = snapshot(f.core.db);
  const e = err(f.core.invoke(method, input));
  expect(snapshot(f.core.db)).toEqual(before);
  return e;
}

describe('recording a chain of custody', () => {
  it('starts with the seizing officer at the place of seizure, and follows each movement', async () => {
    const f = await fixture();
    const start = chain(f);
    expect(start.origin).toEqual({ at: SEIZED_AT, custodian: OFFICER, location: PORT });
    expect(start.current).toEqual({ custodian: OFFICER, location: PORT, since: SEIZED_AT });
    expect(start.entries).toEqual([]);
    expect(start.breaks).toEqual([]);
    expect(start.item).toMatchObject({
      id: f.itemId,
      seizureNumber: f.seizure.seizureNumber,
      caseId: f.caseId,
      disposition: 'held',
    });

    const first = record(f, toWarehouse);
    expect(first).toMatchObject({
      itemId: f.itemId,
      at: '2026-03-10T20:00:00.000Z',
      releasedBy: OFFICER,
      receivedBy: 'Omar Ahmed',
      purpose: 'storage',
      condition: 'Sealed',
      sealNumbers: ['CBSA-1001'],
      notes: '',
      correctsEntryId: null,
      recordedAt: NOW,
      recordedBy: OFFICER,
      recordedByBadge: BADGE,
      effective: true,
      supersededBy: null,
      slot: 1,
    });
    record(f, toLab);
    record(f, backToStorage);
    const c = chain(f);
    expect(c.entries.map((e) => [e.slot, e.effective, e.receivedBy])).toEqual([
      [1, true, 'Omar Ahmed'],
      [2, true, 'Dr. Priya Singh'],
      [3, true, 'Omar Ahmed'],
    ]);
    // Stored in UTC whatever offset it came with.
    expect(c.entries[1]?.at).toBe('2026-03-12T14:00:00.000Z');
    expect(c.current).toEqual({ custodian: 'Omar Ahmed', location: WAREHOUSE, since: '2026-03-14T15:00:00.000Z' });
    expect(c.breaks).toEqual([]);
    // The other item has not moved; the seizure shows each item's custodian.
    expect(chain(f, f.otherItemId).current.custodian).toBe(OFFICER);
    const s = ok<SeizureDetail>(f.core.invoke('seizures.get', { id: f.seizure.id }));
    expect(s.items.map((i) => [i.current.custodian, i.current.location, i.entryCount, i.broken])).toEqual([
      ['Omar Ahmed', WAREHOUSE, 3, false],
      [OFFICER, PORT, 0, false],
    ]);
  });

  it('compares names and places ignoring case and runs of spaces, and accepts the same instant as the last movement', async () => {
    const f = await fixture();
    record(f, {
      ...toWarehouse,
      releasedBy: '  jeanne   TREMBLAY ',
      fromLocation: 'port of montréal,  cast terminal',
      at: SEIZED_AT,
    });
    record(f, { ...toLab, releasedBy: 'omar ahmed', at: SEIZED_AT });
    expect(chain(f).breaks).toEqual([]);
  });

  it('a movement may keep the custodian (a change of place) or the place (a hand-over)', async () => {
    const f = await fixture();
    record(f, { ...toWarehouse, receivedBy: OFFICER });
    record(f, { ...toLab, releasedBy: OFFICER, receivedBy: 'Omar Ahmed', toLocation: WAREHOUSE });
    expect(chain(f).current).toMatchObject({ custodian: 'Omar Ahmed', location: WAREHOUSE });
  });
});

describe('every custody refusal names its field and changes nothing', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
    record(f, toWarehouse);
  });

  it('a releaser who is not the current custodian', () => {
    const e = refused(f, 'custody.record', { itemId: f.itemId, ...toLab, releasedBy: 'Dr. Priya Singh' });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'releasedBy' });
    expect(e.message).toBe('releasedBy: must be the current custodian, Omar Ahmed (got Dr. Priya Singh)');
  });

  it('the first releaser must be the seizing officer', () => {
    const e = refused(f, 'custody.record', { itemId: f.otherItemId, ...toWarehouse, releasedBy: 'Omar Ahmed' });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'releasedBy' });
    expect(e.message).toContain(OFFICER);
  });

  it('a movement from elsewhere than where the item is', () => {
    const e = refused(f, 'custody.record', { itemId: f.itemId, ...toLab, fromLocation: PORT });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'fromLocation' });
    expect(e.message).toContain(WAREHOUSE);
  });

  it('a time before the previous entry', () => {
    const e = refused(f, 'custody.record', { itemId: f.itemId, ...toLab, at: '2026-03-10T19:59:59.999Z' });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'at' });
    expect(e.message).toBe('at: must not be before the previous entry (2026-03-10T20:00:00.000Z)');
  });

  it('a time before the seizure', () => {
    const e = refused(f, 'custody.record', { itemId: f.otherItemId, ...toWarehouse, at: '2026-03-10T12:29:00-04:00' });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'at' });
    expect(e.message).toBe(`at: must not be before the seizure (${SEIZED_AT})`);
  });

  it('a movement of an item whose seizure has a final disposition; a non-final one does not stop movements', async () => {
    const g = await fixture();
    record(g, toWarehouse);
    ok(
      g.core.invoke('seizures.setDisposition', {
        id: g.seizure.id,
        disposition: 'forfeited',
        dispositionOn: '2026-03-12',
        authority: 's. 122',
      }),
    );
    record(g, toLab);
    ok(
      g.core.invoke('seizures.setDisposition', {
        id: g.seizure.id,
        disposition: 'destroyed',
        dispositionOn: '2026-03-14',
        authority: 'Order 7',
      }),
    );
    const e = refused(g, 'custody.record', { itemId: g.itemId, ...backToStorage });
    expect(e).toMatchObject({ code: 'invalid_transition', field: 'itemId' });
    expect(e.message).toContain('destroyed');
    expect(e.message).toContain('only corrections');
    // ...but a correction still is accepted.
    const last = chain(g).entries[1];
    const fixed = ok<{ entry: CustodyEntryView }>(
      g.core.invoke('custody.record', { itemId: g.itemId, ...toLab, notes: 'Assessment 2026-114', correctsEntryId: last?.id }),
    ).entry;
    expect(fixed).toMatchObject({ correctsEntryId: last?.id, effective: true, notes: 'Assessment 2026-114' });
  });

  it('an unknown item', () => {
    const id = randomUUID();
    expect(refused(f, 'custody.record', { itemId: id, ...toLab })).toMatchObject({ code: 'not_found' });
    expect(err(f.core.invoke('custody.chain', { itemId: id }))).toMatchObject({ code: 'not_found' });
  });

  /** [field, bad value, words]: every field of custody.record. */
  const fieldCases: [string, unknown, string][] = [
    ['itemId', 'item-1', 'itemId'],
    ['at', '2026-03-12', 'at'],
    ['at', '2026-03-12T09:00:00', 'at'],
    ['at', null, 'at'],
    ['releasedBy', ' ', 'Required'],
    ['releasedBy', 'x'.repeat(201), 'releasedBy'],
    ['receivedBy', '', 'Required'],
    ['receivedBy', 5, 'receivedBy'],
    ['fromLocation', '', 'Required'],
    ['toLocation', 'x'.repeat(301), 'toLocation'],
    ['purpose', 'safekeeping', 'purpose'],
    ['condition', 'x'.repeat(501), 'condition'],
    ['sealNumbers', ['S1', 'S1'], 'same seal number appears twice'],
    ['notes', 'x'.repeat(5001), 'notes'],
    ['correctsEntryId', 'entry-3', 'correctsEntryId'],
  ];

  it('covers every field of custody.record', () => {
    expect(new Set(fieldCases.map(([field]) => field))).toEqual(new Set(Object.keys(custodyRecordInput.shape)));
  });

  it.each(fieldCases)('custody.record %s = %j', (field, value, words) => {
    const e = refused(f, 'custody.record', { itemId: f.itemId, ...toLab, [field]: value });
    expect(e).toMatchObject({ code: 'invalid_input', field });
    expect(e.message).toContain(field);
    expect(e.message).toContain(words);
  });

  it('refuses fields only Dossier sets', () => {
    for (const field of ['recordedBy', 'recordedAt', 'recordedByBadge', 'effective']) {
      expect(refused(f, 'custody.record', { itemId: f.itemId, ...toLab, [field]: 'x' })).toMatchObject({
        code: 'invalid_input',
        field,
      });
    }
  });
});

describe('corrections', () => {
  let f: Fixture;
  let entries: CustodyEntryView[];
  beforeAll(async () => {
    f = await fixture();
    entries = [record(f, toWarehouse), record(f, toLab), record(f, backToStorage)];
  });

  it('a correction replaces every field of the entry in its place in the chain; the original stays, superseded', () => {
    const middle = entries[1] as CustodyEntryView;
    const fix = ok<{ entry: CustodyEntryView; chain: CustodyChain }>(
      f.core.invoke('custody.record', {
        itemId: f.itemId,
        ...toLab,
        at: '2026-03-12T15:30:00Z',
        condition: 'Seal CBSA-1001 intact',
        notes: 'Time corrected from the lab log',
        correctsEntryId: middle.id,
      }),
    );
    expect(fix.entry).toMatchObject({
      correctsEntryId: middle.id,
      effective: true,
      slot: 2,
      at: '2026-03-12T15:30:00.000Z',
      recordedBy: OFFICER,
    });
    const c = fix.chain;
    expect(c.entries.map((e) => [e.id, e.slot, e.effective, e.supersededBy])).toEqual([
      [entries[0]?.id, 1, true, null],
      [middle.id, 2, false, fix.entry.id],
      [fix.entry.id, 2, true, null],
      [entries[2]?.id, 3, true, null],
    ]);
    expect(c.breaks).toEqual([]);
    expect(c.current).toEqual({ custodian: 'Omar Ahmed', location: WAREHOUSE, since: '2026-03-14T15:00:00.000Z' });
  });

  it('only the latest version can be corrected; a correction can itself be corrected', () => {
    const c = chain(f);
    const superseded = c.entries.find((e) => !e.effective) as CustodyEntryView;
    const e = refused(f, 'custody.record', { itemId: f.itemId, ...toLab, correctsEntryId: superseded.id });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'correctsEntryId' });
    expect(e.message).toContain(`already corrected by entry ${superseded.supersededBy}`);
    const latest = superseded.supersededBy;
    const again = ok<{ entry: CustodyEntryView; chain: CustodyChain }>(
      f.core.invoke('custody.record', { itemId: f.itemId, ...toLab, notes: 'Second correction', correctsEntryId: latest }),
    );
    expect(again.entry.slot).toBe(2);
    expect(again.chain.entries.filter((x) => x.slot === 2).map((x) => x.effective)).toEqual([false, false, true]);
    expect(again.chain.entries.filter((x) => x.effective)).toHaveLength(3);
  });

  it('correcting the last entry changes the current custodian and location', async () => {
    const g = await fixture();
    const first = record(g, toWarehouse);
    const fixed = ok<{ chain: CustodyChain }>(
      g.core.invoke('custody.record', {
        itemId: g.itemId,
        ...toWarehouse,
        receivedBy: 'Grace Reid',
        toLocation: 'Vault B',
        correctsEntryId: first.id,
      }),
    ).chain;
    expect(fixed.current).toEqual({ custodian: 'Grace Reid', location: 'Vault B', since: '2026-03-10T20:00:00.000Z' });
    // New movements follow the corrected chain.
    expect(err(g.core.invoke('custody.record', { itemId: g.itemId, ...toLab }))).toMatchObject({ field: 'releasedBy' });
    record(g, { ...toLab, releasedBy: 'Grace Reid', fromLocation: 'Vault B' });
  });

  it('refuses a correction that would break the link before it or after it, naming the field', () => {
    const c = chain(f);
    const [one, two] = c.entries.filter((e) => e.effective);
    const cases: [Move, string, string][] = [
      [
        { ...toWarehouse, releasedBy: 'Someone Else', correctsEntryId: one?.id },
        'releasedBy',
        'but the seizing officer was Jeanne Tremblay',
      ],
      [{ ...toWarehouse, at: '2026-03-10T16:00:00Z', correctsEntryId: one?.id }, 'at', 'before the seizure'],
      [
        { ...toWarehouse, receivedBy: 'Grace Reid', correctsEntryId: one?.id },
        'receivedBy',
        'the next entry was released by Omar Ahmed, not Grace Reid',
      ],
      [
        { ...toWarehouse, toLocation: 'Vault B', correctsEntryId: one?.id },
        'toLocation',
        `the next entry leaves from ${WAREHOUSE}, not Vault B`,
      ],
      [{ ...toWarehouse, at: '2026-03-13T00:00:00Z', correctsEntryId: one?.id }, 'at', 'the next entry is at'],
      [{ ...toLab, fromLocation: PORT, correctsEntryId: two?.id }, 'fromLocation', `but the item was at ${WAREHOUSE}`],
      [{ ...toLab, at: '2026-03-10T19:00:00Z', correctsEntryId: two?.id }, 'at', 'before the previous entry'],
      [{ ...toLab, correctsEntryId: randomUUID() }, 'correctsEntryId', 'no custody entry'],
    ];
    for (const [move, field, words] of cases) {
      const e = refused(f, 'custody.record', { itemId: f.itemId, ...move });
      expect(e, words).toMatchObject({ code: 'invalid_input', field });
      expect(e.message).toContain(words);
    }
    expect(
      refused(f, 'custody.record', { itemId: f.itemId, ...toWarehouse, receivedBy: 'Grace Reid', correctsEntryId: one?.id })
        .message,
    ).toContain('custody.correct');
  });

  it('refuses a correction naming an entry of another item', async () => {
    const g = await fixture();
    const mine = record(g, toWarehouse);
    const e = refused(g, 'custody.record', { itemId: g.otherItemId, ...toWarehouse, correctsEntryId: mine.id });
    expect(e).toMatchObject({ code: 'invalid_input', field: 'correctsEntryId' });
    expect(e.message).toContain('item 2');
  });

  it('custody.correct fixes a wrong name carried over two entries, checked together', async () => {
    const g = await fixture();
    const a = record(g, { ...toWarehouse, receivedBy: 'Omar Ahmad' });
    const b = record(g, { ...toLab, releasedBy: 'Omar Ahmad' });
    // One at a time, each correction breaks a link...
    expect(refused(g, 'custody.record', { itemId: g.itemId, ...toWarehouse, correctsEntryId: a.id })).toMatchObject({
      field: 'receivedBy',
    });
    expect(refused(g, 'custody.record', { itemId: g.itemId, ...toLab, correctsEntryId: b.id })).toMatchObject({
      field: 'releasedBy',
    });
    // ...together they do not.
    const wrongSecond = refused(g, 'custody.correct', {
      itemId: g.itemId,
      corrections: [
        { correctsEntryId: a.id, ...toWarehouse },
        { correctsEntryId: b.id, ...toLab, releasedBy: 'Nobody' },
      ],
    });
    expect(wrongSecond).toMatchObject({ code: 'invalid_input', field: 'corrections.1.releasedBy' });
    const seq = lastAuditSeq(g.core.db);
    const res = ok<{ entries: CustodyEntryView[]; chain: CustodyChain }>(
      g.core.invoke('custody.correct', {
        itemId: g.itemId,
        corrections: [
          { correctsEntryId: b.id, ...toLab },
          { correctsEntryId: a.id, ...toWarehouse },
        ],
      }),
    );
    expect(res.entries.map((e) => e.correctsEntryId)).toEqual([b.id, a.id]);
    expect(res.chain.entries.filter((e) => e.effective).map((e) => [e.slot, e.releasedBy, e.receivedBy])).toEqual([
      [1, OFFICER, 'Omar Ahmed'],
      [2, 'Omar Ahmed', 'Dr. Priya Singh'],
    ]);
    expect(res.chain.breaks).toEqual([]);
    expect(auditRows(g.core.db, seq).map((r) => [r.record_type, r.method, r.case_id])).toEqual([
      ['custody_entry', 'custody.correct', g.caseId],
      ['custody_entry', 'custody.correct', g.caseId],
    ]);
    expect(
      refused(g, 'custody.correct', {
        itemId: g.itemId,
        corrections: [
          { correctsEntryId: a.id, ...toWarehouse },
          { correctsEntryId: a.id, ...toWarehouse },
        ],
      }),
    ).toMatchObject({ code: 'invalid_input', field: 'corrections' });
    expect(refused(g, 'custody.correct', { itemId: g.itemId, corrections: [] })).toMatchObject({
      code: 'invalid_input',
      field: 'corrections',
    });
    expect(
      refused(g, 'custody.correct', { itemId: g.itemId, corrections: [{ correctsEntryId: a.id, ...toWarehouse }] }),
    ).toMatchObject({ code: 'invalid_input', field: 'corrections.0.correctsEntryId' });
  });
});

describe('breaks in rows that did not come through Dossier (an import)', () => {
  function insertRaw(db: Db, itemId: string, m: Move & { correctsEntryId?: string | null }, id: string = randomUUID()): string {
    db.prepare(
      `INSERT INTO custody_entries (id, item_id, at, released_by, received_by, from_location, to_location, purpose,
         corrects_entry_id, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Import')`,
    ).run(id, itemId, m.at, m.releasedBy, m.receivedBy, m.fromLocation, m.toLocation, m.purpose, m.correctsEntryId ?? null, NOW);
    return id;
  }

  it('flags each discontinuity with the entry and the field, and the seizure shows the item as broken', async () => {
    const f = await fixture();
    const db = f.core.db;
    const early = insertRaw(db, f.itemId, { ...toWarehouse, at: '2026-03-09T00:00:00Z' });
    const wrongHands = insertRaw(db, f.itemId, { ...toLab, releasedBy: 'Grace Reid', at: '2026-03-12T14:00:00Z' });
    const wrongPlace = insertRaw(db, f.itemId, { ...backToStorage, fromLocation: 'Somewhere else' });
    const backwards = insertRaw(db, f.itemId, {
      at: '2026-03-13T00:00:00Z',
      releasedBy: 'Omar Ahmed',
      receivedBy: 'Omar Ahmed',
      fromLocation: WAREHOUSE,
      toLocation: WAREHOUSE,
      purpose: 'other',
    });
    const c = chain(f);
    expect(c.breaks).toEqual([
      { entryId: early, field: 'at', reason: `2026-03-09T00:00:00Z is before the seizure (${SEIZED_AT})` },
      { entryId: wrongHands, field: 'releasedBy', reason: 'released by Grace Reid, but the custodian was Omar Ahmed' },
      { entryId: wrongPlace, field: 'fromLocation', reason: `moved from Somewhere else, but the item was at ${LAB}` },
      { entryId: backwards, field: 'at', reason: '2026-03-13T00:00:00Z is before the previous entry (2026-03-14T15:00:00Z)' },
    ]);
    expect(c.entries.every((e) => e.effective)).toBe(true);
    const s = ok<SeizureDetail>(f.core.invoke('seizures.get', { id: f.seizure.id }));
    expect(s.items.map((i) => i.broken)).toEqual([true, false]);
  });

  it('reads odd corrections: of another item’s entry, of a later entry, and two corrections of one entry', async () => {
    const f = await fixture();
    const db = f.core.db;
    const other = insertRaw(db, f.otherItemId, toWarehouse);
    const first = insertRaw(db, f.itemId, toWarehouse);
    const foreign = insertRaw(db, f.itemId, { ...toLab, correctsEntryId: other });
    const fixA = insertRaw(db, f.itemId, { ...toWarehouse, receivedBy: 'Omar Ahmed', correctsEntryId: first });
    const fixB = insertRaw(db, f.itemId, { ...toWarehouse, correctsEntryId: first });
    const c = chain(f);
    expect(c.breaks).toEqual([
      { entryId: foreign, field: 'correctsEntryId', reason: `corrects entry ${other}, which is not in this item's chain` },
      {
        entryId: fixB,
        field: 'correctsEntryId',
        reason: `entry ${first} was corrected more than once (${fixA}, ${fixB}); the last correction counts`,
      },
    ]);
    expect(c.entries.filter((e) => e.effective).map((e) => e.id)).toEqual([fixB, foreign]);
    expect(c.entries.find((e) => e.id === fixA)).toMatchObject({ effective: false, supersededBy: fixB, slot: null });
    // A later entry named as corrected (possible only with foreign keys off): read as a movement of its own.
    const g = await fixture();
    const laterId = randomUUID();
    g.core.db.pragma('foreign_keys = OFF');
    const early = insertRaw(g.core.db, g.itemId, { ...toWarehouse, correctsEntryId: laterId });
    g.core.db.pragma('foreign_keys = ON');
    insertRaw(g.core.db, g.itemId, toLab, laterId);
    const gc = chain(g);
    expect(gc.breaks).toEqual([
      { entryId: early, field: 'correctsEntryId', reason: `corrects entry ${laterId}, which was recorded after it` },
    ]);
    expect(gc.entries.map((e) => [e.id, e.effective, e.slot])).toEqual([
      [early, true, 1],
      [laterId, true, 2],
    ]);
  });

  it('a chain built through Dossier has no break, through movements, corrections and dispositions', async () => {
    const f = await fixture();
    const a = record(f, toWarehouse);
    record(f, toLab);
    ok(f.core.invoke('custody.record', { itemId: f.itemId, ...toWarehouse, notes: 'fixed', correctsEntryId: a.id }));
    record(f, backToStorage);
    record(f, {
      at: '2026-03-15T09:00:00Z',
      releasedBy: 'Omar Ahmed',
      receivedBy: 'Agent for the owner',
      fromLocation: WAREHOUSE,
      toLocation: 'Loading dock',
      purpose: 'return',
    });
    ok(
      f.core.invoke('seizures.setDisposition', {
        id: f.seizure.id,
        disposition: 'returned',
        dispositionOn: '2026-03-15',
        authority: 's. 131',
      }),
    );
    expect(chain(f).breaks).toEqual([]);
    expect(checkOf(f.core.db).problems).toEqual([]);
  });
});

describe('custody entries are append-only and audited', () => {
  it('the database refuses UPDATE and DELETE of a custody entry', async () => {
    const f = await fixture();
    const e = record(f, toWarehouse);
    expect(() => f.core.db.prepare("UPDATE custody_entries SET received_by = 'Someone' WHERE id = ?").run(e.id)).toThrow(
      /append-only/,
    );
    expect(() => f.core.db.prepare('UPDATE custody_entries SET notes = notes').run()).toThrow(/append-only/);
    expect(() => f.core.db.prepare('DELETE FROM custody_entries WHERE id = ?').run(e.id)).toThrow(/append-only/);
    expect(() => f.core.db.prepare('DELETE FROM custody_entries').run()).toThrow(/append-only/);
    expect(chain(f).entries).toHaveLength(1);
  });

  it('each entry is audited with its case and its recorder, and the audit trail checks out', async () => {
    const f = await fixture();
    const seq = lastAuditSeq(f.core.db);
    const e = record(f, toWarehouse);
    const rows = auditRows(f.core.db, seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      record_type: 'custody_entry',
      record_id: e.id,
      case_id: f.caseId,
      method: 'custody.record',
      actor: OFFICER,
      actor_badge: BADGE,
      before: null,
    });
    expect(JSON.parse(rows[0]?.after ?? '{}')).toMatchObject({
      released_by: OFFICER,
      received_by: 'Omar Ahmed',
      recorded_by: OFFICER,
      recorded_by_badge: BADGE,
    });
    expect(chainProblem(f.core.db)).toBeNull();
    expect(checkOf(f.core.db).problems).toEqual([]);
  });

  it('the CLI’s acting investigator is stamped on the entry', async () => {
    const f = await fixture();
    const as = await openCore(f.core.file, { clock: () => new Date(NOW), actor: { name: 'Sam Okafor', badge: '7' } });
    cores.push(as);
    const e = ok<{ entry: CustodyEntryView }>(as.invoke('custody.record', { itemId: f.itemId, ...toWarehouse })).entry;
    expect(e).toMatchObject({ recordedBy: 'Sam Okafor', recordedByBadge: '7', releasedBy: OFFICER });
  });
});
