/**
 * Everything one case holds, as plain JSON with global ids: what an evidence package carries as
 * `case.json` and its CSV files, and what the case report is printed from (db/report/).
 *
 * Read in one transaction, so the records agree with each other; every list is in a fixed order
 * (the tables' seq, or an order made from it), so two exports of the same data are equal.
 * Nothing that depends on the day of the export is kept (a penalty's `overdue`, say): the
 * recipient reads the dates.
 */
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { AuditRow } from '../audit.ts';
import { csvField } from '../services/audit.ts';
import { getCase, type Case } from '../services/cases.ts';
import { getEntity, type Entity } from '../services/entities.ts';
import { getLink, type EntityLink } from '../services/entity-links.ts';
import { getSeizure, type MoneyTotal, type SeizedItem, type Seizure } from '../services/seizures.ts';
import { custodyChain, type CustodyChain, type CustodyEntryView } from '../services/custody.ts';
import { getDetention, type Detention, type InfoRequest } from '../services/detentions.ts';
import { getPenalty, type Payment, type Penalty } from '../services/penalties.ts';
import { getEvidence, type Evidence } from '../services/evidence.ts';
import { getCheck, type CheckGoodsLine, type EndUseCheck } from '../services/checks.ts';
import { getInspection, type Inspection } from '../services/inspections.ts';
import { getAudit, type AuditFinding, type ComplianceAudit, type CorrectiveAction } from '../services/compliance-audits.ts';
import { caseTimeline, type TimelineEvent } from '../services/timeline.ts';
import { caseEntityIds } from '../services/where-else.ts';
import type { CaseRole, LinkConfidence } from '../shared/domain.ts';
import type { PartyRole } from '../shared/inputs/analysis.ts';

export const CASE_DATA_SCHEMA_VERSION = 1;

export const CASE_DATA_PROFILES = ['prosecution', 'partner'] as const;
export type CaseDataProfile = (typeof CASE_DATA_PROFILES)[number];

/**
 * What the `partner` profile leaves out. Dossier's schema marks no field as internal, so this is
 * the list: the investigator's narrative (every record's `notes`: the case's, each role's,
 * entity's, link's, seizure's, custody entry's, detention's and penalty's; the audit trail's copies
 * of them; the timeline's dated note lines) and links that are only leads (confidence `possible`,
 * which is how an informant's word or an unconfirmed tip is recorded), with the audit records and
 * timeline events of those links and the entities reached only through them.
 */
export const PARTNER_WITHHOLDS: { fields: readonly string[]; linkConfidences: readonly LinkConfidence[] } = {
  fields: ['notes'],
  linkConfidences: ['possible'],
};

export type WithheldReason = 'narrative_notes' | 'unconfirmed_link';

/** One thing the partner profile left out: the record, the field (or the whole record), and why. */
export interface Withheld {
  /** In English, for bag-info.txt and a reader of case.json: "notes of seizure 2026-SZ-000012". */
  what: string;
  why: string;
  recordType: string;
  recordId: string;
  /** The record's number or name, as the report prints it. */
  label: string;
  /** The field left out; null when the whole record was. */
  field: string | null;
  reason: WithheldReason;
}

