import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import type { CaseOverview, PenaltyDetail, PenaltyListRow } from '../db/api.ts';
import {
  PENALTY_CORRECTION_DAYS,
  PENALTY_REVIEW_DAYS,
  PENALTY_SORT_COLUMNS,
  PENALTY_STATUSES,
  PENALTY_TRANSITIONS,
  type PenaltyStatus,
} from '../db/shared/domain.ts';
import { penaltyCreateInput, penaltyListInput, penaltyUpdateInput } from '../db/shared/inputs/penalties.ts';
import { penaltyListSql } from '../db/services/penalties.ts';
import { checkOf } from './helpers.ts';
import { Random } from '../db/seed/random.ts';
import { auditRows, chainProblem, err, lastAuditSeq, ok, tempDir } from './helpers.ts';
import { MISSING, TODAY, caseWithParties, expectRefused, long, newCore, type Parties } from './enforcement-fixtures.ts';
import { explainList } from '../db/list-sql.ts';

const dir = tempDir();

function issue(core: Core, p: Parties, input: Record<string, unknown> = {}): PenaltyDetail {
  return ok<PenaltyDetail>(
    core.invoke('penalties.create', {
      caseId: p.caseId,
      contraventionCode: 'C152',
      entityId: p.exporterId,
      amountMinor: 150_000,
      currency: 'CAD',
      assessedOn: '2026-02-01',
      ...input,
    }),
  );
}

function pay(core: Core, id: string, amountMinor: number, currency = 'CAD', extra: Record<string, unknown> = {}): PenaltyDetail {
  return ok<PenaltyDetail>(
    core.invoke('penalties.recordPayment', {
      penaltyId: id,
      amountMinor,
      currency,
      method: 'wire',
      paidOn: '2026-03-01',
      ...extra,
    }),
  );
}

function setStatus(core: Core, id: string, status: PenaltyStatus, extra: Record<string, unknown> = {}): PenaltyDetail {
  return ok<PenaltyDetail>(core.invoke('penalties.setStatus', { id, status, ...extra }));
}

describe('penalties.create', () => {
  let core: Core;
  let p: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  it('issues a penalty numbered YYYY-AMP-000001, due 30 days after assessment, with its windows and balance', () => {
    const x = issue(core, p);
    expect(x).toMatchObject({
      noticeNumber: '2026-AMP-000001',
      caseId: p.caseId,
      caseFileNumber: '2026-EXP-000001',
      contraventionCode: 'C152',
      entityId: p.exporterId,
      entity: { id: p.exporterId, name: 'Laurentian Microsystems Inc.', kind: 'organization' },
      amountMinor: 150_000,
      currency: 'CAD',
      reducedAmountMinor: null,
      effectiveAmountMinor: 150_000,
      paidMinor: 0,
      balanceMinor: 150_000,
      assessedOn: '2026-02-01',
      dueOn: '2026-03-03',
      level: 'first',
      status: 'issued',
      statusOn: '2026-02-01',
      correctionWindowEndsOn: '2026-03-03',
      reviewWindowEndsOn: '2026-05-02',
      overdue: true,
      payments: [],
      allowedStatuses: ['under_review', 'reduced', 'cancelled', 'written_off'],
      version: 1,
    });
    expect([PENALTY_CORRECTION_DAYS, PENALTY_REVIEW_DAYS]).toEqual([30, 90]);
    expect(ok<PenaltyDetail>(core.invoke('penalties.get', { id: x.id }))).toEqual(x);
    const today = issue(core, p, {
      assessedOn: undefined,
      level: 'third_or_later',
      amountMinor: 1,
      currency: 'JPY',
      dueOn: '2026-04-30',
    });
    expect(today).toMatchObject({
      noticeNumber: '2026-AMP-000002',
      assessedOn: TODAY,
      dueOn: '2026-04-30',
      overdue: false,
      level: 'third_or_later',
    });
    expect(issue(core, p, { assessedOn: '2025-12-31' }).noticeNumber).toBe('2025-AMP-000001');
  });

  it('takes a notice number given, once, and refuses it twice', () => {
    expect(issue(core, p, { noticeNumber: 'AMP 4471-2026' }).noticeNumber).toBe('AMP 4471-2026');
    expectRefused(
      core,
      'penalties.create',
      {
        caseId: p.caseId,
        contraventionCode: 'C1',
        entityId: p.exporterId,
        amountMinor: 100,
        currency: 'CAD',
        noticeNumber: 'AMP 4471-2026',
      },
      'conflict',
      'noticeNumber',
    );
  });

  /** [field, bad value, why, code] */
  const bad: [string, unknown, string, string?][] = [
    ['caseId', 'nope', 'not a uuid'],
    ['caseId', MISSING, 'no such case', 'not_found'],
    ['partyRole', 'judge', 'not a role'],
    ['noticeNumber', ' ', 'blank'],
    ['noticeNumber', 'AMP_1', 'bad character'],
    ['noticeNumber', long(51), 'too long'],
    ['contraventionCode', '', 'empty'],
    ['contraventionCode', long(101), 'too long'],
    ['contraventionCode', 151, 'wrong type'],
    ['entityId', 'acme', 'not a uuid'],
    ['entityId', MISSING, 'no such entity', 'not_found'],
    ['entityId', 'ADDRESS', 'an address cannot be penalized'],
    ['amountMinor', 0, 'zero'],
    ['amountMinor', -100, 'negative'],
    ['amountMinor', 1500.5, 'a fraction of a minor unit'],
    ['amountMinor', '150000', 'a string'],
    ['amountMinor', Number.MAX_SAFE_INTEGER + 1, 'beyond exact integers'],
    ['currency', 'cad', 'lower case'],
    ['currency', 'ABC', 'not ISO 4217'],
    ['currency', 'CA', 'two letters'],
    ['currency', null, 'null'],
    ['assessedOn', '2026-02-29', 'no such day'],
    ['assessedOn', '2026-03-16', 'in the future'],
    ['dueOn', '2026-01-31', 'before the assessment'],
    ['dueOn', '2026-04-01T00:00:00Z', 'a date-time'],
    ['level', 'fourth', 'bad enum'],
    ['notes', long(20001), 'too long'],
  ];

  it('has a bad value for every field of penalties.create and penalties.update', () => {
    const covered = new Set(bad.map(([f]) => f));
    expect([...covered].sort()).toEqual(Object.keys(penaltyCreateInput.shape).sort());
    expect(
      [...covered]
        .filter((f) => f !== 'caseId' && f !== 'partyRole')
        .concat(['id', 'version'])
        .sort(),
    ).toEqual(Object.keys(penaltyUpdateInput.shape).sort());
  });

  it.each(bad)('penalties.create refuses %s = %j (%s)', (field, value, _why, code = 'invalid_input') => {
    const input = {
      caseId: p.caseId,
      contraventionCode: 'C152',
      entityId: p.exporterId,
      amountMinor: 150_000,
      currency: 'CAD',
      assessedOn: '2026-02-01',
      [field]: value === 'ADDRESS' ? p.addressId : value,
    };
    expectRefused(core, 'penalties.create', input, code, field);
  });

  it.each(bad.filter(([f]) => f !== 'caseId' && f !== 'partyRole'))(
    'penalties.update refuses %s = %j (%s)',
    (field, value, _why, code = 'invalid_input') => {
      const x = issue(core, p);
      expectRefused(core, 'penalties.update', { id: x.id, [field]: value === 'ADDRESS' ? p.addressId : value }, code, field);
    },
  );
});

