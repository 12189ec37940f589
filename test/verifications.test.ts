/**
 * End-use checks, inspections and compliance audits on real SQLite files: every allowed and
 * refused status move of each, the records an inspection's result makes (and does not make when
 * refused), the follow-ups of a failed check, and corrective actions in the deadlines.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestStream } from '../db/evidence-store.ts';
import type { Core } from '../db/index.ts';
import type { AuditDetail, CheckDetail, DeadlinePage, InspectionDetail } from '../db/api.ts';
import {
  AUDIT_STATUSES,
  AUDIT_TRANSITIONS,
  CHECK_STATUSES,
  CHECK_TRANSITIONS,
  INSPECTION_STATUSES,
  INSPECTION_TRANSITIONS,
  type AuditStatus,
  type CheckStatus,
  type InspectionStatus,
} from '../db/shared/domain.ts';
import { count, err, ok, tempDir, auditRows, chainProblem } from './helpers.ts';
import { TODAY, caseWithParties, expectRefused, newCore, type Parties } from './enforcement-fixtures.ts';
import { addDays } from '../db/shared/time.ts';

const dir = tempDir();

// --- End-use checks ------------------------------------------------------------------------------

function newCheck(core: Core, p: Parties, extra: Record<string, unknown> = {}): CheckDetail {
  return ok<CheckDetail>(
    core.invoke('checks.create', {
      caseId: p.caseId,
      checkType: 'post_shipment',
      partyId: p.consigneeId,
      partyRole: 'end_user',
      country: 'AM',
      requestedOn: '2026-02-01',
      goods: [{ description: 'FPGA development boards', quantity: 40, unit: 'piece', eccn: '3a001.a.7', hsCode: '8542.31' }],
      ...extra,
    }),
  );
}

const checkMove: Record<Exclude<CheckStatus, 'requested'>, (id: string) => [string, Record<string, unknown>]> = {
  scheduled: (id) => ['checks.schedule', { id, scheduledOn: '2026-04-10' }],
  completed: (id) => ['checks.complete', { id, conductedOn: '2026-03-01', outcome: 'favorable' }],
  cancelled: (id) => ['checks.cancel', { id, reason: 'Licence application withdrawn' }],
};

function checkIn(core: Core, p: Parties, status: CheckStatus): CheckDetail {
  const c = newCheck(core, p);
  if (status === 'requested') return c;
  const [method, input] = checkMove[status](c.id);
  return ok<CheckDetail>(core.invoke(method, input));
}

describe('end-use checks', () => {
  let core: Core;
  let p: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  it('numbers a check YYYY-EUC-000001 by its request year, with its goods lines normalized and audited', () => {
    const c = newCheck(core, p);
    expect(c).toMatchObject({ checkNumber: '2026-EUC-000001', status: 'requested', outcome: null, country: 'AM' });
    expect(c.goods).toHaveLength(1);
    expect(c.goods[0]).toMatchObject({ lineNo: 1, eccn: '3A001.a.7', hsCode: '854231', quantity: 40 });
    expect(c.party?.name).toBe('Ararat Trade LLC');
    const audit = auditRows(core.db).filter((r) => r.record_type === 'end_use_check' || r.record_type === 'end_use_check_goods');
    expect(audit.map((r) => r.method)).toEqual(['checks.create', 'checks.create']);
    expect(chainProblem(core.db)).toBeNull();
  });

  for (const from of CHECK_STATUSES) {
    for (const to of CHECK_STATUSES.filter((s): s is Exclude<CheckStatus, 'requested'> => s !== 'requested')) {
      const allowed = CHECK_TRANSITIONS[from].includes(to);
      it(`${from} -> ${to}: ${allowed ? 'allowed' : 'refused, nothing changed'}`, () => {
        const c = checkIn(core, p, from);
        const [method, input] = checkMove[to](c.id);
        if (allowed) {
          expect(ok<CheckDetail>(core.invoke(method, input)).status).toBe(to);
        } else {
          const message = expectRefused(core, method, input, 'invalid_transition', 'status');
          expect(message).toContain(c.checkNumber);
          expect(err(core.invoke(method, input)).reason).toBe('check.transition');
        }
      });
    }
  }

  it('an unverified outcome needs its reason, and only it has one', () => {
    const c = newCheck(core, p);
    expectRefused(core, 'checks.complete', { id: c.id, outcome: 'unable_to_verify' }, 'invalid_input', 'unverifiedReason');
    expectRefused(
      core,
      'checks.complete',
      { id: c.id, outcome: 'favorable', unverifiedReason: 'refused' },
      'invalid_input',
      'unverifiedReason',
    );
    expectRefused(core, 'checks.schedule', { id: c.id, scheduledOn: '2026-01-20' }, 'invalid_input', 'scheduledOn');
    expectRefused(
      core,
      'checks.complete',
      { id: c.id, outcome: 'favorable', conductedOn: '2027-01-01' },
      'invalid_input',
      'conductedOn',
    );
  });

  it('a party is a person or an organization', () => {
    expectRefused(
      core,
      'checks.create',
      { caseId: p.caseId, checkType: 'pre_license', partyId: p.addressId, country: 'AM' },
      'invalid_input',
      'partyId',
    );
  });

  it('a check that could not verify the end user opens a case with the party as a subject, in one step', () => {
    const c = newCheck(core, p);
    ok(
      core.invoke('checks.complete', {
        id: c.id,
        outcome: 'unable_to_verify',
        unverifiedReason: 'party_not_found',
        conductedOn: '2026-03-10',
      }),
    );
    const cases = count(core.db, 'cases');
    const done = ok<CheckDetail>(core.invoke('checks.followUp', { id: c.id, action: 'open_case' }));
    expect(count(core.db, 'cases')).toBe(cases + 1);
    expect(done.followUpCaseId).not.toBeNull();
    expect(done.followUpCaseFileNumber).toMatch(/^\d{4}-/);
    const roles = core.db
      .prepare('SELECT role FROM case_entities WHERE case_id = ? AND entity_id = ?')
      .pluck()
      .all(done.followUpCaseId, p.consigneeId);
    expect(roles).toEqual(['subject']);
    const opened = ok<{ title: string; violationType: string }>(core.invoke('cases.get', { id: done.followUpCaseId }));
    expect(opened.title).toContain('Ararat Trade LLC');
    expect(opened.violationType).toBe('end_use_violation');
    // Twice is refused: the case exists.
    expectRefused(core, 'checks.followUp', { id: c.id, action: 'open_case' }, 'conflict', 'action');
    const marked = ok<CheckDetail>(
      core.invoke('checks.followUp', { id: c.id, action: 'list_candidate', reason: 'Address is a vacant lot' }),
    );
    expect(marked).toMatchObject({ listCandidateOn: TODAY, listCandidateReason: 'Address is a vacant lot' });
  });

  it('a favorable or pending check has nothing to follow up', () => {
    const c = newCheck(core, p);
    expectRefused(core, 'checks.followUp', { id: c.id, action: 'list_candidate', reason: 'x' }, 'invalid_transition', 'action');
  });

  it('lists checks by status and outcome, sorted in SQL', () => {
    const page = ok<{ total: number; rows: { status: string }[] }>(core.invoke('checks.list', { status: 'cancelled' }));
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.status === 'cancelled')).toBe(true);
    const byNumber = ok<{ rows: { checkNumber: string }[] }>(
      core.invoke('checks.list', { sort: { column: 'checkNumber', direction: 'asc' } }),
    ).rows.map((r) => r.checkNumber);
    expect(byNumber).toEqual([...byNumber].sort());
  });
});

// --- Inspections -------------------------------------------------------------------------------

const seizedGoods = {
  legalProvision: 'Customs Act s. 110',
  storageLocation: 'CBSA warehouse, Montreal',
  items: [{ description: 'GNSS receivers, military grade', quantity: 12, value: { amountMinor: 4_800_000, currency: 'CAD' } }],
};

function newInspection(core: Core, p: Parties, extra: Record<string, unknown> = {}): InspectionDetail {
  return ok<InspectionDetail>(
    core.invoke('inspections.create', {
      caseId: p.caseId,
      placeKind: 'port',
      place: 'Port of Montreal, Racine terminal',
      inspectedAt: '2026-03-14T09:00:00-04:00',
      shipmentReference: 'MSCU 4481290',
      exporterId: p.exporterId,
      consigneeId: p.consigneeId,
      officer: 'BSO Gagnon',
      selection: 'targeting_rule',
      examined: ['documents', 'goods', 'seals'],
      ...extra,
    }),
  );
}

const inspectionMove: Record<Exclude<InspectionStatus, 'in_progress'>, (id: string) => [string, Record<string, unknown>]> = {
  completed: (id) => ['inspections.complete', { id, result: 'no_discrepancy' }],
  cancelled: (id) => ['inspections.cancel', { id, reason: 'Container rerouted before examination' }],
};

describe('inspections', () => {
  let core: Core;
  let p: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  for (const from of INSPECTION_STATUSES) {
    for (const to of ['completed', 'cancelled'] as const) {
      const allowed = INSPECTION_TRANSITIONS[from].includes(to);
      it(`${from} -> ${to}: ${allowed ? 'allowed' : 'refused, nothing changed'}`, () => {
        let i = newInspection(core, p);
        if (from !== 'in_progress') {
          const [m, input] = inspectionMove[from](i.id);
          i = ok<InspectionDetail>(core.invoke(m, input));
        }
        const [method, input] = inspectionMove[to](i.id);
        if (allowed) expect(ok<InspectionDetail>(core.invoke(method, input)).status).toBe(to);
        else expectRefused(core, method, input, 'invalid_transition', 'status');
      });
    }
  }

  it('a result of "goods seized" creates exactly one linked seizure, pre-filled, with its audit records', () => {
    const i = newInspection(core, p);
    const seizures = count(core.db, 'seizures');
    const before = core.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    const done = ok<InspectionDetail>(
      core.invoke('inspections.complete', {
        id: i.id,
        result: 'goods_seized',
        findings: 'Receivers declared as marine GPS; markings show M-code capability.',
        completedAt: '2026-03-14T15:00:00-04:00',
        seizure: seizedGoods,
      }),
    );
    expect(count(core.db, 'seizures')).toBe(seizures + 1);
    expect(done).toMatchObject({ status: 'completed', result: 'goods_seized', detentionId: null });
    expect(done.seizureNumber).toMatch(/^2026-SZ-/);
    const s = ok<{ place: string; seizedFromEntityId: string; seizingOfficer: string; items: unknown[]; notes: string }>(
      core.invoke('seizures.get', { id: done.seizureId }),
    );
    expect(s).toMatchObject({
      place: 'Port of Montreal, Racine terminal',
      seizedFromEntityId: p.exporterId,
      seizingOfficer: 'BSO Gagnon',
    });
    expect(s.items).toHaveLength(1);
    expect(s.notes).toContain(i.inspectionNumber);
    expect(ok(core.invoke('verifications.origin', { recordType: 'seizure', id: done.seizureId }))).toEqual({
      type: 'inspection',
      id: i.id,
      number: i.inspectionNumber,
    });
    const written = auditRows(core.db)
      .filter((r) => r.seq > before)
      .map((r) => `${r.method} ${r.record_type}`);
    expect(written).toContain('inspections.complete seizure');
    expect(written).toContain('inspections.complete seized_item');
    expect(written).toContain('inspections.complete inspection');
    expect(chainProblem(core.db)).toBeNull();
  });

  it('a refused seizure leaves the inspection in progress and creates nothing', () => {
    const i = newInspection(core, p);
    const bad = { ...seizedGoods, items: [{ ...seizedGoods.items[0], quantity: -3 }] };
    expectRefused(
      core,
      'inspections.complete',
      { id: i.id, result: 'goods_seized', seizure: bad },
      'invalid_input',
      'seizure.items.0.quantity',
    );
    expectRefused(core, 'inspections.complete', { id: i.id, result: 'goods_seized' }, 'invalid_input', 'seizure');
    // Seized before the examination began: the seizure's own date rule refuses it, in the same transaction.
    expectRefused(
      core,
      'inspections.complete',
      { id: i.id, result: 'goods_seized', completedAt: '2026-03-13T10:00:00Z', seizure: seizedGoods },
      'invalid_input',
      'completedAt',
    );
    expect(ok<InspectionDetail>(core.invoke('inspections.get', { id: i.id })).status).toBe('in_progress');
  });

  it('"goods detained" recorded at once creates the detention from the inspection', () => {
    const detentions = count(core.db, 'detentions');
    const i = newInspection(core, p, { result: 'goods_detained', findings: 'Seal 0045112 broken; 3 cartons undeclared.' });
    expect(count(core.db, 'detentions')).toBe(detentions + 1);
    const d = ok<{ place: string; reason: string; exporterId: string; subject: string }>(
      core.invoke('detentions.get', { id: i.detentionId }),
    );
    expect(d).toMatchObject({
      place: i.place,
      exporterId: p.exporterId,
      subject: 'shipment',
      reason: 'Seal 0045112 broken; 3 cartons undeclared.',
    });
    expect(i.detentionNumber).toMatch(/^2026-DT-/);
  });

  it('the conveyance is a conveyance, the exporter a person or organization', () => {
    expectRefused(
      core,
      'inspections.create',
      { caseId: p.caseId, placeKind: 'airport', place: 'YUL', selection: 'random', conveyanceId: p.exporterId, officer: 'X' },
      'invalid_input',
      'conveyanceId',
    );
  });
});

// --- Compliance audits -----------------------------------------------------------------------------

function newAudit(core: Core, p: Parties, extra: Record<string, unknown> = {}): AuditDetail {
  return ok<AuditDetail>(
    core.invoke('complianceAudits.create', {
      caseId: p.caseId,
      partyId: p.exporterId,
      periodFrom: '2024-01-01',
      periodTo: '2025-12-31',
      scope: 'Export permits under the ECL, Group 1 and 2 items; record keeping',
      notifiedOn: '2026-02-01',
      ...extra,
    }),
  );
}

const auditMove: Record<Exclude<AuditStatus, 'notified'>, (id: string) => [string, Record<string, unknown>]> = {
  on_site: (id) => ['complianceAudits.onSite', { id, onSiteOn: '2026-02-20' }],
  reported: (id) => ['complianceAudits.report', { id, outcome: 'compliant', reportedOn: '2026-03-01' }],
  cancelled: (id) => ['complianceAudits.cancel', { id, reason: 'Exporter ceased trading' }],
};

describe('compliance audits', () => {
  let core: Core;
  let p: Parties;
  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  it('numbers an audit YYYY-CA-000001 and sets the report due 90 days after the notice', () => {
    const a = newAudit(core, p);
    expect(a).toMatchObject({ auditNumber: '2026-CA-000001', status: 'notified', reportDueOn: addDays('2026-02-01', 90) });
  });

  for (const from of AUDIT_STATUSES) {
    for (const to of ['on_site', 'reported', 'cancelled'] as const) {
      const allowed = AUDIT_TRANSITIONS[from].includes(to);
      it(`${from} -> ${to}: ${allowed ? 'allowed' : 'refused, nothing changed'}`, () => {
        let a = newAudit(core, p);
        if (from !== 'notified') {
          const [m, input] = auditMove[from](a.id);
          a = ok<AuditDetail>(core.invoke(m, input));
        }
        const [method, input] = auditMove[to](a.id);
        if (allowed) expect(ok<AuditDetail>(core.invoke(method, input)).status).toBe(to);
        else expectRefused(core, method, input, 'invalid_transition', 'status');
      });
    }
  }

  it('corrective actions appear in the deadlines, overdue on the day after their due date', async () => {
    const a = newAudit(core, p);
    ok(
      core.invoke('complianceAudits.addFinding', {
        auditId: a.id,
        severity: 'major',
        provision: 'EIPA s. 13',
        description: 'Wrong classification of 3A001 items as EAR99',
      }),
    );
    const withFinding = ok<AuditDetail>(
      core.invoke('complianceAudits.addFinding', {
        auditId: a.id,
        severity: 'minor',
        description: 'Records kept 4 years, not 6',
      }),
    );
    const finding = withFinding.findings[0]!;
    const withAction = ok<AuditDetail>(
      core.invoke('complianceAudits.addAction', {
        auditId: a.id,
        findingId: finding.id,
        description: 'Reclassify the product line and file voluntary disclosures',
        owner: 'Compliance officer, Laurentian Microsystems',
        dueOn: TODAY,
      }),
    );
    expect(withAction.findings).toHaveLength(2);
    const dueToday = ok<DeadlinePage>(core.invoke('deadlines.list', { kind: ['corrective_action'] }));
    const row = dueToday.rows.find((r) => r.recordId === a.id);
    expect(row).toMatchObject({ kind: 'corrective_action', recordType: 'compliance_audit', dueOn: TODAY, overdue: false });
    // The next day it is overdue.
    const tomorrow = await newCore(dir, () => new Date(`${addDays(TODAY, 1)}T12:00:00.000Z`));
    const p2 = caseWithParties(tomorrow);
    const a2 = newAudit(tomorrow, p2);
    ok(tomorrow.invoke('complianceAudits.addAction', { auditId: a2.id, description: 'Train staff', owner: 'HR', dueOn: TODAY }));
    const next = ok<DeadlinePage>(tomorrow.invoke('deadlines.list', { kind: ['corrective_action'] }));
    expect(next.rows.find((r) => r.recordId === a2.id)).toMatchObject({ overdue: true, daysLeft: -1 });
    expect(next.overdueTotal).toBe(1);
    // Done, it leaves the open deadlines.
    const actionId = ok<AuditDetail>(tomorrow.invoke('complianceAudits.get', { id: a2.id })).actions[0]!.id;
    ok(tomorrow.invoke('complianceAudits.completeAction', { id: actionId }));
    expect(ok<DeadlinePage>(tomorrow.invoke('deadlines.list', { kind: ['corrective_action'] })).total).toBe(0);
  });

  it('non-compliant with a penalty issues it to the audited party, linked, in the same transaction', () => {
    const a = newAudit(core, p);
    expectRefused(core, 'complianceAudits.report', { id: a.id, outcome: 'non_compliant' }, 'invalid_input', 'consequence');
    expectRefused(core, 'complianceAudits.report', { id: a.id, outcome: 'compliant_with_actions' }, 'invalid_input', 'outcome');
    const penalties = count(core.db, 'penalties');
    const r = ok<AuditDetail>(
      core.invoke('complianceAudits.report', {
        id: a.id,
        outcome: 'non_compliant',
        consequence: 'penalty',
        reportedOn: '2026-03-10',
        penalty: { contraventionCode: 'C351', amountMinor: 2_500_000, currency: 'CAD' },
      }),
    );
    expect(count(core.db, 'penalties')).toBe(penalties + 1);
    expect(r.penaltyNumber).toMatch(/^2026-AMP-/);
    const pen = ok<{ entityId: string; notes: string }>(core.invoke('penalties.get', { id: r.penaltyId }));
    expect(pen.entityId).toBe(p.exporterId);
    expect(pen.notes).toContain(a.auditNumber);
    expect(ok(core.invoke('verifications.origin', { recordType: 'penalty', id: r.penaltyId }))).toMatchObject({
      type: 'compliance_audit',
      number: a.auditNumber,
    });
    expect(ok(core.invoke('verifications.origin', { recordType: 'detention', id: a.id }))).toBeNull();
  });

  it('non-compliant with a referral refers the case for prosecution', () => {
    const a = newAudit(core, p);
    ok(core.invoke('complianceAudits.report', { id: a.id, outcome: 'non_compliant', consequence: 'referral' }));
    expect(ok<{ status: string }>(core.invoke('cases.get', { id: p.caseId })).status).toBe('referred_for_prosecution');
  });

  it('a reported audit takes no more findings', () => {
    const a = newAudit(core, p);
    ok(core.invoke('complianceAudits.report', { id: a.id, outcome: 'compliant' }));
    expectRefused(
      core,
      'complianceAudits.addFinding',
      { auditId: a.id, severity: 'minor', description: 'Late' },
      'invalid_transition',
      'auditId',
    );
  });

  it('dates keep their order', () => {
    expectRefused(
      core,
      'complianceAudits.create',
      { caseId: p.caseId, partyId: p.exporterId, periodFrom: '2025-01-01', periodTo: '2024-01-01' },
      'invalid_input',
      'periodTo',
    );
  });
});

describe('the case timeline', () => {
  it('dates checks, inspections and audits, each opening its record', async () => {
    const core = await newCore(dir);
    const p = caseWithParties(core);
    const c = newCheck(core, p);
    ok(core.invoke('checks.complete', { id: c.id, outcome: 'unfavorable', conductedOn: '2026-03-10' }));
    const i = newInspection(core, p, { result: 'no_discrepancy', completedAt: '2026-03-14T18:00:00Z' });
    const a = newAudit(core, p);
    ok(core.invoke('complianceAudits.onSite', { id: a.id, onSiteOn: '2026-02-20' }));
    ok(core.invoke('complianceAudits.report', { id: a.id, outcome: 'compliant', reportedOn: '2026-03-01' }));
    const events = ok<{
      events: { kind: string; at: string; record: { type: string; id: string }; params: Record<string, unknown> }[];
    }>(core.invoke('cases.timeline', { caseId: p.caseId })).events;
    const mine = events.filter((e) => ['end_use_check', 'inspection', 'compliance_audit'].includes(e.record.type));
    expect(mine.map((e) => `${e.kind} ${e.at}`).sort()).toEqual(
      [
        'check.requested 2026-02-01',
        'check.conducted 2026-03-10',
        'inspection.started 2026-03-14T13:00:00.000Z',
        'inspection.completed 2026-03-14T18:00:00.000Z',
        'audit.notified 2026-02-01',
        'audit.on_site 2026-02-20',
        'audit.reported 2026-03-01',
      ].sort(),
    );
    expect(mine.find((e) => e.kind === 'check.conducted')).toMatchObject({
      record: { id: c.id },
      params: { outcome: 'unfavorable' },
    });
    expect(mine.find((e) => e.kind === 'inspection.completed')).toMatchObject({
      record: { id: i.id },
      params: { result: 'no_discrepancy' },
    });
  });
});

// --- The evidence package -----------------------------------------------------------------------

const cli = path.resolve(import.meta.dirname, '..', 'bin', 'dossier.mjs');
function dossier(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function caseJsonOf(zip: string, into: string): Record<string, unknown> {
  fs.rmSync(into, { recursive: true, force: true });
  expect(spawnSync('unzip', ['-q', zip, '-d', into]).status).toBe(0);
  const [root] = fs.readdirSync(into);
  return JSON.parse(fs.readFileSync(path.join(into, root ?? '', 'data', 'case.json'), 'utf8')) as Record<string, unknown>;
}

describe('the evidence package', () => {
  it('carries checks, inspections and audits with their lines, files, findings and actions, and imports them back the same', async () => {
    const core = await newCore(dir);
    const p = caseWithParties(core);
    const fileNumber = ok<{ fileNumber: string }>(core.invoke('cases.get', { id: p.caseId })).fileNumber;
    const c = newCheck(core, p);
    ok(
      core.invoke('checks.complete', {
        id: c.id,
        outcome: 'unable_to_verify',
        unverifiedReason: 'no_access',
        conductedOn: '2026-03-10',
      }),
    );
    ok(core.invoke('checks.followUp', { id: c.id, action: 'list_candidate', reason: 'Free zone denied access' }));
    const photo = await ingestStream(Readable.from([Buffer.from('JPEG seal 0045112')]), core.dataDir);
    const evidenceId = ok<{ id: string }>(
      core.invoke('evidence.attach', { caseId: p.caseId, ...photo, originalName: 'seal.jpg' }),
    ).id;
    const i = newInspection(core, p, { result: 'goods_detained', findings: 'Seal broken' });
    ok(core.invoke('inspections.attachEvidence', { inspectionId: i.id, evidenceId }));
    const a = newAudit(core, p);
    const withFinding = ok<AuditDetail>(
      core.invoke('complianceAudits.addFinding', { auditId: a.id, severity: 'major', description: 'Wrong ECCN', evidenceId }),
    );
    ok(
      core.invoke('complianceAudits.addAction', {
        auditId: a.id,
        findingId: withFinding.findings[0]?.id,
        description: 'Reclassify',
        owner: 'Exporter',
        dueOn: '2026-06-30',
      }),
    );
    ok(
      core.invoke('complianceAudits.report', {
        id: a.id,
        outcome: 'non_compliant',
        consequence: 'penalty',
        reportedOn: '2026-03-12',
        penalty: { contraventionCode: 'C351', amountMinor: 500_000, currency: 'CAD' },
      }),
    );

    const first = path.join(dir, 'verifications-1.zip');
    const r1 = dossier(['export', fileNumber, '--out', first, '--db', core.file]);
    expect(r1.status, r1.stderr).toBe(0);
    const j1 = caseJsonOf(first, path.join(dir, 'v-u1'));
    const checks = j1.checks as { goods: unknown[]; listCandidateReason: string }[];
    expect(checks).toHaveLength(1);
    expect(checks[0]?.goods).toHaveLength(1);
    expect((j1.inspections as { files: { evidenceId: string }[] }[])[0]?.files).toEqual([
      expect.objectContaining({ evidenceId }),
    ]);
    const audits = j1.complianceAudits as { findings: unknown[]; actions: unknown[]; penaltyId: string }[];
    expect(audits[0]?.findings).toHaveLength(1);
    expect(audits[0]?.actions).toHaveLength(1);
    const bag = fs.readdirSync(path.join(dir, 'v-u1'))[0] ?? '';
    for (const csv of [
      'end_use_checks.csv',
      'end_use_check_goods.csv',
      'inspections.csv',
      'inspection_files.csv',
      'compliance_audits.csv',
      'audit_findings.csv',
      'corrective_actions.csv',
    ]) {
      expect(fs.existsSync(path.join(dir, 'v-u1', bag, 'data', 'records', csv)), csv).toBe(true);
    }
    expect(fs.readFileSync(path.join(dir, 'v-u1', bag, 'data', 'records', 'end_use_checks.csv'), 'utf8')).toContain(
      'list_candidate_reason',
    );

    const target = path.join(dir, 'verifications-target', 'dossier.db');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const imp = dossier(['import', first, '--db', target]);
    expect(imp.status, imp.stdout + imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/1 end-use check, 1 checked goods line, 1 inspection, 1 compliance audit/);
    const second = path.join(dir, 'verifications-2.zip');
    expect(dossier(['export', fileNumber, '--out', second, '--db', target]).status).toBe(0);
    const j2 = caseJsonOf(second, path.join(dir, 'v-u2'));
    for (const key of ['checks', 'inspections', 'complianceAudits', 'detentions', 'penalties'] as const)
      expect(j2[key]).toEqual(j1[key]);
    const check = dossier(['check', '--db', target]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });
});
