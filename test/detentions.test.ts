import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import type { DetentionDetail, DetentionListRow, InfoRequest } from '../db/api.ts';
import {
  DETENTION_REVIEW_DAYS,
  DETENTION_SORT_COLUMNS,
  DETENTION_STATES,
  TECHNICAL_ASSESSMENT_DAYS,
} from '../db/shared/domain.ts';
import { detentionCreateInput, detentionListInput, detentionUpdateInput } from '../db/shared/inputs/detentions.ts';
import { detentionListSql } from '../db/services/detentions.ts';
import { checkOf } from './helpers.ts';
import { auditRows, chainProblem, lastAuditSeq, ok, tempDir } from './helpers.ts';
import { MISSING, TODAY, caseWithParties, expectRefused, long, newCore, type Parties } from './enforcement-fixtures.ts';
import { explainList } from '../db/list-sql.ts';

const dir = tempDir();

function create(core: Core, input: Record<string, unknown>): DetentionDetail {
  return ok<DetentionDetail>(core.invoke('detentions.create', input));
}

describe('detentions.create', () => {
  let core: Core;
  let p: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  it('numbers detentions YYYY-DT-000001 by the start year, defaults the review to start + 30 days, keeps UTC', () => {
    const d = create(core, { caseId: p.caseId, subject: 'shipment', startedAt: '2026-02-01T21:30:00-05:00' });
    expect(d).toMatchObject({
      detentionNumber: '2026-DT-000001',
      caseId: p.caseId,
      subject: 'shipment',
      startedAt: '2026-02-02T02:30:00.000Z',
      outcome: null,
      endedAt: null,
      version: 1,
      requests: [],
      exporter: null,
      consignee: null,
    });
    // The review date counts from the investigator's calendar date of the start.
    const startedOn = new Date(d.startedAt);
    const local = `${startedOn.getFullYear()}-${String(startedOn.getMonth() + 1).padStart(2, '0')}-${String(startedOn.getDate()).padStart(2, '0')}`;
    const expected = new Date(`${local}T00:00:00Z`);
    expected.setUTCDate(expected.getUTCDate() + DETENTION_REVIEW_DAYS);
    expect(d.reviewDueOn).toBe(expected.toISOString().slice(0, 10));
    const second = create(core, { caseId: p.caseId, subject: 'goods' });
    expect(second.detentionNumber).toBe('2026-DT-000002');
    expect(second.startedAt).toBe(`${TODAY}T12:00:00.000Z`);
    expect(second.reviewDueOn).toBe('2026-04-14');
    expect(create(core, { caseId: p.caseId, subject: 'person', startedAt: '2025-12-30T10:00:00Z' }).detentionNumber).toBe(
      '2025-DT-000001',
    );
  });

  it('stores every field, normalizing the ECCN and the country, and defaults the assessment answer to referral + 30 days', () => {
    const d = create(core, {
      caseId: p.caseId,
      detentionNumber: 'YUL-2026-0042',
      subject: 'shipment',
      startedAt: '2026-03-01T14:00:00Z',
      place: ' Port of Montréal, Cast terminal ',
      legalAuthority: 'Customs Act, s. 101',
      exporterId: p.exporterId,
      consigneeId: p.consigneeId,
      destinationCountry: 'am',
      declaredPermit: 'EXP-2026-001234',
      declaredEccn: '3a001.a.7',
      reason: 'ECCN does not match the invoice',
      assessmentOffice: 'Global Affairs Canada, Export Controls Division',
      referredOn: '2026-03-02',
      reviewDueOn: '2026-03-20',
      notes: 'Crates 1-4 sealed',
    });
    expect(d).toMatchObject({
      detentionNumber: 'YUL-2026-0042',
      place: 'Port of Montréal, Cast terminal',
      destinationCountry: 'AM',
      declaredEccn: '3A001.a.7',
      assessmentDueOn: '2026-04-01',
      assessmentAnsweredOn: null,
      reviewDueOn: '2026-03-20',
      exporter: { id: p.exporterId, name: 'Laurentian Microsystems Inc.', kind: 'organization' },
      consignee: { id: p.consigneeId, name: 'Ararat Trade LLC' },
      caseFileNumber: '2026-EXP-000001',
    });
    expect(TECHNICAL_ASSESSMENT_DAYS).toBe(30);
    expect(ok<DetentionDetail>(core.invoke('detentions.get', { id: d.id }))).toEqual(d);
    expect(create(core, { caseId: p.caseId, subject: 'goods', declaredEccn: 'ear99' }).declaredEccn).toBe('EAR99');
  });

  it('refuses a number already used, and the counter skips numbers typed by hand', () => {
    expectRefused(
      core,
      'detentions.create',
      { caseId: p.caseId, subject: 'goods', detentionNumber: 'YUL-2026-0042' },
      'conflict',
      'detentionNumber',
    );
    create(core, { caseId: p.caseId, subject: 'goods', detentionNumber: '2026-DT-000004' });
    expect(create(core, { caseId: p.caseId, subject: 'goods' }).detentionNumber).toBe('2026-DT-000005');
  });

  /** [field, bad value, why, expected code]: each is refused naming the field, and nothing changes. */
  const badCreate: [string, unknown, string, string?][] = [
    ['caseId', 'not-a-uuid', 'not a uuid'],
    ['caseId', MISSING, 'no such case', 'not_found'],
    ['detentionNumber', '', 'blank'],
    ['detentionNumber', 'DT#1', 'bad character'],
    ['detentionNumber', long(51), 'too long'],
    ['subject', 'vessel', 'bad enum'],
    ['subject', null, 'null'],
    ['startedAt', '2026-03-01', 'a date, not an instant'],
    ['startedAt', '2026-03-01T10:00:00', 'no offset'],
    ['startedAt', '2026-03-16T10:00:00Z', 'in the future'],
    ['place', long(301), 'too long'],
    ['place', 5, 'wrong type'],
    ['legalAuthority', long(1001), 'too long'],
    ['exporterId', 'acme', 'not a uuid'],
    ['exporterId', MISSING, 'no such entity', 'not_found'],
    ['exporterId', 'ADDRESS', 'an address is not an exporter'],
    ['consigneeId', MISSING, 'no such entity', 'not_found'],
    ['consigneeId', 'ADDRESS', 'an address is not a consignee'],
    ['destinationCountry', 'XX', 'not a country'],
    ['destinationCountry', 'ARM', 'alpha-3'],
    ['destinationCountry', 7, 'wrong type'],
    ['declaredPermit', long(101), 'too long'],
    ['declaredEccn', '3F001', 'bad group letter'],
    ['declaredEccn', '854239', 'an HS code'],
    ['declaredEccn', '3A01', 'too short'],
    ['reason', long(5001), 'too long'],
    ['assessmentOffice', '  ', 'blank'],
    ['referredOn', '2026-02-30', 'no such day'],
    ['assessmentDueOn', '2026-03-20', 'without a referral'],
    ['assessmentAnsweredOn', '2026-03-10', 'without a referral'],
    ['reviewDueOn', '2026-02-28', 'before the start'],
    ['reviewDueOn', '03/20/2026', 'bad format'],
    ['notes', long(20001), 'too long'],
  ];

  it('has a bad value for every field of detentions.create and detentions.update', () => {
    const covered = new Set(badCreate.map(([f]) => f));
    expect([...covered].sort()).toEqual(Object.keys(detentionCreateInput.shape).sort());
    expect(
      [...covered]
        .filter((f) => f !== 'caseId')
        .concat(['id', 'version'])
        .sort(),
    ).toEqual(Object.keys(detentionUpdateInput.shape).sort());
  });

  it.each(badCreate)('refuses %s = %j (%s)', (field, value, _why, code = 'invalid_input') => {
    const resolved = value === 'ADDRESS' ? p.addressId : value;
    const input: Record<string, unknown> = {
      caseId: p.caseId,
      subject: 'shipment',
      startedAt: '2026-03-01T12:00:00Z',
      [field]: resolved,
    };
    expectRefused(core, 'detentions.create', input, code, field);
  });

  it.each([
    ['referredOn', { assessmentOffice: 'GAC' }, 'an office without a referral date: the date is missing'],
    ['assessmentOffice', { referredOn: '2026-03-02' }, 'a referral date without an office: the office is missing'],
    ['referredOn', { assessmentOffice: 'GAC', referredOn: '2026-02-27' }, 'before the start'],
    ['referredOn', { assessmentOffice: 'GAC', referredOn: '2026-03-16' }, 'in the future'],
    [
      'assessmentDueOn',
      { assessmentOffice: 'GAC', referredOn: '2026-03-05', assessmentDueOn: '2026-03-04' },
      'before the referral',
    ],
    [
      'assessmentAnsweredOn',
      { assessmentOffice: 'GAC', referredOn: '2026-03-05', assessmentAnsweredOn: '2026-03-04' },
      'before the referral',
    ],
    [
      'assessmentAnsweredOn',
      { assessmentOffice: 'GAC', referredOn: '2026-03-05', assessmentAnsweredOn: '2026-03-16' },
      'in the future',
    ],
    ['exporterId', { exporterId: 'PERSON_SHIPMENT' }, 'a shipment is not an exporter'],
    ['colour', { colour: 'red' }, 'unknown field'],
    ['outcome', { outcome: 'released' }, 'the outcome is set by detentions.end'],
  ] as const)('refuses %s: %j (%s)', (field, extra, why) => {
    let input: Record<string, unknown> = { caseId: p.caseId, subject: 'shipment', startedAt: '2026-03-01T12:00:00Z', ...extra };
    if (why === 'a shipment is not an exporter') {
      const shipment = ok<{ id: string }>(
        core.invoke('entities.create', {
          kind: 'shipment',
          transportDocumentType: 'bill_of_lading',
          transportDocumentNumber: 'MAEU123456789',
        }),
      ).id;
      input = { ...input, exporterId: shipment };
    }
    expectRefused(core, 'detentions.create', input, 'invalid_input', field);
  });
});

