import { randomUUID } from 'node:crypto';
import type { Ctx } from '../contract.ts';
import { sql } from '../statements.ts';
import { DossierError } from '../errors.ts';
import { auditedTables, type RecordType } from '../shared/records.ts';
import { syncIdentifiers } from '../services/entity-identifiers.ts';
import { nextRecordNumber, numberParts } from '../services/record-numbers.ts';
import type { PackageParts } from './import-read.ts';
import type { Cell, PackageRecord, Row } from './import-rows.ts';
import type { ImportMode, Plan } from './import-plan.ts';

/**
 * Carries out an import plan in the call's transaction: every row written through the audit
 * trail (method packages.import, the acting investigator, now), then the import record that says
 * from which package, by whom and when, with what the package withheld and its audit extract as it
 * came. A row the database refuses (a constraint) refuses the whole import: nothing is kept.
 */

export interface Renumbered {
  type: RecordType;
  id: string;
  from: string;
  to: string;
}

export interface ImportResult {
  outcome: 'imported' | 'merged' | 'already_imported';
  importId: string;
  packageId: string;
  caseId: string;
  /** The case's file number here (the package's, unless it was taken). */
  fileNumber: string;
  added: number;
  updated: number;
  /** Records of the package left as they are here (ours newer, or never changed once written). */
  kept: number;
  byType: { type: RecordType; added: number; updated: number }[];
  renumbered: Renumbered[];
  withheld: number;
  importedAt: string;
  importedBy: string;
}

function freeNumber(ctx: Ctx, rec: PackageRecord, taken: string): string {
  const spec = rec.number?.spec;
  if (!spec) return taken;
  const parts = numberParts(taken);
  if (parts) return nextRecordNumber(ctx.db, spec, parts.year, parts.tag);
  const exists = sql(ctx.db, `SELECT 1 FROM ${spec.table} WHERE ${spec.column} = ?`);
  for (let i = 2; ; i++) {
    const candidate = `${taken.slice(0, 45)}-${i}`;
    if (!exists.get(candidate)) return candidate;
  }
}

function constraintRefusal(rec: Pick<PackageRecord, 'type' | 'label'>, err: unknown): never {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    throw new DossierError(
      'invalid_input',
      `sha256: ${rec.type} ${rec.label} does not fit this database (${(err as Error).message}); nothing was imported`,
      'sha256',
      'package.record_invalid',
      { record: rec.label },
    );
  }
  throw err;
}

