/**
 * `dossier lists import FILE` and `dossier lists`, through the real CLI on real files: what is
 * printed for a new list, a newer edition and the same file again, a bad file refused with its line
 * and nothing changed, usage errors, the evidence store left as it was, and `dossier check` green.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';
import { CSL_V1, CSL_V2, SEMA_V1, cslCsv, semaXml } from './screening-fixtures.ts';

const cli = path.resolve(import.meta.dirname, '..', 'bin', 'dossier.mjs');
const dir = tempDir();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function dossier(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'xdg'), HOME: path.join(dir, 'home') };
  delete env.DOSSIER_DB;
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The files of the evidence store (the CLI's copy of a list goes out again). */
function store(db: string): string[] {
  const evidence = path.join(path.dirname(db), 'evidence');
  if (!fs.existsSync(evidence)) return [];
  return (fs.readdirSync(evidence, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(evidence, p)).isFile())
    .sort();
}

function rows(db: string): Record<string, unknown[]> {
  const d = new Database(db, { readonly: true });
  try {
    return Object.fromEntries(
      ['screening_lists', 'screening_entries', 'audit_log'].map((t) => [t, d.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]),
    );
  } finally {
    d.close();
  }
}

describe.concurrent('dossier lists', () => {
  it('imports a list, then a newer edition, then the same file again, and says what each did', async () => {
    fs.mkdirSync(path.join(dir, 'a'));
    const db = path.join(dir, 'a', 'dossier.db');
    const v1 = write('consolidated-v1.csv', cslCsv(CSL_V1));
    const v2 = write('consolidated-v2.csv', cslCsv(CSL_V2));

    const empty = await dossier(['lists', '--db', db]);
    expect(empty).toMatchObject({ code: 0, stdout: 'No screening list is loaded: `dossier lists import FILE` loads one\n' });

    const first = await dossier(['lists', 'import', v1, '--db', db, '--as', 'A. Officer']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Loaded U\.S\. Consolidated Screening List from consolidated-v1\.csv \(csl, SHA-256 [0-9a-f]{64}\): 6 entries added\nScreened 0 entities against the lists: 0 hits \(`dossier screen --all` lists the open ones\)\n$/,
    );
    const second = await dossier(['lists', 'import', v2, '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/: 1 added, 2 changed, 1 removed, 3 unchanged; 6 entries now\nScreened 0 entities/);
    const before = rows(db);
    const third = await dossier(['lists', 'import', v2, '--db', db]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(
      /^U\.S\. Consolidated Screening List already holds this file \(SHA-256 [0-9a-f]{64}\): nothing changed, 6 entries\n$/,
    );
    expect(rows(db)).toEqual(before);

    const sema = await dossier([
      'lists',
      'import',
      write('sema-lmes.xml', semaXml(SEMA_V1, 'new')),
      '--db',
      db,
      '--name',
      'SEMA (Russia)',
    ]);
    expect(sema.stdout).toMatch(
      /^Loaded SEMA \(Russia\) from sema-lmes\.xml \(sema, SHA-256 [0-9a-f]{64}\): 3 entries added\nScreened/,
    );

    const listed = await dossier(['lists', '--db', db]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('SEMA (Russia) (sema): 3 entries, list date not given');
    expect(lines[3]).toBe('U.S. Consolidated Screening List (csl): 6 entries, list date not given');
    expect(lines[4]).toMatch(/^ {2}file consolidated-v2\.csv, [\d,]+ bytes, SHA-256 [0-9a-f]{64}$/);
    expect(lines[5]).toMatch(/^ {2}imported \S+Z by \S.* \(version 2\); that import: 1 added, 2 changed, 1 removed$/);
    const json = JSON.parse((await dossier(['lists', '--db', db, '--json'])).stdout) as { name: string; importedBy: string }[];
    expect(json.map((l) => l.name)).toEqual(['SEMA (Russia)', 'U.S. Consolidated Screening List']);
    // --as is who imported it (the first import; the second was by the profile).
    const d = new Database(db, { readonly: true });
    expect(d.prepare("SELECT actor FROM audit_log WHERE record_type = 'screening_list' ORDER BY seq LIMIT 1").pluck().get()).toBe(
      'A. Officer',
    );
    d.close();
    // The copies made for the import went out of the store again.
    expect(store(db)).toEqual([]);
    const check = await dossier(['check', '--db', db]);
    expect(check.code, check.stdout).toBe(0);
  });

  it('refuses a bad file with its line on one stderr line, exit 1, and changes nothing', async () => {
    fs.mkdirSync(path.join(dir, 'b'));
    const db = path.join(dir, 'b', 'dossier.db');
    expect((await dossier(['lists', 'import', write('b-v1.csv', cslCsv(CSL_V1)), '--db', db])).code).toBe(0);
    const before = rows(db);
    const csv = cslCsv(CSL_V2);
    const truncated = await dossier(['lists', 'import', write('b-cut.csv', csv.slice(0, csv.indexOf('Hua Tong'))), '--db', db]);
    expect(truncated).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'invalid_input: file: line 8: a quoted field opened in this row is never closed (the file may be cut off)\n',
    });
    const xml = semaXml(SEMA_V1, 'old');
    const cutXml = await dossier(['lists', 'import', write('b-cut.xml', xml.slice(0, xml.indexOf('SEA BREEZE'))), '--db', db]);
    expect(cutXml).toMatchObject({
      code: 1,
      stderr: 'invalid_input: file: record 2: the file ends inside this record (it may be cut off)\n',
    });
    const forced = await dossier(['lists', 'import', write('b-list.xml', xml), '--db', db, '--format', 'csl']);
    expect(forced).toMatchObject({ code: 1, stderr: 'invalid_input: file: line 1: the header has no "name" column\n' });
    expect(rows(db)).toEqual(before);
    expect(store(db)).toEqual([]);

    const usage = await dossier(['lists', 'import', write('b-v2.csv', csv), '--db', db, '--format', 'xlsx']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^dossier: --format is csl or sema, not "xlsx"\n/);
    expect((await dossier(['lists', 'import', '--db', db])).code).toBe(2);
    expect((await dossier(['lists', 'remove', '--db', db])).code).toBe(2);
    const missing = await dossier(['lists', 'import', path.join(dir, 'nothing.csv'), '--db', db]);
    expect(missing).toMatchObject({ code: 1, stderr: `dossier: No file at ${path.join(dir, 'nothing.csv')}\n` });
    expect((await dossier(['check', '--db', db])).code).toBe(0);
  });

  it('dossier screen: every entity or one case, the open hits best first; usage and a missing case refused', async () => {
    fs.mkdirSync(path.join(dir, 'c'));
    const db = path.join(dir, 'c', 'dossier.db');
    const none = await dossier(['screen', '--all', '--db', db]);
    expect(none).toMatchObject({
      code: 1,
      stderr: 'dossier: No screening list is loaded: `dossier lists import FILE` loads one\n',
    });
    expect((await dossier(['lists', 'import', write('c-v1.csv', cslCsv(CSL_V1)), '--db', db])).code).toBe(0);
    const call = async (method: string, input: unknown) => {
      const r = await dossier(['call', method, JSON.stringify(input), '--db', db]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { id: string; fileNumber: string };
    };
    const c = await call('cases.create', { title: 'Machine tools to Moscow' });
    const petrov = await call('entities.create', { kind: 'person', givenName: 'Иван', familyName: 'Петров' });
    await call('cases.addEntity', { caseId: c.id, entityId: petrov.id, role: 'subject' });
    await call('entities.create', { kind: 'person', givenName: 'Olga', familyName: 'Lindqvist' });
    // The writes screened Petrov already; the run over every entity finds the same.
    const all = await dossier(['screen', '--all', '--db', db]);
    expect(all.stderr).toBe('');
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^Screened 2 entities against 1 list in [\d.]+ s: 1 hits, 1 open \(not yet confirmed or dismissed\)$/,
    );
    expect(lines[1]).toMatch(/^ +\d+ {2}Иван Петров {2}~ {2}Ivan PETROV {2}\(U\.S\. Consolidated Screening List, /);
    const one = JSON.parse((await dossier(['screen', '--case', c.fileNumber, '--json', '--db', db])).stdout) as {
      screened: number;
      open: { total: number; rows: { entityId: string }[] };
    };
    expect(one.screened).toBe(1);
    expect(one.open.rows.map((h) => h.entityId)).toEqual([petrov.id]);
    expect((await dossier(['screen', '--db', db])).code).toBe(2);
    expect((await dossier(['screen', '--all', '--case', c.fileNumber, '--db', db])).code).toBe(2);
    expect(await dossier(['screen', '--case', '2026-EXP-999999', '--db', db])).toMatchObject({
      code: 1,
      stderr: 'dossier: --case: no case with file number 2026-EXP-999999\n',
    });
  });
});