describe('detentions.update and detentions.end', () => {
  let core: Core;
  let p: Parties;
  let d: DetentionDetail;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
    d = create(core, { caseId: p.caseId, subject: 'shipment', startedAt: '2026-03-01T12:00:00Z', exporterId: p.exporterId });
  });

  it('changes the fields given, bumps the version, and refuses a stale version', () => {
    const u = ok<DetentionDetail>(
      core.invoke('detentions.update', {
        id: d.id,
        version: 1,
        place: 'Port of Halifax',
        consigneeId: p.consigneeId,
        exporterId: null,
      }),
    );
    expect(u).toMatchObject({
      place: 'Port of Halifax',
      consigneeId: p.consigneeId,
      exporterId: null,
      version: 2,
      subject: 'shipment',
    });
    expectRefused(core, 'detentions.update', { id: d.id, version: 1, place: 'Stale' }, 'conflict', 'version');
    // Saving what is there changes nothing: no new version, no audit record.
    const seq = lastAuditSeq(core.db);
    expect(ok<DetentionDetail>(core.invoke('detentions.update', { id: d.id, place: 'Port of Halifax' })).version).toBe(2);
    expect(lastAuditSeq(core.db)).toBe(seq);
  });

  it('checks the detention as a whole after the change', () => {
    ok(core.invoke('detentions.update', { id: d.id, assessmentOffice: 'GAC', referredOn: '2026-03-03' }));
    expect(ok<DetentionDetail>(core.invoke('detentions.get', { id: d.id })).assessmentDueOn).toBe('2026-04-02');
    expectRefused(core, 'detentions.update', { id: d.id, assessmentOffice: null }, 'invalid_input', 'assessmentOffice');
    expectRefused(core, 'detentions.update', { id: d.id, startedAt: '2026-03-10T12:00:00Z' }, 'invalid_input', 'referredOn');
    expectRefused(core, 'detentions.update', { id: d.id, reviewDueOn: '2026-02-01' }, 'invalid_input', 'reviewDueOn');
    expectRefused(core, 'detentions.update', { id: MISSING, place: 'x' }, 'not_found', 'id');
    expectRefused(core, 'detentions.update', { id: d.id, caseId: p.caseId }, 'invalid_input', 'caseId');
    const cleared = ok<DetentionDetail>(
      core.invoke('detentions.update', { id: d.id, assessmentOffice: null, referredOn: null, assessmentDueOn: null }),
    );
    expect(cleared).toMatchObject({ assessmentOffice: null, referredOn: null, assessmentDueOn: null });
  });

  it('ends with an outcome and end time, once; closes the requests still awaited', () => {
    const r1 = ok<InfoRequest>(
      core.invoke('detentions.addRequest', {
        detentionId: d.id,
        kind: 'item_list',
        requestedOn: '2026-03-05',
        dueOn: '2026-03-20',
      }),
    );
    const r2 = ok<InfoRequest>(
      core.invoke('detentions.addRequest', { detentionId: d.id, kind: 'end_use_certificate', dueOn: '2026-03-25' }),
    );
    ok(core.invoke('detentions.receiveRequest', { id: r1.id, receivedOn: '2026-03-14' }));
    expectRefused(
      core,
      'detentions.end',
      { id: d.id, outcome: 'released', endedAt: '2026-02-28T12:00:00Z' },
      'invalid_input',
      'endedAt',
    );
    expectRefused(
      core,
      'detentions.end',
      { id: d.id, outcome: 'released', endedAt: '2026-03-16T12:00:00Z' },
      'invalid_input',
      'endedAt',
    );
    expectRefused(core, 'detentions.end', { id: d.id, outcome: 'destroyed' }, 'invalid_input', 'outcome');
    expectRefused(core, 'detentions.end', { id: d.id, outcome: 'released', version: 1 }, 'conflict', 'version');
    const ended = ok<DetentionDetail>(
      core.invoke('detentions.end', { id: d.id, outcome: 'seized', endedAt: '2026-03-15T07:00:00-04:00' }),
    );
    expect(ended).toMatchObject({ outcome: 'seized', endedAt: '2026-03-15T11:00:00.000Z', overdue: [] });
    expect(ended.requests.map((r) => [r.id, r.receivedOn, r.closedOn])).toEqual([
      [r1.id, '2026-03-14', null],
      [r2.id, null, TODAY],
    ]);
    expectRefused(core, 'detentions.end', { id: d.id, outcome: 'released' }, 'invalid_transition', 'outcome');
    expectRefused(
      core,
      'detentions.addRequest',
      { detentionId: d.id, kind: 'other', dueOn: '2026-04-01' },
      'invalid_transition',
      'detentionId',
    );
    // An answer that arrives after the end can still be recorded.
    const late = ok<InfoRequest>(core.invoke('detentions.receiveRequest', { id: r2.id }));
    expect(late).toMatchObject({ receivedOn: TODAY, closedOn: null, overdue: false });
  });
});

