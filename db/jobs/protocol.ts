import type { JobStep } from '../shared/domain.ts';
import type { StoredDeviceKey } from '../signing.ts';

/** What the runner hands a job's worker, and what the worker sends back. */
export interface WorkerData {
  kind: string;
  input: unknown;
  dbFile: string;
  dataDir: string;
  nativeBinding: string | null;
  /** The installation's key (a write job signs what it writes) and the folder of its trust and heads. */
  deviceKey: StoredDeviceKey;
  keyDir: string;
  /** Int32 flag: 1 once the user asked to cancel. */
  cancelFlag: SharedArrayBuffer;
}

export interface JobProgress {
  done: number;
  /** 0 while a step cannot be measured (one long SQLite statement): shown as work under way. */
  total: number;
  /** What is being done, as a code the UI names (e.g. `audit_trail`). */
  step: JobStep;
  /** What exactly, where a step goes through named things (the file being packed). */
  detail?: string;
}

export type WorkerMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; message: string }
  | { type: 'cancelled' };
