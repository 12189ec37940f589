import { z } from 'zod';
import type Database from 'better-sqlite3';
import { checkDatabase, type CheckReport } from '../check.ts';
import { loadChainTrust } from '../chain-check.ts';
import type { Invoke } from '../contract.ts';
import { seedAll, type SeedAllResult } from '../seed/all.ts';
import { rebuildSearchIndex } from '../search/docs.ts';
import { screenAll } from '../screening/screen.ts';
import { screeningRunInput } from '../shared/inputs/screening.ts';
import { extractEvidenceText } from '../search/extract.ts';
import { findDuplicates, type DuplicateSearchResult } from '../services/duplicates.ts';
import { exportCase, type ExportResult } from '../package/export.ts';
import { EXPORT_NAME_RE, exportFileName, exportsDir } from '../package/exports-dir.ts';
import { printRecord, type PrintedRecord } from '../package/print-record.ts';
import { verifyBag, type BagReport } from '../package/verify.ts';
import { CASE_DATA_PROFILES } from '../package/case-data.ts';
import { uuid } from '../shared/schemas.ts';
import path from 'node:path';
import { localDate } from '../shared/time.ts';
import { runPackageJob, type PackageJobResult } from '../package/import-job.ts';
import { packageImportInput, packageInspectInput } from '../shared/inputs/packages.ts';
import { runListImportJob, type ListJobResult } from '../screening/import-job.ts';
import { listImportInput } from '../shared/inputs/lists.ts';
import { JOB_KINDS, type JobKind, type JobStep } from '../shared/domain.ts';

/** What a job's body gets in its worker: its own connection, and the way to report and stop. */
export interface JobContext {
  /** The worker's own connection to the database file (read-only for a `read` job). */
  db: Database.Database;
  /** The folder of the database file (the evidence store). */
  dataDir: string;
  /** The better-sqlite3 build the worker loads (Electron's), for any further connection. */
  nativeBinding: string | undefined;
  /** The installation's key folder: what a check trusts, and the heads it signed. */
  keyDir: string;
  /** The contract on the worker's connection, for a `write` job that writes as a user would (validated, audited). */
  invoke: Invoke;
  progress(done: number, total: number, step: JobStep, detail?: string): void;
  /** True once the user asked to cancel: the body stops at its next check (see JobCancelled). */
  cancelled(): boolean;
}

export interface JobKindSpec<S extends z.ZodType, R> {
  summary: string;
  /** read: the worker opens the file read-only. */
  access: 'read' | 'write';
  input: S;
  run(ctx: JobContext, input: z.output<S>): R;
}

function defineJob<S extends z.ZodType, R>(spec: JobKindSpec<S, R>): JobKindSpec<S, R> {
  return spec;
}

/**
 * Every kind of long work, by name: each runs in a worker thread with its own connection, never on
 * the thread that answers the user (Electron's main process, the HTTP server's loop).
 */