describe('information requests', () => {
  let core: Core;
  let d: DetentionDetail;
  beforeAll(async () => {
    core = await newCore(dir);
    const p = caseWithParties(core);
    d = create(core, { caseId: p.caseId, subject: 'goods', startedAt: '2026-03-02T12:00:00Z' });
  });

  it('defaults the request date to today and records the answer once', () => {
    const r = ok<InfoRequest>(
      core.invoke('detentions.addRequest', {
        detentionId: d.id,
        kind: 'specifications',
        description: 'Data sheets',
        dueOn: '2026-03-30',
      }),
    );
    expect(r).toMatchObject({
      detentionId: d.id,
      kind: 'specifications',
      description: 'Data sheets',
      requestedOn: TODAY,
      dueOn: '2026-03-30',
      receivedOn: null,
      overdue: false,
      version: 1,
    });
    const received = ok<InfoRequest>(core.invoke('detentions.receiveRequest', { id: r.id, version: 1 }));
    expect(received).toMatchObject({ receivedOn: TODAY, version: 2 });
    expectRefused(core, 'detentions.receiveRequest', { id: r.id }, 'invalid_transition', 'receivedOn');
  });

  it.each([
    [{ kind: 'photos', dueOn: '2026-03-30' }, 'kind', 'invalid_input'],
    [{ kind: 'item_list', dueOn: '2026-03-31T00:00:00Z' }, 'dueOn', 'invalid_input'],
    [{ kind: 'item_list' }, 'dueOn', 'invalid_input'],
    [{ kind: 'item_list', requestedOn: '2026-03-10', dueOn: '2026-03-09' }, 'dueOn', 'invalid_input'],
    [{ kind: 'item_list', requestedOn: '2026-03-01', dueOn: '2026-03-09' }, 'requestedOn', 'invalid_input'],
    [{ kind: 'item_list', requestedOn: '2026-03-16', dueOn: '2026-03-20' }, 'requestedOn', 'invalid_input'],
    [{ kind: 'item_list', description: long(5001), dueOn: '2026-03-20' }, 'description', 'invalid_input'],
    [{ kind: 'item_list', dueOn: '2026-03-20', detentionId: MISSING }, 'detentionId', 'not_found'],
    [{ kind: 'item_list', dueOn: '2026-03-20', detentionId: 'x' }, 'detentionId', 'invalid_input'],
  ] as const)('detentions.addRequest refuses %j (%s)', (input, field, code) => {
    expectRefused(core, 'detentions.addRequest', { detentionId: d.id, ...input }, code, field);
  });

  it('detentions.receiveRequest refuses a date before the request or in the future, and an unknown request', () => {
    const r = ok<InfoRequest>(
      core.invoke('detentions.addRequest', {
        detentionId: d.id,
        kind: 'item_list',
        requestedOn: '2026-03-05',
        dueOn: '2026-03-12',
      }),
    );
    expectRefused(core, 'detentions.receiveRequest', { id: r.id, receivedOn: '2026-03-04' }, 'invalid_input', 'receivedOn');
    expectRefused(core, 'detentions.receiveRequest', { id: r.id, receivedOn: '2026-03-16' }, 'invalid_input', 'receivedOn');
    expectRefused(core, 'detentions.receiveRequest', { id: r.id, receivedOn: 'yesterday' }, 'invalid_input', 'receivedOn');
    expectRefused(core, 'detentions.receiveRequest', { id: r.id, version: 2 }, 'conflict', 'version');
    expectRefused(core, 'detentions.receiveRequest', { id: MISSING }, 'not_found', 'id');
  });
});