describe('penalties.update', () => {
  let core: Core;
  let p: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  it('corrects an issued penalty without payments, and refuses a stale version', () => {
    const x = issue(core, p);
    const u = ok<PenaltyDetail>(
      core.invoke('penalties.update', {
        id: x.id,
        version: 1,
        amountMinor: 175_000,
        level: 'second',
        assessedOn: '2026-02-03',
        entityId: p.personId,
      }),
    );
    expect(u).toMatchObject({
      amountMinor: 175_000,
      balanceMinor: 175_000,
      level: 'second',
      assessedOn: '2026-02-03',
      statusOn: '2026-02-03',
      dueOn: '2026-03-03',
      entityId: p.personId,
      version: 2,
    });
    expectRefused(core, 'penalties.update', { id: x.id, version: 1, notes: 'stale' }, 'conflict', 'version');
    expectRefused(core, 'penalties.update', { id: x.id, assessedOn: '2026-03-04' }, 'invalid_input', 'dueOn');
    expectRefused(core, 'penalties.update', { id: MISSING, notes: 'x' }, 'not_found', 'id');
    expectRefused(core, 'penalties.update', { id: x.id, status: 'paid' }, 'invalid_input', 'status');
    const seq = lastAuditSeq(core.db);
    expect(ok<PenaltyDetail>(core.invoke('penalties.update', { id: x.id, level: 'second' })).version).toBe(2);
    expect(lastAuditSeq(core.db)).toBe(seq);
  });

  it('after a payment, or once it left issued, only its notes change', () => {
    const paid = issue(core, p);
    pay(core, paid.id, 50_000);
    expect(
      expectRefused(core, 'penalties.update', { id: paid.id, amountMinor: 100_000 }, 'invalid_transition', 'amountMinor'),
    ).toMatch(/has payments/);
    expectRefused(core, 'penalties.update', { id: paid.id, notes: 'ok', currency: 'USD' }, 'invalid_transition', 'currency');
    expect(ok<PenaltyDetail>(core.invoke('penalties.update', { id: paid.id, notes: 'Paid by wire from Yerevan' })).notes).toBe(
      'Paid by wire from Yerevan',
    );
    const reviewed = issue(core, p);
    setStatus(core, reviewed.id, 'under_review');
    expect(
      expectRefused(core, 'penalties.update', { id: reviewed.id, dueOn: '2026-05-01' }, 'invalid_transition', 'dueOn'),
    ).toMatch(/is under_review/);
  });
});

