import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import type { CaseOverview, Deadline, DeadlinePage, DetentionDetail, InfoRequest, PenaltyDetail } from '../db/api.ts';
import {
  DEADLINE_KINDS,
  DEADLINE_WINDOWS,
  PENALTY_CORRECTION_DAYS,
  PENALTY_REVIEW_DAYS,
  limitationYears,
  type DeadlineKind,
} from '../db/shared/domain.ts';
import { deadlineListInput } from '../db/shared/inputs/deadlines.ts';
import { deadlineSql } from '../db/services/deadlines.ts';
import { addDays, localDate } from '../db/shared/time.ts';
import { seedCases } from '../db/seed/cases.ts';
import { seedEntities } from '../db/seed/entities.ts';
import { seedSeizures } from '../db/seed/seizures.ts';
import { seedEnforcement } from '../db/seed/enforcement.ts';
import { seedVerifications } from '../db/seed/verifications.ts';
import { Random } from '../db/seed/random.ts';
import { checkOf } from './helpers.ts';
import { ok, tempDir } from './helpers.ts';
import { MISSING, TODAY, caseWithParties, expectRefused, newCore, type Parties } from './enforcement-fixtures.ts';
import { explainList } from '../db/list-sql.ts';

const dir = tempDir();

const list = (core: Core, input: Record<string, unknown> = {}) =>
  ok<DeadlinePage>(core.invoke('deadlines.list', { limit: 500, ...input }));
const brief = (d: Deadline) => [d.kind, d.dueOn, d.overdue, d.done];