export interface CaseDataRole {
  id: string;
  role: CaseRole;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

/** How an entity takes part in one of the case's records (besides its roles). */
export interface CaseDataParty {
  as: PartyRole;
  recordType: 'seizure' | 'detention' | 'penalty';
  recordId: string;
  number: string;
}

/**
 * An entity with its roles in the case. hop 0: the case names it (a role, a party to a seizure, a
 * detention or a penalty); hop 1: one link away from one that does.
 */
export type CaseDataEntity = Entity & { hop: 0 | 1; roles: CaseDataRole[]; parties: CaseDataParty[] };

export interface CaseDataItem extends SeizedItem {
  /** Every custody entry, corrections included, in chain order (custodyChain). */
  custody: Pick<CustodyChain, 'origin' | 'current' | 'breaks'> & { entries: CustodyEntryView[] };
}

export type CaseDataSeizure = Omit<Seizure, 'caseFileNumber'> & { totals: MoneyTotal[]; items: CaseDataItem[] };
export type CaseDataRequest = Omit<InfoRequest, 'overdue'>;
export type CaseDataDetention = Detention & { requests: CaseDataRequest[] };
export type CaseDataPenalty = Omit<Penalty, 'overdue'> & { payments: Payment[] };
export type CaseDataCheckGoods = Omit<CheckGoodsLine, 'seizedItemLabel'> & {
  createdAt: string;
  updatedAt: string;
  version: number;
};
export type CaseDataCheck = EndUseCheck & { goods: CaseDataCheckGoods[] };
/** A photo or document of an inspection: the link (its own record) to an evidence file of the case. */
export interface CaseDataInspectionFile {
  id: string;
  evidenceId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}
export type CaseDataInspection = Inspection & { files: CaseDataInspectionFile[] };
export type CaseDataFinding = Omit<AuditFinding, 'evidenceName'> & { createdAt: string; updatedAt: string; version: number };
export type CaseDataAction = Omit<CorrectiveAction, 'overdue'> & { createdAt: string; updatedAt: string };
export type CaseDataComplianceAudit = ComplianceAudit & { findings: CaseDataFinding[]; actions: CaseDataAction[] };

/**
 * An audit record of the extract. `before` and `after` are the stored values; the record's hash
 * is SHA-256 of the JSON array [seq, id, at, actor, actorBadge, method, recordType, recordId,
 * caseId, before, after, prevHash(, deviceId when not null)], with before and after as JSON text
 * with sorted keys (db/audit.ts auditRowHash), so anyone can recompute it. `redacted` names the
 * fields whose values the partner profile replaced by null: such a record no longer matches its hash.
 */
export interface CaseDataAudit {
  seq: number;
  id: string;
  at: string;
  actor: string;
  actorBadge: string;
  method: string;
  recordType: string;
  recordId: string;
  caseId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
  deviceId: string | null;
  redacted: string[];
}

export interface CaseData {
  schemaVersion: typeof CASE_DATA_SCHEMA_VERSION;
  profile: CaseDataProfile;
  case: Case;
  entities: CaseDataEntity[];
  links: EntityLink[];
  seizures: CaseDataSeizure[];
  detentions: CaseDataDetention[];
  penalties: CaseDataPenalty[];
  checks: CaseDataCheck[];
  inspections: CaseDataInspection[];
  complianceAudits: CaseDataComplianceAudit[];
  evidence: Evidence[];
  audit: CaseDataAudit[];
  /** Every dated event of the case, in order (db/services/timeline.ts). */
  timeline: { events: TimelineEvent[]; truncated: boolean };
  withheld: Withheld[];
}

/** Today's date does not matter to anything kept here; the services want a clock. */
const anyClock = (): Date => new Date();

function idsOf(db: Db, text: string, caseId: string): string[] {
  return (sql(db, text).all(caseId) as { id: string }[]).map((r) => r.id);
}

function withoutOverdue<T extends { overdue: unknown }>(record: T): Omit<T, 'overdue'> {
  const { overdue: _overdue, ...rest } = record;
  return rest;
}

function parseValues(json: string | null): Record<string, unknown> | null {
  return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
}

/** Every record of one case. Refused with not_found when there is no such case. */
export function collectCase(db: Db, caseId: string, profile: CaseDataProfile): CaseData {
  return db.transaction(() => collect(db, caseId, profile))();
}

function collect(db: Db, caseId: string, profile: CaseDataProfile): CaseData {
  const theCase = getCase(db, caseId);
  const ctx = { db, clock: anyClock };

  const seizures: CaseDataSeizure[] = idsOf(db, 'SELECT id FROM seizures WHERE case_id = ? ORDER BY seq', caseId).map((id) => {
    const { items, totals, entities: _refs, caseFileNumber: _number, ...seizure } = getSeizure(db, id);
    return {
      ...seizure,
      totals,
      items: items.map(({ current: _c, entryCount: _n, broken: _b, ...item }) => {
        const chain = custodyChain(db, item.id);
        return {
          ...item,
          custody: { origin: chain.origin, current: chain.current, breaks: chain.breaks, entries: chain.entries },
        };
      }),
    };
  });
  const detentions: CaseDataDetention[] = idsOf(db, 'SELECT id FROM detentions WHERE case_id = ? ORDER BY seq', caseId).map(
    (id) => {
      const {
        caseFileNumber: _n,
        caseSecurityMarking: _m,
        exporter: _e,
        consignee: _c,
        overdue: _o,
        requests,
        ...detention
      } = getDetention(ctx, id);
      return { ...detention, requests: requests.map(withoutOverdue) };
    },
  );
  const penalties: CaseDataPenalty[] = idsOf(db, 'SELECT id FROM penalties WHERE case_id = ? ORDER BY seq', caseId).map((id) => {
    const {
      caseFileNumber: _n,
      caseSecurityMarking: _m,
      entity: _e,
      allowedStatuses: _a,
      overdue: _o,
      ...penalty
    } = getPenalty(ctx, id);
    return penalty;
  });
  const stampsOf = (table: string) => {
    const q = sql(db, `SELECT created_at AS createdAt, updated_at AS updatedAt, version FROM ${table} WHERE id = ?`);
    return (id: string) => q.get(id) as { createdAt: string; updatedAt: string; version: number };
  };
  const goodsStamps = stampsOf('end_use_check_goods');
  const checks: CaseDataCheck[] = idsOf(db, 'SELECT id FROM end_use_checks WHERE case_id = ? ORDER BY seq', caseId).map((id) => {
    const {
      caseFileNumber: _n,
      caseSecurityMarking: _m,
      party: _p,
      followUpCaseFileNumber: _f,
      allowed: _a,
      overdue: _o,
      goods,
      ...check
    } = getCheck(ctx, id);
    return { ...check, goods: goods.map(({ seizedItemLabel: _l, ...g }) => ({ ...g, ...goodsStamps(g.id) })) };
  });
  const inspections: CaseDataInspection[] = idsOf(db, 'SELECT id FROM inspections WHERE case_id = ? ORDER BY seq', caseId).map(
    (id) => {
      const {
        caseFileNumber: _n,
        caseSecurityMarking: _m,
        exporter: _e,
        consignee: _c,
        conveyance: _v,
        detentionNumber: _d,
        seizureNumber: _s,
        evidence: _f,
        allowed: _a,
        ...inspection
      } = getInspection(ctx, id);
      const files = sql(
        db,
        `SELECT id, evidence_id AS evidenceId, created_at AS createdAt, updated_at AS updatedAt, version
         FROM inspection_evidence WHERE inspection_id = ? ORDER BY seq`,
      ).all(id) as CaseDataInspectionFile[];
      return { ...inspection, files };
    },
  );
  const findingStamps = stampsOf('audit_findings');
  const actionStamps = stampsOf('corrective_actions');
  const complianceAudits: CaseDataComplianceAudit[] = idsOf(
    db,
    'SELECT id FROM compliance_audits WHERE case_id = ? ORDER BY seq',
    caseId,
  ).map((id) => {
    const {
      caseFileNumber: _n,
      caseSecurityMarking: _m,
      party: _p,
      penaltyNumber: _x,
      allowed: _a,
      overdue: _o,
      findings,
      actions,
      ...audit
    } = getAudit(ctx, id);
    return {
      ...audit,
      findings: findings.map(({ evidenceName: _e, ...f }) => ({ ...f, ...findingStamps(f.id) })),
      // In the order they were recorded, as every list of the package (the page sorts them by due date).
      actions: actions
        .map(({ overdue: _d, ...x }) => {
          const { createdAt, updatedAt } = actionStamps(x.id);
          return { ...x, createdAt, updatedAt };
        })
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1)),
    };
  });
  const evidence = idsOf(db, 'SELECT id FROM evidence WHERE case_id = ? ORDER BY seq', caseId).map((id) => getEvidence(db, id));

  // The entities the case names, and the links from them one hop out.
  const named = new Set(caseEntityIds(db, caseId));
  const linkRows = sql(
    db,
    `SELECT id, confidence, from_entity_id AS fromId, to_entity_id AS toId FROM entity_links
     WHERE from_entity_id IN (SELECT value FROM json_each(@ids)) OR to_entity_id IN (SELECT value FROM json_each(@ids))
     ORDER BY seq`,
  ).all({ ids: JSON.stringify([...named]) }) as { id: string; confidence: LinkConfidence; fromId: string; toId: string }[];
  const withheld: Withheld[] = [];
  const partner = profile === 'partner';
  const keptLinks = linkRows.filter((l) => !(partner && PARTNER_WITHHOLDS.linkConfidences.includes(l.confidence)));
  const droppedLinks = new Set(linkRows.filter((l) => !keptLinks.includes(l)).map((l) => l.id));
  const linked = new Set(keptLinks.flatMap((l) => [l.fromId, l.toId]));
  const entityIds = (
    sql(db, 'SELECT id FROM entities WHERE id IN (SELECT value FROM json_each(?)) ORDER BY seq').all(
      JSON.stringify([...new Set([...named, ...linked])]),
    ) as { id: string }[]
  ).map((r) => r.id);

  const roles = sql(
    db,
    `SELECT id, entity_id AS entityId, role, notes, created_at AS createdAt, updated_at AS updatedAt
     FROM case_entities WHERE case_id = ? ORDER BY seq`,
  ).all(caseId) as (CaseDataRole & { entityId: string })[];
  const parties = partiesOf(seizures, detentions, penalties);
  const entities: CaseDataEntity[] = entityIds.map((id) => ({
    ...getEntity(db, id),
    hop: named.has(id) ? 0 : 1,
    roles: roles.filter((r) => r.entityId === id).map(({ entityId: _e, ...r }) => r),
    parties: parties.filter((p) => p.entityId === id).map(({ entityId: _e, ...p }) => p),
  }));
  const links = keptLinks.map((l) => getLink(db, l.id));

  const audit = auditExtract(db, caseId, [
    ...entities.map((e) => ({ type: 'entity', id: e.id })),
    ...links.map((l) => ({ type: 'entity_link', id: l.id })),
  ]);
  const timeline = caseTimeline(db, caseId);
  const data: CaseData = {
    schemaVersion: CASE_DATA_SCHEMA_VERSION,
    profile,
    case: theCase,
    entities,
    links,
    seizures,
    detentions,
    penalties,
    checks,
    inspections,
    complianceAudits,
    evidence,
    audit,
    timeline: { events: timeline.events, truncated: timeline.truncated },
    withheld,
  };
  if (partner) withholdForPartner(data, linkRows, droppedLinks, withheld);
  return data;
}

