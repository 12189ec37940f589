import os from 'node:os';
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { openCore, methods, type Core } from '../db/index.ts';
import { GENESIS_HASH, canonicalJson, loadRaw, stateHash, type RawRow } from '../db/audit.ts';
import { checkOf } from './helpers.ts';
import { errorLogFile, loggedErrors } from '../db/error-log.ts';
import { auditedTables, type RecordType } from '../db/shared/records.ts';
import type { Case, Evidence, SeizureDetail } from '../db/api.ts';
import { ingestFile, ingestStream } from '../db/evidence-store.ts';
import { exportCase } from '../db/package/export.ts';
import type { ImportResult } from '../db/package/import.ts';
import type { ListImportResult } from '../db/services/screening-lists.ts';
import { CSL_V1, CSL_V2, cslCsv } from './screening-fixtures.ts';
import { Readable } from 'node:stream';
import {
  auditRows,
  chainProblem,
  count,
  err,
  lastAuditSeq,
  ok,
  snapshot as coreSnapshot,
  steppingClock,
  tempDir,
} from './helpers.ts';
import type { Db } from '../db/sqlite.ts';

/** helpers.snapshot plus every audited table (evidence, ...). */
function snapshot(db: Db): Record<string, unknown[]> {
  const out = coreSnapshot(db);
  for (const { table } of Object.values(auditedTables)) out[table] ??= db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
  return out;
}

const dir = tempDir();
let core: Core;
let caseId = '';
let evidenceId = '';
/** The second case: it receives the evidence (the tamper tests below delete the first one). */
let secondCaseId = '';
/** The seizure the seizure and custody scenarios work on. */
let seizure: SeizureDetail | undefined;
let custodyEntryId = '';
/** Files in the evidence store, ready to attach. */
let photo = { sha256: '', size: 0 };
let scan = { sha256: '', size: 0 };
/** An evidence package in the store, ready for packages.import. */
let partnerPackage = { sha256: '', size: 0 };
/** Two editions of a screening list in the store, ready for lists.import. */
let listFiles = { v1: { sha256: '', size: 0 }, v2: { sha256: '', size: 0 } };

beforeAll(async () => {
  core = await openCore(path.join(dir, 'audit.db'), { clock: steppingClock('2026-03-15T09:00:00.000Z', 1000) });
  photo = await ingestStream(Readable.from([Buffer.from('JPEG: crate 7, seal 0042')]), core.dataDir);
  scan = await ingestStream(Readable.from([Buffer.from('%PDF: end-use certificate')]), core.dataDir);
  // A package of a case from another database, uploaded here for the packages.import scenario.
  const other = await openCore(path.join(dir, 'other', 'dossier.db'));
  const c = ok<Case>(other.invoke('cases.create', { title: 'Case of a partner agency', openedOn: '2026-01-05' }));
  const zip = path.join(dir, 'partner-case.zip');
  await exportCase(other.db, other.dataDir, {
    caseId: c.id,
    profile: 'prosecution',
    out: zip,
    locale: 'en',
    now: new Date().toISOString(),
  });
  other.close();
  partnerPackage = await ingestFile(zip, core.dataDir);
  listFiles = {
    v1: await ingestStream(Readable.from([Buffer.from(cslCsv(CSL_V1))]), core.dataDir),
    v2: await ingestStream(Readable.from([Buffer.from(cslCsv(CSL_V2))]), core.dataDir),
  };
});
afterAll(() => core.close());

interface Change {
  type: RecordType;
  id: string;
  caseId: string | null;
}

/** What one write changes: the records it must audit, found before the call. */
interface Scenario {
  input: () => Record<string, unknown>;
  changes: (result: unknown) => Change[];
}

/** Every audited row, by `type id`. */
function rawState(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [type, { table }] of Object.entries(auditedTables)) {
    for (const row of core.db.prepare(`SELECT * FROM ${table}`).all() as RawRow[])
      out.set(`${type} ${String(row.id)}`, canonicalJson(row));
  }
  return out;
}

function auditedRowCount(): number {
  return Object.values(auditedTables).reduce((n, { table }) => n + count(core.db, table), 0);
}

