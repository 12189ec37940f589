/**
 * One rule for every date and time field of the contract (db/temporal.ts): what happened cannot be
 * dated after now (give or take the clock-skew tolerance), what is planned can. The table below
 * lists every date field of every method with its rule; a date field the table does not list,
 * or lists with another rule, fails the first test. Then every field is tried on a real database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import { methods } from '../db/methods/index.ts';
import { temporalFields, type When } from '../db/shared/temporal.ts';
import { ingestStream } from '../db/evidence-store.ts';
import { caseWithParties, expectRefused, fixedClock, newCore, TODAY, type Parties } from './enforcement-fixtures.ts';
import { err, ok } from './helpers.ts';

const RULES: Record<string, When> = {
  'cases.create openedOn': 'past',
  'cases.create contraventionOn': 'past',
  'cases.update openedOn': 'past',
  'cases.update contraventionOn': 'past',
  'cases.setStatus closedOn': 'past',
  'entities.create dateOfBirth': 'past',
  'entities.create identityDocuments.*.expires': 'planned',
  'entities.create shippedOn': 'planned',
  'entities.update dateOfBirth': 'past',
  'entities.update identityDocuments.*.expires': 'planned',
  'entities.update shippedOn': 'planned',
  'entities.link validFrom': 'past',
  'entities.link validTo': 'planned',
  'entities.updateLink validFrom': 'past',
  'entities.updateLink validTo': 'planned',
  'evidence.attach acquiredAt': 'past',
  'audit.list from': 'filter',
  'audit.list to': 'filter',
  'audit.exportCsv from': 'filter',
  'audit.exportCsv to': 'filter',
  'seizures.create seizedAt': 'past',
  'seizures.update seizedAt': 'past',
  'seizures.setDisposition dispositionOn': 'past',
  'custody.record at': 'past',
  'custody.correct corrections.*.at': 'past',
  'detentions.create startedAt': 'past',
  'detentions.create referredOn': 'past',
  'detentions.create assessmentDueOn': 'planned',
  'detentions.create assessmentAnsweredOn': 'past',
  'detentions.create reviewDueOn': 'planned',
  'detentions.update startedAt': 'past',
  'detentions.update referredOn': 'past',
  'detentions.update assessmentDueOn': 'planned',
  'detentions.update assessmentAnsweredOn': 'past',
  'detentions.update reviewDueOn': 'planned',
  'detentions.end endedAt': 'past',
  'detentions.addRequest requestedOn': 'past',
  'detentions.addRequest dueOn': 'planned',
  'detentions.receiveRequest receivedOn': 'past',
  'penalties.create assessedOn': 'past',
  'penalties.create dueOn': 'planned',
  'penalties.update assessedOn': 'past',
  'penalties.update dueOn': 'planned',
  'penalties.setStatus on': 'past',
  'penalties.recordPayment paidOn': 'past',
  'deadlines.list from': 'filter',
  'deadlines.list to': 'filter',
  'checks.create requestedOn': 'past',
  'checks.create scheduledOn': 'planned',
  'checks.update requestedOn': 'past',
  'checks.schedule scheduledOn': 'planned',
  'checks.complete conductedOn': 'past',
  'checks.followUp case.openedOn': 'past',
  'checks.followUp case.contraventionOn': 'past',
  'inspections.create inspectedAt': 'past',
  'inspections.create completedAt': 'past',
  'inspections.create detention.reviewDueOn': 'planned',
  'inspections.update inspectedAt': 'past',
  'inspections.complete completedAt': 'past',
  'inspections.complete detention.reviewDueOn': 'planned',
  'complianceAudits.create periodFrom': 'past',
  'complianceAudits.create periodTo': 'past',
  'complianceAudits.create notifiedOn': 'past',
  'complianceAudits.create reportDueOn': 'planned',
  'complianceAudits.update periodFrom': 'past',
  'complianceAudits.update periodTo': 'past',
  'complianceAudits.update notifiedOn': 'past',
  'complianceAudits.update reportDueOn': 'planned',
  'complianceAudits.onSite onSiteOn': 'past',
  'complianceAudits.addAction dueOn': 'planned',
  'complianceAudits.completeAction completedOn': 'past',
  'complianceAudits.report reportedOn': 'past',
  'complianceAudits.report penalty.assessedOn': 'past',
  'complianceAudits.report penalty.dueOn': 'planned',
};

it('every date field of every method has its rule in this table, and only these', () => {
  const found: Record<string, When | undefined> = {};
  for (const [name, spec] of Object.entries(methods)) {
    for (const f of temporalFields(spec.input)) found[`${name} ${f.path}`] = f.when;
  }
  expect(found).toEqual(RULES);
});

// --- Tried on a real database --------------------------------------------------------------

const NOW = fixedClock(); // 2026-03-15T12:00:00Z
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const MIN = 60_000;
/** Refused: beyond the tolerance. Accepted: within it (past) or far ahead (planned). */
const value = {
  date: { late: '2026-03-17', within: TODAY, ahead: '2027-06-30' },
  datetime: { late: at(10 * MIN), within: at(2 * MIN), ahead: at(400 * 24 * 60 * MIN) },
};

