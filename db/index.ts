import path from 'node:path';
import { createDispatcher, type Invoke } from './contract.ts';
import { methods } from './methods/index.ts';
import { openDatabase, type OpenOptions, type Db } from './sqlite.ts';
import { actorFromSettings } from './services/settings.ts';
import type { Actor } from './audit.ts';
import type { Clock } from './shared/time.ts';
import { JobRunner, defaultWorkerFile } from './jobs/runner.ts';
import { sealHead, signedLength } from './chain.ts';
import { HeadKeeper, keyDir, loadOrCreateFileKey, type LocalHead } from './key-store.ts';
import type { DeviceKey } from './signing.ts';
import { errorLogFile } from './error-log.ts';
import { sweepStore, type Leftovers } from './store-sweep.ts';
import { m007SignedChain } from './migrations/007_signed_chain.ts';

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
  /** The start-up sweep of the evidence store (db/store-sweep.ts): what it removed and set aside. */
  swept: Promise<Leftovers>;
  /** This installation's signing key, and the folder that keeps it and the chain heads it signed. */
  device: DeviceKey;
  keyDir: string;
  close(): void;
}

export interface CoreOptions extends OpenOptions {
  clock?: Clock;
  /** Overrides the profile (the CLI's --as). */
  actor?: Actor;
  /** The jobs' worker entry (the desktop app passes its bundled worker). */
  jobWorkerFile?: string | URL;
  /** Where the device key, the trusted keys and the signed heads live (see db/key-store.ts). */
  keyDir?: string;
  /** The signing key; by default the one in keyDir's file (the desktop app passes its own, from safeStorage). */
  device?: DeviceKey;
}

/**
 * A database from before signing, or one a migration wrote audit records into, is signed as found
 * when it is first opened: from its first record if it had never been signed, else from the first
 * record the migrations wrote (records slipped in before the upgrade stay unsigned).
 */
function signUpgrade(db: Db, device: DeviceKey, migratedFrom: number, auditLengthBefore: number): LocalHead | null {
  if (migratedFrom === 0) return null;
  const firstSeq = signedLength(db) === 0 && migratedFrom < m007SignedChain.version ? 1 : auditLengthBefore + 1;
  return db.transaction(() => sealHead(db, device, 'upgrade', new Date().toISOString(), firstSeq)).immediate();
}

/** Opens the database and returns the dispatcher every shell uses. */
export async function openCore(file: string, opts: CoreOptions = {}): Promise<Core> {
  const opened = await openDatabase(file, opts);
  const { db } = opened;
  const dataDir = path.dirname(path.resolve(opened.file));
  const keys = opts.keyDir ?? keyDir();
  let device: DeviceKey;
  try {
    device = opts.device ?? loadOrCreateFileKey(keys);
  } catch (err) {
    db.close();
    throw err;
  }
  // A failure here loses nothing: the write committed and is signed in the file; only the copy outside it is behind.
  const heads = new HeadKeeper(keys, (err) =>
    console.error(`Dossier could not keep the chain head outside the database: ${err.message}`),
  );
  const keepHead = (head: LocalHead) => heads.keep(head);
  const upgraded = signUpgrade(db, device, opened.migratedFrom, opened.auditLengthBefore);
  if (upgraded) keepHead(upgraded);
  const jobs = new JobRunner({
    dbFile: opened.file,
    dataDir,
    device,
    keyDir: keys,
    workerFile: opts.jobWorkerFile ?? defaultWorkerFile(),
    nativeBinding: opts.nativeBinding,
  });
  const invoke = createDispatcher(methods, {
    db,
    dataDir,
    jobs,
    ...(opts.clock ? { clock: opts.clock } : {}),
    actor: () => opts.actor ?? actorFromSettings(db),
    device,
    onSealed: keepHead,
    errorLog: errorLogFile(dataDir),
  });
  // Once the caller's turn is over (a short-lived CLI call has closed by then and is not slowed).
  const none: Leftovers = { parts: [], unattached: [], setAside: [] };
  const swept = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => (db.open ? sweepStore(db, dataDir) : none))
    .catch((err: unknown) => {
      console.error(`Dossier could not tidy the evidence store: ${(err as Error).message}`);
      return none;
    });
  return {
    db,
    swept,
    file: opened.file,
    dataDir,
    backupFile: opened.backupFile,
    invoke,
    jobs,
    device,
    keyDir: keys,
    close: () => {
      heads.flush();
      void jobs.close();
      db.close();
    },
  };
}
