import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DossierError } from './errors.ts';
import { migrations as shippedMigrations, latestVersion, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

/** 'DOSS' read as a big-endian integer: marks a SQLite file as Dossier's. */
export const APPLICATION_ID = 0x444f5353;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another ABI (Electron's). */
  nativeBinding?: string;
  /** Where pre-migration backups go; defaults to `backups/` beside the database. */
  backupDir?: string;
  /** Called with each step of a migration run, for progress reporting. */
  onMigrate?: (event: MigrationEvent) => void;
  /** The migrations to apply, in order; defaults to every shipped one. Tests pass their own. */
  migrations?: readonly Migration[];
}

export type MigrationEvent = { kind: 'backup'; file: string } | { kind: 'migrate'; version: number; name: string };

export interface OpenedDatabase {
  db: Db;
  file: string;
  /** The backup taken before migrating, if any migration ran on existing data. */
  backupFile: string | null;
  migratedFrom: number;
  /** The last audit record's number before the migrations ran (0 for a new file). */
  auditLengthBefore: number;
}

function connect(file: string, opts: OpenOptions, readonly: boolean): Db {
  const options: Database.Options = { readonly, fileMustExist: readonly };
  if (opts.nativeBinding) options.nativeBinding = opts.nativeBinding;
  return new Database(file, options);
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Reads version and application id without writing a byte (no WAL switch, no pragma writes).
 * With no -wal file beside it, the file's own header is current: read it from the bytes, since
 * even a read-only SQLite connection to a WAL-mode file creates (and leaves) -wal and -shm files.
 * With a -wal file, committed pages may live there, so ask SQLite.
 */
function inspect(file: string, opts: OpenOptions): { version: number; applicationId: number; hasSchema: boolean } {
  if (!fs.existsSync(`${file}-wal`)) {
    const header = Buffer.alloc(100);
    const fd = fs.openSync(file, 'r');
    let read: number;
    try {
      read = fs.readSync(fd, header, 0, header.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (read < header.length || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      throw new Error('file is not a database');
    }
    // The schema cookie (offset 40) counts changes to the schema: 0 until a first table exists.
    return { version: header.readInt32BE(60), applicationId: header.readInt32BE(68), hasSchema: header.readUInt32BE(40) !== 0 };
  }
  const db = connect(file, opts, true);
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      applicationId: db.pragma('application_id', { simple: true }) as number,
      hasSchema: (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n > 0,
    };
  } finally {
    db.close();
  }
}

/**
 * What version a database file is at, refusing untouched one that is not Dossier's: a file that
 * is not SQLite at all, one with another application's id, or one without Dossier's id that
 * already holds tables (another program's database, which migrating would mangle). A new or
 * empty file is 0: Dossier creates its schema there.
 */
export function assertOpenable(file: string, opts: OpenOptions = {}): number {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return 0;
  let info: { version: number; applicationId: number; hasSchema: boolean };
  try {
    info = inspect(file, opts);
  } catch (err) {
    throw new DossierError(
      'not_dossier',
      `${file} is not a Dossier database (it cannot be read as SQLite: ${(err as Error).message}). It was not modified.`,
    );
  }
  if (info.applicationId !== APPLICATION_ID && (info.applicationId !== 0 || info.hasSchema)) {
    throw new DossierError(
      'not_dossier',
      `${file} is a SQLite database of another program, not a Dossier database. It was not opened or modified.`,
    );
  }
  const latest = latestVersion(opts.migrations ?? shippedMigrations);
  if (info.version > latest) {
    throw new DossierError(
      'database_too_new',
      `${file} was written by a newer Dossier (schema version ${info.version}; this Dossier knows up to ${latest}). ` +
        'Update Dossier to open it. The file was not modified.',
    );
  }
  return info.version;
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
}

function backupName(dir: string, version: number, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(dir, `dossier-v${version}-${stamp}.db`);
}

/**
 * Opens (or creates) a Dossier database: refuses newer schemas untouched, backs up existing
 * data through SQLite's online backup API, then runs each pending migration in its own transaction.
 */
export async function openDatabase(file: string, opts: OpenOptions = {}): Promise<OpenedDatabase> {
  const current = assertOpenable(file, opts);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = connect(file, opts, false);
  try {
    applyPragmas(db);
    let backupFile: string | null = null;
    if (current > 0 && current < latestVersion(opts.migrations ?? shippedMigrations)) {
      const dir = opts.backupDir ?? path.join(path.dirname(path.resolve(file)), 'backups');
      fs.mkdirSync(dir, { recursive: true });
      backupFile = backupName(dir, current, new Date());
      opts.onMigrate?.({ kind: 'backup', file: backupFile });
      await db.backup(backupFile);
    }
    const auditLengthBefore =
      current > 0 ? (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n : 0;
    migrate(db, { ...opts, backupFile });
    return { db, file, backupFile, migratedFrom: current, auditLengthBefore };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Opens a Dossier database for reading only, writing nothing beside it: for `dossier check` and
 * for a file on read-only media or in a folder the user cannot write. SQLite needs to write a
 * WAL database's -shm file even to read it; where it cannot (a read-only folder) and the file has
 * no -wal beside it (its header is then the whole truth), the file is read into memory instead.
 * A file that still needs a migration is refused: migrating is writing.
 */
export function openReadOnly(file: string, opts: OpenOptions = {}): Db {
  if (!fs.existsSync(file))
    throw new DossierError('not_found', `No database at ${file}`, undefined, 'database.not_found', { file });
  const version = assertOpenable(file, opts);
  const latest = latestVersion(opts.migrations ?? shippedMigrations);
  if (version < latest) {
    throw new DossierError(
      'migration_failed',
      `${file} is at schema version ${version} and needs migrating to ${latest}, which opening it read-only cannot do. ` +
        'Open it once with Dossier where it can be written (or a copy of it). The file was not modified.',
    );
  }
  let db: Db | null = null;
  try {
    db = connect(file, opts, true);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    db?.close();
    if (fs.existsSync(`${file}-wal`)) {
      throw new DossierError(
        'internal',
        `${file} cannot be read here: its folder cannot be written and it has a -wal file SQLite must share. ` +
          `Copy the folder somewhere writable and open the copy. (${(err as Error).message})`,
      );
    }
    const bytes = fs.readFileSync(file);
    // The copy in memory cannot be in WAL mode: its header says "rollback journal" (bytes 18-19).
    bytes[18] = 1;
    bytes[19] = 1;
    db = new Database(bytes, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('query_only = ON');
  return db;
}

/**
 * Runs each pending migration in its own transaction. A failing one is rolled back whole (the
 * earlier ones stay committed) and reported with its number, its name and the backup taken before.
 */
export function migrate(db: Db, opts: Pick<OpenOptions, 'onMigrate' | 'migrations'> & { backupFile?: string | null } = {}): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of opts.migrations ?? shippedMigrations) {
    if (m.version <= current) continue;
    opts.onMigrate?.({ kind: 'migrate', version: m.version, name: m.name });
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
          if (broken.length > 0) {
            const first = broken[0];
            throw new Error(
              `${broken.length} reference(s) broken, the first in ${first?.table} row ${first?.rowid} (to ${first?.parent})`,
            );
          }
        }
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (err) {
      const number = String(m.version).padStart(3, '0');
      const at = db.pragma('user_version', { simple: true }) as number;
      const backup = opts.backupFile ? ` A copy of the database taken before migrating is at ${opts.backupFile}.` : '';
      throw new DossierError(
        'migration_failed',
        `Migration ${number} (${m.name}) failed: ${err instanceof Error ? err.message : String(err)}. ` +
          `The database was left as it was before it, at schema version ${at}.${backup}`,
      );
    } finally {
      if (m.foreignKeysOff) db.pragma('foreign_keys = ON');
    }
  }
}

/**
 * A second, writable connection to a file, where the file and its folder can be written; else
 * null. For work that needs one without writing (FTS5's integrity-check, in a rolled-back transaction).
 */
export function openWritableIfPossible(file: string, nativeBinding?: string): Db | null {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
  } catch {
    return null;
  }
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 5000');
  return db;
}