describe('deadlines.list on a known caseload (today is 2026-03-15)', () => {
  let core: Core;
  let a: Parties;
  let us: Parties;
  let bis: Parties;
  let d1: DetentionDetail;
  let r1: InfoRequest;
  let p1: PenaltyDetail;
  let seizureId: string;
  beforeAll(async () => {
    core = await newCore(dir);
    // A customs case: 6 years from its opening; a U.S. case under the U.S. Code opened 5 years ago (overdue);
    // a BIS case whose contravention date counts; a closed case.
    a = caseWithParties(core, { openedOn: '2026-01-05' });
    us = caseWithParties(core, {
      title: 'U.S. case',
      openedOn: '2021-02-01',
      legalAuthorities: 'Export Control Reform Act, 50 U.S.C. 4819',
    });
    bis = caseWithParties(core, {
      title: 'BIS case',
      openedOn: '2022-01-01',
      agency: 'BIS Office of Export Enforcement',
      contraventionOn: '2021-06-10',
    });
    const closed = caseWithParties(core, { title: 'Closed case', openedOn: '2019-01-01' });
    ok(core.invoke('cases.setStatus', { id: closed.caseId, status: 'closed', closedOn: '2020-01-01' }));

    d1 = ok<DetentionDetail>(
      core.invoke('detentions.create', {
        caseId: a.caseId,
        subject: 'shipment',
        startedAt: '2026-02-01T12:00:00Z',
        reviewDueOn: '2026-03-03',
        assessmentOffice: 'GAC Export Controls',
        referredOn: '2026-02-02',
        assessmentDueOn: '2026-03-20',
      }),
    );
    r1 = ok<InfoRequest>(
      core.invoke('detentions.addRequest', {
        detentionId: d1.id,
        kind: 'end_use_certificate',
        requestedOn: '2026-02-03',
        dueOn: '2026-03-01',
      }),
    );
    ok(
      core.invoke('detentions.addRequest', {
        detentionId: d1.id,
        kind: 'item_list',
        requestedOn: '2026-02-03',
        dueOn: '2026-03-25',
      }),
    );
    const answered = ok<InfoRequest>(
      core.invoke('detentions.addRequest', {
        detentionId: d1.id,
        kind: 'specifications',
        requestedOn: '2026-02-03',
        dueOn: '2026-02-20',
      }),
    );
    ok(core.invoke('detentions.receiveRequest', { id: answered.id, receivedOn: '2026-02-18' }));
    const d2 = ok<DetentionDetail>(
      core.invoke('detentions.create', { caseId: a.caseId, subject: 'goods', startedAt: '2026-01-10T12:00:00Z' }),
    );
    ok(
      core.invoke('detentions.addRequest', { detentionId: d2.id, kind: 'other', requestedOn: '2026-01-11', dueOn: '2026-01-20' }),
    );
    ok(core.invoke('detentions.end', { id: d2.id, outcome: 'released', endedAt: '2026-01-25T12:00:00Z' }));

    const issue = (assessedOn: string) =>
      ok<PenaltyDetail>(
        core.invoke('penalties.create', {
          caseId: a.caseId,
          contraventionCode: 'C152',
          entityId: a.exporterId,
          amountMinor: 50_000,
          currency: 'CAD',
          assessedOn,
        }),
      );
    p1 = issue('2026-02-10');
    const p2 = issue('2026-03-01');
    ok(core.invoke('penalties.recordPayment', { penaltyId: p2.id, amountMinor: 50_000, currency: 'CAD', method: 'card' }));
    issue('2026-03-14');

    const seizure = ok<{ id: string; reviewWindowEndsOn: string }>(
      core.invoke('seizures.create', {
        caseId: a.caseId,
        seizedAt: '2026-03-01T15:00:00Z',
        place: 'Port of Montréal',
        seizingOfficer: 'Officer Roy',
        items: [{ description: 'FPGAs', quantity: 40, value: { amountMinor: 4_000_000, currency: 'CAD' } }],
      }),
    );
    seizureId = seizure.id;
    expect(seizure.reviewWindowEndsOn).toBe('2026-05-30');
    const old = ok<{ id: string }>(
      core.invoke('seizures.create', {
        caseId: a.caseId,
        seizedAt: '2025-10-01T15:00:00Z',
        place: 'Port of Halifax',
        seizingOfficer: 'Officer Roy',
        items: [{ description: 'Gyroscopes', quantity: 2, value: { amountMinor: 900_000, currency: 'USD' } }],
      }),
    );
    expect(old.id).toBeTruthy();
  });

  it('lists every open deadline: overdue first, then the soonest', () => {
    const page = list(core);
    expect(page.rows.map(brief)).toEqual([
      ['limitation', '2026-02-01', true, false],
      ['info_request', '2026-03-01', true, false],
      ['detention_review', '2026-03-03', true, false],
      ['penalty_due', '2026-03-12', true, false],
      ['technical_assessment', '2026-03-20', false, false],
      ['info_request', '2026-03-25', false, false],
      ['penalty_due', '2026-04-13', false, false],
      ['penalty_correction_window', '2026-04-13', false, false],
      ['penalty_review_window', '2026-05-11', false, false],
      ['seizure_review_window', '2026-05-30', false, false],
      ['limitation', '2026-06-10', false, false],
      ['penalty_review_window', '2026-06-12', false, false],
      ['limitation', '2032-01-05', false, false],
    ]);
    expect(page.total).toBe(13);
    expect(page.overdueTotal).toBe(4);
    const [lim, req] = page.rows;
    expect(lim).toMatchObject({
      caseId: us.caseId,
      caseFileNumber: '2021-EXP-000001',
      caseTitle: 'U.S. case',
      recordType: 'case',
      recordId: us.caseId,
      reference: '2021-EXP-000001',
      detail: '5',
      daysLeft: -42,
      label: 'End of the 5-year limitation period (U.S. administrative export case)',
    });
    expect(req).toMatchObject({
      caseId: a.caseId,
      recordType: 'detention_info_request',
      recordId: r1.id,
      reference: d1.detentionNumber,
      detail: 'end_use_certificate',
      daysLeft: -14,
      label: `End-use certificate from the exporter (detention ${d1.detentionNumber})`,
    });
    expect(page.rows.find((r) => r.kind === 'seizure_review_window')).toMatchObject({
      recordType: 'seizure',
      recordId: seizureId,
      daysLeft: 76,
    });
    expect(page.rows.find((r) => r.kind === 'limitation' && r.caseId === bis.caseId)?.detail).toBe('5');
    expect(page.rows.find((r) => r.kind === 'limitation' && r.caseId === a.caseId)).toMatchObject({
      detail: '6',
      label: 'End of the 6-year limitation period (customs)',
    });
    expect(page.rows.find((r) => r.kind === 'penalty_due')).toMatchObject({
      recordId: p1.id,
      reference: p1.noticeNumber,
      label: `Payment of penalty ${p1.noticeNumber}`,
    });
  });

  it('with includeDone, also what was met, answered, paid, decided or lapsed, never overdue', () => {
    const page = list(core, { includeDone: true });
    const done = page.rows.filter((r) => r.done);
    expect(done.every((r) => !r.overdue)).toBe(true);
    expect(done.map((r) => [r.kind, r.dueOn]).sort()).toEqual(
      [
        ['detention_review', '2026-02-09'], // d2 ended (its default review date)
        ['info_request', '2026-02-20'], // answered
        ['info_request', '2026-01-20'], // closed when d2 ended
        ['penalty_due', '2026-03-31'], // p2 paid
        ['penalty_correction_window', '2026-03-12'], // p1's window lapsed
        ['penalty_correction_window', '2026-03-31'], // p2 paid
        ['penalty_review_window', '2026-05-30'], // p2 paid
        ['seizure_review_window', '2025-12-30'], // lapsed
        ['limitation', '2025-01-01'], // closed case
      ].sort(),
    );
    expect(page.total).toBe(13 + 9);
    expect(page.overdueTotal).toBe(4);
    // Overdue first; then everything else by date, done or not.
    const overdue = page.rows.filter((r) => r.overdue);
    expect(page.rows.slice(0, overdue.length)).toEqual(overdue);
    const rest = page.rows.slice(overdue.length).map((r) => r.dueOn);
    expect(rest).toEqual([...rest].sort());
  });

  it('filters by date range, kind and case, and pages', () => {
    expect(list(core, { from: '2026-03-12', to: '2026-04-13' }).rows.map(brief)).toEqual([
      ['penalty_due', '2026-03-12', true, false],
      ['technical_assessment', '2026-03-20', false, false],
      ['info_request', '2026-03-25', false, false],
      ['penalty_due', '2026-04-13', false, false],
      ['penalty_correction_window', '2026-04-13', false, false],
    ]);
    expect(list(core, { kind: ['limitation'] }).rows.map((r) => r.dueOn)).toEqual(['2026-02-01', '2026-06-10', '2032-01-05']);
    expect(
      list(core, { kind: ['penalty_correction_window', 'seizure_review_window'], includeDone: true }).rows.map((r) => [
        r.kind,
        r.done,
      ]),
    ).toEqual([
      ['seizure_review_window', true],
      ['penalty_correction_window', true],
      ['penalty_correction_window', true],
      ['penalty_correction_window', false],
      ['seizure_review_window', false],
    ]);
    expect(list(core, { caseId: bis.caseId }).rows.map(brief)).toEqual([['limitation', '2026-06-10', false, false]]);
    const mine = list(core, { caseId: a.caseId });
    expect(mine.rows.every((r) => r.caseId === a.caseId)).toBe(true);
    expect(mine.total).toBe(11);
    const all = list(core, { includeDone: true }).rows;
    for (const limit of [1, 4, 7]) {
      const pages: Deadline[] = [];
      for (let offset = 0; offset < all.length; offset += limit)
        pages.push(...list(core, { includeDone: true, offset, limit }).rows);
      expect(pages).toEqual(all);
    }
  });

  it('follows changes: a contravention date, an answer, a payment in full, a disposition, a closed case', () => {
    ok(core.invoke('cases.update', { id: a.caseId, contraventionOn: '2025-11-30' }));
    expect(list(core, { caseId: a.caseId, kind: ['limitation'] }).rows.map((r) => r.dueOn)).toEqual(['2031-11-30']);
    ok(core.invoke('cases.update', { id: a.caseId, contraventionOn: null }));
    expect(list(core, { caseId: a.caseId, kind: ['limitation'] }).rows.map((r) => r.dueOn)).toEqual(['2032-01-05']);
    ok(core.invoke('detentions.update', { id: d1.id, assessmentAnsweredOn: '2026-03-14' }));
    ok(core.invoke('penalties.recordPayment', { penaltyId: p1.id, amountMinor: 50_000, currency: 'CAD', method: 'wire' }));
    ok(
      core.invoke('seizures.setDisposition', {
        id: seizureId,
        disposition: 'forfeited',
        dispositionOn: TODAY,
        authority: 'Minister s. 131',
      }),
    );
    ok(core.invoke('cases.setStatus', { id: us.caseId, status: 'closed', closedOn: TODAY }));
    const kinds = list(core).rows.map((r) => r.kind);
    expect(kinds).not.toContain('technical_assessment');
    expect(kinds).not.toContain('seizure_review_window');
    expect(list(core).rows.filter((r) => r.recordId === p1.id)).toEqual([]);
    expect(list(core).overdueTotal).toBe(2);
    expect(checkOf(core.db).problems).toEqual([]);
  });

  it('refuses bad input, naming the field', () => {
    expectRefused(core, 'deadlines.list', { from: '2026-04-01', to: '2026-03-01' }, 'invalid_input', 'to');
    expectRefused(core, 'deadlines.list', { from: '2026-02-30' }, 'invalid_input', 'from');
    expectRefused(core, 'deadlines.list', { kind: ['birthday'] }, 'invalid_input', 'kind.0');
    expectRefused(core, 'deadlines.list', { kind: [] }, 'invalid_input', 'kind');
    expectRefused(core, 'deadlines.list', { includeDone: 1 }, 'invalid_input', 'includeDone');
    expectRefused(core, 'deadlines.list', { caseId: MISSING }, 'not_found', 'caseId');
    expectRefused(core, 'deadlines.list', { limit: 0 }, 'invalid_input', 'limit');
    expectRefused(core, 'cases.overview', { caseId: MISSING }, 'not_found', 'caseId');
    expectRefused(core, 'cases.update', { id: a.caseId, contraventionOn: '2026-03-16' }, 'invalid_input', 'contraventionOn');
  });
});

