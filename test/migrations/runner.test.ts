/** Opening a database: new, current, too new or foreign files, backups, and how migrations run and fail. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDatabase, type MigrationEvent } from '../../db/sqlite.ts';
import { LATEST_VERSION, migrations, type Migration } from '../../db/migrations/index.ts';
import { openCore } from '../../db/index.ts';
import { DossierError } from '../../db/errors.ts';
import { ok, sha256File } from '../helpers.ts';
import { newFile, track, pragma, schemaSql, databaseWithOneCase, expectRefusedOpen, open } from './helpers.ts';

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
      await expectRefusedOpen(attempt(), code, message);
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
      await expectUntouched(file, () => openDatabase(file), 'not_dossier', /another program, not a Dossier database/);
    });

    it('a SQLite database of another program that never set an application id (it used to be migrated half-way)', async () => {
      const file = newFile();
      const raw = new Database(file);
      raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
      raw.close();
      await expectUntouched(file, () => openDatabase(file), 'not_dossier', /another program.*not opened or modified/);
      await expectUntouched(file, () => openCore(file), 'not_dossier', /not a Dossier database/);
    });

    it('a foreign database with a high user_version, for the right reason (not "a newer Dossier")', async () => {
      const file = newFile();
      const raw = new Database(file);
      raw.pragma('journal_mode = WAL');
      raw.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY)');
      raw.pragma('user_version = 41');
      raw.close();
      await expectUntouched(file, () => openDatabase(file), 'not_dossier', /not a Dossier database/);
    });

    it('opens an empty SQLite file (no table yet) and makes it a Dossier database', async () => {
      const file = newFile();
      new Database(file).close();
      const { db } = track(await openDatabase(file));
      expect(pragma(db, 'user_version')).toBe(LATEST_VERSION);
      expect(pragma(db, 'application_id')).toBe(APPLICATION_ID);
    });

    it('a file that is not a SQLite database', async () => {
      const file = newFile();
      fs.writeFileSync(file, 'Case notes, not a database. '.repeat(20));
      await expectUntouched(
        file,
        () => openDatabase(file),
        'not_dossier',
        /not a Dossier database \(it cannot be read as SQLite/,
      );
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

      const failure: unknown = await openDatabase(file, { migrations: [...migrations, failing] }).catch((e: unknown) => e);
      // It says which migration failed, why, where the database stands and where the backup is.
      expect(failure).toBeInstanceOf(DossierError);
      expect((failure as DossierError).code).toBe('migration_failed');
      const message = (failure as DossierError).message;
      expect(message).toContain(
        `Migration ${String(LATEST_VERSION + 1).padStart(3, '0')} (test: fails half-way) failed: boom in migration`,
      );
      expect(message).toContain(`at schema version ${LATEST_VERSION}`);
      const backup = /is at (\S+\.db)\./.exec(message)?.[1] ?? '';
      expect(fs.existsSync(backup), backup).toBe(true);

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

  describe('a migration that rebuilds a table with foreign keys off', () => {
    async function atLatestWithACase(): Promise<string> {
      const file = newFile();
      await databaseWithOneCase(file);
      return file;
    }
    const rebuild = (breakReference: boolean): Migration => ({
      version: LATEST_VERSION + 1,
      name: 'test: rebuild the settings table',
      foreignKeysOff: true,
      up(db) {
        expect(db.pragma('foreign_keys', { simple: true })).toBe(0);
        db.exec(
          'CREATE TABLE settings_new AS SELECT * FROM settings; DROP TABLE settings; ALTER TABLE settings_new RENAME TO settings;',
        );
        if (breakReference)
          db.exec(
            "INSERT INTO case_entities (id, case_id, entity_id, role, created_at, updated_at) VALUES ('x', 'no-case', 'no-entity', 'subject', '', '')",
          );
      },
    });

    it('runs with foreign keys off and turns them back on', async () => {
      const { db } = track(await openDatabase(await atLatestWithACase(), { migrations: [...migrations, rebuild(false)] }));
      expect(pragma(db, 'user_version')).toBe(LATEST_VERSION + 1);
      expect(pragma(db, 'foreign_keys')).toBe(1);
    });

    it('is refused, and rolled back, when it leaves a broken reference', async () => {
      const file = await atLatestWithACase();
      const failure: unknown = await openDatabase(file, { migrations: [...migrations, rebuild(true)] }).catch((e: unknown) => e);
      expect((failure as DossierError).message).toMatch(/reference\(s\) broken, the first in case_entities/);
      const raw = new Database(file, { readonly: true });
      try {
        expect(pragma(raw, 'user_version')).toBe(LATEST_VERSION);
        expect(raw.prepare('SELECT count(*) AS n FROM case_entities').get()).toEqual({ n: 0 });
      } finally {
        raw.close();
      }
    });
  });
});
