import type { z } from 'zod';
import type { Ctx } from '../contract.ts';
import { sql } from '../statements.ts';
import { DossierError } from '../errors.ts';
import { blobPath, blobStat } from '../evidence-store.ts';
import type { RecordType } from '../shared/records.ts';
import type { CaseDataProfile } from './case-data.ts';
import type { packageImportInput, packageInspectInput } from '../shared/inputs/packages.ts';
import type { PackageWithheld } from './import-schema.ts';
import { readPackageParts, type PackageParts } from './import-read.ts';
import { packageRecords, type PackageRecord } from './import-rows.ts';
import { planImport, type ImportMode, type PackageStatus, type Plan, type RecordChange } from './import-plan.ts';
import { applyPlan, type ImportResult } from './import-apply.ts';

/**
 * Importing an evidence package (a bag Dossier exported) into this database: `packages.inspect`
 * says what an import would do, record by record; `packages.import` does it, in one transaction,
 * every write in the audit trail under method packages.import. Both read the package from the
 * evidence store, where it was uploaded, and check what they read against the bag's manifests
 * (import-read.ts); the import job (import-job.ts) verifies the whole bag first, as any BagIt tool
 * would, and copies the evidence files into the store, each checked against its SHA-256.
 */

export type { ImportResult, ImportMode, PackageStatus, RecordChange };

/** Records of one type in the package, and what an import does with them. */
export interface TypeCount {
  type: RecordType;
  inPackage: number;
  add: number;
  update: number;
  /** Changed in the package, kept as here (ours newer, never changed once written, or not merging). */
  keep: number;
  /** The same here. */
  same: number;
  /** Ours, not in the package (kept). */
  onlyHere: number;
}

export interface PackageInspection {
  sha256: string;
  size: number;
  packageId: string;
  profile: CaseDataProfile;
  exportedAt: string;
  dossierVersion: string;
  sourceOrganization: string;
  contactName: string;
  caseId: string;
  fileNumber: string;
  title: string;
  securityMarking: string;
  status: PackageStatus;
  /** What Import does: a new case, or a merge into ours. */
  mode: ImportMode;
  /** When it was imported before (status already_imported). */
  imported: { at: string; by: string; mode: ImportMode } | null;
  /** Our copy of the case (status exists). */
  here: { fileNumber: string; title: string } | null;
  counts: TypeCount[];
  /** Record by record, what differs (for a new case: only what needs saying); at most MAX_CHANGES. */
  changes: RecordChange[];
  changesTotal: number;
  withheld: PackageWithheld[];
  evidence: { files: number; bytes: number; storedHere: number };
}

export const MAX_CHANGES = 2000;

const TYPE_ORDER: RecordType[] = [
  'case',
  'entity',
  'case_entity',
  'entity_link',
  'seizure',
  'seized_item',
  'custody_entry',
  'detention',
  'detention_info_request',
  'penalty',
  'penalty_payment',
  'end_use_check',
  'end_use_check_goods',
  'inspection',
  'compliance_audit',
  'evidence',
  'inspection_evidence',
  'audit_finding',
  'corrective_action',
];

function requireStore(ctx: Ctx): string {
  if (!ctx.dataDir) {
    throw new DossierError(
      'invalid_input',
      'sha256: packages are read from the evidence store, which only a database file has',
      'sha256',
      'package.no_store',
      {},
    );
  }
  return ctx.dataDir;
}

/** The package's file in the evidence store, where it was uploaded. */
export function storedPackage(dataDir: string, input: { sha256: string; size: number }): string {
  const stat = blobStat(dataDir, input.sha256);
  if (!stat) {
    throw new DossierError(
      'invalid_input',
      'sha256: the evidence store holds no package with this SHA-256: upload it first',
      'sha256',
      'package.not_stored',
      {},
    );
  }
  if (stat.size !== input.size) {
    throw new DossierError(
      'invalid_input',
      `size: the stored package with this SHA-256 has ${stat.size} bytes, not ${input.size}`,
      'size',
      'package.size_mismatch',
      { storedSize: stat.size, size: input.size },
    );
  }
  return blobPath(dataDir, input.sha256);
}

interface Prepared {
  parts: PackageParts;
  records: PackageRecord[];
  plan: Plan;
}

function prepare(ctx: Ctx, input: { sha256: string; size: number }, mode: (exists: boolean) => ImportMode): Prepared {
  const parts = readPackageParts(storedPackage(requireStore(ctx), input));
  const records = packageRecords(parts.data);
  const exists = sql(ctx.db, 'SELECT 1 FROM cases WHERE id = ?').get(parts.data.case.id) !== undefined;
  return { parts, records, plan: planImport(ctx.db, parts.data, records, mode(exists)) };
}