describe('limitation periods', () => {
  it('the SQL rule matches limitationYears for every kind of authority and agency, and counts leap days like the calendar', async () => {
    const core = await newCore(dir);
    const cases: [Record<string, unknown>, number][] = [
      [{ legalAuthorities: 'Customs Act, s. 110', agency: 'CBSA Criminal Investigations' }, 6],
      [{ legalAuthorities: 'Export Control Reform Act, 50 U.S.C. 4819', agency: 'CBSA' }, 5],
      [{ legalAuthorities: '15 C.F.R. 764.2', agency: '' }, 5],
      [{ legalAuthorities: '', agency: 'BIS Office of Export Enforcement' }, 5],
      [{ legalAuthorities: '', agency: 'HSI Counter-Proliferation' }, 5],
      [{ legalAuthorities: 'Special Economic Measures Act, s. 8', agency: 'RCMP Federal Policing' }, 6],
      [{ legalAuthorities: 'u.s.c. in lower case is not a citation', agency: 'Global Affairs Canada' }, 6],
    ];
    for (const [fields, years] of cases) {
      const c = ok<{ id: string; legalAuthorities: string; agency: string }>(
        core.invoke('cases.create', { title: 'Rule', openedOn: '2020-02-29', ...fields }),
      );
      expect(limitationYears(c), JSON.stringify(fields)).toBe(years);
      const row = list(core, { caseId: c.id, kind: ['limitation'] }).rows[0];
      // 29 February plus whole years lands on 1 March, in SQLite as in the calendar of the JS Date.
      const due = new Date(Date.UTC(2020 + years, 1, 29)).toISOString().slice(0, 10);
      expect(row, JSON.stringify(fields)).toMatchObject({ dueOn: due, detail: String(years) });
    }
  });
});