describe('penalty status transitions', () => {
  let core: Core;
  let p: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  type Start = PenaltyStatus | 'under_review_with_payments';
  /** A new penalty of 1,500.00 CAD in the given state. */
  function inState(start: Start): PenaltyDetail {
    const x = issue(core, p);
    switch (start) {
      case 'issued':
        return x;
      case 'partly_paid':
        return pay(core, x.id, 40_000);
      case 'under_review':
        return setStatus(core, x.id, 'under_review');
      case 'under_review_with_payments':
        pay(core, x.id, 40_000);
        return setStatus(core, x.id, 'under_review');
      case 'reduced':
        return setStatus(core, x.id, 'reduced', { reducedAmountMinor: 100_000, reason: 'First contravention' });
      case 'paid':
        return pay(core, x.id, 150_000);
      case 'cancelled':
        return setStatus(core, x.id, 'cancelled', { reason: 'Wrong party' });
      case 'written_off':
        return setStatus(core, x.id, 'written_off', { reason: 'Company dissolved' });
    }
  }

  /** What penalties.setStatus accepts from each state (valid amounts and reasons given). Written out, not derived. */
  const manual: Record<Start, PenaltyStatus[]> = {
    issued: ['under_review', 'reduced', 'cancelled', 'written_off'],
    partly_paid: ['under_review', 'reduced', 'written_off'],
    under_review: ['issued', 'reduced', 'cancelled', 'written_off'],
    under_review_with_payments: ['partly_paid', 'reduced', 'cancelled', 'written_off'],
    reduced: ['reduced', 'under_review', 'written_off'],
    paid: [],
    cancelled: [],
    written_off: [],
  };
  /** Moves only payments make (recordPayment), checked below. */
  const automatic: [PenaltyStatus, PenaltyStatus][] = [
    ['issued', 'partly_paid'],
    ['issued', 'paid'],
    ['partly_paid', 'paid'],
    ['under_review', 'paid'],
    ['reduced', 'partly_paid'],
    ['reduced', 'paid'],
  ];

  it('the transition table holds exactly the manual and the automatic moves; paid, cancelled and written off are final', () => {
    const pairs = new Set<string>();
    for (const [from, tos] of Object.entries(manual)) {
      for (const to of tos) pairs.add(`${from === 'under_review_with_payments' ? 'under_review' : from}>${to}`);
    }
    for (const [from, to] of automatic) pairs.add(`${from}>${to}`);
    const table = new Set(Object.entries(PENALTY_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)));
    expect([...table].sort()).toEqual([...pairs].sort());
    for (const s of ['paid', 'cancelled', 'written_off'] as const) expect(PENALTY_TRANSITIONS[s]).toEqual([]);
  });

  const cells = (Object.keys(manual) as Start[]).flatMap((from) => PENALTY_STATUSES.map((to) => [from, to] as const));
  it.each(cells)('from %s to %s', (from, to) => {
    const x = inState(from);
    const extra: Record<string, unknown> =
      to === 'reduced'
        ? { reducedAmountMinor: x.effectiveAmountMinor - 10_000, reason: 'Mitigating circumstances' }
        : to === 'cancelled' || to === 'written_off'
          ? { reason: 'Decision of the review' }
          : {};
    const allowed = manual[from].includes(to);
    expect(x.allowedStatuses.sort(), 'allowedStatuses in penalties.get').toEqual([...manual[from]].sort());
    if (allowed) {
      const after = setStatus(core, x.id, to, { ...extra, on: '2026-03-10' });
      expect(after).toMatchObject({ status: to, statusOn: '2026-03-10', version: x.version + 1 });
      if (to === 'reduced')
        expect(after).toMatchObject({ reducedAmountMinor: x.effectiveAmountMinor - 10_000, reducedOn: '2026-03-10' });
    } else {
      const message = expectRefused(
        core,
        'penalties.setStatus',
        { id: x.id, status: to, ...extra },
        'invalid_transition',
        'status',
      );
      expect(message).toMatch(/cannot become|paid|payment|review|final|owed/);
    }
  });

  it('payments move the status: partly paid, then paid; under review stays until paid; a reduced penalty too', () => {
    const a = issue(core, p);
    expect(pay(core, a.id, 1).status).toBe('partly_paid');
    expect(pay(core, a.id, 149_999)).toMatchObject({
      status: 'paid',
      balanceMinor: 0,
      paidMinor: 150_000,
      statusOn: '2026-03-01',
      overdue: false,
      allowedStatuses: [],
    });
    expect(issue(core, p).id).toBeTruthy();
    const b = issue(core, p);
    expect(pay(core, b.id, 150_000).status).toBe('paid');
    const c = setStatus(core, issue(core, p).id, 'under_review');
    expect(pay(core, c.id, 10_000).status).toBe('under_review');
    expect(pay(core, c.id, 140_000).status).toBe('paid');
    const d = setStatus(core, issue(core, p).id, 'reduced', { reducedAmountMinor: 90_000, reason: 'Voluntary disclosure' });
    expect(d).toMatchObject({
      amountMinor: 150_000,
      effectiveAmountMinor: 90_000,
      balanceMinor: 90_000,
      reductionReason: 'Voluntary disclosure',
    });
    expect(pay(core, d.id, 30_000).status).toBe('partly_paid');
    expect(pay(core, d.id, 60_000).status).toBe('paid');
    const e = setStatus(core, issue(core, p).id, 'reduced', { reducedAmountMinor: 90_000, reason: 'Error in value' });
    expect(pay(core, e.id, 90_000).status).toBe('paid');
    // Reduced to exactly what was paid: nothing is owed, so it is paid.
    const f = pay(core, issue(core, p).id, 60_000);
    expect(setStatus(core, f.id, 'reduced', { reducedAmountMinor: 60_000, reason: 'Settled' })).toMatchObject({
      status: 'paid',
      balanceMinor: 0,
    });
  });

  it('setStatus checks the new amount, the reason and the date', () => {
    const x = pay(core, issue(core, p).id, 40_000);
    expectRefused(
      core,
      'penalties.setStatus',
      { id: x.id, status: 'reduced', reason: 'x' },
      'invalid_input',
      'reducedAmountMinor',
    );
    expectRefused(
      core,
      'penalties.setStatus',
      { id: x.id, status: 'reduced', reason: 'x', reducedAmountMinor: 150_000 },
      'invalid_input',
      'reducedAmountMinor',
    );
    expectRefused(
      core,
      'penalties.setStatus',
      { id: x.id, status: 'reduced', reason: 'x', reducedAmountMinor: 39_999 },
      'invalid_input',
      'reducedAmountMinor',
    );
    expectRefused(
      core,
      'penalties.setStatus',
      { id: x.id, status: 'reduced', reason: 'x', reducedAmountMinor: 1.5 },
      'invalid_input',
      'reducedAmountMinor',
    );
    expectRefused(
      core,
      'penalties.setStatus',
      { id: x.id, status: 'reduced', reducedAmountMinor: 100_000 },
      'invalid_input',
      'reason',
    );
    expectRefused(
      core,
      'penalties.setStatus',
      { id: x.id, status: 'reduced', reducedAmountMinor: 100_000, reason: '  ' },
      'invalid_input',
      'reason',
    );
    expectRefused(core, 'penalties.setStatus', { id: x.id, status: 'written_off' }, 'invalid_input', 'reason');
    expectRefused(
      core,
      'penalties.setStatus',
      { id: x.id, status: 'under_review', reducedAmountMinor: 100_000 },
      'invalid_input',
      'reducedAmountMinor',
    );
    expectRefused(core, 'penalties.setStatus', { id: x.id, status: 'under_review', on: '2026-01-31' }, 'invalid_input', 'on');
    expectRefused(core, 'penalties.setStatus', { id: x.id, status: 'under_review', on: '2026-03-16' }, 'invalid_input', 'on');
    expectRefused(core, 'penalties.setStatus', { id: x.id, status: 'under_review', version: 1 }, 'conflict', 'version');
    expectRefused(core, 'penalties.setStatus', { id: x.id, status: 'settled' }, 'invalid_input', 'status');
    expectRefused(core, 'penalties.setStatus', { id: MISSING, status: 'under_review' }, 'not_found', 'id');
    const fresh = issue(core, p);
    expect(
      expectRefused(
        core,
        'penalties.setStatus',
        { id: fresh.id, status: 'reduced', reason: 'x', reducedAmountMinor: 0 },
        'invalid_input',
        'reducedAmountMinor',
      ),
    ).toMatch(/cancel/);
  });
});