function counts(records: readonly PackageRecord[], plan: Plan): TypeCount[] {
  const out = new Map<RecordType, TypeCount>(
    TYPE_ORDER.map((type) => [type, { type, inPackage: 0, add: 0, update: 0, keep: 0, same: 0, onlyHere: 0 }]),
  );
  const of = (type: RecordType) => out.get(type) as TypeCount;
  for (const r of records) of(r.type).inPackage++;
  for (const i of plan.inserts) of(i.rec.type).add++;
  for (const c of plan.changes) {
    if (c.change === 'changed') of(c.type)[c.action === 'update' ? 'update' : 'keep']++;
    if (c.change === 'only_here') of(c.type).onlyHere++;
  }
  for (const t of out.values()) t.same = t.inPackage - t.add - t.update - t.keep;
  return [...out.values()].filter((t) => t.inPackage > 0 || t.onlyHere > 0);
}

export function inspectPackage(ctx: Ctx, input: z.output<typeof packageInspectInput>): PackageInspection {
  const { parts, records, plan } = prepare(ctx, input, (exists) => (exists ? 'merge' : 'new'));
  const pkg = parts.data;
  const info = (label: string) => parts.info.find(([l]) => l === label)?.[1] ?? '';
  const here =
    plan.status === 'exists'
      ? (sql(ctx.db, 'SELECT file_number AS fileNumber, title FROM cases WHERE id = ?').get(pkg.case.id) as {
          fileNumber: string;
          title: string;
        })
      : null;
  const dataDir = requireStore(ctx);
  return {
    sha256: input.sha256,
    size: input.size,
    packageId: pkg.packageId,
    profile: pkg.profile,
    exportedAt: pkg.exportedAt,
    dossierVersion: pkg.dossierVersion,
    sourceOrganization: info('Source-Organization'),
    contactName: info('Contact-Name'),
    caseId: pkg.case.id,
    fileNumber: pkg.case.fileNumber,
    title: pkg.case.title,
    securityMarking: pkg.case.securityMarking,
    status: plan.status,
    mode: plan.mode,
    imported: plan.imported ? { at: plan.imported.at, by: plan.imported.by, mode: plan.imported.mode } : null,
    here,
    counts: plan.status === 'already_imported' ? [] : counts(records, plan),
    changes: plan.changes.slice(0, MAX_CHANGES),
    changesTotal: plan.changes.length,
    withheld: pkg.withheld,
    evidence: {
      files: pkg.evidence.length,
      bytes: pkg.evidence.reduce((n, e) => n + e.size, 0),
      storedHere: pkg.evidence.filter((e) => blobStat(dataDir, e.sha256)?.size === e.size).length,
    },
  };
}

export function importPackage(ctx: Ctx, input: z.output<typeof packageImportInput>): ImportResult {
  const { parts, plan } = prepare(ctx, input, () => input.mode);
  const pkg = parts.data;
  if (plan.imported) {
    const fileNumber = sql(ctx.db, 'SELECT file_number FROM cases WHERE id = ?').pluck().get(pkg.case.id) as string;
    return {
      outcome: 'already_imported',
      importId: plan.imported.id,
      packageId: pkg.packageId,
      caseId: pkg.case.id,
      fileNumber,
      added: 0,
      updated: 0,
      kept: 0,
      byType: [],
      renumbered: [],
      withheld: pkg.withheld.length,
      importedAt: plan.imported.at,
      importedBy: plan.imported.by,
    };
  }
  if (plan.status === 'exists' && input.mode === 'new') {
    const here = sql(ctx.db, 'SELECT file_number FROM cases WHERE id = ?').pluck().get(pkg.case.id) as string;
    throw new DossierError(
      'invalid_input',
      `mode: case ${here} is already here: inspect the package and merge it (mode merge) to bring in what is new and changed`,
      'mode',
      'package.case_exists',
      { fileNumber: here },
    );
  }
  const dataDir = requireStore(ctx);
  for (const { rec } of plan.inserts) {
    if (rec.type !== 'evidence') continue;
    const sha = String(rec.row.sha256);
    if (blobStat(dataDir, sha)?.size !== rec.row.size) {
      throw new DossierError(
        'invalid_input',
        `sha256: the evidence file ${rec.label} (${sha}) is not in the evidence store yet: ` +
          'import with `dossier import` or File > Import package, which copy it from the package first',
        'sha256',
        'package.evidence_not_stored',
        { file: rec.label },
      );
    }
  }
  return applyPlan(ctx, { parts, plan, mode: input.mode, sha256: input.sha256 });
}
