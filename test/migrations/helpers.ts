/** Shared set-up of the migration tests: database files in their own folders, closed after each test. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { openDatabase, type Db } from '../../db/sqlite.ts';
import { migrations } from '../../db/migrations/index.ts';
import { DossierError } from '../../db/errors.ts';
import { openCore } from '../../db/index.ts';
import { ok, tempDir } from '../helpers.ts';

const dir = tempDir();
let n = 0;
/** A path for a new database file in its own folder (so sibling files can be listed). */
export function newFile(): string {
  const folder = path.join(dir, `db${++n}`);
  fs.mkdirSync(folder);
  return path.join(folder, 'dossier.db');
}

export const open: Db[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});
export function track<T extends { db: Db }>(opened: T): T {
  open.push(opened.db);
  return opened;
}

export function pragma(db: Db, name: string): unknown {
  return db.pragma(name, { simple: true });
}

export function schemaSql(db: Db): unknown[] {
  return db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all();
}

/** Makes a database at the latest version holding one case, then closes it. */
export async function databaseWithOneCase(file: string): Promise<string> {
  const core = await openCore(file);
  try {
    return ok<{ id: string }>(core.invoke('cases.create', { title: 'Diverted FPGAs to Russia' })).id;
  } finally {
    core.close();
  }
}

export async function expectRefusedOpen(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DossierError);
  expect((error as DossierError).code).toBe(code);
  expect((error as DossierError).message).toMatch(message);
}

/**
 * A database one version before `version` holding one case (id `case-1`), then migrated to
 * `version`: the case is still there. The way each migration's test starts.
 */
export async function migratedWithOneCase(version: number): Promise<Db> {
  const file = newFile();
  const before = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version < version) }));
  before.db
    .prepare(
      `INSERT INTO cases (id, file_number, title, lead_investigator, opened_on, created_at, updated_at)
      VALUES ('case-1', '2026-EXP-000001', 'Diverted FPGAs', 'A. Investigator', '2026-03-01', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`,
    )
    .run();
  before.db.close();
  open.pop();
  const { db } = track(await openDatabase(file, { migrations: migrations.filter((m) => m.version <= version) }));
  expect(pragma(db, 'user_version')).toBe(version);
  expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Diverted FPGAs']);
  return db;
}