describe('payments', () => {
  let core: Core;
  let p: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  it('takes partial payments and refuses an overpayment, naming amountMinor and the balance', () => {
    const x = issue(core, p, { amountMinor: 123_456 });
    const after = pay(core, x.id, 23_456, 'CAD', { reference: 'WT-883201', method: 'cheque', paidOn: '2026-02-10' });
    expect(after.payments).toEqual([
      expect.objectContaining({
        paidOn: '2026-02-10',
        amountMinor: 23_456,
        currency: 'CAD',
        method: 'cheque',
        reference: 'WT-883201',
        penaltyId: x.id,
        caseId: p.caseId,
      }),
    ]);
    const message = expectRefused(
      core,
      'penalties.recordPayment',
      { penaltyId: x.id, amountMinor: 100_001, currency: 'CAD', method: 'wire' },
      'invalid_input',
      'amountMinor',
    );
    expect(message).toContain('100001 (1000.01 CAD)');
    expect(message).toContain('balance');
    expect(message).toContain('100000 (1000.00 CAD)');
    expect(pay(core, x.id, 100_000).status).toBe('paid');
    expectRefused(
      core,
      'penalties.recordPayment',
      { penaltyId: x.id, amountMinor: 1, currency: 'CAD', method: 'wire' },
      'invalid_input',
      'amountMinor',
    );
  });

  it('refuses another currency, a payment to a cancelled or written-off penalty, and bad payment fields', () => {
    const x = issue(core, p);
    expect(
      expectRefused(
        core,
        'penalties.recordPayment',
        { penaltyId: x.id, amountMinor: 100, currency: 'USD', method: 'wire' },
        'invalid_input',
        'currency',
      ),
    ).toMatch(/CAD/);
    const bad: [Record<string, unknown>, string, string?][] = [
      [{ amountMinor: 0 }, 'amountMinor'],
      [{ amountMinor: 10.25 }, 'amountMinor'],
      [{ amountMinor: -5 }, 'amountMinor'],
      [{ currency: 'XYZ' }, 'currency'],
      [{ method: 'bitcoin' }, 'method'],
      [{ reference: long(201) }, 'reference'],
      [{ paidOn: '2026-01-31' }, 'paidOn'],
      [{ paidOn: '2026-03-16' }, 'paidOn'],
      [{ paidOn: '2026-13-01' }, 'paidOn'],
      [{ version: 7 }, 'version', 'conflict'],
      [{ penaltyId: MISSING }, 'penaltyId', 'not_found'],
      [{ penaltyId: 'x' }, 'penaltyId'],
      [{ id: x.id }, 'id'],
    ];
    for (const [extra, field, code = 'invalid_input'] of bad) {
      expectRefused(
        core,
        'penalties.recordPayment',
        { penaltyId: x.id, amountMinor: 100, currency: 'CAD', method: 'wire', ...extra },
        code,
        field,
      );
    }
    const cancelled = setStatus(core, issue(core, p).id, 'cancelled', { reason: 'Wrong party' });
    expectRefused(
      core,
      'penalties.recordPayment',
      { penaltyId: cancelled.id, amountMinor: 100, currency: 'CAD', method: 'wire' },
      'invalid_transition',
      'penaltyId',
    );
    const written = setStatus(core, pay(core, issue(core, p).id, 100).id, 'written_off', { reason: 'Dissolved' });
    expectRefused(
      core,
      'penalties.recordPayment',
      { penaltyId: written.id, amountMinor: 100, currency: 'CAD', method: 'wire' },
      'invalid_transition',
      'penaltyId',
    );
  });

  it('payments are never changed or removed, even outside Dossier', () => {
    const x = pay(core, issue(core, p).id, 500);
    expect(() => core.db.prepare('UPDATE penalty_payments SET amount_minor = 1 WHERE penalty_id = ?').run(x.id)).toThrow(
      /never changed/,
    );
    expect(() => core.db.prepare('DELETE FROM penalty_payments WHERE penalty_id = ?').run(x.id)).toThrow(/never removed/);
  });
});

