import { rebuildSearchIndex, searchIndexPending } from './search/docs.ts';
import { reindexScreeningLists, screeningKeysStale } from './screening/screen.ts';
import fs from 'node:fs';
import path from 'node:path';
import { createDispatcher, type Invoke } from './contract.ts';
import { methods } from './methods/index.ts';
import { openDatabase, openReadOnly, type OpenOptions, type Db } from './sqlite.ts';
import { LATEST_VERSION } from './migrations/index.ts';
import { actorFromSettings } from './services/settings.ts';
import type { Actor } from './audit.ts';
import type { Clock } from './shared/time.ts';
import { JobRunner, defaultWorkerFile } from './jobs/runner.ts';
import { sealHead, signedLength } from './chain.ts';
import { HeadKeeper, keyDir, loadOrCreateFileKey, type LocalHead } from './key-store.ts';
import { generateDeviceKey, type DeviceKey } from './signing.ts';
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
  /** Opened read-only: the file or its folder cannot be written here; writes are refused. */
  readOnly: boolean;
  /** What SQLite found damaged (at open, or since): while any, writes are refused. Empty when sound. */
  damage: readonly string[];
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

/** Whether Dossier may write this existing file: the file and its folder can be written. */
function writable(file: string): boolean {
  if (!fs.existsSync(file)) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the database and returns the dispatcher every shell uses. A file that cannot be written
 * here (read-only media, a folder the user cannot write) is opened read-only: every read works,
 * every write is refused with `read_only`. A damaged file (a call met corruption, or a check job
 * found it) is served for reading while writes are refused, until it is recovered.
 */
export async function openCore(file: string, opts: CoreOptions = {}): Promise<Core> {
  const readOnly = !writable(file);
  const opened = readOnly
    ? { db: openReadOnly(file, opts), file, backupFile: null, migratedFrom: LATEST_VERSION, auditLengthBefore: 0 }
    : await openDatabase(file, opts);
  const { db } = opened;
  // Not checked at open (a quick check of a large file takes seconds): found by SQLite as calls meet
  // it, or by a check job.
  const damage: string[] = [];
  const dataDir = path.dirname(path.resolve(opened.file));
  const keys = opts.keyDir ?? keyDir();
  let device: DeviceKey;
  try {
    device = opts.device ?? loadOrCreateFileKey(keys);
  } catch (err) {
    // Read-only, nothing will be signed: a key that cannot be had (another user's folder) is no obstacle.
    if (readOnly) device = generateDeviceKey();
    else {
      db.close();
      throw err;
    }
  }
  // A failure here loses nothing: the write committed and is signed in the file; only the copy outside it is behind.
  const heads = new HeadKeeper(keys, (err) =>
    console.error(`Dossier could not keep the chain head outside the database: ${err.message}`),
  );
  const keepHead = (head: LocalHead) => heads.keep(head);
  const upgraded = readOnly || damage.length ? null : signUpgrade(db, device, opened.migratedFrom, opened.auditLengthBefore);
  if (upgraded) keepHead(upgraded);
  // A file that came through migration 014 has records but no search rows yet: built once, here.
  if (!readOnly && damage.length === 0 && searchIndexPending(db)) rebuildSearchIndex(db);
  // Lists' keys written by another version of the blocking rule: written again, here.
  if (!readOnly && damage.length === 0 && screeningKeysStale(db)) reindexScreeningLists(db);
  const jobs = new JobRunner({
    onFinished: (job) => {
      if (job.kind !== 'check' || !job.result) return;
      for (const p of job.result.problems) if (p.kind === 'integrity') damage.push(p.message);
    },
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
    writesRefused: () => (readOnly ? 'read_only' : damage.length ? 'damaged' : null),
    onDamaged: (message) => damage.push(message),
  });
  // Once the caller's turn is over (a short-lived CLI call has closed by then and is not slowed).
  const none: Leftovers = { parts: [], unattached: [], setAside: [] };
  const swept = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => (db.open && !readOnly && damage.length === 0 ? sweepStore(db, dataDir) : none))
    .catch((err: unknown) => {
      console.error(`Dossier could not tidy the evidence store: ${(err as Error).message}`);
      return none;
    });
  return {
    db,
    readOnly,
    damage,
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