function partiesOf(
  seizures: readonly CaseDataSeizure[],
  detentions: readonly CaseDataDetention[],
  penalties: readonly CaseDataPenalty[],
): (CaseDataParty & { entityId: string })[] {
  const out: (CaseDataParty & { entityId: string })[] = [];
  const add = (
    entityId: string | null,
    as: PartyRole,
    recordType: CaseDataParty['recordType'],
    recordId: string,
    number: string,
  ) => {
    if (entityId !== null) out.push({ entityId, as, recordType, recordId, number });
  };
  for (const s of seizures) {
    add(s.seizedFromEntityId, 'seizure_seized_from', 'seizure', s.id, s.seizureNumber);
    add(s.ownerEntityId, 'seizure_owner', 'seizure', s.id, s.seizureNumber);
    for (const c of s.claimantEntityIds) add(c, 'seizure_claimant', 'seizure', s.id, s.seizureNumber);
    add(s.conveyanceEntityId, 'seizure_conveyance', 'seizure', s.id, s.seizureNumber);
  }
  for (const d of detentions) {
    add(d.exporterId, 'detention_exporter', 'detention', d.id, d.detentionNumber);
    add(d.consigneeId, 'detention_consignee', 'detention', d.id, d.detentionNumber);
  }
  for (const p of penalties) add(p.entityId, 'penalty_entity', 'penalty', p.id, p.noticeNumber);
  return out;
}