function write(method: string, input: Record<string, unknown>, changes: (result: unknown) => Change[]): void {
  const fromSeq = lastAuditSeq(core.db);
  const stateBefore = rawState();
  const profile = ok<{ profile: { name: string; badge: string } | null }>(core.invoke('settings.get', {})).profile;
  const actor = profile ? { name: profile.name, badge: profile.badge } : { name: os.userInfo().username, badge: '' };

  const expected = changes(ok(core.invoke(method, input)));

  const stateAfter = rawState();
  const rows = auditRows(core.db, fromSeq);
  expect(rows.map((r) => [r.record_type, r.record_id])).toEqual(expected.map((c) => [c.type, c.id]));
  // Exactly the changed records are audited: nothing else moved.
  const moved = [...new Set([...stateBefore.keys(), ...stateAfter.keys()])].filter(
    (k) => stateBefore.get(k) !== stateAfter.get(k),
  );
  expect(moved.sort()).toEqual(expected.map((c) => `${c.type} ${c.id}`).sort());
  for (const [i, row] of rows.entries()) {
    const change = expected[i];
    if (!change) throw new Error('more audit rows than changes');
    const key = `${change.type} ${change.id}`;
    expect(row.seq).toBe(fromSeq + i + 1);
    expect(row.method).toBe(method);
    expect(row.case_id).toBe(change.caseId);
    expect({ actor: row.actor, badge: row.actor_badge }).toEqual({ actor: actor.name, badge: actor.badge });
    expect(row.before, 'before: the row as it was (null on create)').toBe(stateBefore.get(key) ?? null);
    // A removal (entities.unlink, cases.removeEntity) leaves after = null.
    expect(row.after, 'after: the row as it is now').toBe(stateAfter.get(key) ?? null);
    expect(row.after).toBe(canonicalJson(loadRaw(core.db, change.type, change.id)) ?? null);
  }
  expect(chainProblem(core.db)).toBeNull();
  expectRecordStateCurrent();
}

/** record_state holds, for every audited record, the hash of its current row and its last audit record. */
function expectRecordStateCurrent(): void {
  const states = core.db.prepare('SELECT * FROM record_state').all() as {
    record_type: RecordType;
    record_id: string;
    state_hash: string;
    audit_seq: number;
  }[];
  expect(states.length).toBe(auditedRowCount());
  for (const s of states) {
    const current = loadRaw(core.db, s.record_type, s.record_id);
    expect(current, `${s.record_type} ${s.record_id} exists`).toBeDefined();
    expect(s.state_hash).toBe(stateHash(current as RawRow));
    const last = core.db
      .prepare('SELECT max(seq) FROM audit_log WHERE record_type = ? AND record_id = ?')
      .pluck()
      .get(s.record_type, s.record_id);
    expect(s.audit_seq).toBe(last);
  }
}

const caseChange = (result: unknown): Change[] => {
  const id = (result as Case).id;
  return [{ type: 'case', id, caseId: id }];
};

const screeningListChange = (result: unknown): Change[] => [
  { type: 'screening_list', id: (result as ListImportResult).list.id, caseId: null },
];

/** Evidence is audited with its case's id, so the case's audit view shows it. */
const evidenceChange = (result: unknown): Change[] => {
  const e = result as Evidence;
  if (!evidenceId) evidenceId = e.id;
  return [{ type: 'evidence', id: e.id, caseId: e.caseId }];
};

/** One scenario (or more) for every write method in the table. */
/** Detentions and penalties (migration 005): records of the second case, with an organization of their own. */
let enforcementEntityId = '';
let detentionId = '';
let requestId = '';
let penaltyId = '';
function enforcementEntity(): string {
  if (!enforcementEntityId) {
    enforcementEntityId = ok<{ id: string }>(
      core.invoke('entities.create', { kind: 'organization', legalName: 'Ararat Trade LLC', country: 'AM' }),
    ).id;
  }
  return enforcementEntityId;
}
const detentionChange = (result: unknown): Change[] => {
  const d = result as { id: string; caseId: string };
  detentionId = d.id;
  return [{ type: 'detention', id: d.id, caseId: d.caseId }];
};
const penaltyChange = (result: unknown): Change[] => {
  const p = result as { id: string; caseId: string };
  penaltyId = p.id;
  return [{ type: 'penalty', id: p.id, caseId: p.caseId }];
};
const enforcementScenarios: Record<string, Scenario[]> = {
  'detentions.create': [
    {
      input: () => ({
        caseId: secondCaseId,
        subject: 'shipment',
        startedAt: '2026-03-01T12:00:00Z',
        exporterId: enforcementEntity(),
        declaredEccn: '3A001',
      }),
      changes: detentionChange,
    },
  ],
  'detentions.update': [
    { input: () => ({ id: detentionId, reason: 'ECCN does not match the invoice', version: 1 }), changes: detentionChange },
  ],
  'detentions.addRequest': [
    {
      input: () => ({ detentionId, kind: 'end_use_certificate', requestedOn: '2026-03-02', dueOn: '2026-03-20' }),
      changes: (result) => {
        requestId = (result as { id: string }).id;
        return [{ type: 'detention_info_request', id: requestId, caseId: secondCaseId }];
      },
    },
  ],
  'detentions.receiveRequest': [
    {
      input: () => ({ id: requestId, receivedOn: '2026-03-10' }),
      changes: () => [{ type: 'detention_info_request', id: requestId, caseId: secondCaseId }],
    },
  ],
  'detentions.end': [{ input: () => ({ id: detentionId, outcome: 'released' }), changes: detentionChange }],
  'penalties.create': [
    {
      // The penalized party is not yet in the case: it joins it as a subject in the same transaction.
      input: () => ({
        caseId: secondCaseId,
        contraventionCode: 'C152',
        entityId: enforcementEntity(),
        amountMinor: 150_000,
        currency: 'CAD',
        assessedOn: '2026-03-01',
      }),
      changes: (result) => {
        const p = result as { caseId: string; entityId: string };
        const role = core.db
          .prepare('SELECT id FROM case_entities WHERE case_id = ? AND entity_id = ?')
          .pluck()
          .get(p.caseId, p.entityId) as string;
        return [{ type: 'case_entity', id: role, caseId: p.caseId }, ...penaltyChange(result)];
      },
    },
  ],
  'penalties.update': [{ input: () => ({ id: penaltyId, amountMinor: 120_000, version: 1 }), changes: penaltyChange }],
  'penalties.recordPayment': [
    {
      input: () => ({ penaltyId, amountMinor: 20_000, currency: 'CAD', method: 'wire', reference: 'WT-1' }),
      changes: (result) => {
        const p = result as { id: string; caseId: string; payments: { id: string }[] };
        return [
          { type: 'penalty_payment', id: p.payments[0]?.id ?? '', caseId: p.caseId },
          { type: 'penalty', id: p.id, caseId: p.caseId },
        ];
      },
    },
  ],
  'penalties.setStatus': [
    { input: () => ({ id: penaltyId, status: 'under_review' }), changes: penaltyChange },
    {
      input: () => ({ id: penaltyId, status: 'reduced', reducedAmountMinor: 60_000, reason: 'Voluntary disclosure' }),
      changes: penaltyChange,
    },
  ],
};