function insert(ctx: Ctx, rec: PackageRecord, row: Row): void {
  const { table } = auditedTables[rec.type];
  const columns = Object.keys(row);
  ctx.audit.track(rec.type, rec.id, rec.auditCaseId, () => {
    try {
      sql(ctx.db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
    } catch (err) {
      constraintRefusal(rec, err);
    }
  });
  if (rec.entity) syncIdentifiers(ctx.db, rec.id, rec.entity);
}

function update(ctx: Ctx, rec: PackageRecord, set: Row, localVersion: Cell): void {
  const { table } = auditedTables[rec.type];
  const values: Row = { ...set, version: typeof localVersion === 'number' ? localVersion + 1 : 1 };
  const assignments = Object.keys(values).map((c) => `${c} = @${c}`);
  ctx.audit.track(rec.type, rec.id, rec.auditCaseId, () => {
    try {
      sql(ctx.db, `UPDATE ${table} SET ${assignments.join(', ')} WHERE id = @id`).run({ ...values, id: rec.id });
    } catch (err) {
      constraintRefusal(rec, err);
    }
  });
  if (rec.entity && 'details' in set) syncIdentifiers(ctx.db, rec.id, rec.entity);
}

export function applyPlan(ctx: Ctx, o: { parts: PackageParts; plan: Plan; mode: ImportMode; sha256: string }): ImportResult {
  const { parts, plan } = o;
  const pkg = parts.data;
  const byType = new Map<RecordType, { added: number; updated: number }>();
  const tally = (type: RecordType, what: 'added' | 'updated') => {
    const t = byType.get(type) ?? { added: 0, updated: 0 };
    t[what]++;
    byType.set(type, t);
  };
  const renumbered: Renumbered[] = [];
  for (const { rec, renumber } of plan.inserts) {
    let row = rec.row;
    if (renumber && rec.number) {
      const from = String(row[rec.number.column]);
      const to = freeNumber(ctx, rec, from);
      row = { ...row, [rec.number.column]: to };
      renumbered.push({ type: rec.type, id: rec.id, from, to });
    }
    insert(ctx, rec, row);
    tally(rec.type, 'added');
  }
  // A penalty here that receives payments from the package: its paid total is the sum of all its payments now,
  // written with the penalty's own update when it has one (its status may need the new total), else alone.
  const paidNow = (penaltyId: string) =>
    sql(ctx.db, 'SELECT coalesce(sum(amount_minor), 0) FROM penalty_payments WHERE penalty_id = ?')
      .pluck()
      .get(penaltyId) as number;
  const updates = new Map(plan.updates.map((u) => [`${u.rec.type} ${u.rec.id}`, u]));
  for (const penaltyId of plan.repaidPenalties) {
    const u = updates.get(`penalty ${penaltyId}`);
    if (u) {
      u.set = { ...u.set, paid_minor: paidNow(penaltyId) };
      continue;
    }
    const paid = paidNow(penaltyId);
    ctx.audit.track('penalty', penaltyId, pkg.case.id, () => {
      try {
        sql(ctx.db, 'UPDATE penalties SET paid_minor = ? WHERE id = ? AND paid_minor <> ?').run(paid, penaltyId, paid);
      } catch (err) {
        constraintRefusal({ type: 'penalty', label: penaltyId }, err);
      }
    });
  }
  for (const u of updates.values()) {
    update(ctx, u.rec, u.set, u.local.version as Cell);
    tally(u.rec.type, 'updated');
  }

  const importId = randomUUID();
  const now = ctx.now();
  const info = (label: string) => parts.info.find(([l]) => l === label)?.[1] ?? '';
  const added = plan.inserts.length;
  const kept = plan.changes.filter((c) => c.change === 'changed' && c.action === 'keep').length;
  const changes = {
    added: Object.fromEntries([...byType].filter(([, t]) => t.added).map(([type, t]) => [type, t.added])),
    updated: Object.fromEntries([...byType].filter(([, t]) => t.updated).map(([type, t]) => [type, t.updated])),
    kept,
    renumbered,
  };
  ctx.audit.track('package_import', importId, pkg.case.id, () => {
    sql(
      ctx.db,
      `INSERT INTO package_imports (id, package_id, file_sha256, case_id, file_number, mode, profile, exported_at,
         dossier_version, source_organization, contact_name, source_audit_head, imported_at, imported_by, imported_by_badge,
         withheld, changes, audit_extract_sha256)
       VALUES (@id, @packageId, @sha256, @caseId, @fileNumber, @mode, @profile, @exportedAt, @dossierVersion, @org, @contact,
         @head, @now, @actor, @badge, @withheld, @changes, @extractSha)`,
    ).run({
      id: importId,
      packageId: pkg.packageId,
      sha256: o.sha256,
      caseId: pkg.case.id,
      fileNumber: pkg.case.fileNumber,
      mode: o.mode,
      profile: pkg.profile,
      exportedAt: pkg.exportedAt,
      dossierVersion: pkg.dossierVersion,
      org: info('Source-Organization'),
      contact: info('Contact-Name'),
      head: info('Dossier-Audit-Head'),
      now,
      actor: ctx.actor.name,
      badge: ctx.actor.badge,
      withheld: JSON.stringify(pkg.withheld),
      changes: JSON.stringify(changes),
      extractSha: parts.auditExtractSha256,
    });
  });
  sql(ctx.db, 'INSERT INTO package_import_extracts (import_id, text) VALUES (?, ?)').run(importId, parts.auditExtract);
  const fileNumber = sql(ctx.db, 'SELECT file_number FROM cases WHERE id = ?').pluck().get(pkg.case.id) as string;
  return {
    outcome: plan.status === 'exists' ? 'merged' : 'imported',
    importId,
    packageId: pkg.packageId,
    caseId: pkg.case.id,
    fileNumber,
    added,
    updated: updates.size,
    kept,
    byType: [...byType].map(([type, t]) => ({ type, ...t })),
    renumbered,
    withheld: pkg.withheld.length,
    importedAt: now,
    importedBy: ctx.actor.name,
  };
}
