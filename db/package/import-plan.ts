import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { DossierError } from '../errors.ts';
import { loadRaw, type RawRow } from '../audit.ts';
import type { RecordType } from '../shared/records.ts';
import { collectCase, type CaseData } from './case-data.ts';
import type { PackageCase, PackageWithheld } from './import-schema.ts';
import { moneyText, type Cell, type PackageRecord, type Row } from './import-rows.ts';

/**
 * What importing a package would do here, record by record: each record of the package is new
 * here, the same, or changed (the fields that differ, ours and the package's); each record of our
 * copy of the case that the package lacks is kept (an import never removes anything). The same
 * plan is shown by packages.inspect and carried out by packages.import, so what the user saw is
 * what is written.
 *
 * The rules: a record new here is added under its id. A changed record is brought in only when
 * merging, field by field: against the record as an earlier import wrote it here (its last
 * packages.import audit record), a field changed only there is brought in, a field changed here is
 * kept (changed on both sides: ours is kept, and both are shown); for a record no import wrote
 * before, the whole record is brought in when the package's copy was changed later than ours.
 * Never for the records nothing may change once written (seized items, custody entries, payments,
 * evidence: triggers guard them) nor for the fields a partner package withheld. An entity already
 * here is reused, never duplicated. A record number taken here by another record gets the next
 * free number when the record is added.
 */

export type ImportMode = 'new' | 'merge';
export type PackageStatus = 'new' | 'exists' | 'already_imported';

export type KeepReason =
  'here_newer' | 'changed_here' | 'both_changed' | 'append_only' | 'not_merging' | 'not_in_package' | 'withheld';

export interface FieldChange {
  field: string;
  here: string;
  package: string;
  /** Brought in on import; else kept as here, for `why`. */
  take: boolean;
  why: KeepReason | null;
}

type Decision = { take: true; why: null } | { take: false; why: KeepReason };

export interface RecordChange {
  change: 'new' | 'changed' | 'only_here';
  type: RecordType;
  id: string;
  label: string;
  /** For a changed record: the fields that differ, each brought in or kept. */
  fields: FieldChange[];
  /** update: at least one field is brought in. */
  action: 'add' | 'update' | 'keep';
  /** Why the record is kept as here (every field kept for the same reason, or the first field's). */
  why: KeepReason | null;
  /** A record added whose number is taken here by another record: it gets the next free number. */
  renumber: boolean;
}

export interface PlannedUpdate {
  rec: PackageRecord;
  /** The columns to write, with the package's values. */
  set: Row;
  local: RawRow;
}

export interface Plan {
  status: PackageStatus;
  mode: ImportMode;
  inserts: { rec: PackageRecord; renumber: boolean }[];
  updates: PlannedUpdate[];
  changes: RecordChange[];
  /** Penalties here that receive payments from the package: their paid total is summed again. */
  repaidPenalties: string[];
  imported: { id: string; at: string; by: string; mode: ImportMode } | null;
}

/**
 * Never compared: bookkeeping that differs between copies of the same record, and what follows
 * from other records (a penalty's paid total is its payments', which are compared one by one and
 * summed again after an import brings new ones).
 */
