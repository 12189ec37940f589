import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDatabase, type Db, type MigrationEvent } from '../db/sqlite.ts';
import { LATEST_VERSION, migrations, type Migration } from '../db/migrations/index.ts';
import { DossierError } from '../db/errors.ts';
import { openCore } from '../db/index.ts';
import { CASE_SORT_COLUMNS } from '../db/domain.ts';
import { caseListSql } from '../db/services/cases.ts';
import { ok, sha256File, tempDir } from './helpers.ts';

const dir = tempDir();
let n = 0;
/** A path for a new database file in its own folder (so sibling files can be listed). */
function newFile(): string {
  const folder = path.join(dir, `db${++n}`);
  fs.mkdirSync(folder);
  return path.join(folder, 'dossier.db');
}

const open: Db[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});
function track<T extends { db: Db }>(opened: T): T {
  open.push(opened.db);
  return opened;
}

function pragma(db: Db, name: string): unknown {
  return db.pragma(name, { simple: true });
}

function schemaSql(db: Db): unknown[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name").all();
}

/** Makes a database at the latest version holding one case, then closes it. */
async function databaseWithOneCase(file: string): Promise<string> {
  const core = await openCore(file);
  try {
    return ok<{ id: string }>(core.invoke('cases.create', { title: 'Diverted FPGAs to Russia' })).id;
  } finally {
    core.close();
  }
}

async function expectRefused(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DossierError);
  expect((error as DossierError).code).toBe(code);
  expect((error as DossierError).message).toMatch(message);
}