describe('money is exact', () => {
  it('two penalties of 2^53 - 1 minor units: the second is refused, and the case overview keeps working', async () => {
    const core = await newCore(dir);
    const p = caseWithParties(core, { title: 'Two huge penalties' });
    const max = Number.MAX_SAFE_INTEGER;
    issue(core, p, { amountMinor: max, currency: 'USD', assessedOn: '2026-01-10' });
    const before = lastAuditSeq(core.db);
    const e = err(
      core.invoke('penalties.create', {
        caseId: p.caseId,
        contraventionCode: 'C152',
        entityId: p.exporterId,
        amountMinor: max,
        currency: 'USD',
        assessedOn: '2026-01-10',
      }),
    );
    expect(e).toMatchObject({ code: 'invalid_input', field: 'amountMinor', reason: 'money.total_too_large' });
    expect(lastAuditSeq(core.db)).toBe(before);
    // Another currency has its own total; a small one in the same currency is refused too.
    issue(core, p, { amountMinor: max, currency: 'CAD', assessedOn: '2026-01-10' });
    expect(
      err(
        core.invoke('penalties.create', {
          caseId: p.caseId,
          contraventionCode: 'C152',
          entityId: p.exporterId,
          amountMinor: 1,
          currency: 'USD',
          assessedOn: '2026-01-10',
        }),
      ),
    ).toMatchObject({ reason: 'money.total_too_large' });
    // An issued penalty corrected to a larger amount is held to the same bound.
    const small = issue(core, p, { amountMinor: 100, currency: 'EUR', assessedOn: '2026-01-10' });
    issue(core, p, { amountMinor: max - 100, currency: 'EUR', assessedOn: '2026-01-10' });
    expect(err(core.invoke('penalties.update', { id: small.id, version: small.version, amountMinor: 101 }))).toMatchObject({
      field: 'amountMinor',
      reason: 'money.total_too_large',
    });
    const overview = ok<{ penalties: { totals: { currency: string; amountMinor: number; balanceMinor: number }[] } }>(
      core.invoke('cases.overview', { caseId: p.caseId }),
    );
    expect(overview.penalties.totals.map((t) => [t.currency, t.amountMinor, t.balanceMinor])).toEqual([
      ['CAD', max, max],
      ['EUR', max, max],
      ['USD', max, max],
    ]);
    expect(checkOf(core.db).problems).toEqual([]);
  });

  it('10,000 random payments in three currencies add up to the minor unit, per penalty and per currency', async () => {
    const core = await newCore(dir);
    const p = caseWithParties(core);
    const rnd = new Random(20260315);
    const currencies = ['CAD', 'USD', 'JPY'] as const;
    type Track = { id: string; currency: string; amount: bigint; paid: bigint; payments: number };
    const penalties: Track[] = [];
    for (let i = 0; i < 100; i++) {
      const currency = currencies[i % 3] ?? 'CAD';
      // Large amounts (up to 2 * 10^14 minor units, so that a currency's total still fits), each different in its last digits.
      const amount = rnd.int(1, 2) * 10 ** rnd.int(9, 14) + rnd.int(0, 999_999);
      const x = issue(core, p, { amountMinor: amount, currency, assessedOn: '2026-01-10' });
      penalties.push({ id: x.id, currency, amount: BigInt(amount), paid: 0n, payments: 0 });
    }
    // One penalty at the largest exact integer, in a case of its own.
    const big = caseWithParties(core, { title: 'Largest amount' });
    const max = issue(core, big, { amountMinor: Number.MAX_SAFE_INTEGER, currency: 'USD', assessedOn: '2026-01-10' });
    const maxTrack: Track = { id: max.id, currency: 'USD', amount: BigInt(Number.MAX_SAFE_INTEGER), paid: 0n, payments: 0 };
    const methods = ['cheque', 'wire', 'card', 'cash', 'set_off', 'other'] as const;
    let made = 0;
    const payOnce = (i: number) => {
      const open = penalties.filter((t) => t.paid < t.amount);
      const t = i % 50 === 0 ? maxTrack : (open[rnd.int(0, open.length - 1)] as Track);
      const balance = t.amount - t.paid;
      // Any size up to 1/400 of the penalty, with odd cents; now and then exactly the balance.
      let amount = (BigInt(rnd.int(1, 1_000_000)) * (t.amount / 400n)) / 1_000_000n + BigInt(rnd.int(1, 99));
      if (rnd.chance(0.002) || amount > balance) amount = balance;
      const result = ok<PenaltyDetail>(
        core.invoke('penalties.recordPayment', {
          penaltyId: t.id,
          amountMinor: Number(amount),
          currency: t.currency,
          method: rnd.pick(methods),
          paidOn: `2026-0${rnd.int(2, 3)}-${String(rnd.int(10, 14)).padStart(2, '0')}`,
        }),
      );
      t.paid += amount;
      t.payments++;
      made++;
      expect(BigInt(result.balanceMinor)).toBe(t.amount - t.paid);
    };
    // Batches in one SQLite transaction each (every call still goes through the contract), as the seed does.
    while (made < 10_000) {
      core.db.transaction(() => {
        for (let i = 0; i < 500; i++) payOnce(made);
      })();
    }
    const tracks = [...penalties, maxTrack];
    expect(tracks.reduce((n, t) => n + t.payments, 0)).toBe(10_000);
    expect(penalties.filter((t) => t.paid === t.amount).length, 'some penalties are paid off').toBeGreaterThan(0);
    // The rest of the largest penalty, exactly.
    const rest = maxTrack.amount - maxTrack.paid;
    ok(core.invoke('penalties.recordPayment', { penaltyId: max.id, amountMinor: Number(rest), currency: 'USD', method: 'wire' }));
    maxTrack.paid += rest;
    maxTrack.payments++;

    for (const t of tracks) {
      const got = ok<PenaltyDetail>(core.invoke('penalties.get', { id: t.id }));
      expect(BigInt(got.paidMinor)).toBe(t.paid);
      expect(BigInt(got.balanceMinor)).toBe(t.amount - t.paid);
      expect(got.payments).toHaveLength(t.payments);
      expect(got.payments.reduce((s, x) => s + BigInt(x.amountMinor), 0n)).toBe(t.paid);
      expect(got.status).toBe(t.paid === t.amount ? 'paid' : t.paid > 0n ? 'partly_paid' : 'issued');
    }
    expect(maxTrack.paid).toBe(BigInt(Number.MAX_SAFE_INTEGER));

    // The list shows the same balances.
    const rows = ok<{ rows: PenaltyListRow[] }>(core.invoke('penalties.list', { caseId: p.caseId, limit: 500 })).rows;
    for (const t of penalties) {
      const row = rows.find((r) => r.id === t.id);
      expect(BigInt(row?.paidMinor ?? -1)).toBe(t.paid);
      expect(BigInt(row?.balanceMinor ?? -1)).toBe(t.amount - t.paid);
    }
    // The case overview's totals per currency are exact integer sums.
    const overview = ok<CaseOverview>(core.invoke('cases.overview', { caseId: p.caseId }));
    for (const currency of currencies) {
      const mine = penalties.filter((t) => t.currency === currency);
      const sum = (f: (t: Track) => bigint) => mine.reduce((s, t) => s + f(t), 0n);
      const total = overview.penalties.totals.find((x) => x.currency === currency);
      expect(total && [BigInt(total.amountMinor), BigInt(total.paidMinor), BigInt(total.balanceMinor)], currency).toEqual([
        sum((t) => t.amount),
        sum((t) => t.paid),
        sum((t) => t.amount - t.paid),
      ]);
    }
    // And so are SQLite's own sums of the payments.
    const sums = core.db
      .prepare('SELECT currency, sum(amount_minor) AS s FROM penalty_payments GROUP BY currency ORDER BY currency')
      .safeIntegers(true)
      .all() as { currency: string; s: bigint }[];
    for (const { currency, s } of sums) {
      expect(s).toBe(tracks.filter((t) => t.currency === currency).reduce((x, t) => x + t.paid, 0n));
    }
    expect(checkOf(core.db).problems).toEqual([]);
  }, 120_000);
});