const BOOKKEEPING = new Set(['seq', 'version', 'updated_at', 'search_text', 'paid_minor']);
/** Columns that tie a record to its parent: a record here under another parent is another record. */
const PARENTS = ['case_id', 'seizure_id', 'item_id', 'detention_id', 'penalty_id', 'check_id', 'inspection_id', 'audit_id'];

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 299)}…` : s;
}

function same(a: unknown, b: Cell): boolean {
  return (a ?? null) === b;
}

/** The fields of one differing column, as people read them: an entity's own fields (its details) one by one. */
function fieldChanges(c: string, ours: unknown, theirs: Cell, d: Decision): FieldChange[] {
  if (c === 'details' && typeof ours === 'string' && typeof theirs === 'string') {
    const a = JSON.parse(ours) as Record<string, unknown>;
    const b = JSON.parse(theirs) as Record<string, unknown>;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      .map((k) => ({ field: k, here: show(a[k]), package: show(b[k]), ...d }));
  }
  return [{ field: c, here: show(ours), package: show(theirs), ...d }];
}

/** The record as the last import wrote it here, if one did: what each side changed since. */
function importedState(db: Db, rec: PackageRecord): RawRow | null {
  const after = sql(
    db,
    `SELECT after FROM audit_log WHERE record_type = ? AND record_id = ? AND method = 'packages.import' AND after IS NOT NULL
     ORDER BY seq DESC LIMIT 1`,
  )
    .pluck()
    .get(rec.type, rec.id) as string | undefined;
  return after === undefined ? null : (JSON.parse(after) as RawRow);
}

function otherCase(rec: PackageRecord, column: string, ours: unknown): never {
  throw new DossierError(
    'invalid_input',
    `sha256: ${rec.type} ${rec.label} (${rec.id}) is here under another ${column.replace(/_id$/, '')} (${String(ours)}): ` +
      'the package and this database disagree on what it belongs to',
    'sha256',
    'package.other_parent',
    { record: rec.label },
  );
}

function unknownReference(rec: PackageRecord, column: string, id: string): never {
  throw new DossierError(
    'invalid_input',
    `sha256: ${rec.type} ${rec.label}: ${column} names ${id}, which is neither in the package nor here`,
    'sha256',
    'package.reference',
    { record: rec.label, target: id },
  );
}

/** The records of our copy of the case, by type and id, with their labels. */
function localRecords(data: CaseData): { type: RecordType; id: string; label: string }[] {
  const out: { type: RecordType; id: string; label: string }[] = [
    { type: 'case', id: data.case.id, label: data.case.fileNumber },
  ];
  const names = new Map(data.entities.map((e) => [e.id, e.name]));
  for (const e of data.entities) {
    out.push({ type: 'entity', id: e.id, label: e.name });
    for (const r of e.roles) out.push({ type: 'case_entity', id: r.id, label: `${r.role.replaceAll('_', ' ')}: ${e.name}` });
  }
  for (const l of data.links) {
    const label = `${names.get(l.fromId) ?? l.fromId} ${l.type.replaceAll('_', ' ')} ${names.get(l.toId) ?? l.toId}`;
    out.push({ type: 'entity_link', id: l.id, label });
  }
  for (const s of data.seizures) {
    out.push({ type: 'seizure', id: s.id, label: s.seizureNumber });
    for (const i of s.items) {
      out.push({ type: 'seized_item', id: i.id, label: `${s.seizureNumber} #${i.itemNumber} ${i.description}` });
      for (const e of i.custody.entries)
        out.push({
          type: 'custody_entry',
          id: e.id,
          label: `${s.seizureNumber} #${i.itemNumber}: ${e.releasedBy} → ${e.receivedBy}`,
        });
    }
  }
  for (const d of data.detentions) {
    out.push({ type: 'detention', id: d.id, label: d.detentionNumber });
    for (const r of d.requests)
      out.push({ type: 'detention_info_request', id: r.id, label: `${d.detentionNumber}: ${r.kind.replaceAll('_', ' ')}` });
  }
  for (const p of data.penalties) {
    out.push({ type: 'penalty', id: p.id, label: p.noticeNumber });
    for (const x of p.payments)
      out.push({
        type: 'penalty_payment',
        id: x.id,
        label: `${p.noticeNumber}: ${x.paidOn}, ${moneyText(x.amountMinor, x.currency)}`,
      });
  }
  for (const k of data.checks) {
    out.push({ type: 'end_use_check', id: k.id, label: k.checkNumber });
    for (const g of k.goods)
      out.push({ type: 'end_use_check_goods', id: g.id, label: `${k.checkNumber} #${g.lineNo} ${g.description}` });
  }
  for (const i of data.inspections) out.push({ type: 'inspection', id: i.id, label: i.inspectionNumber });
  for (const a of data.complianceAudits) out.push({ type: 'compliance_audit', id: a.id, label: a.auditNumber });
  for (const e of data.evidence) out.push({ type: 'evidence', id: e.id, label: e.originalName });
  for (const i of data.inspections)
    for (const f of i.files) out.push({ type: 'inspection_evidence', id: f.id, label: `${i.inspectionNumber}: ${f.evidenceId}` });
  for (const a of data.complianceAudits) {
    for (const f of a.findings) out.push({ type: 'audit_finding', id: f.id, label: `${a.auditNumber} #${f.lineNo}` });
    for (const x of a.actions) out.push({ type: 'corrective_action', id: x.id, label: `${a.auditNumber}: ${x.owner}` });
  }
  return out;
}