/**
 * The case's audit records: those written for the case (case_id), and those of the entities and
 * links the package holds (which belong to no one case), in seq order.
 */
function auditExtract(db: Db, caseId: string, records: readonly { type: string; id: string }[]): CaseDataAudit[] {
  const rows = sql(
    db,
    `SELECT * FROM audit_log WHERE case_id = @caseId
     UNION
     SELECT a.* FROM json_each(@records) r
       JOIN audit_log a ON a.record_type = json_extract(r.value, '$.type') AND a.record_id = json_extract(r.value, '$.id')
     ORDER BY seq`,
  ).all({ caseId, records: JSON.stringify(records) }) as AuditRow[];
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    at: r.at,
    actor: r.actor,
    actorBadge: r.actor_badge,
    method: r.method,
    recordType: r.record_type,
    recordId: r.record_id,
    caseId: r.case_id,
    before: parseValues(r.before),
    after: parseValues(r.after),
    prevHash: r.prev_hash,
    hash: r.hash,
    deviceId: r.device_id ?? null,
    redacted: [],
  }));
}

const REASON_TEXT: Record<WithheldReason, string> = {
  narrative_notes: "investigator's narrative notes (partner profile)",
  unconfirmed_link: 'unconfirmed lead: a link of confidence "possible" (partner profile)',
};

const NOUN: Record<string, string> = {
  case: 'case',
  case_entity: 'role',
  entity: 'entity',
  entity_link: 'link',
  seizure: 'seizure',
  custody_entry: 'custody entry',
  detention: 'detention',
  penalty: 'penalty',
  end_use_check: 'end-use check',
  inspection: 'inspection',
  compliance_audit: 'compliance audit',
};

/** Leaves out what PARTNER_WITHHOLDS names, in place, and lists each thing left out. */
function withholdForPartner(
  data: CaseData,
  linkRows: readonly { id: string; confidence: LinkConfidence; fromId: string; toId: string }[],
  droppedLinks: ReadonlySet<string>,
  withheld: Withheld[],
): void {
  const field = PARTNER_WITHHOLDS.fields[0] ?? 'notes';
  const blank = (recordType: string, rec: { id: string; notes: string }, label: string) => {
    if (rec.notes === '') return;
    rec.notes = '';
    withheld.push({
      what: `${field} of ${NOUN[recordType] ?? recordType} ${label}`,
      why: REASON_TEXT.narrative_notes,
      recordType,
      recordId: rec.id,
      label,
      field,
      reason: 'narrative_notes',
    });
  };
  const names = new Map(data.entities.map((e) => [e.id, e.name]));
  blank('case', data.case, data.case.fileNumber);
  for (const e of data.entities) {
    for (const r of e.roles) blank('case_entity', r, `${r.role} ${e.name}`);
    blank('entity', e, e.name);
  }
  for (const l of data.links)
    blank('entity_link', l, `${l.type} ${names.get(l.fromId) ?? l.fromId} → ${names.get(l.toId) ?? l.toId}`);
  for (const s of data.seizures) {
    blank('seizure', s, s.seizureNumber);
    for (const item of s.items) {
      item.custody.entries.forEach((entry, i) =>
        blank('custody_entry', entry, `${s.seizureNumber} item ${item.itemNumber} #${entry.slot ?? i + 1}`),
      );
    }
  }
  for (const d of data.detentions) blank('detention', d, d.detentionNumber);
  for (const p of data.penalties) blank('penalty', p, p.noticeNumber);
  for (const k of data.checks) blank('end_use_check', k, k.checkNumber);
  for (const i of data.inspections) blank('inspection', i, i.inspectionNumber);
  for (const a of data.complianceAudits) blank('compliance_audit', a, a.auditNumber);
  for (const l of linkRows) {
    if (!droppedLinks.has(l.id)) continue;
    // Named by the case's end only: the other end may be the lead itself.
    const ours = names.get(l.fromId) ?? names.get(l.toId) ?? '';
    withheld.push({
      what: `a link of confidence "${l.confidence}" of ${ours}, with its audit records`,
      why: REASON_TEXT.unconfirmed_link,
      recordType: 'entity_link',
      recordId: l.id,
      label: ours,
      field: null,
      reason: 'unconfirmed_link',
    });
  }
  data.audit = data.audit.filter((a) => !(a.recordType === 'entity_link' && droppedLinks.has(a.recordId)));
  for (const a of data.audit) {
    for (const values of [a.before, a.after]) {
      if (!values) continue;
      for (const f of PARTNER_WITHHOLDS.fields) {
        if (Object.hasOwn(values, f) && values[f] !== '' && values[f] !== null) {
          values[f] = null;
          if (!a.redacted.includes(f)) a.redacted.push(f);
        }
      }
    }
  }
  data.timeline.events = data.timeline.events.filter(
    (e) => e.kind !== 'note.dated' && !(e.kind.startsWith('link.') && droppedLinks.has(e.id.split(':')[1] ?? '')),
  );
}