describe('limitation periods met', () => {
  it('a case referred for prosecution or closed has met its limitation period: done, never overdue, hidden by default', async () => {
    const core = await newCore(dir);
    const make = (title: string) => ok<{ id: string }>(core.invoke('cases.create', { title, openedOn: '2019-03-01' })).id;
    const open = make('Still open');
    const referred = make('Referred');
    const closed = make('Closed');
    ok(core.invoke('cases.setStatus', { id: referred, status: 'under_review' }));
    ok(core.invoke('cases.setStatus', { id: referred, status: 'referred_for_prosecution' }));
    ok(core.invoke('cases.setStatus', { id: closed, status: 'closed' }));
    const rows = list(core, { kind: ['limitation'] }).rows;
    expect(rows.map((r) => [r.caseId, r.overdue, r.done])).toEqual([[open, true, false]]);
    const all = list(core, { kind: ['limitation'], includeDone: true }).rows;
    expect(
      all
        .filter((r) => r.done)
        .map((r) => r.caseId)
        .sort(),
    ).toEqual([referred, closed].sort());
    expect(all.filter((r) => r.done).every((r) => !r.overdue)).toBe(true);
  });
});

describe('the case overview says where the limitation period runs from', () => {
  it('from the opening until a contravention date is recorded, offering the earliest export date of the case shipments', async () => {
    const core = await newCore(dir);
    const c = ok<{ id: string }>(core.invoke('cases.create', { title: 'Diversion', openedOn: '2026-02-01' })).id;
    const ship = (shippedOn: string) => {
      const id = ok<{ id: string }>(
        core.invoke('entities.create', { kind: 'shipment', exportDeclarationNumber: `X${shippedOn}`, shippedOn }),
      ).id;
      ok(core.invoke('cases.addEntity', { caseId: c, entityId: id, role: 'other' }));
    };
    ship('2025-09-14');
    ship('2025-07-02');
    let o = ok<CaseOverview>(core.invoke('cases.overview', { caseId: c }));
    expect(o.limitation).toEqual({
      years: 6,
      from: '2026-02-01',
      basis: 'opening',
      endsOn: '2032-02-01',
      met: false,
      earliestExportOn: '2025-07-02',
    });
    ok(core.invoke('cases.update', { id: c, contraventionOn: '2025-07-02' }));
    o = ok<CaseOverview>(core.invoke('cases.overview', { caseId: c }));
    expect(o.limitation).toMatchObject({ from: '2025-07-02', basis: 'contravention', endsOn: '2031-07-02' });
    expect(o.deadlines.rows.find((r) => r.kind === 'limitation')?.dueOn).toBe('2031-07-02');
  });
});