/** Whether another record here already holds this number. */
function numberTaken(db: Db, rec: PackageRecord): boolean {
  if (!rec.number) return false;
  const { table, column } = rec.number.spec;
  const holder = sql(db, `SELECT id FROM ${table} WHERE ${column} = ?`).pluck().get(rec.row[rec.number.column]) as
    string | undefined;
  return holder !== undefined && holder !== rec.id;
}

export function planImport(db: Db, pkg: PackageCase, records: readonly PackageRecord[], mode: ImportMode): Plan {
  const done = sql(db, 'SELECT id, imported_at AS at, imported_by AS by, mode FROM package_imports WHERE package_id = ?').get(
    pkg.packageId,
  ) as Plan['imported'] | undefined;
  const exists = loadRaw(db, 'case', pkg.case.id) !== undefined;
  const status: PackageStatus = done ? 'already_imported' : exists ? 'exists' : 'new';
  const plan: Plan = { status, mode, inserts: [], updates: [], changes: [], repaidPenalties: [], imported: done ?? null };
  if (done) return plan;

  const inPackage = new Map<RecordType, Set<string>>();
  for (const r of records) {
    const set = inPackage.get(r.type) ?? new Set<string>();
    set.add(r.id);
    inPackage.set(r.type, set);
  }
  const has = (type: RecordType, id: string) => inPackage.get(type)?.has(id) === true || loadRaw(db, type, id) !== undefined;
  const entityRef = (rec: PackageRecord, column: string, id: Cell) => {
    if (typeof id === 'string' && !has('entity', id)) unknownReference(rec, column, id);
  };
  const repaid = new Set<string>();

  for (const rec of records) {
    const row = rec.row;
    for (const column of ['from_entity_id', 'to_entity_id', 'seized_from_entity_id', 'owner_entity_id', 'conveyance_entity_id']) {
      if (column in row) entityRef(rec, column, row[column] ?? null);
    }
    if (rec.type === 'detention') {
      entityRef(rec, 'exporter_id', row.exporter_id ?? null);
      entityRef(rec, 'consignee_id', row.consignee_id ?? null);
    }
    if (rec.type === 'penalty') entityRef(rec, 'entity_id', row.entity_id ?? null);
    if (rec.type === 'end_use_check' || rec.type === 'compliance_audit') entityRef(rec, 'party_id', row.party_id ?? null);
    if (rec.type === 'inspection') {
      for (const column of ['exporter_id', 'consignee_id', 'conveyance_id']) entityRef(rec, column, row[column] ?? null);
    }
    // A check's follow-up case lives in another file: here it is kept only when that case is here too.
    if (rec.type === 'end_use_check' && typeof row.follow_up_case_id === 'string' && !has('case', row.follow_up_case_id)) {
      row.follow_up_case_id = null;
      rec.withheld.push('follow_up_case_id');
    }
    if (rec.type === 'seizure') {
      for (const id of JSON.parse(String(row.claimant_entity_ids)) as string[]) entityRef(rec, 'claimant_entity_ids', id);
    }
    if (rec.type === 'evidence' && row.subject_type !== 'case') {
      const type = row.subject_type === 'entity' ? 'entity' : 'seized_item';
      if (!has(type, String(row.subject_id))) unknownReference(rec, 'subject_id', String(row.subject_id));
    }
    if (rec.type === 'custody_entry' && typeof row.corrects_entry_id === 'string' && !has('custody_entry', row.corrects_entry_id))
      unknownReference(rec, 'corrects_entry_id', row.corrects_entry_id);

    const local = loadRaw(db, rec.type, rec.id);
    if (!local) {
      if (rec.type === 'case_entity') {
        // The same role under another id (given here and there): one role, kept as here.
        const twin = sql(db, 'SELECT 1 FROM case_entities WHERE case_id = ? AND entity_id = ? AND role = ?').get(
          row.case_id,
          row.entity_id,
          row.role,
        );
        if (twin) continue;
      }
      if (rec.type === 'seized_item') {
        const holder = sql(db, 'SELECT id FROM seized_items WHERE seizure_id = ? AND item_number = ?')
          .pluck()
          .get(row.seizure_id, row.item_number) as string | undefined;
        if (holder !== undefined) {
          throw new DossierError(
            'invalid_input',
            `sha256: ${rec.label}: this seizure already has another item numbered ${String(row.item_number)} here`,
            'sha256',
            'package.item_number_taken',
            { record: rec.label },
          );
        }
      }
      if (rec.type === 'penalty_payment' && typeof row.penalty_id === 'string' && loadRaw(db, 'penalty', row.penalty_id))
        repaid.add(row.penalty_id);
      const renumber = numberTaken(db, rec);
      plan.inserts.push({ rec, renumber });
      // A new case is all new: only what needs saying (a number given anew) is listed; the counts say the rest.
      if (status === 'exists' || renumber) {
        plan.changes.push({
          change: 'new',
          type: rec.type,
          id: rec.id,
          label: rec.label,
          fields: [],
          action: 'add',
          why: null,
          renumber,
        });
      }
      continue;
    }
    for (const p of PARENTS) {
      if (p in row && p in local && local[p] !== row[p]) otherCase(rec, p, local[p]);
    }
    const columns = Object.keys(row).filter((c) => !BOOKKEEPING.has(c) && !rec.withheld.includes(c));
    let compared = columns;
    if (rec.number && local[rec.number.column] !== row[rec.number.column] && numberTaken(db, rec))
      // Renumbered here at an earlier import (or changed since): ours stays, the other record keeps its number.
      compared = columns.filter((c) => c !== rec.number?.column);
    const differing = compared.filter((c) => !same(local[c], row[c] ?? null));
    if (differing.length === 0) continue;
    const base = rec.appendOnly || mode === 'new' ? null : importedState(db, rec);
    const newer = typeof row.updated_at === 'string' && typeof local.updated_at === 'string' && row.updated_at > local.updated_at;
    const decide = (c: string): Decision => {
      if (rec.appendOnly) return { take: false, why: 'append_only' };
      if (mode === 'new') return { take: false, why: 'not_merging' };
      if (base && c in base) {
        if (same(local[c], (base[c] ?? null) as Cell)) return { take: true, why: null };
        return { take: false, why: same(base[c], row[c] ?? null) ? 'changed_here' : 'both_changed' };
      }
      return newer ? { take: true, why: null } : { take: false, why: 'here_newer' };
    };
    const set: Row = {};
    const fields: FieldChange[] = [];
    for (const c of differing) {
      const d = decide(c);
      if (d.take) set[c] = row[c] ?? null;
      fields.push(...fieldChanges(c, local[c], row[c] ?? null, d));
    }
    const taken = Object.keys(set).length > 0;
    if (taken) {
      // An entity's name and list country follow from its own fields: they come with them.
      if ('details' in set) for (const c of ['name', 'country', 'search_text']) set[c] = row[c] ?? (c === 'country' ? null : '');
      const theirs = String(row.updated_at ?? '');
      const ours = String(local.updated_at ?? '');
      set.updated_at = theirs > ours ? theirs : ours;
      plan.updates.push({ rec, set, local });
    }
    plan.changes.push({
      change: 'changed',
      type: rec.type,
      id: rec.id,
      label: rec.label,
      fields,
      action: taken ? 'update' : 'keep',
      why: taken ? null : (fields[0]?.why ?? 'here_newer'),
      renumber: false,
    });
  }
  plan.repaidPenalties = [...repaid];

  if (exists) {
    const withheldWhole = new Set(pkg.withheld.filter((w: PackageWithheld) => w.field === null).map((w) => w.recordId));
    for (const l of localRecords(collectCase(db, pkg.case.id, 'prosecution'))) {
      if (inPackage.get(l.type)?.has(l.id)) continue;
      plan.changes.push({
        change: 'only_here',
        type: l.type,
        id: l.id,
        label: l.label,
        fields: [],
        action: 'keep',
        why: withheldWhole.has(l.id) ? 'withheld' : 'not_in_package',
        renumber: false,
      });
    }
  }
  return plan;
}