interface World {
  core: Core;
  p: Parties;
  sha256: string;
  size: number;
}
type Build = (w: World, v: string) => { method: string; input: Record<string, unknown>; field: string };

const OFFICER = 'Test Officer';
function seizure(w: World, seizedAt = '2026-03-10T09:00:00Z') {
  return ok<{ id: string; items: { id: string }[] }>(
    w.core.invoke('seizures.create', {
      caseId: w.p.caseId,
      seizedAt,
      place: 'Port of Montréal',
      seizingOfficer: OFFICER,
      items: [{ description: 'FPGA boards', quantity: 10, value: { amountMinor: 100000, currency: 'CAD' } }],
    }),
  );
}
const move = (at: string) => ({
  at,
  releasedBy: OFFICER,
  receivedBy: 'Omar Ahmed',
  fromLocation: 'Port of Montréal',
  toLocation: 'Warehouse 4',
  purpose: 'storage',
});
function detention(w: World) {
  return ok<{ id: string }>(
    w.core.invoke('detentions.create', { caseId: w.p.caseId, subject: 'goods', startedAt: '2026-03-01T10:00:00Z' }),
  ).id;
}
function penalty(w: World) {
  return ok<{ id: string }>(
    w.core.invoke('penalties.create', {
      caseId: w.p.caseId,
      contraventionCode: 'C151',
      entityId: w.p.exporterId,
      amountMinor: 50000,
      currency: 'CAD',
      assessedOn: '2026-03-01',
    }),
  ).id;
}
const newCase = (w: World) => ok<{ id: string }>(w.core.invoke('cases.create', { title: 'A case', openedOn: '2026-01-05' })).id;
const person = (w: World) =>
  ok<{ id: string }>(w.core.invoke('entities.create', { kind: 'person', givenName: 'Ana', familyName: 'Ruiz' })).id;
const link = (w: World) =>
  ok<{ id: string }>(
    w.core.invoke('entities.link', { type: 'director_of', fromId: person(w), toId: w.p.exporterId, source: 'Registry extract' }),
  ).id;
const shipment = (v: string) => ({ kind: 'shipment', exportDeclarationNumber: 'CA-2026-0412', shippedOn: v });
const doc = (v: string) => ({ identityDocuments: [{ type: 'passport', number: 'X1', country: 'AM', expires: v }] });

const checkIn = (w: World, extra: Record<string, unknown> = {}) =>
  ok<{ id: string }>(
    w.core.invoke('checks.create', {
      caseId: w.p.caseId,
      checkType: 'post_shipment',
      partyId: w.p.consigneeId,
      country: 'AM',
      requestedOn: '2026-03-01',
      ...extra,
    }),
  ).id;
const failedCheck = (w: World) => {
  const id = checkIn(w);
  ok(w.core.invoke('checks.complete', { id, outcome: 'unfavorable', conductedOn: '2026-03-10' }));
  return id;
};
const inspection = (w: World) =>
  ok<{ id: string }>(
    w.core.invoke('inspections.create', {
      caseId: w.p.caseId,
      placeKind: 'port',
      place: 'Port of Montréal',
      inspectedAt: '2026-03-14T09:00:00Z',
      officer: OFFICER,
      selection: 'random',
    }),
  ).id;