describe('penalties.list', () => {
  let core: Core;
  let a: Parties;
  let b: Parties;
  const all: PenaltyDetail[] = [];
  beforeAll(async () => {
    core = await newCore(dir);
    a = caseWithParties(core);
    b = caseWithParties(core, { title: 'Second case' });
    const rnd = new Random(7);
    for (let i = 0; i < 40; i++) {
      const parties = i % 3 === 0 ? b : a;
      const x = issue(core, parties, {
        amountMinor: rnd.pick([25_000, 50_000, 150_000, 2_500_000]),
        currency: rnd.pick(['CAD', 'USD']),
        assessedOn: `2026-0${rnd.int(1, 3)}-0${rnd.int(1, 9)}`,
        noticeNumber: `N-${String(rnd.int(100, 999))}-${i}`,
      });
      let y = x;
      const fate = i % 6;
      if (fate === 1) y = pay(core, x.id, 10_000, x.currency, { paidOn: x.assessedOn });
      if (fate === 2) y = pay(core, x.id, x.amountMinor, x.currency, { paidOn: x.assessedOn });
      if (fate === 3) y = setStatus(core, x.id, 'under_review', { on: x.assessedOn });
      if (fate === 4) y = setStatus(core, x.id, 'reduced', { reducedAmountMinor: 20_000, reason: 'Review', on: x.assessedOn });
      if (fate === 5 && i % 4 === 1) y = setStatus(core, x.id, 'cancelled', { reason: 'Wrong party', on: x.assessedOn });
      all.push(y);
    }
  });

  const list = (input: Record<string, unknown>) =>
    ok<{ total: number; rows: PenaltyListRow[] }>(core.invoke('penalties.list', input));

  it('sorts by every column, both ways, ties by creation order, paged', () => {
    const key: Record<string, (x: PenaltyDetail) => string | number> = {
      noticeNumber: (x) => x.noticeNumber,
      assessedOn: (x) => x.assessedOn,
      dueOn: (x) => x.dueOn,
      amount: (x) => x.effectiveAmountMinor,
      balance: (x) => x.balanceMinor,
      status: (x) => PENALTY_STATUSES.indexOf(x.status),
    };
    for (const column of PENALTY_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const k = key[column] ?? (() => 0);
        const expected = all
          .map((x, i) => ({ x, i }))
          .sort((l, r) => {
            const c = k(l.x) < k(r.x) ? -1 : k(l.x) > k(r.x) ? 1 : l.i - r.i;
            return direction === 'asc' ? c : -c;
          })
          .map(({ x }) => x.id);
        const pages = [0, 15, 30].map((offset) => list({ sort: { column, direction }, limit: 15, offset }));
        expect(pages[0]?.total).toBe(40);
        expect(
          pages.flatMap((pg) => pg.rows.map((r) => r.id)),
          `${column} ${direction}`,
        ).toEqual(expected);
      }
    }
  });

  it('filters by case, status, overdue and currency', () => {
    const filters: [Record<string, unknown>, (x: PenaltyDetail) => boolean][] = [
      [{ caseId: b.caseId }, (x) => x.caseId === b.caseId],
      [{ status: ['issued', 'partly_paid'] }, (x) => x.status === 'issued' || x.status === 'partly_paid'],
      [{ status: ['paid'] }, (x) => x.status === 'paid'],
      [{ overdue: true }, (x) => x.overdue],
      [{ overdue: false }, (x) => !x.overdue],
      [{ currency: 'USD' }, (x) => x.currency === 'USD'],
      [{ currency: 'USD', overdue: true, caseId: a.caseId }, (x) => x.currency === 'USD' && x.overdue && x.caseId === a.caseId],
      [
        { status: ['reduced', 'cancelled'], sort: { column: 'balance', direction: 'desc' } },
        (x) => x.status === 'reduced' || x.status === 'cancelled',
      ],
    ];
    for (const [filter, keep] of filters) {
      const got = list({ ...filter, limit: 500 });
      const want = all
        .filter(keep)
        .map((x) => x.id)
        .sort();
      expect(want.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(got.rows.map((r) => r.id).sort(), JSON.stringify(filter)).toEqual(want);
      expect(got.total).toBe(want.length);
    }
    const row = list({ limit: 500 }).rows.find((r) => r.id === all[4]?.id);
    expect(row).toMatchObject({
      status: 'reduced',
      amountMinor: all[4]?.amountMinor,
      reducedAmountMinor: 20_000,
      effectiveAmountMinor: 20_000,
      entityName: 'Laurentian Microsystems Inc.',
    });
  });

  it('refuses bad list input', () => {
    expectRefused(core, 'penalties.list', { status: ['owing'] }, 'invalid_input', 'status.0');
    expectRefused(core, 'penalties.list', { status: [] }, 'invalid_input', 'status');
    expectRefused(core, 'penalties.list', { overdue: 'yes' }, 'invalid_input', 'overdue');
    expectRefused(core, 'penalties.list', { currency: 'usd' }, 'invalid_input', 'currency');
    expectRefused(core, 'penalties.list', { sort: { column: 'entity', direction: 'asc' } }, 'invalid_input', 'sort.column');
    expectRefused(core, 'penalties.list', { offset: -1 }, 'invalid_input', 'offset');
  });

  it('walks the sort column index, with every filter checked in it, and counts through an index', () => {
    const index: Record<string, string> = {
      noticeNumber: 'penalties_notice',
      assessedOn: 'penalties_assessed',
      dueOn: 'penalties_due',
      amount: 'penalties_amount',
      balance: 'penalties_balance',
      status: 'penalties_status',
    };
    const filters = [
      {},
      { status: ['issued', 'reduced'] },
      { overdue: true },
      { currency: 'USD' },
      { overdue: false, status: ['partly_paid'], currency: 'CAD' },
    ];
    for (const column of PENALTY_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const filter of filters) {
          const s = penaltyListSql(penaltyListInput.parse({ ...filter, sort: { column, direction } }), TODAY);
          const plans = explainList(core.db, s);
          const plan = plans.rows;
          const main = plan.filter((l) => /^(SCAN|SEARCH) p\b/.test(l));
          expect(main, `${column} ${JSON.stringify(filter)}\n${plan.join('\n')}`).toEqual([
            expect.stringMatching(new RegExp(`^(SCAN|SEARCH) p USING (COVERING )?INDEX ${index[column]}\\b`)),
          ]);
          expect(plan.join('\n')).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
          expect(plan.join('\n')).not.toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
          const count = plans.count;
          expect(count.join('\n'), s.countSql).toMatch(/USING (COVERING )?INDEX/);
        }
      }
    }
    const perCase = penaltyListSql(penaltyListInput.parse({ caseId: a.caseId }), TODAY);
    expect(explainList(core.db, perCase).rows.join('\n')).toMatch(/SEARCH p USING INDEX penalties_case \(case_id=\?\)/);
  });
});

