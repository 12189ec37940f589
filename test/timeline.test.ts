/**
 * The case timeline: every dated event of a crafted case, from every table that records one (and
 * the audit trail for status changes), in time order, each naming the record it opens.
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { CaseTimeline } from '../db/api.ts';
import { ingestStream } from '../db/evidence-store.ts';
import { datedNoteLines } from '../db/services/timeline.ts';
import {
  eventTime,
  fitView,
  MAX_SPAN,
  MIN_SPAN,
  pan,
  stackRows,
  ticks,
  zoom,
} from '../renderer/src/pages/analysis/timelineScale.ts';
import { err, ok, steppingClock, tempDir } from './helpers.ts';

const dir = tempDir();
let core: Core;
const id: Record<string, string> = {};
const MISSING = '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11';

beforeAll(async () => {
  core = await openCore(path.join(dir, 'timeline.db'), {
    clock: steppingClock('2026-03-15T12:00:00.000Z', 1000),
    actor: { name: 'Amélie Tremblay', badge: 'CBSA-40127' },
  });
  const call = <T = { id: string }>(method: string, input: Record<string, unknown>) => ok<T>(core.invoke(method, input));
  id.case = call('cases.create', {
    title: 'FPGAs diverted via Armenia',
    openedOn: '2026-01-05',
    contraventionOn: '2025-11-20',
    notes: 'Phone log\n2026-01-20: called the exporter\n2026-02-30 not a date\n  2026-02-12 — exporter sent the invoice',
  }).id;
  id.other = call('cases.create', { title: 'Unrelated case' }).id;
  id.exporter = call('entities.create', { kind: 'organization', legalName: 'Laurentian Microsystems Inc.', country: 'CA' }).id;
  id.director = call('entities.create', { kind: 'person', givenName: 'Arman', familyName: 'Petrosyan' }).id;
  call('cases.addEntity', { caseId: id.case, entityId: id.exporter, role: 'exporter' });
  id.link = call('entities.link', {
    type: 'director_of',
    fromId: id.director,
    toId: id.exporter,
    source: 'Registry extract',
    validFrom: '2020-05-01',
    validTo: '2025-12-31',
  }).id;
  // An undated link adds nothing.
  call('entities.link', { type: 'owns', fromId: id.director, toId: id.exporter, source: 'Annual return' });

  const seizure = call<{ id: string; items: { id: string }[] }>('seizures.create', {
    caseId: id.case,
    seizedAt: '2026-02-01T10:00:00Z',
    place: 'Port of Montréal',
    seizedFromEntityId: id.exporter,
    items: [{ description: 'FPGAs', quantity: 10, value: { amountMinor: 100000, currency: 'CAD' } }],
  });
  id.seizure = seizure.id;
  id.item = seizure.items[0]?.id ?? '';
  call('custody.record', {
    itemId: id.item,
    at: '2026-02-02T09:00:00Z',
    releasedBy: 'Amélie Tremblay',
    receivedBy: 'Evidence clerk Gagnon',
    fromLocation: 'Port of Montréal',
    toLocation: 'Evidence room 2',
    purpose: 'storage',
  });
  call('seizures.setDisposition', {
    id: id.seizure,
    disposition: 'forfeited',
    dispositionOn: '2026-03-01',
    authority: 'Minister s. 131',
  });

  id.detention = call('detentions.create', {
    caseId: id.case,
    subject: 'goods',
    startedAt: '2026-01-15T08:00:00Z',
    place: 'Montréal',
    assessmentOffice: 'Technical Assessment Office',
    referredOn: '2026-01-16',
    assessmentAnsweredOn: '2026-02-10',
  }).id;
  id.request = call('detentions.addRequest', {
    detentionId: id.detention,
    kind: 'end_use_certificate',
    requestedOn: '2026-01-16',
    dueOn: '2026-02-15',
  }).id;
  call('detentions.receiveRequest', { id: id.request, receivedOn: '2026-02-05' });
  call('detentions.end', { id: id.detention, outcome: 'seized', endedAt: '2026-02-01T09:00:00Z' });

  id.penalty = call('penalties.create', {
    caseId: id.case,
    contraventionCode: 'C-101',
    entityId: id.exporter,
    amountMinor: 500000,
    currency: 'CAD',
    assessedOn: '2026-02-20',
  }).id;
  call('penalties.recordPayment', {
    penaltyId: id.penalty,
    paidOn: '2026-03-01',
    amountMinor: 100000,
    currency: 'CAD',
    method: 'wire',
  });

  const file = await ingestStream(Readable.from([Buffer.from('%PDF commercial invoice')]), core.dataDir);
  id.evidence = call('evidence.attach', {
    caseId: id.case,
    ...file,
    originalName: 'invoice.pdf',
    acquiredAt: '2026-01-25T14:00:00Z',
  }).id;
  // A case in another case's audit trail is not this one's.
  call('cases.setStatus', { id: id.other, status: 'under_review' });
  call('cases.setStatus', { id: id.case, status: 'under_review' });
  call('cases.update', { id: id.case, summary: 'Status unchanged by this edit' });
  call('cases.setStatus', { id: id.case, status: 'closed', closedOn: '2026-03-12' });
});
afterAll(() => core.close());

const timeline = () => ok<CaseTimeline>(core.invoke('cases.timeline', { caseId: id.case }));

describe('cases.timeline', () => {
  it('gathers every dated event, in time order (a date before the instants of its day)', () => {
    const t = timeline();
    expect(t.caseId).toBe(id.case);
    expect(t.truncated).toBe(false);
    expect(t.events.map((e) => [e.at, e.kind])).toEqual([
      ['2020-05-01', 'link.started'],
      ['2025-11-20', 'case.contravention'],
      ['2025-12-31', 'link.ended'],
      ['2026-01-05', 'case.opened'],
      ['2026-01-15T08:00:00.000Z', 'detention.started'],
      ['2026-01-16', 'request.sent'],
      ['2026-01-16', 'assessment.referred'],
      ['2026-01-20', 'note.dated'],
      ['2026-01-25T14:00:00.000Z', 'evidence.acquired'],
      ['2026-02-01T09:00:00.000Z', 'detention.ended'],
      ['2026-02-01T10:00:00.000Z', 'seizure.seized'],
      ['2026-02-02T09:00:00.000Z', 'custody.moved'],
      ['2026-02-05', 'request.received'],
      ['2026-02-10', 'assessment.answered'],
      ['2026-02-12', 'note.dated'],
      ['2026-02-20', 'penalty.assessed'],
      ['2026-03-01', 'seizure.disposition'],
      ['2026-03-01', 'penalty.status'],
      ['2026-03-01', 'payment.received'],
      ['2026-03-12', 'case.status'],
      [expect.stringMatching(/^2026-03-15T12:\d\d:\d\d\.000Z$/), 'case.status'],
    ]);
    expect(new Set(t.events.map((e) => e.id)).size).toBe(t.events.length);
    expect(t.events.every((e) => e.caseId === id.case)).toBe(true);
  });

  it('says what each event was and which record it opens', () => {
    const t = timeline();
    const of = (kind: string) => t.events.filter((e) => e.kind === kind);
    expect(of('case.status').map((e) => [e.precision, e.params])).toEqual(
      expect.arrayContaining([
        ['instant', { from: 'open', to: 'under_review' }],
        ['day', { from: 'under_review', to: 'closed' }],
      ]),
    );
    expect(of('custody.moved')[0]).toMatchObject({
      lane: 'custody',
      precision: 'instant',
      record: { type: 'seizure', id: id.seizure, itemId: id.item },
      params: { item: 1, from: 'Port of Montréal', to: 'Evidence room 2', purpose: 'storage', correction: 0 },
    });
    expect(of('seizure.disposition')[0]).toMatchObject({ params: { from: 'held', to: 'forfeited' } });
    expect(of('penalty.status')[0]).toMatchObject({
      record: { type: 'penalty', id: id.penalty },
      params: { from: 'issued', to: 'partly_paid' },
    });
    expect(of('payment.received')[0]).toMatchObject({
      lane: 'payment',
      record: { type: 'penalty', id: id.penalty },
      params: { amountMinor: 100000, currency: 'CAD', method: 'wire' },
    });
    expect(of('request.received')[0]).toMatchObject({
      record: { type: 'detention', id: id.detention },
      params: { request: 'end_use_certificate' },
    });
    expect(of('link.started')[0]).toMatchObject({
      record: { type: 'entity', id: id.exporter },
      params: { type: 'director_of', from: 'Arman Petrosyan', to: 'Laurentian Microsystems Inc.' },
    });
    expect(of('evidence.acquired')[0]).toMatchObject({
      record: { type: 'evidence', id: id.evidence },
      params: { name: 'invoice.pdf' },
    });
    expect(of('note.dated').map((e) => e.params.text)).toEqual(['called the exporter', 'exporter sent the invoice']);
    expect(of('detention.ended')[0]?.params).toMatchObject({ outcome: 'seized' });
  });

  it('of a case with nothing but its opening, holds that one event', () => {
    const t = ok<CaseTimeline>(core.invoke('cases.timeline', { caseId: id.other }));
    expect(t.events.map((e) => e.kind)).toEqual(['case.opened', 'case.status']);
  });

  it('refuses a case that does not exist, or a bad id, naming the field', () => {
    expect(err(core.invoke('cases.timeline', { caseId: MISSING }))).toMatchObject({
      code: 'not_found',
      field: 'caseId',
      reason: 'record.not_found',
    });
    expect(err(core.invoke('cases.timeline', { caseId: 42 }))).toMatchObject({ code: 'invalid_input', field: 'caseId' });
    expect(err(core.invoke('cases.timeline', {}))).toMatchObject({ code: 'invalid_input', field: 'caseId' });
  });
});

describe('dated note lines', () => {
  it('are the lines that begin with a real date, the rest of the line as their text', () => {
    expect(
      datedNoteLines(
        '2026-01-20: called\n2026-02-30 no such day\n2026-01-21T10:00 an instant, not a date\nno date 2026-01-22\n1899-12-31 too old\n2026-03-01',
      ),
    ).toEqual([
      { on: '2026-01-20', text: 'called' },
      { on: '2026-03-01', text: '' },
    ]);
  });
});

describe("the timeline's scale (renderer/src/pages/analysis/timelineScale.ts)", () => {
  const day = 86_400_000;

  it('places a date at the middle of its local day, an instant where it is', () => {
    expect(eventTime({ at: '2026-03-02', precision: 'day' })).toBe(new Date(2026, 2, 2, 12).getTime());
    expect(eventTime({ at: '2026-03-02T10:15:00.000Z', precision: 'instant' })).toBe(Date.UTC(2026, 2, 2, 10, 15));
  });

  it('fits every event with a margin, and at least a week around a single one', () => {
    const a = Date.UTC(2025, 0, 1);
    const b = Date.UTC(2026, 0, 1);
    const v = fitView([b, a]);
    expect(v.start).toBeLessThan(a);
    expect(v.end).toBeGreaterThan(b);
    expect(v.end - v.start).toBeCloseTo((b - a) * 1.1, -3);
    const one = fitView([a]);
    expect(one.end - one.start).toBe(7 * day);
    expect((one.start + one.end) / 2).toBe(a);
  });

  it('zooms around the anchor, within an hour and two centuries, and pans by a fraction', () => {
    const v = { start: 0, end: 100 * day };
    const z = zoom(v, 0.5, 0.25);
    expect(z).toEqual({ start: 12.5 * day, end: 62.5 * day });
    expect(zoom(v, 1e-9).end - zoom(v, 1e-9).start).toBe(MIN_SPAN);
    expect(zoom(v, 1e9).end - zoom(v, 1e9).start).toBe(MAX_SPAN);
    expect(pan(v, -0.2)).toEqual({ start: -20 * day, end: 80 * day });
  });

  it('ticks at local month starts, weeks on Mondays, hours on the hour, spaced for the width', () => {
    const months = ticks({ start: new Date(2025, 0, 15).getTime(), end: new Date(2025, 11, 15).getTime() }, 1200);
    expect(months.every((t) => t.unit === 'month' && new Date(t.time).getDate() === 1)).toBe(true);
    expect(months.map((t) => new Date(t.time).getMonth())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const weeks = ticks({ start: new Date(2025, 0, 1).getTime(), end: new Date(2025, 2, 1).getTime() }, 1000);
    expect(weeks.length).toBeGreaterThan(3);
    expect(weeks.every((t) => t.unit === 'day' && new Date(t.time).getDay() === 1)).toBe(true);
    const hours = ticks({ start: new Date(2025, 0, 1, 8).getTime(), end: new Date(2025, 0, 1, 20).getTime() }, 1200);
    expect(hours.every((t) => t.unit === 'hour' && new Date(t.time).getMinutes() === 0)).toBe(true);
    for (let i = 1; i < months.length; i++)
      expect((((months[i]?.time ?? 0) - (months[i - 1]?.time ?? 0)) / (334 * day)) * 1200).toBeGreaterThanOrEqual(96 * 0.9);
  });

  it('stacks markers closer than the gap on rows, at most the rows allowed', () => {
    expect(stackRows([0, 5, 8, 30, 31, 32, 33], 10, 3)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(stackRows([0, 20, 40], 10, 3)).toEqual([0, 0, 0]);
  });
});
