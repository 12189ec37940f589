import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDatabase, type Db, type MigrationEvent } from '../db/sqlite.ts';
import { LATEST_VERSION, migrations, type Migration } from '../db/migrations/index.ts';
import { DossierError } from '../db/errors.ts';
import { openCore } from '../db/index.ts';
import { CASE_SORT_COLUMNS } from '../db/shared/domain.ts';
import { caseListSql } from '../db/services/cases.ts';
import { ok, sha256File, tempDir } from './helpers.ts';
import { AuditWriter } from '../db/audit.ts';
import { checkDatabase } from '../db/check.ts';

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
  return db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all();
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
const testedMigrations = [1, 2, 3, 4, 5, 6];

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
    const insert =
      db.prepare(`INSERT INTO cases (id, file_number, title, status, lead_investigator, opened_on, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'A. Investigator', '2026-01-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`);
    expect(() => insert.run('a', '2026-EXP-000001', 'ok', 'open')).not.toThrow();
    expect(() => insert.run('b', '2026-EXP-000002', 'bad status', 'pending')).toThrow(/CHECK constraint/);
    expect(() => insert.run('c', '2026-EXP-000003', '', 'open')).toThrow(/CHECK constraint/);
    expect(() => insert.run('d', '2026-EXP-000001', 'duplicate number', 'open')).toThrow(/UNIQUE/);
    expect(() => insert.run('e', '2026-EXP-000005', Buffer.from('title'), 'open')).toThrow(
      /cannot store BLOB value in TEXT column/,
    );
  });

  it('keeps the trigram full-text index in step on insert, update and delete', async () => {
    const db = await migratedTo1();
    const match = (q: string) =>
      db
        .prepare('SELECT c.id FROM cases_fts f JOIN cases c ON c.seq = f.rowid WHERE cases_fts MATCH ? ORDER BY c.seq')
        .pluck()
        .all(q);
    const insert =
      db.prepare(`INSERT INTO cases (id, file_number, title, summary, lead_investigator, opened_on, created_at, updated_at)
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
    db.prepare(
      `INSERT INTO audit_log (seq, id, at, actor, method, record_type, record_id, prev_hash, hash)
      VALUES (1, 'x', '2026-01-01T00:00:00.000Z', 'me', 'test', 'case', 'a', '0', '1')`,
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow('audit records are append-only');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit records are append-only');
    expect(db.prepare('SELECT actor FROM audit_log').pluck().all()).toEqual(['me']);
  });
});

describe('migration 002', () => {
  /** A database at version 1 holding one case, migrated to 2. */
  async function migratedTo2(): Promise<Db> {
    const file = newFile();
    const before = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 1) }));
    before.db
      .prepare(
        `INSERT INTO cases (id, file_number, title, lead_investigator, opened_on, created_at, updated_at)
      VALUES ('case-1', '2026-EXP-000001', 'Diverted FPGAs', 'A. Investigator', '2026-03-01', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`,
      )
      .run();
    before.db.close();
    open.pop();
    const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 2) }));
    expect(pragma(db, 'user_version')).toBe(2);
    expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Diverted FPGAs']);
    return db;
  }

  const T = '2026-03-10T16:30:00.000Z';
  const SHA = 'ab'.repeat(32);
  function insertEvidence(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      case_id: 'case-1',
      subject_type: 'case',
      subject_id: 'case-1',
      original_name: 'seal.jpg',
      media_type: 'image/jpeg',
      size: 10,
      sha256: SHA,
      added_at: T,
      added_by: 'Jeanne Tremblay',
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO evidence (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }

  it('creates the evidence table, its list indexes and guard triggers, and the audit actor index', async () => {
    const db = await migratedTo2();
    const names = (type: string) =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%'").pluck().all(type) as string[];
    expect(names('table')).toContain('evidence');
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'evidence_case_added',
        'evidence_case_name',
        'evidence_case_size',
        'evidence_case_acquired',
        'evidence_subject',
        'evidence_sha256',
        'audit_actor',
        'audit_method',
        'audit_at',
      ]),
    );
    expect(names('trigger')).toEqual(
      expect.arrayContaining(['evidence_no_delete', 'evidence_immutable', 'evidence_retire_once']),
    );
  });

  it('enforces the evidence constraints in SQL', async () => {
    const db = await migratedTo2();
    insertEvidence(db, 'e1');
    expect(() => insertEvidence(db, 'e1')).toThrow(/UNIQUE/);
    expect(() => insertEvidence(db, 'e2', { case_id: 'no-such-case', subject_id: 'no-such-case' })).toThrow(/FOREIGN KEY/);
    expect(() => insertEvidence(db, 'e3', { subject_type: 'vessel' })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e4', { subject_id: 'other' })).toThrow(/CHECK/); // a case subject is the case
    expect(() => insertEvidence(db, 'e5', { subject_type: 'entity', subject_id: 'entity-1' })).not.toThrow();
    expect(() => insertEvidence(db, 'e6', { sha256: SHA.toUpperCase() })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e7', { sha256: SHA.slice(1) })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e8', { size: -1 })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e9', { original_name: '' })).toThrow(/CHECK/);
    expect(() => insertEvidence(db, 'e10', { retired_at: T })).toThrow(/CHECK/); // retired: all four or none
    expect(() => insertEvidence(db, 'e11', { size: 'ten' })).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('evidence is never modified or deleted; it is retired once', async () => {
    const db = await migratedTo2();
    insertEvidence(db, 'e1');
    expect(() => db.prepare("UPDATE evidence SET original_name = 'other.jpg'").run()).toThrow(
      'evidence metadata is never modified',
    );
    expect(() => db.prepare('UPDATE evidence SET sha256 = ?').run('cd'.repeat(32))).toThrow(
      'evidence metadata is never modified',
    );
    expect(() => db.prepare('DELETE FROM evidence').run()).toThrow('evidence is never deleted');
    const retire = db.prepare(
      `UPDATE evidence SET retired_at = ?, retired_by = 'J. T.', retired_by_badge = '', retired_reason = ? WHERE id = 'e1'`,
    );
    expect(() => retire.run(T, '')).toThrow(/CHECK/);
    retire.run(T, 'Duplicate');
    expect(() => retire.run(T, 'Another reason')).toThrow('evidence is retired once');
    expect(db.prepare('SELECT original_name, retired_reason FROM evidence').all()).toEqual([
      { original_name: 'seal.jpg', retired_reason: 'Duplicate' },
    ]);
  });
});

describe('migration 003', () => {
  /** A database at version 2 holding one case, migrated to 3. */
  async function migratedTo3(): Promise<Db> {
    const file = newFile();
    const before = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 2) }));
    before.db
      .prepare(
        `INSERT INTO cases (id, file_number, title, lead_investigator, opened_on, created_at, updated_at)
      VALUES ('case-1', '2026-EXP-000001', 'Diverted FPGAs', 'A. Investigator', '2026-03-01', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`,
      )
      .run();
    before.db.close();
    open.pop();
    const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 3) }));
    expect(pragma(db, 'user_version')).toBe(3);
    expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Diverted FPGAs']);
    return db;
  }

  const T = '2026-03-10T16:30:00.000Z';
  function insertEntity(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      kind: 'organization',
      name: 'Kazakh Trade Link LLP',
      subtype: null,
      country: 'KZ',
      details: '{}',
      search_text: 'KTL',
      created_at: T,
      updated_at: T,
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO entities (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
  function insertLink(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      type: 'owns',
      from_entity_id: 'p1',
      to_entity_id: 'o1',
      share_bp: 5100,
      source: 'Registry',
      created_at: T,
      updated_at: T,
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO entity_links (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
  function insertRole(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = { id, case_id: 'case-1', entity_id: 'o1', role: 'consignee', created_at: T, updated_at: T, ...extra };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO case_entities (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }

  it('creates the entity, link and role tables with their list indexes and full-text index', async () => {
    const db = await migratedTo3();
    const names = (type: string) =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%'").pluck().all(type) as string[];
    expect(names('table')).toEqual(expect.arrayContaining(['entities', 'entities_fts', 'entity_links', 'case_entities']));
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'entities_name',
        'entities_kind',
        'entities_country',
        'entities_updated',
        'entity_links_from',
        'entity_links_to',
        'case_entities_entity',
      ]),
    );
    expect(names('trigger')).toEqual(
      expect.arrayContaining(['entities_fts_insert', 'entities_fts_update', 'entities_fts_delete']),
    );
  });

  it('enforces the entity, link and role constraints in SQL', async () => {
    const db = await migratedTo3();
    insertEntity(db, 'o1');
    insertEntity(db, 'p1', { kind: 'person', name: 'Nurlan Abenov' });
    insertEntity(db, 'v1', { kind: 'conveyance', subtype: 'vessel', name: 'Caspian Breeze', country: 'MH' });
    expect(() => insertEntity(db, 'x1', { kind: 'ship' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x2', { kind: 'conveyance' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x3', { subtype: 'vessel' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x4', { country: 'kz' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x5', { country: 'KAZ' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x6', { name: '' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'x7', { details: 'not json' })).toThrow(/CHECK/);
    expect(() => insertEntity(db, 'o1')).toThrow(/UNIQUE/);
    insertLink(db, 'l1');
    expect(() => insertLink(db, 'l2', { share_bp: 10001 })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l3', { share_bp: -1 })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l4', { type: 'director_of' })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l5', { type: 'partner_of', share_bp: null })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l6', { to_entity_id: 'p1', type: 'associated', share_bp: null })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l7', { valid_from: '2025-01-02', valid_to: '2025-01-01' })).toThrow(/CHECK/);
    expect(() => insertLink(db, 'l8', { to_entity_id: 'nobody' })).toThrow(/FOREIGN KEY/);
    expect(() => insertLink(db, 'l9', { source: '' })).toThrow(/CHECK/);
    insertRole(db, 'r1');
    insertRole(db, 'r2', { role: 'suspect' });
    expect(() => insertRole(db, 'r3')).toThrow(/UNIQUE/);
    expect(() => insertRole(db, 'r4', { role: 'accomplice' })).toThrow(/CHECK/);
    expect(() => insertRole(db, 'r5', { case_id: 'no-such-case' })).toThrow(/FOREIGN KEY/);
    expect(() => insertRole(db, 'r6', { entity_id: 'nobody' })).toThrow(/FOREIGN KEY/);
    // An entity with links or roles cannot be deleted from under them.
    expect(() => db.prepare("DELETE FROM entities WHERE id = 'o1'").run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps the full-text index in step with names and identifiers (trigram, any case, no diacritics)', async () => {
    const db = await migratedTo3();
    insertEntity(db, 'o1', { name: 'Société Générale Trading', search_text: 'IMO 9074729' });
    const match = (q: string) =>
      db.prepare('SELECT e.id FROM entities_fts f JOIN entities e ON e.seq = f.rowid WHERE entities_fts MATCH ?').pluck().all(q);
    expect(match('"societe"')).toEqual(['o1']);
    expect(match('"9074729"')).toEqual(['o1']);
    db.prepare("UPDATE entities SET name = 'Altyn Steppe LLP', search_text = 'BIN 180440012345' WHERE id = 'o1'").run();
    expect(match('"societe"')).toEqual([]);
    expect(match('"steppe"')).toEqual(['o1']);
    expect(match('"180440"')).toEqual(['o1']);
    db.prepare("DELETE FROM entities WHERE id = 'o1'").run();
    expect(match('"steppe"')).toEqual([]);
  });
});

describe('migration 004', () => {
  /** A database at version 3 holding one case, migrated to 4. */
  async function migratedTo4(): Promise<{ db: Db; caseId: string }> {
    const file = newFile();
    const before = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 3) }));
    before.db
      .prepare(
        `INSERT INTO cases (id, file_number, title, lead_investigator, opened_on, created_at, updated_at)
      VALUES ('case-1', '2026-EXP-000001', 'Diverted FPGAs', 'A. Investigator', '2026-03-01', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`,
      )
      .run();
    before.db.close();
    open.pop();
    const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 4) }));
    expect(pragma(db, 'user_version')).toBe(4);
    expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Diverted FPGAs']);
    return { db, caseId: 'case-1' };
  }

  const T = '2026-03-10T16:30:00.000Z';
  function insertSeizure(db: Db, id: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      case_id: 'case-1',
      seizure_number: `2026-SZ-${id}`,
      seized_at: T,
      seized_on: '2026-03-10',
      place: 'Port of Montréal',
      seizing_officer: 'Jeanne Tremblay',
      review_window_ends_on: '2026-06-08',
      created_at: T,
      updated_at: T,
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO seizures (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
  function insertItem(db: Db, id: string, seizureId: string, extra: Record<string, unknown> = {}): void {
    const row = {
      id,
      seizure_id: seizureId,
      item_number: 1,
      description: 'Field-programmable gate arrays',
      quantity: 40,
      unit: 'piece',
      hs_code: '854239',
      eccn: '3A001.a.7',
      value_minor: 4_800_000,
      value_currency: 'USD',
      initial_custodian: 'Jeanne Tremblay',
      initial_location: 'Port of Montréal',
      created_at: T,
      ...extra,
    };
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO seized_items (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
  function insertEntry(db: Db, id: string, itemId: string): void {
    db.prepare(
      `INSERT INTO custody_entries (id, item_id, at, released_by, received_by, from_location, to_location, purpose, recorded_at, recorded_by)
      VALUES (?, ?, ?, 'Jeanne Tremblay', 'Omar Ahmed', 'Port of Montréal', 'Warehouse', 'storage', ?, 'Jeanne Tremblay')`,
    ).run(id, itemId, T, T);
  }

  it('creates the seizure, item and custody tables with their indexes and triggers', async () => {
    const { db } = await migratedTo4();
    const names = (type: string) =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%'").pluck().all(type) as string[];
    expect(names('table')).toEqual(expect.arrayContaining(['seizures', 'seized_items', 'custody_entries', 'seizures_fts']));
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'seizures_number',
        'seizures_seized_at',
        'seizures_disposition',
        'seizures_review',
        'seizures_updated',
        'seizures_case',
        'seized_items_totals',
        'custody_entries_item',
      ]),
    );
    expect(names('trigger')).toEqual(
      expect.arrayContaining([
        'custody_entries_no_update',
        'custody_entries_no_delete',
        'seized_items_no_update',
        'seized_items_no_delete',
        'seizures_no_delete',
        'seizures_claimants_insert',
        'seizures_claimants_update',
        'seizures_fts_insert',
        'seizures_fts_update',
        'seizures_fts_item',
      ]),
    );
  });

  it('enforces the seizure, item and custody constraints in SQL', async () => {
    const { db } = await migratedTo4();
    insertSeizure(db, 's1');
    expect(() => insertSeizure(db, 's2', { case_id: 'no-such-case' })).toThrow(/FOREIGN KEY/);
    expect(() => insertSeizure(db, 's3', { disposition: 'lost' })).toThrow(/CHECK/);
    expect(() => insertSeizure(db, 's4', { disposition: 'sold' })).toThrow(/CHECK/);
    expect(() => insertSeizure(db, 's5', { release_amount_minor: 100 })).toThrow(/CHECK/);
    expect(() => insertSeizure(db, 's6', { claimant_entity_ids: '["nobody"]' })).toThrow(/claimant is not an entity/);
    expect(() =>
      insertSeizure(db, 's7', { disposition: 'sold', disposition_on: '2026-03-09', disposition_authority: 'x' }),
    ).toThrow(/CHECK/);
    expect(() => insertSeizure(db, 's8', { owner_entity_id: 'nobody' })).toThrow(/FOREIGN KEY/);
    insertItem(db, 'i1', 's1');
    expect(() => insertItem(db, 'i2', 's1')).toThrow(/UNIQUE/);
    expect(() => insertItem(db, 'i3', 's1', { item_number: 2, quantity: 0 })).toThrow(/CHECK/);
    expect(() => insertItem(db, 'i4', 's1', { item_number: 3, value_minor: -1 })).toThrow(/CHECK/);
    expect(() => insertItem(db, 'i5', 's1', { item_number: 4, value_currency: 'usd' })).toThrow(/CHECK/);
    expect(() => insertItem(db, 'i6', 's1', { item_number: 5, hs_code: '8542.39' })).toThrow(/CHECK/);
    expect(() => insertItem(db, 'i7', 's1', { item_number: 6, value_minor: 1.5 })).toThrow(
      /cannot store REAL value in INTEGER column/,
    );
    insertEntry(db, 'e1', 'i1');
    expect(() => insertEntry(db, 'e2', 'no-such-item')).toThrow(/FOREIGN KEY/);
  });

  it('keeps items and custody entries append-only, and seizures undeletable', async () => {
    const { db } = await migratedTo4();
    insertSeizure(db, 's1');
    insertItem(db, 'i1', 's1');
    insertEntry(db, 'e1', 'i1');
    expect(() => db.prepare("UPDATE custody_entries SET received_by = 'x'").run()).toThrow('custody entries are append-only');
    expect(() => db.prepare('DELETE FROM custody_entries').run()).toThrow('custody entries are append-only');
    expect(() => db.prepare('UPDATE seized_items SET quantity = 1').run()).toThrow('seized items are never changed');
    expect(() => db.prepare('DELETE FROM seized_items').run()).toThrow('seized items are never deleted');
    expect(() => db.prepare('DELETE FROM seizures').run()).toThrow('seizures are never deleted');
    expect(db.prepare('SELECT count(*) FROM custody_entries').pluck().get()).toBe(1);
  });

  it('keeps the seizure full-text index in step with the header and the goods lines', async () => {
    const { db } = await migratedTo4();
    const match = (q: string) =>
      db
        .prepare('SELECT s.id FROM seizures_fts f JOIN seizures s ON s.seq = f.rowid WHERE seizures_fts MATCH ? ORDER BY s.seq')
        .pluck()
        .all(q);
    insertSeizure(db, 's1');
    insertSeizure(db, 's2', { place: 'Port of Halifax' });
    expect(match('"montreal"')).toEqual(['s1']);
    insertItem(db, 'i1', 's1');
    insertItem(db, 'i2', 's2', { description: 'GNSS receivers', hs_code: '852691', eccn: '7A994' });
    expect(match('"gate arrays"')).toEqual(['s1']);
    expect(match('"7A994"')).toEqual(['s2']);
    expect(match('"854239"')).toEqual(['s1']);
    db.prepare("UPDATE seizures SET place = 'Lacolle crossing', legal_provision = 'EIPA s. 13' WHERE id = 's1'").run();
    expect(match('"montreal"')).toEqual([]);
    expect(match('"lacolle"')).toEqual(['s1']);
    expect(match('"EIPA"')).toEqual(['s1']);
    expect(match('"gate arrays"')).toEqual(['s1']);
  });
});

describe('migration 005', () => {
  const T = '2026-03-10T16:30:00.000Z';
  const CASE_1 = '0b9d7c1e-5f3a-4c8e-9a61-2f4e8d7c6b51';
  const CASE_2 = '7e2a4f90-1c3b-4d5e-8f70-9a1b2c3d4e5f';
  /** A database at version 4 with two audited cases, the second changed outside Dossier; then migrated to 5. */
  async function migratedTo5(): Promise<{ file: string; db: Db }> {
    const file = newFile();
    const before = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 4) }));
    const audit = new AuditWriter(before.db, { name: 'Jeanne Tremblay', badge: 'B-1' }, 'cases.create', () => T);
    before.db.transaction(() => {
      for (const [id, number] of [
        [CASE_1, '2026-EXP-000001'],
        [CASE_2, '2026-EXP-000002'],
      ] as const) {
        before.db
          .prepare(
            `INSERT INTO cases (id, file_number, title, lead_investigator, opened_on, created_at, updated_at)
          VALUES (?, ?, 'Diverted FPGAs', 'A. Investigator', '2026-03-01', ?, ?)`,
          )
          .run(id, number, T, T);
        audit.record(
          'case',
          id,
          id,
          null,
          before.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as Record<string, unknown>,
        );
      }
    })();
    before.db.prepare("UPDATE cases SET title = 'Tampered' WHERE id = ?").run(CASE_2);
    before.db.close();
    open.pop();
    const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 5) }));
    expect(pragma(db, 'user_version')).toBe(5);
    return { file, db };
  }

  it('creates the detention, request, penalty and payment tables with their list and deadline indexes', async () => {
    const { db } = await migratedTo5();
    const names = (type: string) =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%'").pluck().all(type) as string[];
    expect(names('table')).toEqual(
      expect.arrayContaining(['detentions', 'detention_info_requests', 'penalties', 'penalty_payments']),
    );
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'detentions_started',
        'detentions_review',
        'detentions_number',
        'detentions_case',
        'detentions_review_deadline',
        'detentions_assessment_deadline',
        'detention_info_requests_deadline',
        'penalties_notice',
        'penalties_assessed',
        'penalties_due',
        'penalties_amount',
        'penalties_balance',
        'penalties_status',
        'penalties_case',
        'penalties_due_deadline',
        'penalties_window_deadline',
        'penalty_payments_penalty',
        'cases_limitation',
      ]),
    );
    expect(names('trigger')).toEqual(expect.arrayContaining(['penalty_payments_no_update', 'penalty_payments_no_delete']));
    expect(db.prepare('SELECT contravention_on FROM cases ORDER BY seq').pluck().all()).toEqual([null, null]);
  });

  it('records the new case column in the audit trail of every untampered case, so the check stays clean for them', async () => {
    const { db } = await migratedTo5();
    const rows = db.prepare("SELECT * FROM audit_log WHERE method = 'migration 005'").all() as {
      record_id: string;
      before: string;
      after: string;
      actor: string;
    }[];
    expect(rows.map((r) => r.record_id)).toEqual([CASE_1]);
    const row = rows[0];
    expect(row?.actor).toBe('Dossier');
    expect(JSON.parse(row?.before ?? '{}')).not.toHaveProperty('contravention_on');
    expect(JSON.parse(row?.after ?? '{}')).toMatchObject({ contravention_on: null, title: 'Diverted FPGAs' });
    const problems = checkDatabase(db).problems.map((p) => p.message);
    expect(problems).toEqual([`case ${CASE_2} was changed outside Dossier (no audit record)`]);
  });

  it('refuses what its constraints forbid: an unpaid penalty marked paid, a payment change, an end without an outcome', async () => {
    const { db } = await migratedTo5();
    db.prepare(`INSERT INTO entities (id, kind, name, created_at, updated_at) VALUES ('e-1', 'organization', 'Acme', ?, ?)`).run(
      T,
      T,
    );
    const penalty = (id: string, amountMinor: number) =>
      db
        .prepare(
          `INSERT INTO penalties (id, case_id, notice_number, contravention_code, entity_id, amount_minor, currency,
        assessed_on, due_on, level, status, status_on, created_at, updated_at)
        VALUES (?, ?, ?, 'C1', 'e-1', ?, 'CAD', '2026-03-01', '2026-03-31', 'first', 'issued', '2026-03-01', ?, ?)`,
        )
        .run(id, CASE_1, id, amountMinor, T, T);
    penalty('p-1', 1000);
    expect(() => db.prepare("UPDATE penalties SET status = 'paid' WHERE id = 'p-1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE penalties SET paid_minor = 1001 WHERE id = 'p-1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE penalties SET paid_minor = 1000 WHERE id = 'p-1'").run()).toThrow(/CHECK/);
    expect(() => penalty('p-2', 0)).toThrow(/CHECK/);
    expect(() => penalty('p-3', 10.5)).toThrow(/INTEGER|datatype/);
    expect(() => db.prepare("UPDATE penalties SET currency = 'cad' WHERE id = 'p-1'").run()).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO penalty_payments (id, penalty_id, case_id, paid_on, amount_minor, currency, method, created_at)
      VALUES ('pay-1', 'p-1', ?, '2026-03-05', 10, 'CAD', 'wire', ?)`,
    ).run(CASE_1, T);
    expect(() => db.prepare("UPDATE penalty_payments SET amount_minor = 20 WHERE id = 'pay-1'").run()).toThrow(/never changed/);
    expect(() => db.prepare("DELETE FROM penalty_payments WHERE id = 'pay-1'").run()).toThrow(/never removed/);
    db.prepare(
      `INSERT INTO detentions (id, case_id, detention_number, subject, started_at, review_due_on, created_at, updated_at)
      VALUES ('d-1', ?, '2026-DT-000001', 'goods', ?, '2026-04-09', ?, ?)`,
    ).run(CASE_1, T, T, T);
    expect(() => db.prepare("UPDATE detentions SET ended_at = ? WHERE id = 'd-1'").run(T)).toThrow(/CHECK/);
    expect(() =>
      db.prepare("UPDATE detentions SET outcome = 'released', ended_at = '2026-03-01T00:00:00.000Z' WHERE id = 'd-1'").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE detentions SET referred_on = '2026-03-11' WHERE id = 'd-1'").run()).toThrow(/CHECK/);
  });

  it('opens through the contract afterwards: a contravention date set through cases.update', async () => {
    const { file, db } = await migratedTo5();
    db.close();
    open.pop();
    const core = await openCore(file, { clock: () => new Date('2026-03-15T12:00:00Z') });
    try {
      const c = ok<{ contraventionOn: string | null; version: number }>(
        core.invoke('cases.update', { id: CASE_1, contraventionOn: '2025-12-01' }),
      );
      expect(c.contraventionOn).toBe('2025-12-01');
      expect(checkDatabase(core.db).problems.map((p) => p.message)).toEqual([
        `case ${CASE_2} was changed outside Dossier (no audit record)`,
      ]);
    } finally {
      core.close();
    }
  });
});

describe('migration 006', () => {
  const T = '2026-03-10T16:30:00.000Z';
  it('indexes the limitation deadline by "met" (referred for prosecution or closed) instead of "closed"', async () => {
    const file = newFile();
    const before = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= 5) }));
    const insert = before.db
      .prepare(`INSERT INTO cases (id, file_number, title, status, lead_investigator, opened_on, created_at, updated_at)
      VALUES (?, ?, 'Diverted FPGAs', ?, 'A. Investigator', '2019-03-01', ?, ?)`);
    insert.run('c-open', '2019-EXP-000001', 'open', T, T);
    insert.run('c-referred', '2019-EXP-000002', 'referred_for_prosecution', T, T);
    insert.run('c-closed', '2019-EXP-000003', 'closed', T, T);
    before.db.close();
    open.pop();
    const { db } = track(await openDatabase(file));
    expect(pragma(db, 'user_version')).toBe(6);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all() as string[];
    expect(indexes).toContain('cases_limitation_met');
    expect(indexes).not.toContain('cases_limitation');
    const met = db
      .prepare(
        `SELECT id FROM cases INDEXED BY cases_limitation_met WHERE ${"(status IN ('referred_for_prosecution', 'closed'))"} = 1 ORDER BY id`,
      )
      .pluck()
      .all();
    expect(met).toEqual(['c-closed', 'c-referred']);
  });
});
