/**
 * The body of a job's worker thread: opens its own connection to the database file, runs the
 * job's kind and posts progress and the outcome to the runner (db/jobs/runner.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CheckCancelled } from '../check.ts';
import { createDispatcher } from '../contract.ts';
import { methods } from '../methods/index.ts';
import { actorFromSettings } from '../services/settings.ts';
import { jobKinds, runJob, type JobKind } from './kinds.ts';
import type { WorkerData, WorkerMessage } from './protocol.ts';
import { fromStoreForm } from '../signing.ts';
import { HeadKeeper } from '../key-store.ts';
import { errorLogFile } from '../error-log.ts';

const data = workerData as WorkerData;
const post = (m: WorkerMessage) => parentPort?.postMessage(m);
const flag = new Int32Array(data.cancelFlag);

async function run(): Promise<void> {
  let db: Database.Database | null = null;
  let keepHeads: HeadKeeper | null = null;
  try {
    const spec = jobKinds[data.kind as JobKind];
    db = new Database(data.dbFile, {
      readonly: spec.access === 'read',
      fileMustExist: true,
      ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    });
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const conn = db;
    const heads = new HeadKeeper(data.keyDir, (err) => console.error(`Dossier could not keep the chain head: ${err.message}`));
    keepHeads = heads;
    const invoke = createDispatcher(methods, {
      db: conn,
      dataDir: data.dataDir,
      actor: () => actorFromSettings(conn),
      device: fromStoreForm(data.deviceKey),
      onSealed: (head) => heads.keep(head),
      errorLog: errorLogFile(data.dataDir),
    });
    let last = 0;
    // A job's body may be async (an export streams files): its result is awaited either way.
    const result: unknown = await runJob(
      data.kind as JobKind,
      {
        db,
        dataDir: data.dataDir,
        keyDir: data.keyDir,
        nativeBinding: data.nativeBinding ?? undefined,
        invoke,
        progress: (done, total, step, detail) => {
          const now = Date.now();
          if (now - last < 50 && done < total) return;
          last = now;
          post({ type: 'progress', progress: { done, total, step, ...(detail === undefined ? {} : { detail }) } });
        },
        cancelled: () => Atomics.load(flag, 0) === 1,
      },
      data.input,
    );
    post({ type: 'done', result });
  } catch (err) {
    if (err instanceof CheckCancelled || Atomics.load(flag, 0) === 1) post({ type: 'cancelled' });
    else post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  } finally {
    keepHeads?.flush();
    db?.close();
  }
}

void run();
