/**
 * A damaged file (one page of the cases table overwritten, as a failing disk would) and a file
 * that cannot be written: `check` names what integrity_check found; the shells keep reading and
 * refuse every write with a reason; `dossier recover` copies every readable record to a new file,
 * says what was lost, and leaves the damaged file as it was.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCore } from '../db/index.ts';
import type { JobState } from '../db/api.ts';
import { err, ok, sha256File, tempDir } from './helpers.ts';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'dossier.mjs');
const dir = tempDir();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function dossier(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) =>
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 90_000 }, (e, stdout, stderr) =>
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr }),
    ),
  );
}

/** A database of 300 cases, closed (checkpointed), then one leaf page of its cases table overwritten. */
async function damagedDatabase(name: string): Promise<{ file: string; page: number }> {
  const file = path.join(dir, name, 'dossier.db');
  const core = await openCore(file, { actor: { name: 'Amélie Tremblay', badge: 'B-1' } });
  for (let i = 0; i < 300; i++) ok(core.invoke('cases.create', { title: `Case ${i}: diverted FPGAs`, summary: 'x'.repeat(200) }));
  core.close();
  const db = new Database(file, { readonly: true });
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'cases' AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all() as number[];
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const page = pages[Math.floor(pages.length / 2)] ?? 0;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (page - 1) * size);
  fs.closeSync(fd);
  return { file, page };
}

describe('a damaged database', () => {
  it('check names what integrity_check found and exits 1', async () => {
    const { file } = await damagedDatabase('check');
    const r = await dossier(['check', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^PROBLEM integrity: /m);
  });

  it('the shell reads what it can, refuses every write once it meets the damage, and after a check finds it', async () => {
    const { file } = await damagedDatabase('serve');
    const core = await openCore(file, { actor: { name: 'Amélie Tremblay', badge: 'B-1' } });
    try {
      // A page of the cases table is gone: listing them meets it.
      const listing = core.invoke('cases.list', { limit: 500 });
      expect(listing.ok).toBe(false);
      expect(err(listing)).toMatchObject({ code: 'database_damaged', reason: 'database.damaged' });
      // From then on no write is attempted, whatever it touches.
      expect(err(core.invoke('settings.update', { fileNumberPrefix: 'EXP' }))).toMatchObject({
        code: 'database_damaged',
        reason: 'database.damaged',
      });
      expect(core.damage.length).toBeGreaterThan(0);
      // The header says so (settings.paths), before anyone tries to save.
      expect(ok<{ writesRefused: string | null }>(core.invoke('settings.paths', {})).writesRefused).toBe('damaged');
    } finally {
      core.close();
    }

    // Another start, where no call has met the damage yet: a check job finds it, and writes stop.
    const again = await openCore(file, { actor: { name: 'Amélie Tremblay', badge: 'B-1' } });
    try {
      expect(again.damage).toEqual([]);
      expect(ok<{ writesRefused: string | null }>(again.invoke('settings.paths', {})).writesRefused).toBeNull();
      const job = ok<JobState>(again.invoke('jobs.start', { kind: 'check' }));
      for (let i = 0; i < 600; i++) {
        const state = ok<JobState>(again.invoke('jobs.get', { id: job.id }));
        if (state.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(again.damage.length).toBeGreaterThan(0);
      expect(err(again.invoke('settings.update', { fileNumberPrefix: 'EXP' }))).toMatchObject({ code: 'database_damaged' });
    } finally {
      again.close();
    }
  });

  it('recover copies every readable record to a new file, says what was lost, and leaves the damaged file as it was', async () => {
    const { file } = await damagedDatabase('recover');
    const before = sha256File(file);
    const out = path.join(path.dirname(file), 'recovered.db');
    const r = await dossier(['recover', '--db', file, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^LOST cases: (\d+ row\(s\)|an unknown number of rows) could not be read/m);
    expect(r.stdout).toMatch(/^Recovered \d+ records into .*recovered\.db\.$/m);
    expect(sha256File(file)).toBe(before);

    const copy = new Database(out, { readonly: true });
    const cases = copy.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const audit = copy.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    copy.close();
    expect(cases).toBeGreaterThan(200);
    expect(cases).toBeLessThan(300);
    expect(audit).toBe(300); // the audit trail was not on the damaged page
    // The new file is sound; the chain it carries shows, record by record, the cases that were lost.
    const checked = await dossier(['check', '--db', out]);
    expect(checked.stdout).not.toMatch(/PROBLEM integrity/);
    expect(checked.stdout).toMatch(/^PROBLEM audit: case [0-9a-f-]{36} was removed outside Dossier/m);
    // Refuses to overwrite.
    expect((await dossier(['recover', '--db', file, '--out', out])).code).toBe(1);
  });
});

describe('a database that cannot be written here', () => {
  const asRoot = process.getuid?.() === 0;
  // root writes anywhere: the calls run as an account that cannot (a read-only share, a CD).
  it.skipIf(!asRoot)('every read works; every write is refused with read_only, and nothing is written', async () => {
    const folder = path.join(dir, 'readonly');
    const file = path.join(folder, 'dossier.db');
    const core = await openCore(file, { actor: { name: 'Amélie Tremblay', badge: 'B-1' } });
    ok(core.invoke('cases.create', { title: 'Diverted FPGAs' }));
    core.close();
    const keys = path.join(dir, 'nobody-keys');
    fs.mkdirSync(keys);
    fs.chownSync(keys, 65534, 65534);
    for (const d of [dir, folder]) fs.chmodSync(d, 0o755);
    fs.chmodSync(file, 0o444);
    fs.chmodSync(folder, 0o555);
    const hash = sha256File(file);
    const asNobody = (args: string): Promise<Run> =>
      new Promise((resolve) =>
        execFile(
          'su',
          ['nobody', '-s', '/bin/sh', '-c', `DOSSIER_KEY_DIR="${keys}" "${process.execPath}" "${bin}" ${args} --db "${file}"`],
          { timeout: 90_000 },
          (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr }),
        ),
      );
    const list = await asNobody(`call cases.list '{}'`);
    expect(list.stderr).toBe('');
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 1 });
    const write = await asNobody(`call cases.create '{"title":"Another"}'`);
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/^read_only: This database is open read-only/);
    expect(fs.readdirSync(folder)).toEqual(['dossier.db']);
    expect(sha256File(file)).toBe(hash);
  });
});