describe('cases.overview', () => {
  it('gathers subjects, seizure totals, detentions, penalties with balances and totals, and open deadlines', async () => {
    const core = await newCore(dir);
    const p = caseWithParties(core);
    ok(core.invoke('cases.addEntity', { caseId: p.caseId, entityId: p.exporterId, role: 'exporter' }));
    ok(core.invoke('cases.addEntity', { caseId: p.caseId, entityId: p.personId, role: 'suspect' }));
    ok(
      core.invoke('seizures.create', {
        caseId: p.caseId,
        seizedAt: '2026-03-01T15:00:00Z',
        place: 'Port of Montréal',
        seizingOfficer: 'Officer Roy',
        items: [
          { description: 'FPGAs', quantity: 40, value: { amountMinor: 4_000_001, currency: 'CAD' } },
          { description: 'Boards', quantity: 4, value: { amountMinor: 99, currency: 'CAD' } },
          { description: 'GNSS modules', quantity: 3, value: { amountMinor: 120_000, currency: 'USD' } },
        ],
      }),
    );
    const d = ok<DetentionDetail>(
      core.invoke('detentions.create', {
        caseId: p.caseId,
        subject: 'shipment',
        startedAt: '2026-02-01T12:00:00Z',
        exporterId: p.exporterId,
      }),
    );
    const issue = (amountMinor: number, currency: string) =>
      ok<PenaltyDetail>(
        core.invoke('penalties.create', {
          caseId: p.caseId,
          contraventionCode: 'C152',
          entityId: p.exporterId,
          amountMinor,
          currency,
          assessedOn: '2026-03-01',
        }),
      );
    const x = issue(150_000, 'CAD');
    ok(core.invoke('penalties.recordPayment', { penaltyId: x.id, amountMinor: 40_001, currency: 'CAD', method: 'wire' }));
    ok(core.invoke('penalties.recordPayment', { penaltyId: x.id, amountMinor: 9_999, currency: 'CAD', method: 'cheque' }));
    issue(2_500_000_00, 'USD');
    const cancelled = issue(70_000, 'CAD');
    ok(core.invoke('penalties.setStatus', { id: cancelled.id, status: 'cancelled', reason: 'Wrong party' }));
    // Another case's records stay out.
    const other = caseWithParties(core, { title: 'Other' });
    ok(
      core.invoke('penalties.create', {
        caseId: other.caseId,
        contraventionCode: 'C1',
        entityId: other.exporterId,
        amountMinor: 1,
        currency: 'CAD',
      }),
    );

    const o = ok<CaseOverview>(core.invoke('cases.overview', { caseId: p.caseId }));
    expect(o.case.id).toBe(p.caseId);
    expect(o.subjects.map((s) => [s.role, s.entity.name])).toEqual([
      ['suspect', 'Arman Petrosyan'],
      ['exporter', 'Laurentian Microsystems Inc.'],
    ]);
    expect(o.seizures).toEqual({
      count: 1,
      itemCount: 3,
      totalsByCurrency: [
        { currency: 'CAD', amountMinor: 4_000_100, itemCount: 2 },
        { currency: 'USD', amountMinor: 120_000, itemCount: 1 },
      ],
    });
    expect(o.detentions.total).toBe(1);
    expect(o.detentions.rows[0]).toMatchObject({ id: d.id, overdue: true, exporterName: 'Laurentian Microsystems Inc.' });
    expect(o.penalties.total).toBe(3);
    expect(o.penalties.rows.find((r) => r.id === x.id)).toMatchObject({
      paidMinor: 50_000,
      balanceMinor: 100_000,
      status: 'partly_paid',
    });
    expect(o.penalties.totals).toEqual([
      { currency: 'CAD', amountMinor: 150_000, paidMinor: 50_000, balanceMinor: 100_000 },
      { currency: 'USD', amountMinor: 250_000_000, paidMinor: 0, balanceMinor: 250_000_000 },
    ]);
    expect(o.deadlines.rows.every((r) => r.caseId === p.caseId)).toBe(true);
    expect(o.deadlines.rows.map((r) => r.kind)).toEqual([
      'detention_review',
      'penalty_due',
      'penalty_due',
      'penalty_correction_window',
      'penalty_correction_window',
      // the same day (2026-05-30): kinds in DEADLINE_KINDS order
      'penalty_review_window',
      'penalty_review_window',
      'seizure_review_window',
      'limitation',
    ]);
    expect(o.deadlines.overdueTotal).toBe(1);
  });
});