const inspectionInput = (w: World) => ({
  caseId: w.p.caseId,
  placeKind: 'port',
  place: 'Port of Montréal',
  inspectedAt: '2026-03-14T09:00:00Z',
  officer: OFFICER,
  selection: 'random',
});
const auditInput = (w: World) => ({
  caseId: w.p.caseId,
  partyId: w.p.exporterId,
  periodFrom: '2024-01-01',
  periodTo: '2025-12-31',
  notifiedOn: '2026-02-01',
});
const complianceAudit = (w: World) => ok<{ id: string }>(w.core.invoke('complianceAudits.create', auditInput(w))).id;
const penaltyFields = { contraventionCode: 'C351', amountMinor: 100, currency: 'CAD' };

const BUILD: Record<string, Build> = {
  'cases.create openedOn': (_w, v) => ({ method: 'cases.create', input: { title: 'T', openedOn: v }, field: 'openedOn' }),
  'cases.create contraventionOn': (_w, v) => ({
    method: 'cases.create',
    input: { title: 'T', contraventionOn: v },
    field: 'contraventionOn',
  }),
  'cases.update openedOn': (w, v) => ({ method: 'cases.update', input: { id: newCase(w), openedOn: v }, field: 'openedOn' }),
  'cases.update contraventionOn': (w, v) => ({
    method: 'cases.update',
    input: { id: newCase(w), contraventionOn: v },
    field: 'contraventionOn',
  }),
  'cases.setStatus closedOn': (w, v) => ({
    method: 'cases.setStatus',
    input: { id: newCase(w), status: 'closed', closedOn: v },
    field: 'closedOn',
  }),
  'entities.create dateOfBirth': (_w, v) => ({
    method: 'entities.create',
    input: { kind: 'person', givenName: 'A', familyName: 'B', dateOfBirth: v },
    field: 'dateOfBirth',
  }),
  'entities.create identityDocuments.*.expires': (_w, v) => ({
    method: 'entities.create',
    input: { kind: 'person', givenName: 'A', familyName: 'B', ...doc(v) },
    field: 'identityDocuments.0.expires',
  }),
  'entities.create shippedOn': (_w, v) => ({ method: 'entities.create', input: shipment(v), field: 'shippedOn' }),
  'entities.update dateOfBirth': (w, v) => ({
    method: 'entities.update',
    input: { id: person(w), kind: 'person', dateOfBirth: v },
    field: 'dateOfBirth',
  }),
  'entities.update identityDocuments.*.expires': (w, v) => ({
    method: 'entities.update',
    input: { id: person(w), kind: 'person', ...doc(v) },
    field: 'identityDocuments.0.expires',
  }),
  'entities.update shippedOn': (w, v) => {
    const id = ok<{ id: string }>(w.core.invoke('entities.create', shipment('2026-01-01'))).id;
    return { method: 'entities.update', input: { id, kind: 'shipment', shippedOn: v }, field: 'shippedOn' };
  },
  'entities.link validFrom': (w, v) => ({
    method: 'entities.link',
    input: { type: 'director_of', fromId: person(w), toId: w.p.exporterId, source: 'Registry extract', validFrom: v },
    field: 'validFrom',
  }),
  'entities.link validTo': (w, v) => ({
    method: 'entities.link',
    input: { type: 'director_of', fromId: person(w), toId: w.p.exporterId, source: 'Registry extract', validTo: v },
    field: 'validTo',
  }),
  'entities.updateLink validFrom': (w, v) => ({
    method: 'entities.updateLink',
    input: { id: link(w), validFrom: v },
    field: 'validFrom',
  }),
  'entities.updateLink validTo': (w, v) => ({
    method: 'entities.updateLink',
    input: { id: link(w), validTo: v },
    field: 'validTo',
  }),
  'evidence.attach acquiredAt': (w, v) => ({
    method: 'evidence.attach',
    input: { caseId: w.p.caseId, sha256: w.sha256, size: w.size, originalName: 'invoice.txt', acquiredAt: v },
    field: 'acquiredAt',
  }),
  'seizures.create seizedAt': (w, v) => ({
    method: 'seizures.create',
    input: {
      caseId: w.p.caseId,
      seizedAt: v,
      place: 'Port',
      items: [{ description: 'Boards', quantity: 1, value: { amountMinor: 100, currency: 'CAD' } }],
    },
    field: 'seizedAt',
  }),
  'seizures.update seizedAt': (w, v) => ({
    method: 'seizures.update',
    input: { id: seizure(w).id, seizedAt: v },
    field: 'seizedAt',
  }),
  'seizures.setDisposition dispositionOn': (w, v) => ({
    method: 'seizures.setDisposition',
    input: { id: seizure(w).id, disposition: 'forfeited', dispositionOn: v, authority: 'Minister s. 131' },
    field: 'dispositionOn',
  }),
  'custody.record at': (w, v) => ({
    method: 'custody.record',
    input: { itemId: seizure(w).items[0]?.id, ...move(v) },
    field: 'at',
  }),
  'custody.correct corrections.*.at': (w, v) => {
    const itemId = seizure(w).items[0]?.id;
    const entry = ok<{ entry: { id: string } }>(
      w.core.invoke('custody.record', { itemId, ...move('2026-03-11T09:00:00Z') }),
    ).entry;
    return {
      method: 'custody.correct',
      input: { itemId, corrections: [{ correctsEntryId: entry.id, ...move(v) }] },
      field: 'corrections.0.at',
    };
  },
  'detentions.create startedAt': (w, v) => ({
    method: 'detentions.create',
    input: { caseId: w.p.caseId, subject: 'goods', startedAt: v },
    field: 'startedAt',
  }),
  'detentions.create referredOn': (w, v) => ({
    method: 'detentions.create',
    input: { caseId: w.p.caseId, subject: 'goods', startedAt: '2026-03-01T10:00:00Z', assessmentOffice: 'GAC', referredOn: v },
    field: 'referredOn',
  }),
  'detentions.create assessmentDueOn': (w, v) => ({
    method: 'detentions.create',
    input: {
      caseId: w.p.caseId,
      subject: 'goods',
      startedAt: '2026-03-01T10:00:00Z',
      assessmentOffice: 'GAC',
      referredOn: '2026-03-02',
      assessmentDueOn: v,
    },
    field: 'assessmentDueOn',
  }),
  'detentions.create assessmentAnsweredOn': (w, v) => ({
    method: 'detentions.create',
    input: {
      caseId: w.p.caseId,
      subject: 'goods',
      startedAt: '2026-03-01T10:00:00Z',
      assessmentOffice: 'GAC',
      referredOn: '2026-03-02',
      assessmentAnsweredOn: v,
    },
    field: 'assessmentAnsweredOn',
  }),
  'detentions.create reviewDueOn': (w, v) => ({
    method: 'detentions.create',
    input: { caseId: w.p.caseId, subject: 'goods', startedAt: '2026-03-01T10:00:00Z', reviewDueOn: v },
    field: 'reviewDueOn',
  }),
  'detentions.update startedAt': (w, v) => ({
    method: 'detentions.update',
    input: { id: detention(w), startedAt: v },
    field: 'startedAt',
  }),
  'detentions.update referredOn': (w, v) => ({
    method: 'detentions.update',
    input: { id: detention(w), assessmentOffice: 'GAC', referredOn: v },
    field: 'referredOn',
  }),
  'detentions.update assessmentDueOn': (w, v) => ({
    method: 'detentions.update',
    input: { id: detention(w), assessmentOffice: 'GAC', referredOn: '2026-03-02', assessmentDueOn: v },
    field: 'assessmentDueOn',
  }),
  'detentions.update assessmentAnsweredOn': (w, v) => ({
    method: 'detentions.update',
    input: { id: detention(w), assessmentOffice: 'GAC', referredOn: '2026-03-02', assessmentAnsweredOn: v },
    field: 'assessmentAnsweredOn',
  }),
  'detentions.update reviewDueOn': (w, v) => ({
    method: 'detentions.update',
    input: { id: detention(w), reviewDueOn: v },
    field: 'reviewDueOn',
  }),
  'detentions.end endedAt': (w, v) => ({
    method: 'detentions.end',
    input: { id: detention(w), outcome: 'released', endedAt: v },
    field: 'endedAt',
  }),
  'detentions.addRequest requestedOn': (w, v) => ({
    method: 'detentions.addRequest',
    input: { detentionId: detention(w), kind: 'item_list', requestedOn: v, dueOn: '2027-12-31' },
    field: 'requestedOn',
  }),
  'detentions.addRequest dueOn': (w, v) => ({
    method: 'detentions.addRequest',
    input: { detentionId: detention(w), kind: 'item_list', requestedOn: '2026-03-02', dueOn: v },
    field: 'dueOn',
  }),
  'detentions.receiveRequest receivedOn': (w, v) => {
    const detentionId = detention(w);
    const { id } = ok<{ id: string }>(
      w.core.invoke('detentions.addRequest', { detentionId, kind: 'item_list', requestedOn: '2026-03-02', dueOn: '2026-04-01' }),
    );
    return { method: 'detentions.receiveRequest', input: { id, receivedOn: v }, field: 'receivedOn' };
  },
  'penalties.create assessedOn': (w, v) => ({
    method: 'penalties.create',
    input: {
      caseId: w.p.caseId,
      contraventionCode: 'C151',
      entityId: w.p.exporterId,
      amountMinor: 100,
      currency: 'CAD',
      assessedOn: v,
    },
    field: 'assessedOn',
  }),
  'penalties.create dueOn': (w, v) => ({
    method: 'penalties.create',
    input: {
      caseId: w.p.caseId,
      contraventionCode: 'C151',
      entityId: w.p.exporterId,
      amountMinor: 100,
      currency: 'CAD',
      dueOn: v,
    },
    field: 'dueOn',
  }),
  'penalties.update assessedOn': (w, v) => ({
    method: 'penalties.update',
    input: { id: penalty(w), assessedOn: v },
    field: 'assessedOn',
  }),
  'penalties.update dueOn': (w, v) => ({ method: 'penalties.update', input: { id: penalty(w), dueOn: v }, field: 'dueOn' }),
  'penalties.setStatus on': (w, v) => ({
    method: 'penalties.setStatus',
    input: { id: penalty(w), status: 'under_review', on: v },
    field: 'on',
  }),
  'penalties.recordPayment paidOn': (w, v) => ({
    method: 'penalties.recordPayment',
    input: { penaltyId: penalty(w), amountMinor: 100, currency: 'CAD', method: 'wire', paidOn: v },
    field: 'paidOn',
  }),
  'audit.list from': (w, v) => ({ method: 'audit.list', input: { caseId: w.p.caseId, from: v }, field: 'from' }),
  'audit.list to': (w, v) => ({ method: 'audit.list', input: { caseId: w.p.caseId, to: v }, field: 'to' }),
  'audit.exportCsv from': (w, v) => ({ method: 'audit.exportCsv', input: { caseId: w.p.caseId, from: v }, field: 'from' }),
  'audit.exportCsv to': (w, v) => ({ method: 'audit.exportCsv', input: { caseId: w.p.caseId, to: v }, field: 'to' }),
  'deadlines.list from': (_w, v) => ({ method: 'deadlines.list', input: { from: v }, field: 'from' }),
  'deadlines.list to': (_w, v) => ({ method: 'deadlines.list', input: { to: v }, field: 'to' }),
  'checks.create requestedOn': (w, v) => ({
    method: 'checks.create',
    input: { caseId: w.p.caseId, checkType: 'pre_license', partyId: w.p.consigneeId, country: 'AM', requestedOn: v },
    field: 'requestedOn',
  }),
  'checks.create scheduledOn': (w, v) => ({
    method: 'checks.create',
    input: { caseId: w.p.caseId, checkType: 'pre_license', partyId: w.p.consigneeId, country: 'AM', scheduledOn: v },
    field: 'scheduledOn',
  }),
  'checks.update requestedOn': (w, v) => ({
    method: 'checks.update',
    input: { id: checkIn(w), requestedOn: v },
    field: 'requestedOn',
  }),
  'checks.schedule scheduledOn': (w, v) => ({
    method: 'checks.schedule',
    input: { id: checkIn(w), scheduledOn: v },
    field: 'scheduledOn',
  }),
  'checks.complete conductedOn': (w, v) => ({
    method: 'checks.complete',
    input: { id: checkIn(w), outcome: 'favorable', conductedOn: v },
    field: 'conductedOn',
  }),
  'checks.followUp case.openedOn': (w, v) => ({
    method: 'checks.followUp',
    input: { id: failedCheck(w), action: 'open_case', case: { openedOn: v } },
    field: 'case.openedOn',
  }),
  'checks.followUp case.contraventionOn': (w, v) => ({
    method: 'checks.followUp',
    input: { id: failedCheck(w), action: 'open_case', case: { contraventionOn: v } },
    field: 'case.contraventionOn',
  }),
  'inspections.create inspectedAt': (w, v) => ({
    method: 'inspections.create',
    input: { ...inspectionInput(w), inspectedAt: v },
    field: 'inspectedAt',
  }),
  'inspections.create completedAt': (w, v) => ({
    method: 'inspections.create',
    input: { ...inspectionInput(w), result: 'no_discrepancy', completedAt: v },
    field: 'completedAt',
  }),
  'inspections.create detention.reviewDueOn': (w, v) => ({
    method: 'inspections.create',
    input: { ...inspectionInput(w), result: 'goods_detained', detention: { reviewDueOn: v } },
    field: 'detention.reviewDueOn',
  }),
  'inspections.update inspectedAt': (w, v) => ({
    method: 'inspections.update',
    input: { id: inspection(w), inspectedAt: v },
    field: 'inspectedAt',
  }),
  'inspections.complete completedAt': (w, v) => ({
    method: 'inspections.complete',
    input: { id: inspection(w), result: 'discrepancy_noted', completedAt: v },
    field: 'completedAt',
  }),
  'inspections.complete detention.reviewDueOn': (w, v) => ({
    method: 'inspections.complete',
    input: { id: inspection(w), result: 'goods_detained', detention: { reviewDueOn: v } },
    field: 'detention.reviewDueOn',
  }),
  'complianceAudits.create periodFrom': (w, v) => ({
    method: 'complianceAudits.create',
    input: { ...auditInput(w), periodFrom: v, periodTo: v },
    field: 'periodFrom',
  }),
  'complianceAudits.create periodTo': (w, v) => ({
    method: 'complianceAudits.create',
    input: { ...auditInput(w), periodTo: v },
    field: 'periodTo',
  }),
  'complianceAudits.create notifiedOn': (w, v) => ({
    method: 'complianceAudits.create',
    input: { ...auditInput(w), notifiedOn: v },
    field: 'notifiedOn',
  }),
  'complianceAudits.create reportDueOn': (w, v) => ({
    method: 'complianceAudits.create',
    input: { ...auditInput(w), reportDueOn: v },
    field: 'reportDueOn',
  }),
  'complianceAudits.update periodFrom': (w, v) => ({
    method: 'complianceAudits.update',
    input: { id: complianceAudit(w), periodFrom: v, periodTo: v },
    field: 'periodFrom',
  }),
  'complianceAudits.update periodTo': (w, v) => ({
    method: 'complianceAudits.update',
    input: { id: complianceAudit(w), periodTo: v },
    field: 'periodTo',
  }),
  'complianceAudits.update notifiedOn': (w, v) => ({
    method: 'complianceAudits.update',
    input: { id: complianceAudit(w), notifiedOn: v },
    field: 'notifiedOn',
  }),
  'complianceAudits.update reportDueOn': (w, v) => ({
    method: 'complianceAudits.update',
    input: { id: complianceAudit(w), reportDueOn: v },
    field: 'reportDueOn',
  }),
  'complianceAudits.onSite onSiteOn': (w, v) => ({
    method: 'complianceAudits.onSite',
    input: { id: complianceAudit(w), onSiteOn: v },
    field: 'onSiteOn',
  }),
  'complianceAudits.addAction dueOn': (w, v) => ({
    method: 'complianceAudits.addAction',
    input: { auditId: complianceAudit(w), description: 'Train staff', owner: 'HR', dueOn: v },
    field: 'dueOn',
  }),
  'complianceAudits.completeAction completedOn': (w, v) => {
    const a = ok<{ actions: { id: string }[] }>(
      w.core.invoke('complianceAudits.addAction', {
        auditId: complianceAudit(w),
        description: 'Train staff',
        owner: 'HR',
        dueOn: '2026-06-30',
      }),
    );
    return { method: 'complianceAudits.completeAction', input: { id: a.actions[0]?.id, completedOn: v }, field: 'completedOn' };
  },
  'complianceAudits.report reportedOn': (w, v) => ({
    method: 'complianceAudits.report',
    input: { id: complianceAudit(w), outcome: 'compliant', reportedOn: v },
    field: 'reportedOn',
  }),
  'complianceAudits.report penalty.assessedOn': (w, v) => ({
    method: 'complianceAudits.report',
    input: {
      id: complianceAudit(w),
      outcome: 'non_compliant',
      consequence: 'penalty',
      penalty: { ...penaltyFields, assessedOn: v },
    },
    field: 'penalty.assessedOn',
  }),
  'complianceAudits.report penalty.dueOn': (w, v) => ({
    method: 'complianceAudits.report',
    input: { id: complianceAudit(w), outcome: 'non_compliant', consequence: 'penalty', penalty: { ...penaltyFields, dueOn: v } },
    field: 'penalty.dueOn',
  }),
};

