import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { notFound } from '../errors.ts';
import {
  INSPECTION_TRANSITIONS,
  type InspectionExamined,
  type InspectionPlaceKind,
  type InspectionResult,
  type InspectionSelection,
  type InspectionSortColumn,
  type InspectionStatus,
  type SecurityMarking,
} from '../shared/domain.ts';
import type {
  inspectionCancelInput,
  inspectionCompleteInput,
  inspectionCreateInput,
  inspectionListInput,
  inspectionUpdateInput,
} from '../shared/inputs/inspections.ts';
import type { EntitySummary } from './entities.ts';
import { assertNumberYear, inspectionNumbers, nextRecordNumber } from './record-numbers.ts';
import { assertVersion, requireCase } from './guards.ts';
import { assertTransition } from './transitions.ts';
import { assertNumberFree, assertPartyKind, caseHeader, changedColumns, dateOf, invalid, partyOf } from './record-kit.ts';
import { runList, type ListSql } from '../list-sql.ts';
import { createDetention } from './detentions.ts';
import { createSeizure } from './seizures.ts';

/** Inspections (examinations) of shipments at a port, terminal, airport or border crossing. */

export interface Inspection {
  id: string;
  caseId: string;
  inspectionNumber: string;
  placeKind: InspectionPlaceKind;
  place: string;
  /** UTC instant. */
  inspectedAt: string;
  shipmentReference: string;
  exporterId: string | null;
  consigneeId: string | null;
  conveyanceId: string | null;
  officer: string;
  selection: InspectionSelection;
  selectionDetail: string;
  examined: InspectionExamined[];
  sealsFound: string;
  sealsApplied: string;
  findings: string;
  status: InspectionStatus;
  statusReason: string;
  result: InspectionResult | null;
  completedAt: string | null;
  detentionId: string | null;
  seizureId: string | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface InspectionDetail extends Inspection {
  caseFileNumber: string;
  caseSecurityMarking: SecurityMarking;
  exporter: EntitySummary | null;
  consignee: EntitySummary | null;
  conveyance: EntitySummary | null;
  /** The number of the detention or seizure the result made. */
  detentionNumber: string | null;
  seizureNumber: string | null;
  /** Photos and documents of the inspection: evidence files of its case. */
  evidence: InspectionEvidence[];
  allowed: readonly InspectionStatus[];
}

export interface InspectionEvidence {
  evidenceId: string;
  originalName: string;
  mediaType: string;
  sha256: string;
  retired: boolean;
}

export interface InspectionListRow {
  id: string;
  caseId: string;
  caseFileNumber: string;
  inspectionNumber: string;
  placeKind: InspectionPlaceKind;
  place: string;
  inspectedAt: string;
  shipmentReference: string;
  exporterName: string | null;
  selection: InspectionSelection;
  officer: string;
  status: InspectionStatus;
  result: InspectionResult | null;
}

const COLUMNS = `id, case_id AS caseId, inspection_number AS inspectionNumber, place_kind AS placeKind, place,
  inspected_at AS inspectedAt, shipment_reference AS shipmentReference, exporter_id AS exporterId,
  consignee_id AS consigneeId, conveyance_id AS conveyanceId, officer, selection, selection_detail AS selectionDetail,
  examined, seals_found AS sealsFound, seals_applied AS sealsApplied, findings, status, status_reason AS statusReason,
  result, completed_at AS completedAt, detention_id AS detentionId, seizure_id AS seizureId, notes,
  created_at AS createdAt, updated_at AS updatedAt, version`;

const PARTY_KINDS = ['person', 'organization'] as const;

export function loadInspection(db: Db, id: string, field = 'id'): Inspection {
  const row = sql(db, `SELECT ${COLUMNS} FROM inspections WHERE id = ?`).get(id) as
    (Omit<Inspection, 'examined'> & { examined: string }) | undefined;
  if (!row) throw notFound('inspection', id, field);
  return { ...row, examined: JSON.parse(row.examined) as InspectionExamined[] };
}

export function getInspection(ctx: Pick<Ctx, 'db' | 'clock'>, id: string): InspectionDetail {
  const i = loadInspection(ctx.db, id);
  const number = (table: string, column: string, rid: string | null) =>
    rid === null
      ? null
      : ((sql(ctx.db, `SELECT ${column} FROM ${table} WHERE id = ?`).pluck().get(rid) as string | undefined) ?? null);
  return {
    ...i,
    ...caseHeader(ctx.db, i.caseId),
    exporter: partyOf(ctx.db, i.exporterId),
    consignee: partyOf(ctx.db, i.consigneeId),
    conveyance: partyOf(ctx.db, i.conveyanceId),
    detentionNumber: number('detentions', 'detention_number', i.detentionId),
    seizureNumber: number('seizures', 'seizure_number', i.seizureId),
    evidence: (
      sql(
        ctx.db,
        `SELECT e.id AS evidenceId, e.original_name AS originalName, e.media_type AS mediaType, e.sha256,
           (e.retired_at IS NOT NULL) AS retired
         FROM inspection_evidence ie JOIN evidence e ON e.id = ie.evidence_id WHERE ie.inspection_id = ? ORDER BY ie.seq`,
      ).all(i.id) as (Omit<InspectionEvidence, 'retired'> & { retired: 0 | 1 })[]
    ).map((r) => ({ ...r, retired: r.retired === 1 })),
    allowed: INSPECTION_TRANSITIONS[i.status],
  };
}

function checkParties(db: Db, v: { exporterId?: string | null; consigneeId?: string | null; conveyanceId?: string | null }) {
  if (v.exporterId !== undefined) assertPartyKind(db, v.exporterId, 'exporterId', PARTY_KINDS);
  if (v.consigneeId !== undefined) assertPartyKind(db, v.consigneeId, 'consigneeId', PARTY_KINDS);
  if (v.conveyanceId !== undefined) assertPartyKind(db, v.conveyanceId, 'conveyanceId', ['conveyance']);
}

type ResultInput = Omit<z.output<typeof inspectionCompleteInput>, 'id' | 'version'>;

/**
 * Completes an inspection with its result. "Goods detained" and "goods seized" create the
 * detention or the seizure, pre-filled from the inspection and linked to it, in this same
 * transaction: a refused detention or seizure leaves the inspection as it was.
 */
function applyResult(ctx: Ctx, i: Inspection, input: ResultInput): void {
  const completedAt = input.completedAt ?? ctx.now();
  if (completedAt < i.inspectedAt) {
    throw invalid('completedAt', `must not be before the inspection began (${i.inspectedAt})`, 'inspection.before_start', {
      start: i.inspectedAt,
    });
  }
  const findings = input.findings ?? i.findings;
  let detentionId: string | null = null;
  let seizureId: string | null = null;
  const provenance = `From inspection ${i.inspectionNumber}${i.shipmentReference ? ` (shipment ${i.shipmentReference})` : ''}.`;
  if (input.result === 'goods_detained') {
    const d = input.detention ?? {
      subject: 'shipment' as const,
      legalAuthority: '',
      destinationCountry: null,
      declaredPermit: null,
      declaredEccn: null,
    };
    detentionId = createDetention(ctx, {
      caseId: i.caseId,
      subject: d.subject,
      startedAt: completedAt,
      place: i.place,
      legalAuthority: d.legalAuthority,
      exporterId: i.exporterId,
      consigneeId: i.consigneeId,
      destinationCountry: d.destinationCountry,
      declaredPermit: d.declaredPermit,
      declaredEccn: d.declaredEccn,
      reason: d.reason ?? findings,
      assessmentOffice: null,
      referredOn: null,
      assessmentDueOn: null,
      assessmentAnsweredOn: null,
      reviewDueOn: d.reviewDueOn,
      notes: provenance,
    }).id;
  }
  if (input.result === 'goods_seized') {
    const s = input.seizure;
    if (s === undefined)
      throw invalid('seizure', 'goods seized: give the goods lines of the seizure', 'inspection.seizure_needs_goods');
    seizureId = createSeizure(ctx, {
      caseId: i.caseId,
      seizedAt: completedAt,
      place: i.place,
      seizingOfficer: i.officer,
      seizedFromEntityId: i.exporterId,
      ownerEntityId: null,
      claimantEntityIds: [],
      legalProvision: s.legalProvision,
      conveyanceEntityId: i.conveyanceId,
      storageLocation: s.storageLocation,
      termsOfRelease: null,
      ascertainedForfeiture: null,
      notes: provenance,
      items: s.items,
    }).id;
  }
  ctx.audit.track('inspection', i.id, i.caseId, () => {
    sql(
      ctx.db,
      `UPDATE inspections SET status = 'completed', result = @result, completed_at = @completedAt, findings = @findings,
         seals_found = @sealsFound, seals_applied = @sealsApplied, detention_id = @detentionId, seizure_id = @seizureId,
         updated_at = @now, version = version + 1 WHERE id = @id`,
    ).run({
      result: input.result,
      completedAt,
      findings,
      sealsFound: input.sealsFound ?? i.sealsFound,
      sealsApplied: input.sealsApplied ?? i.sealsApplied,
      detentionId,
      seizureId,
      now: ctx.now(),
      id: i.id,
    });
  });
}

export function createInspection(ctx: Ctx, input: z.output<typeof inspectionCreateInput>): InspectionDetail {
  requireCase(ctx.db, input.caseId);
  checkParties(ctx.db, input);
  const inspectedAt = input.inspectedAt ?? ctx.now();
  const inspectedOn = dateOf(inspectedAt);
  if (input.inspectionNumber !== undefined) {
    assertNumberFree(ctx.db, inspectionNumbers, 'inspection', input.inspectionNumber, null);
    assertNumberYear(inspectionNumbers, input.inspectionNumber, inspectedOn);
  }
  const number = input.inspectionNumber ?? nextRecordNumber(ctx.db, inspectionNumbers, inspectedOn.slice(0, 4), 'INS');
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('inspection', id, input.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO inspections (id, case_id, inspection_number, place_kind, place, inspected_at, shipment_reference,
         exporter_id, consignee_id, conveyance_id, officer, selection, selection_detail, examined, seals_found, seals_applied,
         findings, notes, created_at, updated_at)
       VALUES (@id, @caseId, @number, @placeKind, @place, @inspectedAt, @shipmentReference,
         @exporterId, @consigneeId, @conveyanceId, @officer, @selection, @selectionDetail, @examined, @sealsFound, @sealsApplied,
         @findings, @notes, @now, @now)`,
    ).run({
      id,
      caseId: input.caseId,
      number,
      placeKind: input.placeKind,
      place: input.place,
      inspectedAt,
      shipmentReference: input.shipmentReference,
      exporterId: input.exporterId,
      consigneeId: input.consigneeId,
      conveyanceId: input.conveyanceId,
      officer: input.officer ?? ctx.actor.name,
      selection: input.selection,
      selectionDetail: input.selectionDetail,
      examined: JSON.stringify(input.examined),
      sealsFound: input.sealsFound,
      sealsApplied: input.sealsApplied,
      findings: input.findings,
      notes: input.notes,
      now,
    });
  });
  if (input.result !== undefined) {
    applyResult(ctx, loadInspection(ctx.db, id), {
      result: input.result,
      completedAt: input.completedAt,
      detention: input.detention,
      seizure: input.seizure,
    });
  }
  return getInspection(ctx, id);
}

const updatableColumns = {
  inspectionNumber: 'inspection_number',
  placeKind: 'place_kind',
  place: 'place',
  inspectedAt: 'inspected_at',
  shipmentReference: 'shipment_reference',
  exporterId: 'exporter_id',
  consigneeId: 'consignee_id',
  conveyanceId: 'conveyance_id',
  officer: 'officer',
  selection: 'selection',
  selectionDetail: 'selection_detail',
  examined: 'examined',
  sealsFound: 'seals_found',
  sealsApplied: 'seals_applied',
  findings: 'findings',
  notes: 'notes',
} as const;

export function updateInspection(ctx: Ctx, input: z.output<typeof inspectionUpdateInput>): InspectionDetail {
  const current = loadInspection(ctx.db, input.id);
  assertVersion(current, input.version, 'inspection', current.inspectionNumber);
  const { id: _id, version: _version, examined, ...rest } = input;
  checkParties(ctx.db, rest);
  const inspectedAt = rest.inspectedAt ?? current.inspectedAt;
  if (current.completedAt !== null && inspectedAt > current.completedAt) {
    throw invalid(
      'inspectedAt',
      `must not be after the inspection was completed (${current.completedAt})`,
      'inspection.after_end',
      {
        end: current.completedAt,
      },
    );
  }
  if (rest.inspectionNumber !== undefined) {
    assertNumberFree(ctx.db, inspectionNumbers, 'inspection', rest.inspectionNumber, current.id);
    assertNumberYear(inspectionNumbers, rest.inspectionNumber, dateOf(inspectedAt));
  }
  const update = changedColumns(
    updatableColumns,
    { ...current, examined: JSON.stringify(current.examined) },
    { ...rest, examined: examined === undefined ? undefined : JSON.stringify(examined) },
  );
  if (update) {
    ctx.audit.track('inspection', current.id, current.caseId, () => {
      sql(ctx.db, `UPDATE inspections SET ${update.sets}, updated_at = @now, version = version + 1 WHERE id = @id`).run({
        ...update.values,
        id: current.id,
        now: ctx.now(),
      });
    });
  }
  return getInspection(ctx, current.id);
}

export function completeInspection(ctx: Ctx, input: z.output<typeof inspectionCompleteInput>): InspectionDetail {
  const i = loadInspection(ctx.db, input.id);
  assertVersion(i, input.version, 'inspection', i.inspectionNumber);
  assertTransition(INSPECTION_TRANSITIONS, i.status, 'completed', { type: 'inspection', number: i.inspectionNumber });
  const { id: _id, version: _version, ...result } = input;
  applyResult(ctx, i, result);
  return getInspection(ctx, i.id);
}

export function cancelInspection(ctx: Ctx, input: z.output<typeof inspectionCancelInput>): InspectionDetail {
  const i = loadInspection(ctx.db, input.id);
  assertVersion(i, input.version, 'inspection', i.inspectionNumber);
  assertTransition(INSPECTION_TRANSITIONS, i.status, 'cancelled', { type: 'inspection', number: i.inspectionNumber });
  ctx.audit.track('inspection', i.id, i.caseId, () => {
    sql(
      ctx.db,
      `UPDATE inspections SET status = 'cancelled', status_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
    ).run(input.reason, ctx.now(), i.id);
  });
  return getInspection(ctx, i.id);
}

