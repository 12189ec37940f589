import path from 'node:path';
import { createDispatcher, type Invoke } from './contract.ts';
import { methods } from './methods/index.ts';
import { openDatabase, type OpenOptions, type Db } from './sqlite.ts';
import { actorFromSettings } from './services/settings.ts';
import type { Actor } from './audit.ts';
import type { Clock } from './shared/time.ts';
import { JobRunner, defaultWorkerFile } from './jobs/runner.ts';

export { methods };
export type { Invoke, Db };

export interface Core {
  db: Db;
  file: string;
  /** The folder of the database file: the evidence store lives in its `evidence/` subfolder. */
  dataDir: string;
  backupFile: string | null;
  invoke: Invoke;
  jobs: JobRunner;
  close(): void;
}

export interface CoreOptions extends OpenOptions {
  clock?: Clock;
  /** Overrides the profile (the CLI's --as). */
  actor?: Actor;
  /** The jobs' worker entry (the desktop app passes its bundled worker). */
  jobWorkerFile?: string | URL;
}

/** Opens the database and returns the dispatcher every shell uses. */
export async function openCore(file: string, opts: CoreOptions = {}): Promise<Core> {
  const opened = await openDatabase(file, opts);
  const { db } = opened;
  const dataDir = path.dirname(path.resolve(opened.file));
  const jobs = new JobRunner({
    dbFile: opened.file,
    dataDir,
    workerFile: opts.jobWorkerFile ?? defaultWorkerFile(),
    nativeBinding: opts.nativeBinding,
  });
  const invoke = createDispatcher(methods, {
    db,
    dataDir,
    jobs,
    ...(opts.clock ? { clock: opts.clock } : {}),
    actor: () => opts.actor ?? actorFromSettings(db),
  });
  return {
    db,
    file: opened.file,
    dataDir,
    backupFile: opened.backupFile,
    invoke,
    jobs,
    close: () => {
      void jobs.close();
      db.close();
    },
  };
}