describe('each date field on a real database', () => {
  let w: World;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-dates-'));
    const core = await newCore(dir);
    const data = Buffer.from('Invoice 2026-0412\n');
    const stored = await ingestStream(Readable.from([data]), dir);
    w = { core, p: caseWithParties(core), sha256: stored.sha256, size: stored.size };
  });

  it('the builders cover the table', () => {
    expect(Object.keys(BUILD).sort()).toEqual(Object.keys(RULES).sort());
  });

  for (const [key, when] of Object.entries(RULES)) {
    const kind =
      key.endsWith('At') || key.endsWith('.at') || key.endsWith(' at') || key.startsWith('audit.') ? 'datetime' : 'date';
    const v = value[kind];
    if (when === 'past') {
      it(`${key}: refused after now (beyond the tolerance), accepted within it`, () => {
        const late = BUILD[key]!(w, v.late);
        const message = expectRefused(w.core, late.method, late.input, 'invalid_input', late.field);
        expect(message).toBe(`${late.field}: must not be in the future`);
        const within = BUILD[key]!(w, v.within);
        ok(w.core.invoke(within.method, within.input));
      });
    } else {
      it(`${key}: may lie in the future (${when})`, () => {
        const ahead = BUILD[key]!(w, v.ahead);
        ok(w.core.invoke(ahead.method, ahead.input));
      });
    }
  }
});

