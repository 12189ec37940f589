import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { methods } from '../db/index.ts';
import { openDatabase } from '../db/sqlite.ts';
import type { Case } from '../db/api.ts';
import { sha256File, snapshot, tempDir } from './helpers.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repoRoot, 'bin', 'dossier.mjs');
const dir = tempDir();
let n = 0;

/** A fresh working folder for one CLI run: relative --db paths land in it. */
function workDir(): string {
  const d = path.join(dir, `w${++n}`);
  fs.mkdirSync(d);
  return d;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI, never touching the user's own database: the default location points into the temp folder. */
function dossier(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'xdg'), HOME: path.join(dir, 'home') };
  delete env.DOSSIER_DB;
  Object.assign(env, opts.env);
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: opts.cwd, env, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function readSnapshot(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return snapshot(db);
  } finally {
    db.close();
  }
}

describe.concurrent('dossier CLI', () => {
  it('call cases.create prints the case as JSON, and cases.list includes it', async () => {
    const cwd = workDir();
    const created = await dossier(['call', 'cases.create', '{"title":"Diverted FPGAs"}', '--db', 'x.db'], { cwd });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const c = JSON.parse(created.stdout) as Case;
    expect(c).toMatchObject({ title: 'Diverted FPGAs', status: 'open', version: 1 });
    expect(c.fileNumber).toMatch(/^\d{4}-EXP-000001$/);
    expect(fs.existsSync(path.join(cwd, 'x.db'))).toBe(true);

    const listed = await dossier(['call', 'cases.list', '{}', '--db', 'x.db'], { cwd });
    expect(listed.code).toBe(0);
    const list = JSON.parse(listed.stdout) as { total: number; rows: { id: string; title: string }[] };
    expect(list.total).toBe(1);
    expect(list.rows).toEqual([expect.objectContaining({ id: c.id, title: 'Diverted FPGAs' })]);
  });

  it('invalid input exits 1 with one stderr line naming the field, and leaves the database unchanged', async () => {
    const cwd = workDir();
    const file = path.join(cwd, 'x.db');
    expect((await dossier(['call', 'cases.create', '{"title":"Existing"}', '--db', file], { cwd })).code).toBe(0);
    const before = readSnapshot(file);
    const r = await dossier(['call', 'cases.create', '{"title":5}', '--db', file], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^invalid_input: title: /);
    expect(readSnapshot(file)).toEqual(before);
  });

  it('a database from a newer Dossier: exit 1, a clear message, the file untouched', async () => {
    const cwd = workDir();
    const file = path.join(cwd, 'future.db');
    const { db } = await openDatabase(file);
    db.exec("INSERT INTO settings (id, value) VALUES ('future', '1')");
    db.pragma('user_version = 999');
    db.close();
    const hash = sha256File(file);
    const listing = fs.readdirSync(cwd).sort();
    const r = await dossier(['call', 'cases.list', '{}', '--db', file], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('newer Dossier');
    expect(r.stderr).toContain('999');
    expect(r.stderr).toContain('not modified');
    expect(sha256File(file)).toBe(hash);
    expect(fs.readdirSync(cwd).sort()).toEqual(listing);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['call', 'cases.create', '{"title": "unterminated', '--db', 'x.db'], /not valid JSON/],
    [['call', 'cases.create', "{title:'single quotes'}", '--db', 'x.db'], /not valid JSON/],
    [['call', '--db', 'x.db'], /needs a method name/],
    [['call', 'cases.list', '{}', 'extra', '--db', 'x.db'], /one JSON argument/],
    [['call', 'cases.list', '{}', '--colour', 'red'], /--colour/],
    [['seed', '--cases', 'many', '--db', 'x.db'], /--cases takes a whole number/],
    [[], /Usage: dossier/],
  ])('usage error %j exits 2', async (args, message) => {
    const cwd = workDir();
    const r = await dossier(args, { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toMatch(message);
    expect(fs.existsSync(path.join(cwd, 'x.db')), 'a usage error creates no database').toBe(false);
  });

  it('an unknown method exits 2 and names it', async () => {
    const cwd = workDir();
    const r = await dossier(['call', 'cases.frobnicate', '{}', '--db', 'x.db'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown_method: .*cases\.frobnicate/);
  });

  it('methods prints every method with an input JSON Schema', async () => {
    const r = await dossier(['methods'], { cwd: workDir() });
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as {
      name: string;
      kind: string;
      summary: string;
      input: { type?: string; properties?: Record<string, unknown>; required?: string[]; additionalProperties?: unknown };
    }[];
    expect(list.map((m) => m.name).sort()).toEqual(Object.keys(methods).sort());
    for (const m of list) {
      expect(m.kind, m.name).toBe(methods[m.name as keyof typeof methods].kind);
      expect(m.summary.length, m.name).toBeGreaterThan(0);
      expect(m.input.type, m.name).toBe('object');
      expect(m.input.properties, m.name).toBeTypeOf('object');
      expect(m.input.additionalProperties, `${m.name} is strict`).toBe(false);
    }
    const create = list.find((m) => m.name === 'cases.create');
    expect(create?.input.required).toEqual(['title']);
    expect(Object.keys(create?.input.properties ?? {})).toEqual(expect.arrayContaining(['title', 'priority', 'openedOn']));
  });

  it('seed is deterministic: the same seed gives the same cases in two databases', async () => {
    const cwd = workDir();
    const [a, b, other] = await Promise.all([
      dossier(['seed', '--cases', '50', '--seed', '7', '--db', 'a.db'], { cwd }),
      dossier(['seed', '--cases', '50', '--seed', '7', '--db', 'b.db'], { cwd }),
      dossier(['seed', '--cases', '50', '--seed', '8', '--db', 'c.db'], { cwd }),
    ]);
    for (const r of [a, b, other]) expect(r.code, r.stderr).toBe(0);
    expect(a.stdout).toMatch(/Seeded 50 cases into .*a\.db/);
    const cases = (file: string) => {
      const db = new Database(path.join(cwd, file), { readonly: true });
      try {
        return db
          .prepare('SELECT file_number, title, status, priority, lead_investigator, opened_on, closed_on FROM cases ORDER BY seq')
          .all();
      } finally {
        db.close();
      }
    };
    const [ca, cb, cc] = [cases('a.db'), cases('b.db'), cases('c.db')];
    expect(ca).toHaveLength(50);
    expect(cb).toEqual(ca);
    expect(cc).not.toEqual(ca);
  });

  it('check exits 0 on a good database, and 1 naming the record on a tampered one', async () => {
    const cwd = workDir();
    const file = path.join(cwd, 'x.db');
    expect((await dossier(['seed', '--cases', '5', '--db', file], { cwd })).code).toBe(0);
    const good = await dossier(['check', '--db', file], { cwd });
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^OK: .* passed every check/m);

    const db = new Database(file);
    const id = db.prepare('SELECT id FROM cases ORDER BY seq LIMIT 1').pluck().get() as string;
    db.prepare("UPDATE cases SET title = 'Quietly rewritten' WHERE id = ?").run(id);
    db.close();
    const bad = await dossier(['check', '--db', file], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`PROBLEM audit: case ${id} was changed outside Dossier`);

    const missing = await dossier(['check', '--db', path.join(cwd, 'nope.db')], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No database at .*nope\.db/);
    expect(fs.existsSync(path.join(cwd, 'nope.db'))).toBe(false);
  });

  it('check reads a database it cannot write: a read-only file in a read-only folder, nothing written beside it', async () => {
    const cwd = workDir();
    expect((await dossier(['call', 'cases.create', '{"title":"Diverted FPGAs"}', '--db', 'x.db'], { cwd })).code).toBe(0);
    const folder = path.join(cwd, 'readonly');
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(cwd, 'x.db'), path.join(folder, 'x.db'));
    const hash = sha256File(path.join(folder, 'x.db'));
    // Another account does not hold this installation's keys: it checks against the anchor it was given.
    const anchor = path.join(cwd, 'anchor.json');
    expect((await dossier(['anchor', '--db', 'x.db', '--out', anchor], { cwd })).code).toBe(0);
    fs.chmodSync(anchor, 0o644);
    fs.chmodSync(path.join(folder, 'x.db'), 0o444);
    fs.chmodSync(folder, 0o555);
    // root writes anywhere: the check then runs as an account that cannot (as a user on a read-only share).
    const asUser = process.getuid?.() === 0;
    const run: Run = asUser
      ? await new Promise((resolve) => {
          for (const d of [dir, cwd]) fs.chmodSync(d, 0o755);
          execFile(
            'su',
            [
              'nobody',
              '-s',
              '/bin/sh',
              '-c',
              `"${process.execPath}" "${bin}" check --db "${path.join(folder, 'x.db')}" --anchor "${anchor}"`,
            ],
            { timeout: 90_000 },
            (error, stdout, stderr) =>
              resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
          );
        })
      : await dossier(['check', '--db', path.join(folder, 'x.db'), '--anchor', anchor], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^OK: .*passed every check/m);
    expect(run.stdout).toMatch(/^NOTE chain: the chain extends the anchor of audit record 1 /m);
    expect(run.code).toBe(0);
    expect(fs.readdirSync(folder)).toEqual(['x.db']);
    expect(sha256File(path.join(folder, 'x.db'))).toBe(hash);
    fs.chmodSync(folder, 0o755); // so the temporary folder can be removed
  });

  it('--help lists every command and exits 0', async () => {
    for (const args of [['--help'], ['-h'], ['call', '--help']]) {
      const r = await dossier(args, { cwd: workDir() });
      expect(r.code).toBe(0);
      for (const command of ['serve', 'call', 'methods', 'seed', 'check']) {
        expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      }
    }
  });

  it('honours DOSSIER_DB, and --as for the acting investigator', async () => {
    const cwd = workDir();
    const file = path.join(cwd, 'from-env.db');
    const r = await dossier(['call', 'cases.create', '{"title":"Via env"}', '--as', 'Sam Okafor'], {
      cwd,
      env: { DOSSIER_DB: file },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 'Via env', leadInvestigator: 'Sam Okafor' });
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Via env']);
      expect(db.prepare('SELECT actor FROM audit_log').pluck().all()).toEqual(['Sam Okafor']);
    } finally {
      db.close();
    }
    expect(fs.existsSync(path.join(dir, 'xdg')), 'the default database was not used').toBe(false);
    // --db wins over DOSSIER_DB.
    const other = await dossier(['call', 'cases.list', '{}', '--db', 'other.db'], { cwd, env: { DOSSIER_DB: file } });
    expect((JSON.parse(other.stdout) as { total: number }).total).toBe(0);
  });
});
