/**
 * Recovering a damaged database: every record that can still be read is copied into a new file
 * with the current schema, and what could not be read is counted, table by table. The damaged
 * file is never written. The copy keeps the database's identity, so `dossier check` on it
 * verifies the same signed chain and names the audit records that were lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DossierError } from './errors.ts';
import { openDatabase, type Db } from './sqlite.ts';
import { storeDir } from './evidence-store.ts';

export interface RecoveredTable {
  table: string;
  copied: number;
  /** Rows that could not be read (their rowids, when known), or -1 when the count is unknown. */
  lost: number;
  error: string | null;
}

export interface RecoverReport {
  out: string;
  tables: RecoveredTable[];
  /** Evidence files copied beside the new file (0 when it shares the damaged file's folder). */
  evidenceFiles: number;
}

export function defaultRecoverFile(file: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(path.dirname(path.resolve(file)), `dossier-recovered-${stamp}.db`);
}

type Row = Record<string, unknown>;

/** Reads a table row by row, going on past rows SQLite cannot read. */
function readTable(src: Db, table: string, columns: string[], put: (row: Row) => void): RecoveredTable {
  const list = columns.map((c) => `"${c}"`).join(', ');
  let copied = 0;
  let lastRowid: number | null = null;
  // A WITHOUT ROWID table (keyed by its primary key) is read in one scan: no rowid to probe by.
  const withoutRowid = (src.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(table) as number) === 1;
  const scan = withoutRowid
    ? `SELECT NULL AS __rowid, ${list} FROM "${table}"`
    : `SELECT rowid AS __rowid, ${list} FROM "${table}" ORDER BY rowid`;
  try {
    for (const row of src.prepare(scan).iterate() as IterableIterator<Row>) {
      lastRowid = row.__rowid === null ? null : Number(row.__rowid);
      delete row.__rowid;
      put(row);
      copied++;
    }
    return { table, copied, lost: 0, error: null };
  } catch (err) {
    const error = (err as Error).message;
    // The scan broke at a damaged page: probe the rowids after it one by one, up to the largest known.
    let max: number | null = null;
    try {
      max = (src.prepare(`SELECT max(rowid) AS m FROM "${table}"`).get() as { m: number | null }).m;
    } catch {
      max = null;
    }
    if (max === null || lastRowid === null) return { table, copied, lost: -1, error };
    let lost = 0;
    const one = src.prepare(`SELECT ${list} FROM "${table}" WHERE rowid = ?`);
    for (let id = lastRowid + 1; id <= max; id++) {
      try {
        const row = one.get(id) as Row | undefined;
        if (row) {
          put(row);
          copied++;
        }
      } catch {
        lost++;
      }
    }
    return { table, copied, lost, error };
  }
}

/**
 * Copies what can be read of `file` into `out` (a new file), guards off while copying and put back
 * after, full-text indexes rebuilt from the copied tables. Refuses to overwrite anything.
 */
export async function recoverDatabase(file: string, out: string): Promise<RecoverReport> {
  if (fs.existsSync(out)) {
    throw new DossierError('conflict', `${out} exists already: recovery writes a new file only`, 'out', 'recover.out_exists', {
      file: out,
    });
  }
  let src: Db;
  try {
    src = new Database(file, { readonly: true, fileMustExist: true });
    src.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    throw new DossierError(
      'database_damaged',
      `${file} cannot be read at all (${(err as Error).message}): restore it from a backup`,
    );
  }
  const { db: dst } = await openDatabase(out);
  try {
    const triggers = dst.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all() as {
      name: string;
      sql: string;
    }[];
    const fts = dst
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'")
      .pluck()
      .all() as string[];
    const shadow = (name: string) => fts.some((f) => name.startsWith(`${f}_`));
    const tables = (
      dst
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
        .pluck()
        .all() as string[]
    ).filter((t) => !fts.includes(t) && !shadow(t));
    const srcTables = new Set(src.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    const report: RecoveredTable[] = [];
    dst.pragma('foreign_keys = OFF');
    dst.transaction(() => {
      for (const t of triggers) dst.exec(`DROP TRIGGER "${t.name}"`);
      for (const table of tables) {
        if (!srcTables.has(table)) continue;
        const dstCols = dst.prepare(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0`).pluck().all(table) as string[];
        const srcCols = new Set(
          src.prepare(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0`).pluck().all(table) as string[],
        );
        const columns = dstCols.filter((c) => srcCols.has(c));
        dst.exec(`DELETE FROM "${table}"`); // what the migrations put in the new file (its identity, defaults)
        const insert = dst.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        );
        report.push(readTable(src, table, columns, (row) => insert.run(row)));
      }
      for (const t of triggers) dst.exec(t.sql);
      for (const f of fts) dst.exec(`INSERT INTO "${f}" ("${f}") VALUES ('rebuild')`);
    })();
    dst.pragma('foreign_keys = ON');
    let evidenceFiles = 0;
    const from = storeDir(path.dirname(path.resolve(file)));
    const to = storeDir(path.dirname(path.resolve(out)));
    if (from !== to && fs.existsSync(from)) {
      fs.cpSync(from, to, { recursive: true, errorOnExist: false, force: false });
      evidenceFiles = fs.readdirSync(to, { recursive: true }).length;
    }
    return { out, tables: report, evidenceFiles };
  } finally {
    dst.close();
    src.close();
  }
}