/** End-use checks, inspections, compliance audits (migration 017). */
let checkId = '';
let inspectionId = '';
let auditId = '';
let actionId = '';
const one = (type: Change['type'], id: string, caseIdOf: string): Change[] => [{ type, id, caseId: caseIdOf }];
const checkOnly = (result: unknown): Change[] => {
  const c = result as { id: string; caseId: string };
  return one('end_use_check', c.id, c.caseId);
};
const inspectionOnly = (result: unknown): Change[] => {
  const i = result as { id: string; caseId: string };
  return one('inspection', i.id, i.caseId);
};
const auditOnly = (result: unknown): Change[] => {
  const a = result as { id: string; caseId: string };
  return one('compliance_audit', a.id, a.caseId);
};
const newCheck = () =>
  ok<{ id: string }>(
    core.invoke('checks.create', { caseId: secondCaseId, checkType: 'pre_license', partyId: enforcementEntity(), country: 'AM' }),
  ).id;
const verificationScenarios: Record<string, Scenario[]> = {
  'checks.create': [
    {
      input: () => ({
        caseId: secondCaseId,
        checkType: 'post_shipment',
        partyId: enforcementEntity(),
        country: 'AM',
        requestedOn: '2026-03-01',
        goods: [{ description: 'FPGA boards', eccn: '3A001' }],
      }),
      changes: (result) => {
        const c = result as { id: string; caseId: string; goods: { id: string }[] };
        checkId = c.id;
        return [...checkOnly(result), ...one('end_use_check_goods', c.goods[0]?.id ?? '', c.caseId)];
      },
    },
  ],
  'checks.update': [{ input: () => ({ id: checkId, conductor: 'Embassy of Canada, Yerevan', version: 1 }), changes: checkOnly }],
  'checks.addGoods': [
    {
      input: () => ({ checkId, description: 'Power supplies', quantity: 4 }),
      changes: (result) => {
        const c = result as { caseId: string; goods: { id: string }[] };
        return one('end_use_check_goods', c.goods[1]?.id ?? '', c.caseId);
      },
    },
  ],
  'checks.schedule': [{ input: () => ({ id: checkId, scheduledOn: '2026-03-20' }), changes: checkOnly }],
  'checks.complete': [
    {
      input: () => ({ id: checkId, outcome: 'unable_to_verify', unverifiedReason: 'refused', conductedOn: '2026-03-14' }),
      changes: checkOnly,
    },
  ],
  'checks.followUp': [
    { input: () => ({ id: checkId, action: 'list_candidate', reason: 'Refused the visit' }), changes: checkOnly },
  ],
  'checks.cancel': [{ input: () => ({ id: newCheck(), reason: 'Licence withdrawn' }), changes: checkOnly }],
  'inspections.create': [
    {
      input: () => ({
        caseId: secondCaseId,
        placeKind: 'port',
        place: 'Port of Vancouver, Centerm',
        inspectedAt: '2026-03-14T10:00:00Z',
        officer: 'BSO Singh',
        selection: 'intelligence',
      }),
      changes: (result) => {
        inspectionId = (result as { id: string }).id;
        return inspectionOnly(result);
      },
    },
  ],
  'inspections.update': [
    { input: () => ({ id: inspectionId, examined: ['documents', 'seals'], version: 1 }), changes: inspectionOnly },
  ],
  'inspections.attachEvidence': [
    {
      // A photo of the seals, filed in the inspection's case first.
      input: () => ({
        inspectionId,
        evidenceId: ok<{ id: string }>(
          core.invoke('evidence.attach', { caseId: secondCaseId, ...photo, originalName: 'seals-centerm.jpg' }),
        ).id,
      }),
      changes: () => {
        const id = core.db
          .prepare('SELECT id FROM inspection_evidence WHERE inspection_id = ?')
          .pluck()
          .get(inspectionId) as string;
        return one('inspection_evidence', id, secondCaseId);
      },
    },
  ],
  'inspections.complete': [
    {
      // "Goods detained" makes the detention in the same transaction, before the inspection points at it.
      input: () => ({ id: inspectionId, result: 'goods_detained', completedAt: '2026-03-14T12:00:00Z' }),
      changes: (result) => {
        const i = result as { id: string; caseId: string; detentionId: string };
        return [...one('detention', i.detentionId, i.caseId), ...inspectionOnly(result)];
      },
    },
  ],
  'inspections.cancel': [
    {
      input: () => ({
        id: ok<{ id: string }>(
          core.invoke('inspections.create', {
            caseId: secondCaseId,
            placeKind: 'airport',
            place: 'YUL cargo',
            officer: 'BSO Roy',
            selection: 'random',
          }),
        ).id,
        reason: 'Shipment rerouted',
      }),
      changes: inspectionOnly,
    },
  ],
  'complianceAudits.create': [
    {
      input: () => ({ caseId: secondCaseId, partyId: enforcementEntity(), periodFrom: '2024-01-01', periodTo: '2025-12-31' }),
      changes: (result) => {
        auditId = (result as { id: string }).id;
        return auditOnly(result);
      },
    },
  ],
  'complianceAudits.update': [{ input: () => ({ id: auditId, scope: 'Record keeping', version: 1 }), changes: auditOnly }],
  'complianceAudits.onSite': [{ input: () => ({ id: auditId }), changes: auditOnly }],
  'complianceAudits.addFinding': [
    {
      input: () => ({ auditId, severity: 'major', provision: 'EIPA s. 13', description: 'Items classified EAR99 are 3A001' }),
      changes: (result) => {
        const a = result as { caseId: string; findings: { id: string }[] };
        return one('audit_finding', a.findings[0]?.id ?? '', a.caseId);
      },
    },
  ],
  'complianceAudits.addAction': [
    {
      input: () => ({ auditId, description: 'Reclassify the line', owner: 'Compliance officer', dueOn: '2026-06-30' }),
      changes: (result) => {
        const a = result as { caseId: string; actions: { id: string }[] };
        actionId = a.actions[0]?.id ?? '';
        return one('corrective_action', actionId, a.caseId);
      },
    },
  ],
  'complianceAudits.completeAction': [
    { input: () => ({ id: actionId }), changes: () => one('corrective_action', actionId, secondCaseId) },
  ],
  'complianceAudits.report': [{ input: () => ({ id: auditId, outcome: 'compliant_with_actions' }), changes: auditOnly }],
  'complianceAudits.cancel': [
    {
      input: () => ({
        id: ok<{ id: string }>(
          core.invoke('complianceAudits.create', {
            caseId: secondCaseId,
            partyId: enforcementEntity(),
            periodFrom: '2025-01-01',
            periodTo: '2025-12-31',
          }),
        ).id,
        reason: 'Exporter ceased trading',
      }),
      changes: auditOnly,
    },
  ],
};