describe('overdue flags (fixed clock: today is 2026-03-15)', () => {
  let core: Core;
  let p: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  it('flags a review, a technical assessment and requests past their dates, soonest first; nothing on their due day', () => {
    const d = create(core, {
      caseId: p.caseId,
      subject: 'shipment',
      startedAt: '2026-02-01T12:00:00Z',
      assessmentOffice: 'GAC',
      referredOn: '2026-02-02',
      assessmentDueOn: '2026-03-10',
      reviewDueOn: '2026-03-14',
    });
    const late = ok<InfoRequest>(
      core.invoke('detentions.addRequest', {
        detentionId: d.id,
        kind: 'end_use_certificate',
        requestedOn: '2026-02-03',
        dueOn: '2026-03-01',
      }),
    );
    const dueToday = ok<InfoRequest>(
      core.invoke('detentions.addRequest', { detentionId: d.id, kind: 'item_list', requestedOn: '2026-02-03', dueOn: TODAY }),
    );
    const answered = ok<InfoRequest>(
      core.invoke('detentions.addRequest', {
        detentionId: d.id,
        kind: 'specifications',
        requestedOn: '2026-02-03',
        dueOn: '2026-02-20',
      }),
    );
    ok(core.invoke('detentions.receiveRequest', { id: answered.id, receivedOn: '2026-02-25' }));
    expect(late.overdue).toBe(true);
    expect(dueToday.overdue).toBe(false);
    const got = ok<DetentionDetail>(core.invoke('detentions.get', { id: d.id }));
    expect(got.overdue).toEqual([
      { what: 'info_request', dueOn: '2026-03-01', recordId: late.id, requestKind: 'end_use_certificate' },
      { what: 'technical_assessment', dueOn: '2026-03-10', recordId: d.id },
      { what: 'review', dueOn: '2026-03-14', recordId: d.id },
    ]);
    expect(got.requests.map((r) => [r.kind, r.overdue])).toEqual([
      ['end_use_certificate', true],
      ['item_list', false],
      ['specifications', false],
    ]);
    // Answering the assessment and the request clears their flags.
    ok(core.invoke('detentions.update', { id: d.id, assessmentAnsweredOn: '2026-03-12' }));
    ok(core.invoke('detentions.receiveRequest', { id: late.id }));
    expect(ok<DetentionDetail>(core.invoke('detentions.get', { id: d.id })).overdue).toEqual([
      { what: 'review', dueOn: '2026-03-14', recordId: d.id },
    ]);
    // Ended, nothing is overdue.
    expect(ok<DetentionDetail>(core.invoke('detentions.end', { id: d.id, outcome: 'released' })).overdue).toEqual([]);
  });

  it('a review due today or later is not overdue', () => {
    const d = create(core, { caseId: p.caseId, subject: 'goods', startedAt: '2026-02-13T12:00:00Z', reviewDueOn: TODAY });
    expect(d.overdue).toEqual([]);
  });

  it('the next day, with a clock one day later, the same detention is overdue', async () => {
    const later = await newCore(dir, () => new Date('2026-03-16T12:00:00Z'));
    const q = caseWithParties(later);
    const d = create(later, { caseId: q.caseId, subject: 'goods', startedAt: '2026-02-13T12:00:00Z', reviewDueOn: TODAY });
    expect(d.overdue).toEqual([{ what: 'review', dueOn: TODAY, recordId: d.id }]);
  });
});

