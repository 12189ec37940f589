import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { notFound } from '../errors.ts';
import { jobKinds, type JobKind, type JobResult } from './kinds.ts';
import type { JobProgress, WorkerData, WorkerMessage } from './protocol.ts';
import { storeForm, type DeviceKey } from '../signing.ts';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

interface JobBase {
  id: string;
  status: JobStatus;
  progress: JobProgress | null;
  /** Why it failed, in English; null unless failed. */
  error: string | null;
  startedAt: string;
  endedAt: string | null;
}

/** A job as `jobs.get` returns it: its kind says what its result holds. */
export type JobState = { [K in JobKind]: JobBase & { kind: K; result: JobResult<K> | null } }[JobKind];

interface Entry {
  state: JobBase & { kind: JobKind; result: unknown };
  worker: Worker | null;
  cancelFlag: Int32Array;
  /** Ends the job with this status (once: later outcomes are ignored). */
  finish(status: JobStatus, patch?: Partial<Entry['state']>): void;
}

export interface JobRunnerOptions {
  dbFile: string;
  dataDir: string;
  /** The worker's entry: db/jobs/worker-entry.mjs under Node, the bundled worker in Electron. */
  workerFile: string | URL;
  nativeBinding?: string | undefined;
  device: DeviceKey;
  keyDir: string;
  /** Told of each job that ends, with its final state. */
  onFinished?: (job: JobState) => void;
  /** How many finished jobs stay readable. */
  keep?: number;
  now?: () => string;
}

/**
 * Runs long work in worker threads, each with its own connection, and keeps each job's state:
 * progress while it runs, then its result (or why it failed) for `jobs.get` to read.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Entry>();
  /** Workers of cancelled read jobs, still finishing the SQLite call they were in. */
  private readonly stopping = new Set<Promise<number>>();
  private readonly keep: number;
  private readonly now: () => string;

  constructor(private readonly opts: JobRunnerOptions) {
    this.keep = opts.keep ?? 20;
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  start(kind: JobKind, input: unknown): JobState {
    const spec = jobKinds[kind];
    const parsed = spec.input.parse(input, { reportInput: true });
    const id = randomUUID();
    const cancelBuffer = new SharedArrayBuffer(4);
    const data: WorkerData = {
      kind,
      input: parsed,
      dbFile: this.opts.dbFile,
      dataDir: this.opts.dataDir,
      nativeBinding: this.opts.nativeBinding ?? null,
      deviceKey: storeForm(this.opts.device, ''),
      keyDir: this.opts.keyDir,
      cancelFlag: cancelBuffer,
    };
    const entry: Entry = {
      state: { id, kind, status: 'running', progress: null, result: null, error: null, startedAt: this.now(), endedAt: null },
      worker: null,
      cancelFlag: new Int32Array(cancelBuffer),
      finish: (status, patch = {}) => {
        if (entry.state.status !== 'running') return;
        Object.assign(entry.state, patch, { status, endedAt: this.now() });
        entry.worker = null;
        this.opts.onFinished?.(this.view(entry));
        this.prune();
      },
    };
    const finish = entry.finish;
    const worker = new Worker(this.opts.workerFile, { workerData: data });
    entry.worker = worker;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') entry.state.progress = m.progress;
      else if (m.type === 'done') finish('done', { result: m.result });
      else if (m.type === 'cancelled') finish('cancelled');
      else finish('failed', { error: m.message });
    });
    worker.on('error', (err) => finish('failed', { error: err.message }));
    worker.on('exit', (code) => {
      if (Atomics.load(entry.cancelFlag, 0) === 1) finish('cancelled');
      else finish('failed', { error: `the job's worker stopped (exit code ${code})` });
    });
    this.jobs.set(id, entry);
    return this.view(entry);
  }

  get(id: string): JobState {
    return this.view(this.entry(id));
  }

  /**
   * Stops a running job (a finished job is left as it is). A `read` job changes nothing, so it is
   * cancelled at once and its worker stopped: as soon as SQLite returns, since one statement (the
   * whole-file integrity check of a large database) cannot be interrupted. A `write` job stops at
   * its next check, between two of its transactions, and keeps what it committed.
   */
  cancel(id: string): JobState {
    const entry = this.entry(id);
    if (entry.state.status === 'running') {
      Atomics.store(entry.cancelFlag, 0, 1);
      const worker = entry.worker;
      if (jobKinds[entry.state.kind].access === 'read') {
        entry.finish('cancelled');
        if (worker) {
          const stopped = worker.terminate();
          this.stopping.add(stopped);
          void stopped.finally(() => this.stopping.delete(stopped));
        }
      } else {
        // A body that does not look at the flag for a while is stopped anyway.
        setTimeout(() => void worker?.terminate(), 5000).unref();
      }
    }
    return this.view(entry);
  }

  /** Stops every running job (the app is closing). */
  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((e) => e.worker);
    for (const e of running) Atomics.store(e.cancelFlag, 0, 1);
    await Promise.all([...running.map((e) => e.worker?.terminate()), ...this.stopping]);
  }

  private entry(id: string): Entry {
    const entry = this.jobs.get(id);
    if (!entry) throw notFound('job', id, 'id');
    return entry;
  }

  private view(entry: Entry): JobState {
    return { ...entry.state, progress: entry.state.progress ? { ...entry.state.progress } : null } as JobState;
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((e) => e.state.status !== 'running');
    for (const e of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(e.state.id);
  }
}

/** The worker entry under plain Node. A function: the desktop app's CommonJS bundle has no import.meta. */
export function defaultWorkerFile(): URL {
  return new URL('./worker-entry.mjs', import.meta.url);
}