const scenarios: Record<string, Scenario[]> = {
  'cases.create': [
    { input: () => ({ title: 'Diverted FPGAs to Russia via Armenia' }), changes: caseChange },
    {
      input: () => ({ title: 'Gyroscopes to Iran', priority: 'high', partnerAgencies: ['RCMP'] }),
      changes: (result) => {
        secondCaseId = (result as Case).id;
        return caseChange(result);
      },
    },
  ],
  'cases.update': [
    { input: () => ({ id: caseId, title: 'Diverted FPGAs to Russia via Kazakhstan', version: 1 }), changes: caseChange },
    {
      input: () => ({ id: caseId, summary: 'Freight forwarder in Almaty', violationType: 'diversion_third_country' }),
      changes: caseChange,
    },
  ],
  'cases.setStatus': [
    { input: () => ({ id: caseId, status: 'under_review' }), changes: caseChange },
    { input: () => ({ id: caseId, status: 'closed', closedOn: '2026-03-15' }), changes: caseChange },
    { input: () => ({ id: caseId, status: 'open' }), changes: caseChange },
  ],
  'settings.update': [
    {
      input: () => ({ profile: { name: 'Jeanne Tremblay', badge: 'B-4411', agency: 'CBSA' } }),
      changes: () => [{ type: 'setting', id: 'profile', caseId: null }],
    },
    {
      input: () => ({ profile: { name: 'Jeanne Tremblay', badge: 'B-4412' }, fileNumberPrefix: 'CBSA' }),
      changes: () => [
        { type: 'setting', id: 'profile', caseId: null },
        { type: 'setting', id: 'fileNumberPrefix', caseId: null },
      ],
    },
    // Saving what is already there changes no record, so it adds no audit record.
    { input: () => ({ fileNumberPrefix: 'CBSA' }), changes: () => [] },
    {
      input: () => ({ profile: { name: 'Jeanne Tremblay', badge: 'B-4412' }, fileNumberPrefix: 'EXP' }),
      changes: () => [{ type: 'setting', id: 'fileNumberPrefix', caseId: null }],
    },
    { input: () => ({}), changes: () => [] },
  ],
  'evidence.attach': [
    {
      input: () => ({ caseId: secondCaseId, ...photo, originalName: 'crate-7.jpg', mediaType: 'image/jpeg' }),
      changes: evidenceChange,
    },
    {
      input: () => ({
        caseId: secondCaseId,
        ...scan,
        originalName: 'end-use certificate.pdf',
        mediaType: 'application/pdf',
        acquiredAt: '2026-03-14T10:00:00Z',
        acquiredBy: 'Sam Okafor',
        acquiredFrom: 'Exporter, by e-mail',
        description: 'Signed by the consignee',
      }),
      changes: evidenceChange,
    },
  ],
  'packages.import': [
    {
      // A case and no other record: the case, then the record of the import.
      input: () => ({ ...partnerPackage, mode: 'new' }),
      changes: (result) => {
        const r = result as ImportResult;
        return [
          { type: 'case', id: r.caseId, caseId: r.caseId },
          { type: 'package_import', id: r.importId, caseId: r.caseId },
        ];
      },
    },
  ],
  'evidence.retire': [
    { input: () => ({ id: evidenceId, reason: 'Wrong crate: see the second photo' }), changes: evidenceChange },
  ],
  // A screening list: one audit record per import, of the list (its entries are not audited one by one).
  'lists.import': [
    { input: () => ({ ...listFiles.v1, fileName: 'consolidated.csv' }), changes: screeningListChange },
    { input: () => ({ ...listFiles.v2, fileName: 'consolidated.csv' }), changes: screeningListChange },
    // The same file again writes nothing.
    { input: () => ({ ...listFiles.v2, fileName: 'consolidated.csv' }), changes: () => [] },
  ],
  // A hit raised on an entity written after the list was loaded, then dismissed: one decision record.
  'screening.review': [
    {
      input: () => {
        const id = ok<{ id: string }>(
          core.invoke('entities.create', { kind: 'person', givenName: 'Ivan', familyName: 'Petrov' }),
        ).id;
        const hit = ok<{ rows: { listId: string; entryKey: string }[] }>(core.invoke('screening.hits', { entityId: id })).rows[0];
        return {
          entityId: id,
          listId: hit?.listId,
          entryKey: hit?.entryKey,
          decision: 'dismissed',
          reason: 'Born 1981, not 1965',
        };
      },
      changes: (result) => [{ type: 'screening_review', id: (result as { review: { id: string } }).review.id, caseId: null }],
    },
  ],
  // Seizures and custody (migration 004): each change is audited with the seizure's case.
  'seizures.create': [
    {
      input: () => ({
        caseId: secondCaseId,
        seizedAt: '2026-03-10T16:30:00Z',
        place: 'Port of Montréal',
        items: [
          {
            description: 'FPGAs',
            quantity: 40,
            hsCode: '854239',
            eccn: '3A001.a.7',
            value: { amountMinor: 4_800_000, currency: 'USD' },
          },
          { description: 'GNSS receivers', quantity: 12, value: { amountMinor: 125_050, currency: 'CAD' } },
        ],
      }),
      changes: (result) => {
        const s = result as SeizureDetail;
        seizure = s;
        return [
          { type: 'seizure', id: s.id, caseId: secondCaseId },
          ...s.items.map((i) => ({ type: 'seized_item' as const, id: i.id, caseId: secondCaseId })),
        ];
      },
    },
  ],
  'seizures.update': [
    {
      input: () => ({ id: seizure?.id, storageLocation: 'CBSA warehouse, Dorval', version: 1 }),
      changes: () => [{ type: 'seizure', id: seizure?.id ?? '', caseId: secondCaseId }],
    },
  ],
  'seizures.addItem': [
    {
      input: () => ({
        seizureId: seizure?.id,
        description: 'UAV engine',
        quantity: 1,
        value: { amountMinor: 900_000, currency: 'CAD' },
      }),
      changes: (result) => [{ type: 'seized_item', id: (result as { id: string }).id, caseId: secondCaseId }],
    },
  ],
  'custody.record': [
    {
      input: () => ({
        itemId: seizure?.items[0]?.id,
        at: '2026-03-10T20:00:00Z',
        releasedBy: seizure?.seizingOfficer,
        receivedBy: 'Omar Ahmed',
        fromLocation: 'Port of Montréal',
        toLocation: 'CBSA warehouse, Dorval',
        purpose: 'storage',
      }),
      changes: (result) => {
        custodyEntryId = (result as { entry: { id: string } }).entry.id;
        return [{ type: 'custody_entry', id: custodyEntryId, caseId: secondCaseId }];
      },
    },
  ],
  'custody.correct': [
    {
      input: () => ({
        itemId: seizure?.items[0]?.id,
        corrections: [
          {
            correctsEntryId: custodyEntryId,
            at: '2026-03-10T20:15:00Z',
            releasedBy: seizure?.seizingOfficer,
            receivedBy: 'Omar Ahmed',
            fromLocation: 'Port of Montréal',
            toLocation: 'CBSA warehouse, Dorval',
            purpose: 'storage',
            notes: 'Time from the gate log',
          },
        ],
      }),
      changes: (result) => [
        { type: 'custody_entry', id: (result as { entries: { id: string }[] }).entries[0]?.id ?? '', caseId: secondCaseId },
      ],
    },
  ],
  'seizures.setDisposition': [
    {
      input: () => ({ id: seizure?.id, disposition: 'forfeited', dispositionOn: '2026-03-14', authority: 'Customs Act s. 122' }),
      changes: () => [{ type: 'seizure', id: seizure?.id ?? '', caseId: secondCaseId }],
    },
  ],
  // Entities, links and roles in cases (migration 003): entities and links belong to no case;
  // a role is audited with its case. Roles go on the second case (the tamper tests delete the first).
  'entities.create': [
    {
      input: () => ({ kind: 'organization', legalName: 'Kazakh Trade Link LLP', country: 'KZ', aliases: ['KTL'] }),
      changes: (result) => entityChange(result),
    },
    {
      input: () => ({
        kind: 'shipment',
        transportDocumentType: 'bill_of_lading',
        transportDocumentNumber: 'MEDU123456789',
        declaredValue: { amountMinor: 4_800_000, currency: 'USD' },
        route: ['GE'],
        goods: [{ description: 'FPGAs', quantity: 40, unit: 'pcs', hsCode: '854239', eccn: '3A001.a.7' }],
      }),
      changes: (result) => entityChange(result),
    },
  ],
  'entities.update': [
    {
      input: () => ({ kind: 'organization', id: entityIds[0], registrationNumber: 'BIN 180440012345', version: 1 }),
      changes: (result) => entityChange(result),
    },
    // The same value again changes nothing, so it adds no audit record.
    { input: () => ({ kind: 'organization', id: entityIds[0], registrationNumber: 'BIN 180440012345' }), changes: () => [] },
  ],
  'entities.link': [
    {
      input: () => ({ type: 'consignee_of', fromId: entityIds[0], toId: entityIds[1], source: 'Bill of lading MEDU123456789' }),
      changes: (result) => {
        linkId = (result as { id: string }).id;
        return [{ type: 'entity_link', id: linkId, caseId: null }];
      },
    },
  ],
  'entities.updateLink': [
    {
      input: () => ({ id: linkId, confidence: 'probable', validTo: '2026-03-01' }),
      changes: () => [{ type: 'entity_link', id: linkId, caseId: null }],
    },
  ],
  'entities.unlink': [{ input: () => ({ id: linkId }), changes: () => [{ type: 'entity_link', id: linkId, caseId: null }] }],
  'cases.addEntity': [
    {
      input: () => ({ caseId: secondCaseId, entityId: entityIds[0], role: 'consignee' }),
      changes: (result) => roleChange(result),
    },
    {
      input: () => ({ caseId: secondCaseId, entityId: entityIds[1], role: 'subject', notes: 'The B/L' }),
      changes: (result) => roleChange(result),
    },
  ],
  'cases.updateEntity': [
    {
      input: () => ({ caseId: secondCaseId, entityId: entityIds[0], role: 'consignee', notes: 'Front company' }),
      changes: (result) => roleChange(result),
    },
  ],
  'cases.removeEntity': [
    { input: () => ({ caseId: secondCaseId, entityId: entityIds[1], role: 'subject' }), changes: (result) => roleChange(result) },
  ],
  // Merges (migration 010): the survivor takes the merged one's name as an alias; the merge is a record of its own.
  'entities.merge': [
    {
      input: () => {
        const org = (legalName: string) =>
          ok<{ id: string }>(core.invoke('entities.create', { kind: 'organization', legalName, country: 'AM' })).id;
        mergePair = [org('Ararat Trade LLC'), org('ARARAT TRADE OOO')];
        return { survivorId: mergePair[0], mergedId: mergePair[1], note: 'Same registry number' };
      },
      changes: mergeChange,
    },
  ],
  // The undo puts the rows back in the reverse order of the merge.
  'entities.unmerge': [
    {
      input: () => ({ id: mergeId }),
      changes: (result) => {
        const [survivor, merged, merge] = mergeChange(result);
        return [merged, survivor, merge].filter((c) => c !== undefined);
      },
    },
  ],
  'entities.markDistinct': [
    {
      input: () => ({ aId: mergePair[0], bId: mergePair[1], note: 'Two firms of one family' }),
      changes: (result) => [{ type: 'entity_distinct', id: (result as { id: string }).id, caseId: null }],
    },
  ],
  ...enforcementScenarios,
  ...verificationScenarios,
};