// --- CSV -----------------------------------------------------------------------------------------

export interface CsvFile {
  name: string;
  text: string;
}

type Column<R> = readonly [header: string, value: (row: R) => unknown];

interface CsvTable<R> {
  name: string;
  rows: (d: CaseData) => readonly R[];
  columns: readonly Column<R>[];
}

function table<R>(name: string, rows: (d: CaseData) => readonly R[], columns: readonly Column<R>[]): CsvTable<R> {
  return { name, rows, columns };
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A table whose columns are the record's own fields, each under its snake_case name. */
function flatTable<R>(name: string, rows: (d: CaseData) => readonly R[], keys: readonly (keyof R & string)[]): CsvTable<R> {
  return table(
    name,
    rows,
    keys.map((k): Column<R> => [snake(k), (r) => r[k]]),
  );
}

const stamps = <R extends { createdAt: string; updatedAt: string }>(): Column<R>[] => [
  ['created_at', (r) => r.createdAt],
  ['updated_at', (r) => r.updatedAt],
];

type ItemRow = CaseDataItem & { seizureNumber: string };
type EntryRow = CustodyEntryView & { seizureNumber: string; itemNumber: number };
type RequestRow = CaseDataRequest & { detentionNumber: string };
type PaymentRow = Payment & { noticeNumber: string };
type RoleRow = CaseDataRole & { entityId: string; entityName: string };

/** Fields of an entity that are its kind's own (the rest have columns of their own). */
function detailsOf(e: CaseDataEntity): Record<string, unknown> {
  const {
    id: _i,
    kind: _k,
    name: _n,
    country: _c,
    notes: _no,
    createdAt: _ca,
    updatedAt: _u,
    version: _v,
    mergedInto: _m,
    hop: _h,
    roles: _r,
    parties: _p,
    ...details
  } = e as CaseDataEntity & Record<string, unknown>;
  return details;
}

const TABLES = [
  table('case.csv', (d) => [d.case], [
    ['id', (c) => c.id],
    ['file_number', (c) => c.fileNumber],
    ['title', (c) => c.title],
    ['status', (c) => c.status],
    ['priority', (c) => c.priority],
    ['lead_investigator', (c) => c.leadInvestigator],
    ['agency', (c) => c.agency],
    ['partner_agencies', (c) => c.partnerAgencies],
    ['violation_type', (c) => c.violationType],
    ['legal_authorities', (c) => c.legalAuthorities],
    ['security_marking', (c) => c.securityMarking],
    ['summary', (c) => c.summary],
    ['notes', (c) => c.notes],
    ['opened_on', (c) => c.openedOn],
    ['contravention_on', (c) => c.contraventionOn],
    ['closed_on', (c) => c.closedOn],
    ...stamps<Case>(),
    ['version', (c) => c.version],
  ]),
  table('entities.csv', (d) => d.entities, [
    ['id', (e) => e.id],
    ['hop', (e) => e.hop],
    ['kind', (e) => e.kind],
    ['name', (e) => e.name],
    ['country', (e) => e.country],
    ['roles', (e) => e.roles.map((r) => r.role)],
    ['parties', (e) => e.parties.map((p) => `${p.as} ${p.number}`)],
    ['details', (e) => detailsOf(e)],
    ['notes', (e) => e.notes],
    ['merged_into', (e) => e.mergedInto],
    ...stamps<CaseDataEntity>(),
  ]),
  table<RoleRow>(
    'case_roles.csv',
    (d) => d.entities.flatMap((e) => e.roles.map((r) => ({ ...r, entityId: e.id, entityName: e.name }))),
    [
      ['id', (r) => r.id],
      ['entity_id', (r) => r.entityId],
      ['entity_name', (r) => r.entityName],
      ['role', (r) => r.role],
      ['notes', (r) => r.notes],
      ...stamps<RoleRow>(),
    ],
  ),
  table('links.csv', (d) => d.links, [
    ['id', (l) => l.id],
    ['type', (l) => l.type],
    ['from_entity_id', (l) => l.fromId],
    ['to_entity_id', (l) => l.toId],
    ['share_bp', (l) => l.shareBp],
    ['confidence', (l) => l.confidence],
    ['source', (l) => l.source],
    ['source_evidence_id', (l) => l.sourceEvidenceId],
    ['valid_from', (l) => l.validFrom],
    ['valid_to', (l) => l.validTo],
    ['notes', (l) => l.notes],
    ...stamps<EntityLink>(),
  ]),
  table('seizures.csv', (d) => d.seizures, [
    ['id', (s) => s.id],
    ['seizure_number', (s) => s.seizureNumber],
    ['seized_at', (s) => s.seizedAt],
    ['seized_on', (s) => s.seizedOn],
    ['place', (s) => s.place],
    ['seizing_officer', (s) => s.seizingOfficer],
    ['seized_from_entity_id', (s) => s.seizedFromEntityId],
    ['owner_entity_id', (s) => s.ownerEntityId],
    ['claimant_entity_ids', (s) => s.claimantEntityIds],
    ['conveyance_entity_id', (s) => s.conveyanceEntityId],
    ['legal_provision', (s) => s.legalProvision],
    ['storage_location', (s) => s.storageLocation],
    ['custodian', (s) => s.custodian],
    ['release_amount_minor', (s) => s.termsOfRelease?.amount?.amountMinor ?? null],
    ['release_currency', (s) => s.termsOfRelease?.amount?.currency ?? null],
    ['release_security', (s) => s.termsOfRelease?.security ?? null],
    ['forfeiture_amount_minor', (s) => s.ascertainedForfeiture?.amountMinor ?? null],
    ['forfeiture_currency', (s) => s.ascertainedForfeiture?.currency ?? null],
    ['disposition', (s) => s.disposition],
    ['disposition_on', (s) => s.dispositionOn],
    ['disposition_authority', (s) => s.dispositionAuthority],
    ['review_window_ends_on', (s) => s.reviewWindowEndsOn],
    ['notes', (s) => s.notes],
    ...stamps<CaseDataSeizure>(),
    ['version', (s) => s.version],
  ]),
  table<ItemRow>(
    'seized_items.csv',
    (d) => d.seizures.flatMap((s) => s.items.map((i) => ({ ...i, seizureNumber: s.seizureNumber }))),
    [
      ['id', (i) => i.id],
      ['seizure_id', (i) => i.seizureId],
      ['seizure_number', (i) => i.seizureNumber],
      ['item_number', (i) => i.itemNumber],
      ['description', (i) => i.description],
      ['quantity', (i) => i.quantity],
      ['unit', (i) => i.unit],
      ['hs_code', (i) => i.hsCode],
      ['eccn', (i) => i.eccn],
      ['origin_country', (i) => i.originCountry],
      ['value_minor', (i) => i.value.amountMinor],
      ['value_currency', (i) => i.value.currency],
      ['seal_numbers', (i) => i.sealNumbers],
      ['initial_custodian', (i) => i.initialCustodian],
      ['initial_location', (i) => i.initialLocation],
      ['created_at', (i) => i.createdAt],
    ],
  ),
  table<EntryRow>(
    'custody_entries.csv',
    (d) =>
      d.seizures.flatMap((s) =>
        s.items.flatMap((i) =>
          i.custody.entries.map((e) => ({ ...e, seizureNumber: s.seizureNumber, itemNumber: i.itemNumber })),
        ),
      ),
    [
      ['id', (e) => e.id],
      ['item_id', (e) => e.itemId],
      ['seizure_number', (e) => e.seizureNumber],
      ['item_number', (e) => e.itemNumber],
      ['slot', (e) => e.slot],
      ['effective', (e) => e.effective],
      ['corrects_entry_id', (e) => e.correctsEntryId],
      ['superseded_by', (e) => e.supersededBy],
      ['at', (e) => e.at],
      ['released_by', (e) => e.releasedBy],
      ['received_by', (e) => e.receivedBy],
      ['from_location', (e) => e.fromLocation],
      ['to_location', (e) => e.toLocation],
      ['purpose', (e) => e.purpose],
      ['condition', (e) => e.condition],
      ['seal_numbers', (e) => e.sealNumbers],
      ['notes', (e) => e.notes],
      ['recorded_at', (e) => e.recordedAt],
      ['recorded_by', (e) => e.recordedBy],
      ['recorded_by_badge', (e) => e.recordedByBadge],
    ],
  ),
  table('detentions.csv', (d) => d.detentions, [
    ['id', (d) => d.id],
    ['detention_number', (d) => d.detentionNumber],
    ['subject', (d) => d.subject],
    ['started_at', (d) => d.startedAt],
    ['place', (d) => d.place],
    ['legal_authority', (d) => d.legalAuthority],
    ['exporter_id', (d) => d.exporterId],
    ['consignee_id', (d) => d.consigneeId],
    ['destination_country', (d) => d.destinationCountry],
    ['declared_permit', (d) => d.declaredPermit],
    ['declared_eccn', (d) => d.declaredEccn],
    ['reason', (d) => d.reason],
    ['assessment_office', (d) => d.assessmentOffice],
    ['referred_on', (d) => d.referredOn],
    ['assessment_due_on', (d) => d.assessmentDueOn],
    ['assessment_answered_on', (d) => d.assessmentAnsweredOn],
    ['review_due_on', (d) => d.reviewDueOn],
    ['outcome', (d) => d.outcome],
    ['ended_at', (d) => d.endedAt],
    ['notes', (d) => d.notes],
    ...stamps<CaseDataDetention>(),
    ['version', (d) => d.version],
  ]),
  table<RequestRow>(
    'information_requests.csv',
    (d) => d.detentions.flatMap((x) => x.requests.map((r) => ({ ...r, detentionNumber: x.detentionNumber }))),
    [
      ['id', (r) => r.id],
      ['detention_id', (r) => r.detentionId],
      ['detention_number', (r) => r.detentionNumber],
      ['kind', (r) => r.kind],
      ['description', (r) => r.description],
      ['requested_on', (r) => r.requestedOn],
      ['due_on', (r) => r.dueOn],
      ['received_on', (r) => r.receivedOn],
      ['closed_on', (r) => r.closedOn],
      ...stamps<RequestRow>(),
    ],
  ),
  table('penalties.csv', (d) => d.penalties, [
    ['id', (p) => p.id],
    ['notice_number', (p) => p.noticeNumber],
    ['contravention_code', (p) => p.contraventionCode],
    ['entity_id', (p) => p.entityId],
    ['amount_minor', (p) => p.amountMinor],
    ['reduced_amount_minor', (p) => p.reducedAmountMinor],
    ['effective_amount_minor', (p) => p.effectiveAmountMinor],
    ['paid_minor', (p) => p.paidMinor],
    ['balance_minor', (p) => p.balanceMinor],
    ['currency', (p) => p.currency],
    ['reduction_reason', (p) => p.reductionReason],
    ['reduced_on', (p) => p.reducedOn],
    ['assessed_on', (p) => p.assessedOn],
    ['due_on', (p) => p.dueOn],
    ['level', (p) => p.level],
    ['status', (p) => p.status],
    ['status_on', (p) => p.statusOn],
    ['status_reason', (p) => p.statusReason],
    ['correction_window_ends_on', (p) => p.correctionWindowEndsOn],
    ['review_window_ends_on', (p) => p.reviewWindowEndsOn],
    ['notes', (p) => p.notes],
    ...stamps<CaseDataPenalty>(),
    ['version', (p) => p.version],
  ]),
  table<PaymentRow>(
    'payments.csv',
    (d) => d.penalties.flatMap((p) => p.payments.map((x) => ({ ...x, noticeNumber: p.noticeNumber }))),
    [
      ['id', (p) => p.id],
      ['penalty_id', (p) => p.penaltyId],
      ['notice_number', (p) => p.noticeNumber],
      ['paid_on', (p) => p.paidOn],
      ['amount_minor', (p) => p.amountMinor],
      ['currency', (p) => p.currency],
      ['method', (p) => p.method],
      ['reference', (p) => p.reference],
      ['created_at', (p) => p.createdAt],
    ],
  ),
  flatTable('end_use_checks.csv', (d) => d.checks, [
    'id',
    'checkNumber',
    'checkType',
    'partyId',
    'partyRole',
    'licenceNumber',
    'country',
    'conductedBy',
    'conductor',
    'method',
    'requestedOn',
    'scheduledOn',
    'conductedOn',
    'goodsPresent',
    'usedAsDeclared',
    'atDeclaredPlace',
    'byDeclaredEndUser',
    'findings',
    'status',
    'statusReason',
    'outcome',
    'unverifiedReason',
    'followUpCaseId',
    'listCandidateOn',
    'listCandidateReason',
    'notes',
    'createdAt',
    'updatedAt',
    'version',
  ]),
  flatTable('end_use_check_goods.csv', (d) => d.checks.flatMap((k) => k.goods), [
    'id',
    'checkId',
    'lineNo',
    'description',
    'quantity',
    'unit',
    'eccn',
    'hsCode',
    'seizedItemId',
    'createdAt',
    'updatedAt',
  ]),
  flatTable('inspections.csv', (d) => d.inspections, [
    'id',
    'inspectionNumber',
    'placeKind',
    'place',
    'inspectedAt',
    'shipmentReference',
    'exporterId',
    'consigneeId',
    'conveyanceId',
    'officer',
    'selection',
    'selectionDetail',
    'examined',
    'sealsFound',
    'sealsApplied',
    'findings',
    'status',
    'statusReason',
    'result',
    'completedAt',
    'detentionId',
    'seizureId',
    'notes',
    'createdAt',
    'updatedAt',
    'version',
  ]),
  flatTable<CaseDataInspectionFile & { inspectionId: string }>(
    'inspection_files.csv',
    (d) => d.inspections.flatMap((i) => i.files.map((f) => ({ ...f, inspectionId: i.id }))),
    ['id', 'inspectionId', 'evidenceId', 'createdAt'],
  ),
  flatTable('compliance_audits.csv', (d) => d.complianceAudits, [
    'id',
    'auditNumber',
    'partyId',
    'periodFrom',
    'periodTo',
    'scope',
    'auditor',
    'notifiedOn',
    'onSiteOn',
    'reportDueOn',
    'reportedOn',
    'status',
    'statusReason',
    'outcome',
    'consequence',
    'penaltyId',
    'notes',
    'createdAt',
    'updatedAt',
    'version',
  ]),
  flatTable('audit_findings.csv', (d) => d.complianceAudits.flatMap((a) => a.findings), [
    'id',
    'auditId',
    'lineNo',
    'severity',
    'provision',
    'description',
    'evidenceId',
    'createdAt',
    'updatedAt',
  ]),
  flatTable('corrective_actions.csv', (d) => d.complianceAudits.flatMap((a) => a.actions), [
    'id',
    'auditId',
    'findingId',
    'description',
    'owner',
    'dueOn',
    'completedOn',
    'createdAt',
    'updatedAt',
  ]),
  table('evidence.csv', (d) => d.evidence, [
    ['id', (e) => e.id],
    ['subject_type', (e) => e.subjectType],
    ['subject_id', (e) => e.subjectId],
    ['original_name', (e) => e.originalName],
    ['media_type', (e) => e.mediaType],
    ['size', (e) => e.size],
    ['sha256', (e) => e.sha256],
    ['acquired_at', (e) => e.acquiredAt],
    ['acquired_by', (e) => e.acquiredBy],
    ['acquired_from', (e) => e.acquiredFrom],
    ['description', (e) => e.description],
    ['added_at', (e) => e.addedAt],
    ['added_by', (e) => e.addedBy],
    ['added_by_badge', (e) => e.addedByBadge],
    ['retired_at', (e) => e.retiredAt],
    ['retired_by', (e) => e.retiredBy],
    ['retired_by_badge', (e) => e.retiredByBadge],
    ['retired_reason', (e) => e.retiredReason],
  ]),
  table('audit.csv', (d) => d.audit, [
    ['seq', (a) => a.seq],
    ['id', (a) => a.id],
    ['at', (a) => a.at],
    ['actor', (a) => a.actor],
    ['actor_badge', (a) => a.actorBadge],
    ['method', (a) => a.method],
    ['record_type', (a) => a.recordType],
    ['record_id', (a) => a.recordId],
    ['case_id', (a) => a.caseId],
    ['before', (a) => a.before],
    ['after', (a) => a.after],
    ['prev_hash', (a) => a.prevHash],
    ['hash', (a) => a.hash],
    ['device_id', (a) => a.deviceId],
    ['redacted', (a) => a.redacted],
  ]),
  table('timeline.csv', (d) => d.timeline.events, [
    ['at', (e) => e.at],
    ['precision', (e) => e.precision],
    ['kind', (e) => e.kind],
    ['record_type', (e) => e.record.type],
    ['record_id', (e) => e.record.id],
    ['item_id', (e) => e.record.itemId ?? null],
    ['params', (e) => e.params],
  ]),
  table('withheld.csv', (d) => d.withheld, [
    ['record_type', (w) => w.recordType],
    ['record_id', (w) => w.recordId],
    ['field', (w) => w.field],
    ['reason', (w) => w.reason],
    ['what', (w) => w.what],
    ['why', (w) => w.why],
  ]),
] as const;

function csvText<R>(t: CsvTable<R>, data: CaseData): string {
  const line = (fields: readonly unknown[]) => `${fields.map(csvField).join(',')}\r\n`;
  return [
    line(t.columns.map(([header]) => header)),
    ...t.rows(data).map((r) => line(t.columns.map(([, value]) => value(r)))),
  ].join('');
}

/**
 * One CSV file per record type (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
 * a quote or a line break; UTF-8 without byte-order mark), each with its header row and one row
 * per record. Money is two columns, integer minor units and the ISO 4217 code; lists and objects
 * are JSON; text a spreadsheet would run as a formula starts with an apostrophe (as in the audit
 * view's CSV), so case.json holds the exact values.
 */
export function CSV_TABLES(data: CaseData): CsvFile[] {
  return TABLES.map((t) => ({ name: t.name, text: csvText(t as CsvTable<unknown>, data) }));
}