describe('deadlines.list against a brute-force reading of a seeded caseload', () => {
  let core: Core;
  let today: string;
  type Expected = {
    kind: DeadlineKind;
    dueOn: string;
    caseId: string;
    recordId: string;
    seq: number;
    done: boolean;
    overdue: boolean;
  };
  let everything: Expected[];

  beforeAll(async () => {
    const clock = () => new Date(`${TODAY}T23:00:00Z`);
    core = await newCore(dir, clock);
    today = localDate(clock());
    const { created } = seedCases(core.db, core.invoke, { cases: 400, seed: 11, today });
    const ids = (core.db.prepare('SELECT id FROM cases ORDER BY seq').all() as { id: string }[]).map((r) => r.id);
    expect(ids.length).toBe(created);
    seedEntities(core.db, core.invoke, new Random(12), ids, { perCase: 3, today });
    seedSeizures(core.db, core.invoke, new Random(13), ids, today, { fraction: 0.3 });
    seedEnforcement(core.db, core.invoke, new Random(14), ids, today, { detentionFraction: 0.4, penaltyFraction: 0.4 });
    seedVerifications(core.db, core.invoke, new Random(15), ids, today, {
      checkFraction: 0.5,
      inspectionFraction: 0.1,
      auditFraction: 0.4,
    });

    const rank = (k: DeadlineKind) => DEADLINE_KINDS.indexOf(k);
    const all: Expected[] = [];
    const add = (kind: DeadlineKind, dueOn: string, caseId: string, recordId: string, seq: number, doneFlag: boolean) => {
      const window = DEADLINE_WINDOWS.includes(kind);
      const done = doneFlag || (window && dueOn < today);
      all.push({ kind, dueOn, caseId, recordId, seq, done, overdue: !done && !window && dueOn < today });
    };
    type Row = Record<string, string | number | null>;
    const rows = (q: string) => core.db.prepare(q).all() as Row[];
    for (const d of rows('SELECT * FROM detentions')) {
      add('detention_review', String(d.review_due_on), String(d.case_id), String(d.id), Number(d.seq), d.outcome !== null);
      if (d.assessment_due_on !== null) {
        add(
          'technical_assessment',
          String(d.assessment_due_on),
          String(d.case_id),
          String(d.id),
          Number(d.seq),
          d.assessment_answered_on !== null || d.outcome !== null,
        );
      }
    }
    for (const r of rows('SELECT * FROM detention_info_requests')) {
      add(
        'info_request',
        String(r.due_on),
        String(r.case_id),
        String(r.id),
        Number(r.seq),
        r.received_on !== null || r.closed_on !== null,
      );
    }
    for (const p of rows('SELECT * FROM penalties')) {
      const final = ['paid', 'cancelled', 'written_off'].includes(String(p.status));
      add('penalty_due', String(p.due_on), String(p.case_id), String(p.id), Number(p.seq), final);
      add(
        'penalty_correction_window',
        addDays(String(p.assessed_on), PENALTY_CORRECTION_DAYS),
        String(p.case_id),
        String(p.id),
        Number(p.seq),
        final,
      );
      add(
        'penalty_review_window',
        addDays(String(p.assessed_on), PENALTY_REVIEW_DAYS),
        String(p.case_id),
        String(p.id),
        Number(p.seq),
        final,
      );
    }
    for (const s of rows('SELECT * FROM seizures')) {
      add(
        'seizure_review_window',
        String(s.review_window_ends_on),
        String(s.case_id),
        String(s.id),
        Number(s.seq),
        s.disposition !== 'held',
      );
    }
    for (const k of rows('SELECT * FROM end_use_checks WHERE scheduled_on IS NOT NULL')) {
      add('check_scheduled', String(k.scheduled_on), String(k.case_id), String(k.id), Number(k.seq), k.status !== 'scheduled');
    }
    for (const a of rows('SELECT * FROM compliance_audits')) {
      const done = a.status === 'reported' || a.status === 'cancelled';
      add('audit_report', String(a.report_due_on), String(a.case_id), String(a.id), Number(a.seq), done);
    }
    for (const x of rows('SELECT * FROM corrective_actions')) {
      add('corrective_action', String(x.due_on), String(x.case_id), String(x.audit_id), Number(x.seq), x.completed_on !== null);
    }
    for (const c of rows('SELECT * FROM cases')) {
      const from = String(c.contravention_on ?? c.opened_on);
      const years = limitationYears({ legalAuthorities: String(c.legal_authorities), agency: String(c.agency) });
      const [y, m, d] = from.split('-').map(Number) as [number, number, number];
      const due = new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
      add(
        'limitation',
        due,
        String(c.id),
        String(c.id),
        Number(c.seq),
        c.status === 'closed' || c.status === 'referred_for_prosecution',
      );
    }
    everything = all.sort(
      (l, r) =>
        Number(r.overdue) - Number(l.overdue) ||
        (l.dueOn < r.dueOn ? -1 : l.dueOn > r.dueOn ? 1 : 0) ||
        rank(l.kind) - rank(r.kind) ||
        l.seq - r.seq,
    );
    expect(everything.filter((e) => e.overdue).length).toBeGreaterThan(20);
    for (const kind of DEADLINE_KINDS) {
      expect(everything.filter((e) => e.kind === kind && !e.done).length, kind).toBeGreaterThan(0);
      expect(everything.filter((e) => e.kind === kind && e.done).length, kind).toBeGreaterThan(0);
    }
  }, 300_000);

  const key = (d: { kind: string; recordId: string; dueOn: string; overdue: boolean; done: boolean }) =>
    `${d.kind} ${d.recordId} ${d.dueOn} ${d.overdue ? 'overdue' : ''} ${d.done ? 'done' : ''}`;

  const queries: Record<string, unknown>[] = [
    {},
    { includeDone: true },
    { from: '2026-01-01', to: '2026-06-30' },
    { from: '2026-03-15', includeDone: true },
    { to: '2026-03-14', includeDone: true },
    { kind: ['info_request', 'penalty_due'] },
    { kind: ['penalty_review_window', 'seizure_review_window', 'limitation'], includeDone: true, from: '2024-01-01' },
  ];

  it.each(queries)('matches every deadline in order for %j, and pages through them', (q) => {
    const input = deadlineListInput.parse(q);
    const expected = everything.filter(
      (e) =>
        (input.includeDone || !e.done) &&
        (input.from === undefined || e.dueOn >= input.from) &&
        (input.to === undefined || e.dueOn <= input.to) &&
        (input.kind === undefined || input.kind.includes(e.kind)),
    );
    const first = list(core, { ...q, limit: 100 });
    expect(first.total).toBe(expected.length);
    expect(first.overdueTotal).toBe(expected.filter((e) => e.overdue).length);
    expect(first.rows.map(key)).toEqual(expected.slice(0, 100).map(key));
    const deep = list(core, { ...q, offset: 150, limit: 60 });
    expect(deep.rows.map(key)).toEqual(expected.slice(150, 210).map(key));
    for (const r of first.rows) expect(r.daysLeft).toBe(Math.round((Date.parse(r.dueOn) - Date.parse(today)) / 86_400_000));
  });

  it("matches one case's deadlines, for cases with the most of them", () => {
    const counts = new Map<string, number>();
    for (const e of everything) counts.set(e.caseId, (counts.get(e.caseId) ?? 0) + 1);
    const busiest = [...counts]
      .sort((l, r) => r[1] - l[1])
      .slice(0, 5)
      .map(([id]) => id);
    for (const caseId of busiest) {
      for (const includeDone of [false, true]) {
        const expected = everything.filter((e) => e.caseId === caseId && (includeDone || !e.done));
        expect(list(core, { caseId, includeDone }).rows.map(key)).toEqual(expected.map(key));
      }
    }
  });

  it('reads each source through its deadline index and stops early: no scan of a table, only the page is sorted', () => {
    const indexes = [
      'detentions_review_deadline',
      'detention_info_requests_deadline',
      'detentions_assessment_deadline',
      'penalties_due_deadline',
      'penalties_window_deadline',
      'seizures_review',
      'cases_limitation_met',
    ];
    for (const q of [{}, { includeDone: true }, { from: '2026-01-01', to: '2026-12-31' }]) {
      const s = deadlineSql(deadlineListInput.parse(q), today);
      const plans = explainList(core.db, s);
      const plan = plans.rows;
      const text = plan.join('\n');
      for (const index of indexes) expect(text, index).toContain(`INDEX ${index}`);
      const reads = plan.filter((l) => /^(SCAN|SEARCH) (d|r|p|s|cases|c|x)\b/.test(l));
      for (const l of reads) expect(l, text).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
      // Only the union of the parts' first rows is sorted; each part is read in index order.
      expect(plan.filter((l) => l.includes('USE TEMP B-TREE FOR ORDER BY'))).toHaveLength(1);
      const count = plans.count;
      for (const l of count.filter((x) => /^(SCAN|SEARCH) /.test(x) && x !== 'SCAN CONSTANT ROW'))
        expect(l).toMatch(/USING (COVERING )?INDEX/);
    }
    const perCase = deadlineSql(deadlineListInput.parse({ caseId: MISSING }), today);
    const text = explainList(core.db, perCase).rows.join('\n');
    for (const index of ['detentions_case', 'detention_info_requests_case', 'penalties_case', 'seizures_case'])
      expect(text).toContain(`INDEX ${index}`);
    expect(text).toMatch(/SEARCH cases USING INDEX sqlite_autoindex_cases_1 \(id=\?\)/);
  });
});