let mergePair: [string, string] = ['', ''];
let mergeId = '';
function mergeChange(result: unknown): Change[] {
  mergeId = (result as { id: string }).id;
  return [
    { type: 'entity', id: mergePair[0], caseId: null },
    { type: 'entity', id: mergePair[1], caseId: null },
    { type: 'entity_merge', id: mergeId, caseId: null },
  ];
}

/** The entities and link the entity scenarios work on. */
const entityIds: string[] = [];
let linkId = '';
function entityChange(result: unknown): Change[] {
  const id = (result as { id: string }).id;
  if (!entityIds.includes(id)) entityIds.push(id);
  return [{ type: 'entity', id, caseId: null }];
}
function roleChange(result: unknown): Change[] {
  const r = result as { id: string; caseId: string };
  return [{ type: 'case_entity', id: r.id, caseId: r.caseId }];
}

describe('the audit trail', () => {
  const writeMethods = Object.entries(methods)
    .filter(([, spec]) => spec.kind === 'write')
    .map(([name]) => name);

  it('has a scenario for every write method in the methods table', () => {
    expect(writeMethods.length).toBeGreaterThan(0);
    expect(Object.keys(scenarios).sort()).toEqual([...writeMethods].sort());
  });

  it('starts empty', () => {
    expect(count(core.db, 'audit_log')).toBe(0);
    expect(chainProblem(core.db)).toBeNull();
  });

  // Scenarios run in table order: creates first, so updates have a case to work on.
  for (const [method, list] of Object.entries(scenarios)) {
    it.each(list.map((s, i) => [i + 1, s] as const))(`${method} #%i writes one audit record per changed record`, (_i, s) => {
      write(method, s.input(), (result) => {
        const changes = s.changes(result);
        if (method === 'cases.create' && !caseId) caseId = (result as Case).id;
        return changes;
      });
    });
  }

  it('records the acting investigator, resolved on every call', () => {
    const fromSeq = lastAuditSeq(core.db);
    const c = ok<Case>(core.invoke('cases.create', { title: 'Actor check' }));
    const [row] = auditRows(core.db, fromSeq);
    expect(row).toMatchObject({ actor: 'Jeanne Tremblay', actor_badge: 'B-4412', record_id: c.id, before: null });
    expect(JSON.parse(row?.after ?? '{}')).toMatchObject({ id: c.id, title: 'Actor check', status: 'open', version: 1 });
    expect(row?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('a refused write leaves no audit record and changes nothing', () => {
    const before = snapshot(core.db);
    const refusals: [string, Record<string, unknown>, string][] = [
      ['cases.create', { title: '' }, 'invalid_input'],
      ['cases.create', { title: 'x', priority: 'urgent' }, 'invalid_input'],
      ['cases.update', { id: caseId, version: 1, title: 'stale' }, 'conflict'],
      ['cases.update', { id: '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11', title: 'missing' }, 'not_found'],
      ['cases.setStatus', { id: caseId, status: 'referred_for_prosecution' }, 'invalid_transition'],
      ['cases.setStatus', { id: caseId, status: 'closed', closedOn: '1999-01-01' }, 'invalid_input'],
      ['settings.update', { fileNumberPrefix: 'exp' }, 'invalid_input'],
      ['settings.update', { profile: { name: '' } }, 'invalid_input'],
      ['evidence.attach', { caseId, ...photo, size: photo.size + 1, originalName: 'x.jpg' }, 'invalid_input'],
      ['evidence.attach', { caseId, sha256: 'f'.repeat(64), size: 3, originalName: 'x.jpg' }, 'invalid_input'],
      ['evidence.attach', { caseId: '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11', ...photo, originalName: 'x.jpg' }, 'not_found'],
      ['evidence.retire', { id: evidenceId, reason: 'twice' }, 'invalid_transition'],
      ['evidence.retire', { id: evidenceId, reason: ' ' }, 'invalid_input'],
      [
        'seizures.setDisposition',
        { id: seizure?.id, disposition: 'held', dispositionOn: '2026-03-15', authority: 'x' },
        'invalid_transition',
      ],
      [
        'custody.record',
        {
          itemId: seizure?.items[0]?.id,
          at: '2026-03-11T09:00:00Z',
          releasedBy: 'Not the custodian',
          receivedBy: 'Lab',
          fromLocation: 'CBSA warehouse, Dorval',
          toLocation: 'Lab',
          purpose: 'analysis',
        },
        'invalid_input',
      ],
    ];
    refusals.push(
      ['entities.link', { type: 'owns', fromId: entityIds[1], toId: entityIds[0], source: 'x' }, 'invalid_input'],
      ['cases.addEntity', { caseId: secondCaseId, entityId: entityIds[0], role: 'consignee' }, 'conflict'],
      ['cases.removeEntity', { caseId: secondCaseId, entityId: entityIds[1], role: 'subject' }, 'not_found'],
    );
    for (const [method, input, code] of refusals) {
      expect(err(core.invoke(method, input)).code, `${method} ${JSON.stringify(input)}`).toBe(code);
    }
    expect(snapshot(core.db)).toEqual(before);
  });

  it('a write that fails half-way rolls back the audit records it already wrote', () => {
    // Fault injection in SQLite itself: the second setting of one call cannot be written.
    core.db.exec(`CREATE TEMP TRIGGER refuse_prefix BEFORE INSERT ON settings WHEN new.id = 'fileNumberPrefix'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    try {
      const before = snapshot(core.db);
      const e = err(core.invoke('settings.update', { profile: { name: 'Someone Else' }, fileNumberPrefix: 'EXP' }));
      // The user sees a reference; the fault itself is in the error log.
      expect(e).toMatchObject({ code: 'internal', reason: 'internal.unexpected' });
      expect(e.message).not.toContain('disk says no');
      expect(loggedErrors(errorLogFile(core.dataDir)).at(-1)?.message).toContain('disk says no');
      expect(snapshot(core.db)).toEqual(before); // the profile's audit record is gone with it
    } finally {
      core.db.exec('DROP TRIGGER temp.refuse_prefix');
    }
    expect(chainProblem(core.db)).toBeNull();
  });

  it('refuses UPDATE and DELETE of audit records (triggers)', () => {
    const before = snapshot(core.db);
    expect(() => core.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run()).toThrow(
      'audit records are append-only',
    );
    expect(() => core.db.prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run()).toThrow(
      'audit records are append-only',
    );
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow('audit records are append-only');
    expect(snapshot(core.db)).toEqual(before);
  });

  it('the whole chain verifies from the genesis hash, and dossier check agrees', () => {
    const rows = auditRows(core.db);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(chainProblem(core.db)).toBeNull();
    expect(checkOf(core.db).problems).toEqual([]);
  });
});

describe('tampering is detected', () => {
  async function tamperedCopy(tamper: (c: Core) => void): Promise<{ independent: string | null; check: string[] }> {
    const file = path.join(dir, `tamper-${Math.random().toString(36).slice(2)}.db`);
    await core.db.backup(file);
    const copy = await openCore(file);
    try {
      expect(checkOf(copy.db).problems).toEqual([]);
      tamper(copy);
      return { independent: chainProblem(copy.db), check: checkOf(copy.db).problems.map((p) => p.message) };
    } finally {
      copy.close();
    }
  }

  /**
   * As a careful attacker with the sqlite3 shell: guard triggers dropped and put back afterwards
   * (check would name a missing one), foreign keys off (the shell's default).
   */
  function withoutGuards(c: Core, statement: string): void {
    const guards = c.db
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name IN ('audit_log_no_update', 'audit_log_no_delete')")
      .pluck()
      .all() as string[];
    c.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; PRAGMA foreign_keys = OFF;');
    c.db.exec(statement);
    for (const g of guards) c.db.exec(g);
    c.db.pragma('foreign_keys = ON');
  }

  it('an edited audit record', async () => {
    const r = await tamperedCopy((c) => withoutGuards(c, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"));
    expect(r.independent).toMatch(/record 3: hash/);
    expect(r.check).toContainEqual(expect.stringMatching(/audit record 3 .*altered/));
    // Its hash changed, so it is not the record its write signed either; nothing else is blamed.
    for (const m of r.check) expect(m).toMatch(/audit record 3 /);
  });

  it('a deleted audit record', async () => {
    const r = await tamperedCopy((c) => withoutGuards(c, 'DELETE FROM audit_log WHERE seq = 2'));
    expect(r.independent).toMatch(/seq 3 where 2/);
    expect(r.check.join('\n')).toMatch(/audit records 2 to 2 are missing/);
  });

  it('a case changed behind the contract’s back', async () => {
    const r = await tamperedCopy((c) => c.db.prepare("UPDATE cases SET status = 'closed' WHERE id = ?").run(caseId));
    expect(r.independent).toBeNull(); // the chain itself is intact...
    expect(r.check).toEqual([`case ${caseId} was changed outside Dossier (no audit record)`]); // ...the state is not
  });

  it('a case inserted or deleted behind the contract’s back', async () => {
    const r = await tamperedCopy((c) => {
      c.db.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
      c.db.exec(`INSERT INTO cases (id, file_number, title, lead_investigator, opened_on, created_at, updated_at)
        VALUES ('ghost', '2026-EXP-999999', 'Ghost', 'Nobody', '2026-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
    });
    expect(r.check.sort()).toEqual([
      `case ${caseId} was removed outside Dossier (no audit record)`,
      'case ghost was added outside Dossier (no audit record)',
    ]);
  });
});