/** Links an evidence file of the inspection's case (a photo of the seals, the bill of lading) to the inspection. */
export function attachInspectionEvidence(ctx: Ctx, input: { inspectionId: string; evidenceId: string }): InspectionDetail {
  const i = loadInspection(ctx.db, input.inspectionId, 'inspectionId');
  const e = sql(ctx.db, 'SELECT case_id FROM evidence WHERE id = ?').get(input.evidenceId) as { case_id: string } | undefined;
  if (!e) throw notFound('evidence', input.evidenceId, 'evidenceId', 'invalid_input');
  if (e.case_id !== i.caseId) {
    throw invalid('evidenceId', 'the evidence file belongs to another case', 'inspection.evidence_other_case');
  }
  if (sql(ctx.db, 'SELECT 1 FROM inspection_evidence WHERE inspection_id = ? AND evidence_id = ?').get(i.id, input.evidenceId)) {
    return getInspection(ctx, i.id);
  }
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('inspection_evidence', id, i.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO inspection_evidence (id, inspection_id, evidence_id, case_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, i.id, input.evidenceId, i.caseId, now, now);
  });
  return getInspection(ctx, i.id);
}

// --- The list ----------------------------------------------------------------------------------

export type InspectionListQuery = z.output<typeof inspectionListInput>;