describe('record numbers never contradict their dates', () => {
  let w: World;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-numbers-'));
    const core = await newCore(dir);
    w = { core, p: caseWithParties(core), sha256: '', size: 0 };
  });

  it('a case takes the year it was opened, and a new number when the opening date moves to another year', () => {
    const c = ok<{ id: string; fileNumber: string }>(
      w.core.invoke('cases.create', { title: 'Late entry', openedOn: '2025-12-30' }),
    );
    expect(c.fileNumber).toMatch(/^2025-EXP-\d{6}$/);
    const same = ok<{ fileNumber: string }>(w.core.invoke('cases.update', { id: c.id, openedOn: '2025-11-02' }));
    expect(same.fileNumber).toBe(c.fileNumber);
    const moved = ok<{ fileNumber: string }>(w.core.invoke('cases.update', { id: c.id, openedOn: '2026-01-02' }));
    expect(moved.fileNumber).toMatch(/^2026-EXP-\d{6}$/);
    // The old number is never reused.
    const next = ok<{ fileNumber: string }>(w.core.invoke('cases.create', { title: 'Another', openedOn: '2025-06-01' }));
    expect(next.fileNumber).not.toBe(c.fileNumber);
  });

  it('a seizure, a detention and a penalty follow their dates the same way', () => {
    const s = seizure(w, '2025-12-31T10:00:00Z');
    const sNumber = (id: string) => ok<{ seizureNumber: string }>(w.core.invoke('seizures.get', { id })).seizureNumber;
    expect(sNumber(s.id)).toMatch(/^2025-SZ-/);
    ok(w.core.invoke('seizures.update', { id: s.id, seizedAt: '2026-01-03T10:00:00Z' }));
    expect(sNumber(s.id)).toMatch(/^2026-SZ-/);

    const d = ok<{ id: string; detentionNumber: string }>(
      w.core.invoke('detentions.create', { caseId: w.p.caseId, subject: 'goods', startedAt: '2025-12-20T10:00:00Z' }),
    );
    expect(d.detentionNumber).toMatch(/^2025-DT-/);
    expect(
      ok<{ detentionNumber: string }>(w.core.invoke('detentions.update', { id: d.id, startedAt: '2026-01-04T10:00:00Z' }))
        .detentionNumber,
    ).toMatch(/^2026-DT-/);

    const p = ok<{ id: string; noticeNumber: string }>(
      w.core.invoke('penalties.create', {
        caseId: w.p.caseId,
        contraventionCode: 'C151',
        entityId: w.p.exporterId,
        amountMinor: 100,
        currency: 'CAD',
        assessedOn: '2025-12-29',
      }),
    );
    expect(p.noticeNumber).toMatch(/^2025-AMP-/);
    expect(
      ok<{ noticeNumber: string }>(w.core.invoke('penalties.update', { id: p.id, assessedOn: '2026-01-05' })).noticeNumber,
    ).toMatch(/^2026-AMP-/);
  });

  it('a number typed in Dossier form with another year is refused; a number of another form is kept', () => {
    expectRefused(
      w.core,
      'detentions.create',
      { caseId: w.p.caseId, subject: 'goods', startedAt: '2026-03-01T10:00:00Z', detentionNumber: '2024-DT-000777' },
      'invalid_input',
      'detentionNumber',
    );
    const kept = ok<{ id: string; detentionNumber: string }>(
      w.core.invoke('detentions.create', {
        caseId: w.p.caseId,
        subject: 'goods',
        startedAt: '2026-03-01T10:00:00Z',
        detentionNumber: 'BSF-241-0043',
      }),
    );
    expect(kept.detentionNumber).toBe('BSF-241-0043');
    expect(
      ok<{ detentionNumber: string }>(w.core.invoke('detentions.update', { id: kept.id, startedAt: '2025-03-01T10:00:00Z' }))
        .detentionNumber,
    ).toBe('BSF-241-0043');
    const e = err(
      w.core.invoke('seizures.create', {
        caseId: w.p.caseId,
        seizedAt: '2026-03-01T10:00:00Z',
        place: 'Port',
        seizureNumber: '2025-SZ-000900',
        items: [{ description: 'Boards', quantity: 1, value: { amountMinor: 100, currency: 'CAD' } }],
      }),
    );
    expect(e).toMatchObject({ code: 'invalid_input', field: 'seizureNumber' });
  });

  it('a future-dated seizure cannot get a future year: the date is refused first', () => {
    const e = err(
      w.core.invoke('seizures.create', {
        caseId: w.p.caseId,
        seizedAt: '2027-01-10T10:00:00Z',
        place: 'Port',
        items: [{ description: 'Boards', quantity: 1, value: { amountMinor: 100, currency: 'CAD' } }],
      }),
    );
    expect(e).toMatchObject({ code: 'invalid_input', field: 'seizedAt', message: 'seizedAt: must not be in the future' });
  });
});