describe('detentions.list', () => {
  let core: Core;
  const all: DetentionDetail[] = [];
  let caseA: Parties;
  let caseB: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    caseA = caseWithParties(core);
    caseB = caseWithParties(core, { title: 'GNSS receivers via Kazakhstan' });
    // 30 detentions with ties on the start and review dates: some open, some ended, some overdue.
    for (let i = 0; i < 30; i++) {
      const caseId = i % 3 === 0 ? caseB.caseId : caseA.caseId;
      const day = 1 + (i % 10);
      const d = create(core, {
        caseId,
        subject: 'shipment',
        startedAt: `2026-02-${String(day).padStart(2, '0')}T12:00:00Z`,
        reviewDueOn: `2026-03-${String(5 + (i % 20)).padStart(2, '0')}`,
        exporterId: caseA.exporterId,
      });
      if (i % 5 === 1) {
        // Review far ahead, but a request is late: overdue through the request alone.
        ok(core.invoke('detentions.update', { id: d.id, reviewDueOn: '2026-04-30' }));
        ok(
          core.invoke('detentions.addRequest', {
            detentionId: d.id,
            kind: 'item_list',
            requestedOn: '2026-02-15',
            dueOn: '2026-03-01',
          }),
        );
      }
      if (i % 4 === 0) ok(core.invoke('detentions.end', { id: d.id, outcome: 'released', endedAt: '2026-03-12T12:00:00Z' }));
      all.push(ok<DetentionDetail>(core.invoke('detentions.get', { id: d.id })));
    }
  });

  const list = (input: Record<string, unknown>) =>
    ok<{ total: number; rows: DetentionListRow[] }>(core.invoke('detentions.list', input));

  it('sorts by every column, both ways, ties by creation order', () => {
    const key: Record<string, (d: DetentionDetail) => string> = {
      startedAt: (d) => d.startedAt,
      reviewDueOn: (d) => d.reviewDueOn,
      detentionNumber: (d) => d.detentionNumber,
    };
    for (const column of DETENTION_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const expected = all
          .map((d, i) => ({ d, i }))
          .sort((a, b) => {
            const ka = key[column]?.(a.d) ?? '';
            const kb = key[column]?.(b.d) ?? '';
            const c = ka < kb ? -1 : ka > kb ? 1 : a.i - b.i;
            return direction === 'asc' ? c : -c;
          })
          .map(({ d }) => d.id);
        const page1 = list({ sort: { column, direction }, limit: 12 });
        const page2 = list({ sort: { column, direction }, limit: 12, offset: 12 });
        const page3 = list({ sort: { column, direction }, limit: 12, offset: 24 });
        expect(page1.total).toBe(30);
        expect(
          [...page1.rows, ...page2.rows, ...page3.rows].map((r) => r.id),
          `${column} ${direction}`,
        ).toEqual(expected);
      }
    }
  });

  it('filters open, ended and overdue, per case too, with rows that say what is overdue', () => {
    const overdue = (d: DetentionDetail) => d.overdue.length > 0;
    const expected: Record<string, (d: DetentionDetail) => boolean> = {
      open: (d) => d.outcome === null,
      ended: (d) => d.outcome !== null,
      overdue,
    };
    for (const state of DETENTION_STATES) {
      for (const caseId of [undefined, caseA.caseId, caseB.caseId]) {
        const want = all
          .filter((d) => expected[state]?.(d) && (caseId === undefined || d.caseId === caseId))
          .map((d) => d.id)
          .sort();
        const got = list({ state, caseId, limit: 500 });
        expect(got.rows.map((r) => r.id).sort(), `${state} ${caseId ?? 'all'}`).toEqual(want);
        expect(got.total).toBe(want.length);
      }
    }
    expect(all.filter(overdue).length).toBeGreaterThan(5);
    expect(all.some((d) => d.outcome === null && !overdue(d))).toBe(true);
    const rows = list({ limit: 500 }).rows;
    for (const d of all) {
      const row = rows.find((r) => r.id === d.id);
      expect(row?.overdue, d.detentionNumber).toBe(overdue(d));
      expect(row?.outstandingRequests).toBe(d.requests.filter((r) => r.receivedOn === null && r.closedOn === null).length);
      expect(row).toMatchObject({ exporterName: 'Laurentian Microsystems Inc.', caseFileNumber: d.caseFileNumber });
    }
  });

  it('refuses bad list input, naming the field', () => {
    expectRefused(core, 'detentions.list', { state: 'late' }, 'invalid_input', 'state');
    expectRefused(core, 'detentions.list', { sort: { column: 'place', direction: 'asc' } }, 'invalid_input', 'sort.column');
    expectRefused(core, 'detentions.list', { limit: 501 }, 'invalid_input', 'limit');
    expectRefused(core, 'detentions.list', { caseId: 'x' }, 'invalid_input', 'caseId');
  });

  it('walks the sort column index and stops after the page (no sort), whatever the state filter', () => {
    const index: Record<string, string> = {
      startedAt: 'detentions_started',
      reviewDueOn: 'detentions_review',
      detentionNumber: 'detentions_number',
    };
    for (const column of DETENTION_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const state of [undefined, ...DETENTION_STATES]) {
          const q = detentionListInput.parse({ sort: { column, direction }, state });
          const s = detentionListSql(q, TODAY);
          const plan = explainList(core.db, s).rows;
          const main = plan.filter((l) => /^(SCAN|SEARCH) d\b/.test(l));
          expect(main, plan.join('\n')).toEqual([
            expect.stringMatching(new RegExp(`^SCAN d USING (COVERING )?INDEX ${index[column]}$`)),
          ]);
          expect(plan.join('\n')).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
          if (state === 'overdue') {
            // The overdue set is read through the deadline indexes.
            expect(plan.join('\n')).toMatch(/detentions_review_deadline/);
            expect(plan.join('\n')).toMatch(/detentions_assessment_deadline/);
            expect(plan.join('\n')).toMatch(/detention_info_requests_deadline/);
          }
        }
      }
    }
    const perCase = detentionListSql(detentionListInput.parse({ caseId: caseA.caseId }), TODAY);
    expect(explainList(core.db, perCase).rows.join('\n')).toMatch(/SEARCH d USING INDEX detentions_case \(case_id=\?\)/);
  });
});

