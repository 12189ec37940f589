import { z } from 'zod';
import type Database from 'better-sqlite3';
import { checkDatabase, type CheckReport } from '../check.ts';
import { JOB_KINDS, type JobKind, type JobStep } from '../shared/domain.ts';

/** What a job's body gets in its worker: its own connection, and the way to report and stop. */
export interface JobContext {
  /** The worker's own connection to the database file (read-only for a `read` job). */
  db: Database.Database;
  /** The folder of the database file (the evidence store). */
  dataDir: string;
  progress(done: number, total: number, step: JobStep): void;
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
      }),
  }),
};

// Every kind named in db/shared/domain.ts has a body here, and no other.
jobKinds satisfies Record<JobKind, unknown>;
export type { JobKind };
export { JOB_KINDS };
export type JobResult<K extends JobKind> = ReturnType<(typeof jobKinds)[K]['run']>;
