import { DossierError } from '../errors.ts';
import type { RecordType } from '../shared/records.ts';
import { entityData, type EntityData } from '../shared/inputs/entities.ts';
import { deriveColumns } from '../services/entities.ts';
import {
  auditNumbers,
  caseNumbers,
  checkNumbers,
  detentionNumbers,
  inspectionNumbers,
  penaltyNumbers,
  seizureNumbers,
  type NumberSpec,
} from '../services/record-numbers.ts';
import { minorDigits } from '../shared/inputs/money.ts';
import type { PackageCase, PackageEntity } from './import-schema.ts';

/**
 * A package's records as the rows they become here: one per record, under its global id, in an
 * order that satisfies every reference (the case, entities, roles, links, seizures, their items and
 * custody entries, detentions and their requests, penalties and their payments, end-use checks,
 * inspections and compliance audits, evidence, then what points at evidence) and keeps
 * each list in the order it was exported, so that exporting the imported case gives the same lists.
 */

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface PackageRecord {
  type: RecordType;
  id: string;
  /** The case its audit records name: null for entities and links, which belong to no one case. */
  auditCaseId: string | null;
  /** The record's number or name, for people reading what an import does. */
  label: string;
  row: Row;
  /** Rows of these tables are never changed once written (triggers refuse it): inserted or left. */
  appendOnly: boolean;
  /** Numbered records: the number's column and its counter. */
  number?: { column: string; spec: NumberSpec };
  /** Columns the package left out (a partner package's notes): never compared with, nor written over, ours. */
  withheld: string[];
  /** An entity's own fields, for its identifier index. */
  entity?: EntityData;
  /** The package's record this row comes from, as a path in case.json (for refusals). */
  path: string;
}

/** An amount as a label writes it, 400.00 CAD: exact, from its integer minor units. */
export function moneyText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const s = String(minor).padStart(digits + 1, '0');
  return digits ? `${s.slice(0, -digits)}.${s.slice(-digits)} ${currency}` : `${s} ${currency}`;
}

const APPEND_ONLY: ReadonlySet<RecordType> = new Set(['seized_item', 'custody_entry', 'penalty_payment', 'evidence']);

/** Fields that hold another kind's data in an entity's view: its `country` is its own only for these. */
function ownsCountry(e: PackageEntity): boolean {
  return e.kind === 'organization' || e.kind === 'address' || (e.kind === 'conveyance' && e.subtype === 'aircraft');
}

function inconsistent(path: string, problem: string): never {
  throw new DossierError('invalid_input', `sha256: case.json: ${path}: ${problem}`, 'sha256', 'package.case_json', {
    file: 'case.json',
    path,
    problem,
  });
}

function entityRow(e: PackageEntity, path: string): { row: Row; data: EntityData } {
  const {
    id: _id,
    name: _name,
    createdAt: _c,
    updatedAt: _u,
    version: _v,
    mergedInto: _m,
    hop: _h,
    roles: _r,
    parties: _p,
    country,
    ...fields
  } = e;
  const parsed = entityData.safeParse(ownsCountry(e) ? { ...fields, country } : fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    inconsistent([path, ...(issue?.path ?? []).map(String)].join('.'), issue?.message ?? 'not an entity');
  }
  const d = deriveColumns(parsed.data);
  return {
    data: parsed.data,
    row: {
      id: e.id,
      kind: parsed.data.kind,
      name: d.name,
      subtype: d.subtype,
      country: d.country,
      details: d.details,
      search_text: d.searchText,
      notes: parsed.data.notes,
      created_at: e.createdAt,
      updated_at: e.updatedAt,
      version: e.version,
      merged_into: e.mergedInto,
    },
  };
}

