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
function inspect(file: string, opts: OpenOptions): { version: number; applicationId: number } {
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
    return { version: header.readInt32BE(60), applicationId: header.readInt32BE(68) };
  }
  const db = connect(file, opts, true);
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      applicationId: db.pragma('application_id', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

export function assertOpenable(file: string, opts: OpenOptions = {}): number {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return 0;
  let info: { version: number; applicationId: number };
  try {
    info = inspect(file, opts);
  } catch (err) {
    throw new DossierError('internal', `Cannot read ${file} as a SQLite database: ${(err as Error).message}`);
  }
  if (info.applicationId !== 0 && info.applicationId !== APPLICATION_ID) {
    throw new DossierError('internal', `${file} is a SQLite database, but not a Dossier database`);
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
    migrate(db, { ...opts, backupFile });
    return { db, file, backupFile, migratedFrom: current };
  } catch (err) {
    db.close();
    throw err;
  }
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