const sortColumns: Record<InspectionSortColumn, { column: string; index: string }> = {
  inspectionNumber: { column: 'inspection_number', index: 'inspections_number' },
  inspectedAt: { column: 'inspected_at', index: 'inspections_inspected' },
  status: { column: 'status_rank', index: 'inspections_status' },
};

export function inspectionListSql(q: InspectionListQuery): ListSql {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.caseId !== undefined) {
    where.push('i.case_id = @caseId');
    params.caseId = q.caseId;
  }
  if (q.status !== undefined) {
    where.push('i.status = @status');
    params.status = q.status;
  }
  if (q.result !== undefined) {
    where.push('i.result = @result');
    params.result = q.result;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sort = sortColumns[q.sort.column];
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const index = q.caseId !== undefined ? 'inspections_case' : sort.index;
  return {
    rowsSql: `SELECT i.id, i.case_id AS caseId, (SELECT file_number FROM cases c WHERE c.id = i.case_id) AS caseFileNumber,
        i.inspection_number AS inspectionNumber, i.place_kind AS placeKind, i.place, i.inspected_at AS inspectedAt,
        i.shipment_reference AS shipmentReference, (SELECT name FROM entities e WHERE e.id = i.exporter_id) AS exporterName,
        i.selection, i.officer, i.status, i.result
      FROM inspections i INDEXED BY ${index} ${whereSql}
      ORDER BY i.${sort.column} ${dir}, i.seq ${dir} LIMIT @limit OFFSET @offset`,
    params,
    countSql: `SELECT count(*) AS n FROM inspections i ${whereSql}`,
    countParams: params,
  };
}

export function listInspections(ctx: Pick<Ctx, 'db'>, q: InspectionListQuery): { total: number; rows: InspectionListRow[] } {
  if (q.caseId !== undefined) requireCase(ctx.db, q.caseId);
  return runList<InspectionListRow>(ctx.db, inspectionListSql(q), q);
}

/** The inspection a detention or seizure was made from, if any (shown on their pages). */
export function inspectionOf(db: Db, column: 'detention_id' | 'seizure_id', id: string): { id: string; number: string } | null {
  return (
    (sql(db, `SELECT id, inspection_number AS number FROM inspections WHERE ${column} = ?`).get(id) as
      { id: string; number: string } | undefined) ?? null
  );
}
