/** Shared set-up of the migration tests: database files in their own folders, closed after each test. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import type { Db } from '../../db/sqlite.ts';
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