/** Every record of the package, as rows, in writing order. Refuses a package whose records do not agree. */
export function packageRecords(pkg: PackageCase): PackageRecord[] {
  const caseId = pkg.case.id;
  const withheld = new Map<string, string[]>();
  for (const w of pkg.withheld) {
    if (w.field === null) continue;
    const key = `${w.recordType} ${w.recordId}`;
    // The field as case.json names it (camelCase), as a column.
    const column = w.field.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
    withheld.set(key, [...(withheld.get(key) ?? []), column]);
  }
  const out: PackageRecord[] = [];
  const add = (r: Omit<PackageRecord, 'appendOnly' | 'withheld'>) =>
    out.push({ ...r, appendOnly: APPEND_ONLY.has(r.type), withheld: withheld.get(`${r.type} ${r.id}`) ?? [] });
  const sameCase = (value: string, path: string) => {
    if (value !== caseId) inconsistent(path, `names case ${value}, not the package's case ${caseId}`);
  };

  const c = pkg.case;
  add({
    type: 'case',
    id: c.id,
    auditCaseId: c.id,
    label: c.fileNumber,
    path: 'case',
    number: { column: 'file_number', spec: caseNumbers },
    row: {
      id: c.id,
      file_number: c.fileNumber,
      title: c.title,
      status: c.status,
      priority: c.priority,
      lead_investigator: c.leadInvestigator,
      agency: c.agency,
      partner_agencies: JSON.stringify(c.partnerAgencies),
      violation_type: c.violationType,
      legal_authorities: c.legalAuthorities,
      security_marking: c.securityMarking,
      summary: c.summary,
      notes: c.notes,
      opened_on: c.openedOn,
      closed_on: c.closedOn,
      contravention_on: c.contraventionOn,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      version: c.version,
    },
  });

  const names = new Map(pkg.entities.map((e) => [e.id, e.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  pkg.entities.forEach((e, i) => {
    const { row, data } = entityRow(e, `entities.${i}`);
    add({ type: 'entity', id: e.id, auditCaseId: null, label: e.name, path: `entities.${i}`, row, entity: data });
  });
  pkg.entities.forEach((e, i) =>
    e.roles.forEach((r, j) =>
      add({
        type: 'case_entity',
        id: r.id,
        auditCaseId: caseId,
        label: `${r.role.replaceAll('_', ' ')}: ${e.name}`,
        path: `entities.${i}.roles.${j}`,
        row: {
          id: r.id,
          case_id: caseId,
          entity_id: e.id,
          role: r.role,
          notes: r.notes,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
        },
      }),
    ),
  );
  pkg.links.forEach((l, i) =>
    add({
      type: 'entity_link',
      id: l.id,
      auditCaseId: null,
      label: `${nameOf(l.fromId)} ${l.type.replaceAll('_', ' ')} ${nameOf(l.toId)}`,
      path: `links.${i}`,
      row: {
        id: l.id,
        type: l.type,
        from_entity_id: l.fromId,
        to_entity_id: l.toId,
        share_bp: l.shareBp,
        source: l.source,
        source_evidence_id: l.sourceEvidenceId,
        valid_from: l.validFrom,
        valid_to: l.validTo,
        notes: l.notes,
        created_at: l.createdAt,
        updated_at: l.updatedAt,
        version: l.version,
        confidence: l.confidence,
      },
    }),
  );

  pkg.seizures.forEach((s, i) => {
    sameCase(s.caseId, `seizures.${i}.caseId`);
    add({
      type: 'seizure',
      id: s.id,
      auditCaseId: caseId,
      label: s.seizureNumber,
      path: `seizures.${i}`,
      number: { column: 'seizure_number', spec: seizureNumbers },
      row: {
        id: s.id,
        case_id: caseId,
        seizure_number: s.seizureNumber,
        seized_at: s.seizedAt,
        seized_on: s.seizedOn,
        place: s.place,
        seizing_officer: s.seizingOfficer,
        seized_from_entity_id: s.seizedFromEntityId,
        owner_entity_id: s.ownerEntityId,
        claimant_entity_ids: JSON.stringify(s.claimantEntityIds),
        legal_provision: s.legalProvision,
        conveyance_entity_id: s.conveyanceEntityId,
        storage_location: s.storageLocation,
        custodian: s.custodian,
        release_amount_minor: s.termsOfRelease?.amount?.amountMinor ?? null,
        release_currency: s.termsOfRelease?.amount?.currency ?? null,
        release_security: s.termsOfRelease?.security ?? null,
        forfeiture_amount_minor: s.ascertainedForfeiture?.amountMinor ?? null,
        forfeiture_currency: s.ascertainedForfeiture?.currency ?? null,
        disposition: s.disposition,
        disposition_on: s.dispositionOn,
        disposition_authority: s.dispositionAuthority,
        review_window_ends_on: s.reviewWindowEndsOn,
        notes: s.notes,
        created_at: s.createdAt,
        updated_at: s.updatedAt,
        version: s.version,
      },
    });
  });
  pkg.seizures.forEach((s, i) =>
    s.items.forEach((item, j) => {
      if (item.seizureId !== s.id) inconsistent(`seizures.${i}.items.${j}.seizureId`, `is not its seizure's id (${s.id})`);
      add({
        type: 'seized_item',
        id: item.id,
        auditCaseId: caseId,
        label: `${s.seizureNumber} #${item.itemNumber} ${item.description}`,
        path: `seizures.${i}.items.${j}`,
        row: {
          id: item.id,
          seizure_id: s.id,
          item_number: item.itemNumber,
          description: item.description,
          quantity: item.quantity,
          unit: item.unit,
          hs_code: item.hsCode,
          eccn: item.eccn,
          origin_country: item.originCountry,
          value_minor: item.value.amountMinor,
          value_currency: item.value.currency,
          seal_numbers: JSON.stringify(item.sealNumbers),
          initial_custodian: item.initialCustodian,
          initial_location: item.initialLocation,
          created_at: item.createdAt,
        },
      });
    }),
  );
  pkg.seizures.forEach((s, i) =>
    s.items.forEach((item, j) => {
      // The chain lists entries by slot; they were recorded in seq order, which a correction's place depends on.
      const entries = item.custody.entries.map((e, k) => ({ e, k })).sort((a, b) => a.e.seq - b.e.seq);
      for (const { e, k } of entries) {
        const path = `seizures.${i}.items.${j}.custody.entries.${k}`;
        if (e.itemId !== item.id) inconsistent(`${path}.itemId`, `is not its item's id (${item.id})`);
        add({
          type: 'custody_entry',
          id: e.id,
          auditCaseId: caseId,
          label: `${s.seizureNumber} #${item.itemNumber}: ${e.releasedBy} → ${e.receivedBy}`,
          path,
          row: {
            id: e.id,
            item_id: item.id,
            at: e.at,
            released_by: e.releasedBy,
            received_by: e.receivedBy,
            from_location: e.fromLocation,
            to_location: e.toLocation,
            purpose: e.purpose,
            condition: e.condition,
            seal_numbers: JSON.stringify(e.sealNumbers),
            notes: e.notes,
            corrects_entry_id: e.correctsEntryId,
            recorded_at: e.recordedAt,
            recorded_by: e.recordedBy,
            recorded_by_badge: e.recordedByBadge,
          },
        });
      }
    }),
  );

  pkg.detentions.forEach((d, i) => {
    sameCase(d.caseId, `detentions.${i}.caseId`);
    add({
      type: 'detention',
      id: d.id,
      auditCaseId: caseId,
      label: d.detentionNumber,
      path: `detentions.${i}`,
      number: { column: 'detention_number', spec: detentionNumbers },
      row: {
        id: d.id,
        case_id: caseId,
        detention_number: d.detentionNumber,
        subject: d.subject,
        started_at: d.startedAt,
        place: d.place,
        legal_authority: d.legalAuthority,
        exporter_id: d.exporterId,
        consignee_id: d.consigneeId,
        destination_country: d.destinationCountry,
        declared_permit: d.declaredPermit,
        declared_eccn: d.declaredEccn,
        reason: d.reason,
        assessment_office: d.assessmentOffice,
        referred_on: d.referredOn,
        assessment_due_on: d.assessmentDueOn,
        assessment_answered_on: d.assessmentAnsweredOn,
        review_due_on: d.reviewDueOn,
        outcome: d.outcome,
        ended_at: d.endedAt,
        notes: d.notes,
        created_at: d.createdAt,
        updated_at: d.updatedAt,
        version: d.version,
      },
    });
  });
  pkg.detentions.forEach((d, i) =>
    d.requests.forEach((r, j) => {
      const path = `detentions.${i}.requests.${j}`;
      sameCase(r.caseId, `${path}.caseId`);
      if (r.detentionId !== d.id) inconsistent(`${path}.detentionId`, `is not its detention's id (${d.id})`);
      add({
        type: 'detention_info_request',
        id: r.id,
        auditCaseId: caseId,
        label: `${d.detentionNumber}: ${r.kind.replaceAll('_', ' ')}`,
        path,
        row: {
          id: r.id,
          detention_id: d.id,
          case_id: caseId,
          kind: r.kind,
          description: r.description,
          requested_on: r.requestedOn,
          due_on: r.dueOn,
          received_on: r.receivedOn,
          closed_on: r.closedOn,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
          version: r.version,
        },
      });
    }),
  );

  pkg.penalties.forEach((p, i) => {
    sameCase(p.caseId, `penalties.${i}.caseId`);
    const paid = p.payments.reduce((sum, x) => sum + x.amountMinor, 0);
    if (paid !== p.paidMinor) inconsistent(`penalties.${i}.paidMinor`, `is ${p.paidMinor}, its payments add up to ${paid}`);
    add({
      type: 'penalty',
      id: p.id,
      auditCaseId: caseId,
      label: p.noticeNumber,
      path: `penalties.${i}`,
      number: { column: 'notice_number', spec: penaltyNumbers },
      row: {
        id: p.id,
        case_id: caseId,
        notice_number: p.noticeNumber,
        contravention_code: p.contraventionCode,
        entity_id: p.entityId,
        amount_minor: p.amountMinor,
        currency: p.currency,
        reduced_amount_minor: p.reducedAmountMinor,
        reduction_reason: p.reductionReason,
        reduced_on: p.reducedOn,
        paid_minor: p.paidMinor,
        assessed_on: p.assessedOn,
        due_on: p.dueOn,
        level: p.level,
        status: p.status,
        status_on: p.statusOn,
        status_reason: p.statusReason,
        notes: p.notes,
        created_at: p.createdAt,
        updated_at: p.updatedAt,
        version: p.version,
      },
    });
  });
  pkg.penalties.forEach((p, i) =>
    p.payments.forEach((x, j) => {
      const path = `penalties.${i}.payments.${j}`;
      sameCase(x.caseId, `${path}.caseId`);
      if (x.penaltyId !== p.id) inconsistent(`${path}.penaltyId`, `is not its penalty's id (${p.id})`);
      add({
        type: 'penalty_payment',
        id: x.id,
        auditCaseId: caseId,
        label: `${p.noticeNumber}: ${x.paidOn}, ${moneyText(x.amountMinor, x.currency)}`,
        path,
        row: {
          id: x.id,
          penalty_id: p.id,
          case_id: caseId,
          paid_on: x.paidOn,
          amount_minor: x.amountMinor,
          currency: x.currency,
          method: x.method,
          reference: x.reference,
          created_at: x.createdAt,
        },
      });
    }),
  );

  pkg.checks.forEach((k, i) => {
    sameCase(k.caseId, `checks.${i}.caseId`);
    add({
      type: 'end_use_check',
      id: k.id,
      auditCaseId: caseId,
      label: k.checkNumber,
      path: `checks.${i}`,
      number: { column: 'check_number', spec: checkNumbers },
      row: {
        id: k.id,
        case_id: caseId,
        check_number: k.checkNumber,
        check_type: k.checkType,
        party_id: k.partyId,
        party_role: k.partyRole,
        licence_number: k.licenceNumber,
        country: k.country,
        conducted_by: k.conductedBy,
        conductor: k.conductor,
        method: k.method,
        requested_on: k.requestedOn,
        scheduled_on: k.scheduledOn,
        conducted_on: k.conductedOn,
        goods_present: k.goodsPresent,
        used_as_declared: k.usedAsDeclared,
        at_declared_place: k.atDeclaredPlace,
        by_declared_end_user: k.byDeclaredEndUser,
        findings: k.findings,
        status: k.status,
        status_reason: k.statusReason,
        outcome: k.outcome,
        unverified_reason: k.unverifiedReason,
        follow_up_case_id: k.followUpCaseId,
        list_candidate_on: k.listCandidateOn,
        list_candidate_reason: k.listCandidateReason,
        notes: k.notes,
        created_at: k.createdAt,
        updated_at: k.updatedAt,
        version: k.version,
      },
    });
    k.goods.forEach((g, j) => {
      const path = `checks.${i}.goods.${j}`;
      if (g.checkId !== k.id) inconsistent(`${path}.checkId`, `is not its check's id (${k.id})`);
      add({
        type: 'end_use_check_goods',
        id: g.id,
        auditCaseId: caseId,
        label: `${k.checkNumber} #${g.lineNo} ${g.description}`,
        path,
        row: {
          id: g.id,
          check_id: k.id,
          case_id: caseId,
          line_no: g.lineNo,
          description: g.description,
          quantity: g.quantity,
          unit: g.unit,
          eccn: g.eccn,
          hs_code: g.hsCode,
          seized_item_id: g.seizedItemId,
          created_at: g.createdAt,
          updated_at: g.updatedAt,
          version: g.version,
        },
      });
    });
  });

  pkg.inspections.forEach((x, i) => {
    sameCase(x.caseId, `inspections.${i}.caseId`);
    add({
      type: 'inspection',
      id: x.id,
      auditCaseId: caseId,
      label: x.inspectionNumber,
      path: `inspections.${i}`,
      number: { column: 'inspection_number', spec: inspectionNumbers },
      row: {
        id: x.id,
        case_id: caseId,
        inspection_number: x.inspectionNumber,
        place_kind: x.placeKind,
        place: x.place,
        inspected_at: x.inspectedAt,
        shipment_reference: x.shipmentReference,
        exporter_id: x.exporterId,
        consignee_id: x.consigneeId,
        conveyance_id: x.conveyanceId,
        officer: x.officer,
        selection: x.selection,
        selection_detail: x.selectionDetail,
        examined: JSON.stringify(x.examined),
        seals_found: x.sealsFound,
        seals_applied: x.sealsApplied,
        findings: x.findings,
        status: x.status,
        status_reason: x.statusReason,
        result: x.result,
        completed_at: x.completedAt,
        detention_id: x.detentionId,
        seizure_id: x.seizureId,
        notes: x.notes,
        created_at: x.createdAt,
        updated_at: x.updatedAt,
        version: x.version,
      },
    });
  });

  pkg.complianceAudits.forEach((a, i) => {
    sameCase(a.caseId, `complianceAudits.${i}.caseId`);
    add({
      type: 'compliance_audit',
      id: a.id,
      auditCaseId: caseId,
      label: a.auditNumber,
      path: `complianceAudits.${i}`,
      number: { column: 'audit_number', spec: auditNumbers },
      row: {
        id: a.id,
        case_id: caseId,
        audit_number: a.auditNumber,
        party_id: a.partyId,
        period_from: a.periodFrom,
        period_to: a.periodTo,
        scope: a.scope,
        auditor: a.auditor,
        notified_on: a.notifiedOn,
        on_site_on: a.onSiteOn,
        report_due_on: a.reportDueOn,
        reported_on: a.reportedOn,
        status: a.status,
        status_reason: a.statusReason,
        outcome: a.outcome,
        consequence: a.consequence,
        penalty_id: a.penaltyId,
        notes: a.notes,
        created_at: a.createdAt,
        updated_at: a.updatedAt,
        version: a.version,
      },
    });
  });
  pkg.evidence.forEach((e, i) => {
    sameCase(e.caseId, `evidence.${i}.caseId`);
    if (e.subjectType === 'case') sameCase(e.subjectId, `evidence.${i}.subjectId`);
    add({
      type: 'evidence',
      id: e.id,
      auditCaseId: caseId,
      label: e.originalName,
      path: `evidence.${i}`,
      row: {
        id: e.id,
        case_id: caseId,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        original_name: e.originalName,
        media_type: e.mediaType,
        size: e.size,
        sha256: e.sha256,
        acquired_at: e.acquiredAt,
        acquired_by: e.acquiredBy,
        acquired_from: e.acquiredFrom,
        description: e.description,
        added_at: e.addedAt,
        added_by: e.addedBy,
        added_by_badge: e.addedByBadge,
        retired_at: e.retiredAt,
        retired_by: e.retiredBy,
        retired_by_badge: e.retiredByBadge,
        retired_reason: e.retiredReason,
      },
    });
  });

  pkg.inspections.forEach((x, i) =>
    x.files.forEach((f, j) =>
      add({
        type: 'inspection_evidence',
        id: f.id,
        auditCaseId: caseId,
        label: `${x.inspectionNumber}: ${f.evidenceId}`,
        path: `inspections.${i}.files.${j}`,
        row: {
          id: f.id,
          inspection_id: x.id,
          evidence_id: f.evidenceId,
          case_id: caseId,
          created_at: f.createdAt,
          updated_at: f.updatedAt,
          version: f.version,
        },
      }),
    ),
  );
  pkg.complianceAudits.forEach((a, i) => {
    a.findings.forEach((f, j) => {
      const path = `complianceAudits.${i}.findings.${j}`;
      if (f.auditId !== a.id) inconsistent(`${path}.auditId`, `is not its audit's id (${a.id})`);
      add({
        type: 'audit_finding',
        id: f.id,
        auditCaseId: caseId,
        label: `${a.auditNumber} #${f.lineNo}`,
        path,
        row: {
          id: f.id,
          audit_id: a.id,
          case_id: caseId,
          line_no: f.lineNo,
          severity: f.severity,
          provision: f.provision,
          description: f.description,
          evidence_id: f.evidenceId,
          created_at: f.createdAt,
          updated_at: f.updatedAt,
          version: f.version,
        },
      });
    });
    a.actions.forEach((x, j) => {
      const path = `complianceAudits.${i}.actions.${j}`;
      if (x.auditId !== a.id) inconsistent(`${path}.auditId`, `is not its audit's id (${a.id})`);
      add({
        type: 'corrective_action',
        id: x.id,
        auditCaseId: caseId,
        label: `${a.auditNumber}: ${x.owner}`,
        path,
        row: {
          id: x.id,
          audit_id: a.id,
          case_id: caseId,
          finding_id: x.findingId,
          description: x.description,
          owner: x.owner,
          due_on: x.dueOn,
          completed_on: x.completedOn,
          created_at: x.createdAt,
          updated_at: x.updatedAt,
          version: x.version,
        },
      });
    });
  });

  const seen = new Set<string>();
  for (const r of out) {
    const key = `${r.type} ${r.id}`;
    if (seen.has(key)) inconsistent(r.path, `${r.type} ${r.id} appears twice`);
    seen.add(key);
  }
  return out;
}