export const jobKinds = {
  check: defineJob({
    summary: 'Check the database: integrity, foreign keys, the audit chain, record states and evidence files.',
    access: 'read',
    input: z.strictObject({}),
    run: (ctx): CheckReport =>
      checkDatabase(ctx.db, {
        dataDir: ctx.dataDir,
        progress: (p) => ctx.progress(p.done, p.total, p.step),
        cancelled: ctx.cancelled,
        trust: loadChainTrust(ctx.db, ctx.keyDir),
        nativeBinding: ctx.nativeBinding,
      }),
  }),
  seed: defineJob({
    summary:
      'Fill the database with realistic synthetic cases, parties, seizures, detentions and penalties (for trying Dossier and the bench).',
    access: 'write',
    input: z.strictObject({
      cases: z.int().min(1).max(1_000_000),
      seed: z.int().default(1),
      entitiesPerCase: z.int().min(0).max(4).default(3),
    }),
    run: (ctx, input): SeedAllResult =>
      seedAll(ctx.db, ctx.invoke, {
        ...input,
        today: localDate(new Date()),
        progress: ctx.progress,
        cancelled: ctx.cancelled,
      }),
  }),
  duplicates: defineJob({
    summary:
      'Look for possible duplicate entities (names folded across scripts, legal forms and word order; shared identifiers, ' +
      'addresses, dates of birth) and replace the last findings.',
    // It writes only its findings (duplicate_candidates), derived data outside the audit trail.
    access: 'write',
    input: z.strictObject({}),
    run: (ctx): DuplicateSearchResult =>
      findDuplicates(ctx.db, { now: new Date().toISOString(), progress: ctx.progress, cancelled: ctx.cancelled }),
  }),
  export: defineJob({
    summary:
      'Export a case as an evidence package (a BagIt bag in a ZIP) into the exports folder beside the database: ' +
      'the report, every record, the evidence files and the audit extract. No file is left if it is cancelled or fails.',
    access: 'read',
    input: z.strictObject({
      caseId: uuid,
      profile: z.enum(CASE_DATA_PROFILES).default('prosecution'),
      locale: z.enum(['en', 'fr']).default('en'),
    }),
    run: async (ctx, input): Promise<ExportResult & { name: string }> => {
      const now = new Date().toISOString();
      const fileNumber = ctx.db.prepare('SELECT file_number FROM cases WHERE id = ?').pluck().get(input.caseId) as
        string | undefined;
      const name = exportFileName(fileNumber ?? 'case', input.profile, now);
      const result = await exportCase(ctx.db, ctx.dataDir, {
        ...input,
        now,
        out: path.join(exportsDir(ctx.dataDir), name),
        progress: (done, total, file) => ctx.progress(done, total, 'export_packing', file),
        cancelled: ctx.cancelled,
      });
      return { ...result, name };
    },
  }),
  printRecord: defineJob({
    summary:
      "Print a seizure's chain-of-custody record or a case's one-page summary as a PDF in the exports folder (File > Print).",
    access: 'read',
    input: z.strictObject({ record: z.enum(['custody', 'summary']), id: uuid, locale: z.enum(['en', 'fr']).default('en') }),
    run: (ctx, input): Promise<PrintedRecord> => printRecord(ctx.db, ctx.dataDir, { ...input, now: new Date().toISOString() }),
  }),
  verifyPackage: defineJob({
    summary: 'Check an exported evidence package (by its name in the exports folder) as any BagIt tool would.',
    access: 'read',
    input: z.strictObject({ name: z.string().regex(EXPORT_NAME_RE) }),
    run: (ctx, input): Promise<BagReport> =>
      verifyBag(path.join(exportsDir(ctx.dataDir), input.name), {
        progress: (done, total, file) => ctx.progress(done, total, 'verify_package', file),
      }),
  }),
  inspectPackage: defineJob({
    summary:
      'Verify an evidence package uploaded into the evidence store as any BagIt tool would, then say what importing it ' +
      'would do (packages.inspect): a new case, already imported, or a case already here with what differs.',
    access: 'read',
    input: packageInspectInput,
    run: (ctx, input): Promise<PackageJobResult> =>
      runPackageJob({
        ...input,
        mode: 'inspect',
        dataDir: ctx.dataDir,
        invoke: ctx.invoke,
        progress: ctx.progress,
        cancelled: ctx.cancelled,
      }),
  }),
  importPackage: defineJob({
    summary:
      'Import an evidence package uploaded into the evidence store: verify the bag, copy its evidence files into the store ' +
      '(each checked against its SHA-256), then write the case and its records (packages.import). Cancelled, nothing is imported.',
    access: 'write',
    input: packageImportInput,
    run: (ctx, input): Promise<PackageJobResult> =>
      runPackageJob({ ...input, dataDir: ctx.dataDir, invoke: ctx.invoke, progress: ctx.progress, cancelled: ctx.cancelled }),
  }),
  importList: defineJob({
    summary:
      'Load a screening list uploaded into the evidence store (lists.import): the file read and checked with its progress, ' +
      'then its entries written in one transaction, replacing those of the list of that name. Cancelled while reading, ' +
      'or refused (the line or record and the reason in its result), the list stays as it was. Once written, every ' +
      'person, organization and conveyance is screened again against the lists as they now are.',
    access: 'write',
    input: listImportInput,
    run: (ctx, input): Promise<ListJobResult> =>
      runListImportJob({
        input,
        dataDir: ctx.dataDir,
        invoke: ctx.invoke,
        progress: ctx.progress,
        cancelled: ctx.cancelled,
        screen: () =>
          screenAll(ctx.db, {
            now: new Date().toISOString(),
            progress: (done, total) => ctx.progress(done, total, 'screening_entities'),
            cancelled: ctx.cancelled,
          }),
      }),
  }),
  rebuildSearch: defineJob({
    summary: 'Build the search index again from every record (dossier search --rebuild).',
    // It writes only the index (search_docs), derived data outside the audit trail.
    access: 'write',
    input: z.strictObject({}),
    run: (ctx): { docs: number } =>
      rebuildSearchIndex(ctx.db, {
        progress: (done, total) => ctx.progress(done, total, 'search_rebuild'),
        cancelled: ctx.cancelled,
      }),
  }),
  extractText: defineJob({
    summary:
      'Read the text of evidence files (plain text, CSV, PDF) so that the search finds words inside them: the given ' +
      'files, or every file not read yet. The files are not changed; the text is kept beside them.',
    access: 'write',
    input: z.strictObject({ evidenceIds: z.array(uuid).max(1000).optional() }),
    run: (ctx, input) =>
      extractEvidenceText(ctx.db, ctx.dataDir, {
        ids: input.evidenceIds,
        now: new Date().toISOString(),
        progress: (done, total, name) => ctx.progress(done, total, 'evidence_text', name),
        cancelled: ctx.cancelled,
      }),
  }),
  screen: defineJob({
    summary:
      'Screen every person, organization, vessel and aircraft (or those of one case) against the loaded screening lists; ' +
      'the hits are replaced by what the lists say today, decisions kept.',
    // It writes only the hits (screening_hits), derived data outside the audit trail.
    access: 'write',
    input: screeningRunInput,
    run: (ctx, input) =>
      screenAll(ctx.db, {
        caseId: input.caseId,
        now: new Date().toISOString(),
        progress: (done, total) => ctx.progress(done, total, 'screening_entities'),
        cancelled: ctx.cancelled,
      }),
  }),
};

/** A kind's body with its input checked: what the worker runs. */
export function runJob(kind: JobKind, ctx: JobContext, input: unknown): unknown {
  const spec: JobKindSpec<z.ZodType, unknown> = jobKinds[kind];
  return spec.run(ctx, spec.input.parse(input));
}

// Every kind named in db/shared/domain.ts has a body here, and no other.
jobKinds satisfies Record<JobKind, unknown>;
export type { JobKind };
export { JOB_KINDS };
export type JobResult<K extends JobKind> = Awaited<ReturnType<(typeof jobKinds)[K]['run']>>;