describe('openDatabase', () => {
  it('migrates a new file to the latest version with the Dossier pragmas', async () => {
    const file = newFile();
    const events: MigrationEvent[] = [];
    const { db, backupFile, migratedFrom } = track(await openDatabase(file, { onMigrate: (e) => events.push(e) }));
    expect(pragma(db, 'user_version')).toBe(LATEST_VERSION);
    expect(pragma(db, 'application_id')).toBe(APPLICATION_ID);
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'foreign_keys')).toBe(1);
    expect(pragma(db, 'synchronous')).toBe(2); // FULL
    expect(migratedFrom).toBe(0);
    expect(backupFile).toBeNull();
    expect(events).toEqual(migrations.map((m) => ({ kind: 'migrate', version: m.version, name: m.name })));
    expect(fs.existsSync(path.join(path.dirname(file), 'backups'))).toBe(false);
  });

  it('migrates an existing empty (0-byte) file', async () => {
    const file = newFile();
    fs.writeFileSync(file, '');
    const { db } = track(await openDatabase(file));
    expect(pragma(db, 'user_version')).toBe(LATEST_VERSION);
    expect(pragma(db, 'application_id')).toBe(APPLICATION_ID);
  });

  it('creates the folder of a database path that does not exist yet', async () => {
    const file = path.join(newFile(), '..', 'deeper', 'still', 'dossier.db');
    const { db } = track(await openDatabase(file));
    expect(pragma(db, 'user_version')).toBe(LATEST_VERSION);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('re-opening an up-to-date database is a no-op', async () => {
    const file = newFile();
    const id = await databaseWithOneCase(file);
    const raw = new Database(file, { readonly: true });
    const before = { schema: schemaSql(raw), cases: raw.prepare('SELECT * FROM cases').all() };
    raw.close();

    const events: MigrationEvent[] = [];
    const { db, backupFile, migratedFrom } = track(await openDatabase(file, { onMigrate: (e) => events.push(e) }));
    expect(events).toEqual([]);
    expect(backupFile).toBeNull();
    expect(migratedFrom).toBe(LATEST_VERSION);
    expect(pragma(db, 'user_version')).toBe(LATEST_VERSION);
    expect(schemaSql(db)).toEqual(before.schema);
    expect(db.prepare('SELECT * FROM cases').all()).toEqual(before.cases);
    expect(db.prepare('SELECT id FROM cases').pluck().all()).toEqual([id]);
    expect(fs.existsSync(path.join(path.dirname(file), 'backups'))).toBe(false);
  });

  describe('refuses, without changing a byte,', () => {
    async function expectUntouched(file: string, attempt: () => Promise<unknown>, code: string, message: RegExp) {
      const folder = path.dirname(file);
      const hash = sha256File(file);
      const listing = fs.readdirSync(folder).sort();
      await expectRefused(attempt(), code, message);
      expect(sha256File(file)).toBe(hash);
      expect(fs.readdirSync(folder).sort()).toEqual(listing); // no -wal, -shm or backups/
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
    }

    it('a database written by a newer Dossier (WAL mode, as Dossier leaves it)', async () => {
      const file = newFile();
      await databaseWithOneCase(file);
      const raw = new Database(file);
      raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
      raw.close();
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      await expectUntouched(file, () => openDatabase(file), 'database_too_new', /newer Dossier.*not modified/s);
      await expectUntouched(file, () => openCore(file), 'database_too_new', new RegExp(`version ${LATEST_VERSION + 1}`));
    });

    it('a database written by a newer Dossier (rollback journal)', async () => {
      const file = newFile();
      const raw = new Database(file);
      raw.exec('CREATE TABLE future (x)');
      raw.pragma(`application_id = ${APPLICATION_ID}`);
      raw.pragma('user_version = 999');
      raw.close();
      await expectUntouched(file, () => openDatabase(file), 'database_too_new', /schema version 999/);
    });

    it('a SQLite database of another application', async () => {
      const file = newFile();
      const raw = new Database(file);
      raw.pragma('journal_mode = WAL');
      raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
      raw.pragma('application_id = 1234567');
      raw.pragma('user_version = 0');
      raw.close();
      await expectUntouched(file, () => openDatabase(file), 'internal', /not a Dossier database/);
    });

    it('a file that is not a SQLite database', async () => {
      const file = newFile();
      fs.writeFileSync(file, 'Case notes, not a database. '.repeat(20));
      await expectUntouched(file, () => openDatabase(file), 'internal', /Cannot read .* as a SQLite database/);
    });
  });

  describe('with a pending migration (v1 → fake v2)', () => {
    const v2: Migration = {
      version: LATEST_VERSION + 1,
      name: 'test: add exhibits',
      up(db) {
        db.exec('CREATE TABLE exhibits (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id)) STRICT');
        db.exec("UPDATE cases SET notes = 'migrated'");
      },
    };

    it('backs up the existing data through the online backup API before migrating', async () => {
      const file = newFile();
      const id = await databaseWithOneCase(file);
      const backupDir = path.join(path.dirname(file), 'my-backups');
      const events: MigrationEvent[] = [];
      const opened = track(
        await openDatabase(file, { migrations: [...migrations, v2], backupDir, onMigrate: (e) => events.push(e) }),
      );
      expect(opened.migratedFrom).toBe(LATEST_VERSION);
      expect(opened.backupFile).not.toBeNull();
      const backupFile = opened.backupFile ?? '';
      expect(path.dirname(backupFile)).toBe(backupDir);
      expect(path.basename(backupFile)).toMatch(new RegExp(`^dossier-v${LATEST_VERSION}-\\d{4}-.*\\.db$`));
      expect(events).toEqual([
        { kind: 'backup', file: backupFile },
        { kind: 'migrate', version: v2.version, name: v2.name },
      ]);
      // The live database moved on...
      expect(pragma(opened.db, 'user_version')).toBe(v2.version);
      expect(opened.db.prepare("SELECT name FROM sqlite_schema WHERE name = 'exhibits'").pluck().get()).toBe('exhibits');
      expect(opened.db.prepare('SELECT notes FROM cases').pluck().get()).toBe('migrated');
      // ...and the backup is a complete database at the old version with the old data.
      const backup = new Database(backupFile, { readonly: true });
      try {
        expect(pragma(backup, 'user_version')).toBe(LATEST_VERSION);
        expect(pragma(backup, 'application_id')).toBe(APPLICATION_ID);
        expect((backup.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check).toBe('ok');
        expect(backup.prepare('SELECT id, title, notes FROM cases').all()).toEqual([
          { id, title: 'Diverted FPGAs to Russia', notes: '' },
        ]);
        expect(backup.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'exhibits'").pluck().get()).toBe(0);
      } finally {
        backup.close();
      }
      // Opening again with the same migrations: nothing pending, no second backup.
      opened.db.close();
      open.pop();
      const again = track(await openDatabase(file, { migrations: [...migrations, v2], backupDir }));
      expect(again.backupFile).toBeNull();
      // (Reading the WAL-mode backup above left its -wal/-shm beside it: count the databases.)
      expect(fs.readdirSync(backupDir).filter((f) => f.endsWith('.db'))).toEqual([path.basename(backupFile)]);
    });

    it('puts backups in backups/ beside the database by default', async () => {
      const file = newFile();
      await databaseWithOneCase(file);
      const opened = track(await openDatabase(file, { migrations: [...migrations, v2] }));
      expect(path.dirname(opened.backupFile ?? '')).toBe(path.join(path.dirname(file), 'backups'));
      expect(fs.existsSync(opened.backupFile ?? '')).toBe(true);
    });

    it('takes no backup of a brand-new database', async () => {
      const file = newFile();
      const opened = track(await openDatabase(file, { migrations: [...migrations, v2] }));
      expect(opened.backupFile).toBeNull();
      expect(pragma(opened.db, 'user_version')).toBe(v2.version);
    });

    it('rolls a failing migration back: version, schema and data unchanged', async () => {
      const file = newFile();
      await databaseWithOneCase(file);
      const failing: Migration = {
        version: LATEST_VERSION + 1,
        name: 'test: fails half-way',
        up(db) {
          db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          db.exec("UPDATE cases SET title = 'overwritten by a broken migration'");
          throw new Error('boom in migration');
        },
      };
      const raw = new Database(file, { readonly: true });
      const before = { schema: schemaSql(raw), cases: raw.prepare('SELECT * FROM cases').all() };
      raw.close();

      await expect(openDatabase(file, { migrations: [...migrations, failing] })).rejects.toThrow('boom in migration');

      const after = new Database(file, { readonly: true });
      try {
        expect(pragma(after, 'user_version')).toBe(LATEST_VERSION);
        expect(schemaSql(after)).toEqual(before.schema);
        expect(after.prepare('SELECT * FROM cases').all()).toEqual(before.cases);
      } finally {
        after.close();
      }
      // The file still opens normally with the shipped migrations.
      const core = await openCore(file);
      try {
        expect(ok<{ total: number }>(core.invoke('cases.list', {})).total).toBe(1);
      } finally {
        core.close();
      }
    });

    it('commits each migration on its own: a later failure keeps the earlier ones', async () => {
      const file = newFile();
      await databaseWithOneCase(file);
      const v3: Migration = {
        version: v2.version + 1,
        name: 'test: fails',
        up(db) {
          db.exec('CREATE TABLE never (x)');
          throw new Error('v3 failed');
        },
      };
      await expect(openDatabase(file, { migrations: [...migrations, v2, v3] })).rejects.toThrow('v3 failed');
      const after = new Database(file, { readonly: true });
      try {
        expect(pragma(after, 'user_version')).toBe(v2.version);
        const names = after.prepare("SELECT name FROM sqlite_schema WHERE name IN ('exhibits', 'never')").pluck().all();
        expect(names).toEqual(['exhibits']);
      } finally {
        after.close();
      }
    });
  });
});

/** Every shipped migration, and the describe block below that tests it. Add one per new migration. */
const testedMigrations = [1];

it('every numbered migration has its own tests, and versions run 1, 2, 3... without gaps', () => {
  expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  expect(migrations.map((m) => m.version)).toEqual(testedMigrations);
  expect(LATEST_VERSION).toBe(migrations.length);
});

describe('migration 001', () => {
  async function migratedTo1(): Promise<Db> {
    const file = newFile();
    const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 1) }));
    expect(pragma(db, 'user_version')).toBe(1);
    return db;
  }

  function names(db: Db, type: string): string[] {
    return db
      .prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all(type) as string[];
  }

  it('creates the tables, indexes and triggers', async () => {
    const db = await migratedTo1();
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining(['audit_log', 'cases', 'cases_fts', 'counters', 'record_state', 'settings']),
    );
    // Exact list-index shapes are the bench's business; the sort-column test below checks that they serve the list.
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining([
        'audit_case',
        'audit_record',
        'cases_lead',
        'cases_opened',
        'cases_priority',
        'cases_status',
        'cases_title',
        'cases_updated',
        'cases_violation',
      ]),
    );
    expect(names(db, 'trigger')).toEqual([
      'audit_log_no_delete',
      'audit_log_no_update',
      'cases_fts_delete',
      'cases_fts_insert',
      'cases_fts_update',
    ]);
    const caseColumns = (db.pragma('table_xinfo(cases)') as { name: string }[]).map((c) => c.name);
    expect(caseColumns).toEqual(
      expect.arrayContaining(['id', 'file_number', 'title', 'status', 'priority', 'status_rank', 'priority_rank', 'version']),
    );
  });

  it('has an index for every sort column of the case list (no temporary sort)', async () => {
    const db = await migratedTo1();
    for (const column of CASE_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const q = caseListSql({ sort: { column, direction }, offset: 0, limit: 100 });
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${q.rowsSql}`).all(...q.params, ...q.pageParams) as { detail: string }[];
        expect(plan.map((p) => p.detail).join('\n'), `${column} ${direction}`).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('enforces the case constraints in SQL too', async () => {
    const db = await migratedTo1();
    const insert = db.prepare(`INSERT INTO cases (id, file_number, title, status, lead_investigator, opened_on, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'A. Investigator', '2026-01-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`);
    expect(() => insert.run('a', '2026-EXP-000001', 'ok', 'open')).not.toThrow();
    expect(() => insert.run('b', '2026-EXP-000002', 'bad status', 'pending')).toThrow(/CHECK constraint/);
    expect(() => insert.run('c', '2026-EXP-000003', '', 'open')).toThrow(/CHECK constraint/);
    expect(() => insert.run('d', '2026-EXP-000001', 'duplicate number', 'open')).toThrow(/UNIQUE/);
    expect(() => insert.run('e', '2026-EXP-000005', Buffer.from('title'), 'open')).toThrow(/cannot store BLOB value in TEXT column/);
  });

  it('keeps the trigram full-text index in step on insert, update and delete', async () => {
    const db = await migratedTo1();
    const match = (q: string) =>
      db.prepare('SELECT c.id FROM cases_fts f JOIN cases c ON c.seq = f.rowid WHERE cases_fts MATCH ? ORDER BY c.seq').pluck().all(q);
    const insert = db.prepare(`INSERT INTO cases (id, file_number, title, summary, lead_investigator, opened_on, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, '2026-01-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`);
    insert.run('a', '2026-EXP-000001', 'Undeclared FPGAs at the port of Montréal', 'Routed via Türkiye', 'Jeanne Tremblay');
    insert.run('b', '2026-EXP-000002', 'Gyroscopes to Iran', 'Air cargo', 'Sam Okafor');

    expect(match('"montreal"')).toEqual(['a']); // accents and case ignored
    expect(match('"turkiye"')).toEqual(['a']); // summary is indexed
    expect(match('"okafor"')).toEqual(['b']); // lead investigator is indexed
    expect(match('"EXP-000002"')).toEqual(['b']); // file number is indexed
    expect(match('"ROSCOP"')).toEqual(['b']); // substrings, not just words

    db.prepare("UPDATE cases SET title = 'Thermal imaging cameras to Belarus' WHERE id = 'b'").run();
    expect(match('"gyroscopes"')).toEqual([]);
    expect(match('"thermal"')).toEqual(['b']);
    db.prepare("UPDATE cases SET summary = 'Sea freight', lead_investigator = 'Ana Ruiz' WHERE id = 'a'").run();
    expect(match('"turkiye"')).toEqual([]);
    expect(match('"sea freight"')).toEqual(['a']);
    expect(match('"okafor"')).toEqual(['b']);
    expect(match('"ruiz"')).toEqual(['a']);
    db.prepare("UPDATE cases SET notes = 'not indexed: leaves the index alone' WHERE id = 'a'").run();
    expect(match('"montreal"')).toEqual(['a']);

    db.prepare("DELETE FROM cases WHERE id = 'a'").run();
    expect(match('"montreal"')).toEqual([]);
    // FTS5's own check that the external-content index matches the cases table.
    expect(() => db.prepare("INSERT INTO cases_fts (cases_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  });

  it('makes the audit log append-only', async () => {
    const db = await migratedTo1();
    db.prepare(`INSERT INTO audit_log (seq, id, at, actor, method, record_type, record_id, prev_hash, hash)
      VALUES (1, 'x', '2026-01-01T00:00:00.000Z', 'me', 'test', 'case', 'a', '0', '1')`).run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow('audit records are append-only');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit records are append-only');
    expect(db.prepare('SELECT actor FROM audit_log').pluck().all()).toEqual(['me']);
  });
});