describe('the audit trail of penalties', () => {
  it('every write records exactly the records it changed, with the case id, and the database checks clean', async () => {
    const core = await newCore(dir);
    const p = caseWithParties(core);
    const step = (method: string, input: Record<string, unknown>, expected: (r: PenaltyDetail) => [string, string][]) => {
      const from = lastAuditSeq(core.db);
      const result = ok<PenaltyDetail>(core.invoke(method, input));
      const rows = auditRows(core.db, from);
      expect(
        rows.map((r) => [r.record_type, r.record_id]),
        method,
      ).toEqual(expected(result));
      for (const r of rows) expect([r.method, r.case_id]).toEqual([method, p.caseId]);
      return result;
    };
    // The exporter is not yet a party of the case: it joins as a subject in the same call.
    const x = step(
      'penalties.create',
      {
        caseId: p.caseId,
        contraventionCode: 'C001',
        entityId: p.exporterId,
        amountMinor: 80_000,
        currency: 'CAD',
        assessedOn: '2026-03-01',
      },
      (r) => [
        ['case_entity', String(core.db.prepare('SELECT id FROM case_entities WHERE entity_id = ?').pluck().get(p.exporterId))],
        ['penalty', r.id],
      ],
    );
    step('penalties.update', { id: x.id, amountMinor: 90_000 }, (r) => [['penalty', r.id]]);
    step('penalties.recordPayment', { penaltyId: x.id, amountMinor: 10_000, currency: 'CAD', method: 'card' }, (r) => [
      ['penalty_payment', r.payments[0]?.id ?? ''],
      ['penalty', r.id],
    ]);
    const before = JSON.parse(auditRows(core.db, lastAuditSeq(core.db) - 1)[0]?.before ?? '{}') as Record<string, unknown>;
    const after = JSON.parse(auditRows(core.db, lastAuditSeq(core.db) - 1)[0]?.after ?? '{}') as Record<string, unknown>;
    expect([before.paid_minor, before.status, after.paid_minor, after.status]).toEqual([0, 'issued', 10_000, 'partly_paid']);
    step('penalties.setStatus', { id: x.id, status: 'under_review' }, (r) => [['penalty', r.id]]);
    step('penalties.setStatus', { id: x.id, status: 'reduced', reducedAmountMinor: 50_000, reason: 'Review' }, (r) => [
      ['penalty', r.id],
    ]);
    expect(
      err(core.invoke('penalties.recordPayment', { penaltyId: x.id, amountMinor: 40_001, currency: 'CAD', method: 'card' })).code,
    ).toBe('invalid_input');
    step('penalties.recordPayment', { penaltyId: x.id, amountMinor: 40_000, currency: 'CAD', method: 'card' }, (r) => [
      ['penalty_payment', r.payments[1]?.id ?? ''],
      ['penalty', r.id],
    ]);
    expect(chainProblem(core.db)).toBeNull();
    expect(checkOf(core.db).problems).toEqual([]);
  });
});