describe('the audit trail of detentions', () => {
  it('every write records exactly the records it changed, with the case id, and the database checks clean', async () => {
    const core = await newCore(dir);
    const p = caseWithParties(core);
    const step = (method: string, input: Record<string, unknown>, expected: (r: unknown) => [string, string][]) => {
      const from = lastAuditSeq(core.db);
      const result = ok(core.invoke(method, input));
      const rows = auditRows(core.db, from);
      expect(
        rows.map((r) => [r.record_type, r.record_id]),
        method,
      ).toEqual(expected(result));
      for (const r of rows) {
        expect(r.method).toBe(method);
        expect(r.case_id).toBe(p.caseId);
        expect(r.actor).toBe('Test Officer');
      }
      return result;
    };
    const d = step('detentions.create', { caseId: p.caseId, subject: 'goods', startedAt: '2026-03-01T12:00:00Z' }, (r) => [
      ['detention', (r as DetentionDetail).id],
    ]) as DetentionDetail;
    expect(JSON.parse(auditRows(core.db, lastAuditSeq(core.db) - 1)[0]?.after ?? '{}')).toMatchObject({
      detention_number: d.detentionNumber,
    });
    step('detentions.update', { id: d.id, reason: 'Mismatch' }, () => [['detention', d.id]]);
    const r1 = step('detentions.addRequest', { detentionId: d.id, kind: 'item_list', dueOn: '2026-03-20' }, (r) => [
      ['detention_info_request', (r as InfoRequest).id],
    ]) as InfoRequest;
    const r2 = step('detentions.addRequest', { detentionId: d.id, kind: 'other', dueOn: '2026-03-20' }, (r) => [
      ['detention_info_request', (r as InfoRequest).id],
    ]) as InfoRequest;
    step('detentions.receiveRequest', { id: r1.id }, () => [['detention_info_request', r1.id]]);
    step('detentions.end', { id: d.id, outcome: 'returned_to_exporter' }, () => [
      ['detention', d.id],
      ['detention_info_request', r2.id],
    ]);
    expect(chainProblem(core.db)).toBeNull();
    expect(checkOf(core.db).problems).toEqual([]);
  });
});