describe('the penalized party and the case', () => {
  it('a party from outside the case joins it with the given role, in the same transaction as the penalty', async () => {
    const core = await newCore(dir);
    const p = caseWithParties(core);
    const roles = () =>
      ok<{ rows: { entityId: string; role: string }[] }>(core.invoke('cases.entities', { caseId: p.caseId })).rows;
    expect(roles().some((r) => r.entityId === p.consigneeId)).toBe(false);
    issue(core, p, { entityId: p.consigneeId, partyRole: 'consignee' });
    expect(
      roles()
        .filter((r) => r.entityId === p.consigneeId)
        .map((r) => r.role),
    ).toEqual(['consignee']);
    // Already a party: no second role.
    issue(core, p, { entityId: p.consigneeId, partyRole: 'suspect' });
    expect(
      roles()
        .filter((r) => r.entityId === p.consigneeId)
        .map((r) => r.role),
    ).toEqual(['consignee']);
    // A role the party cannot hold refuses the whole call: no penalty, no role.
    expectRefused(
      core,
      'penalties.create',
      {
        caseId: p.caseId,
        contraventionCode: 'C152',
        entityId: p.exporterId,
        amountMinor: 100,
        currency: 'CAD',
        partyRole: 'witness',
      },
      'invalid_input',
      'partyRole',
    );
  });
});
