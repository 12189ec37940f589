/**
 * Tampering outside Dossier, on real files, detected by the real CLI (`dossier check`): a case
 * field changed with SQL, an audit record deleted (its guard trigger dropped first, as an attacker
 * with the sqlite3 shell would), one byte of an evidence file changed, another evidence file
 * deleted. Each is named in the output and the exit code is 1; an untouched copy exits 0.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Case, Evidence } from '../db/api.ts';
import { blobPath } from '../db/evidence-store.ts';
import { tempDir } from './helpers.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repoRoot, 'bin', 'dossier.mjs');
const dir = tempDir();
const original = path.join(dir, 'original');
const DB = 'dossier.db';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function dossier(args: string[], cwd: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'xdg'), HOME: path.join(dir, 'home') };
  delete env.DOSSIER_DB;
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

async function json<T>(args: string[], cwd: string): Promise<T> {
  const r = await dossier(args, cwd);
  if (r.code !== 0) throw new Error(`dossier ${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/**
 * SQL run outside Dossier: through the sqlite3 shell when one recent enough for the schema is
 * installed (the case search uses FTS5's trigram tokenizer, with remove_diacritics since 3.45),
 * else through a bare SQLite connection.
 */
function shellIsRecent(): boolean {
  const r = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  const [major = 0, minor = 0] = (/^(\d+)\.(\d+)/.exec(r.stdout ?? '') ?? []).slice(1).map(Number);
  return r.status === 0 && (major > 3 || (major === 3 && minor >= 45));
}
const hasShell = shellIsRecent();
function outsideSql(file: string, statements: string): void {
  if (hasShell) {
    const r = spawnSync('sqlite3', ['-bail', file], { input: statements, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
    return;
  }
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = OFF'); // as in the sqlite3 shell
    db.exec(statements);
  } finally {
    db.close();
  }
}

function copyOf(name: string): string {
  const target = path.join(dir, name);
  fs.cpSync(original, target, { recursive: true });
  return target;
}

function changeOneByte(file: string, at: number): void {
  fs.chmodSync(file, 0o644);
  const fd = fs.openSync(file, 'r+');
  try {
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, at);
    b[0] = (b[0] ?? 0) ^ 0x01;
    fs.writeSync(fd, b, 0, 1, at);
  } finally {
    fs.closeSync(fd);
  }
}

let target: Case;
let photo: Evidence;
let invoice: Evidence;
let manifest: Evidence;
/** The seq of an audit record in the middle of the trail. */
const DELETED_SEQ = 3;

beforeAll(async () => {
  fs.mkdirSync(original);
  const files = {
    'crate-7.jpg': Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200_000, 7)]),
    'invoice 2026-118.pdf': Buffer.from('%PDF-1.7\ncommercial invoice 2026-118: 40 FPGA boards\n%%EOF\n'),
    'manifest.csv': Buffer.from('container,seal\nMSKU1234567,0042\n'),
  };
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
  const db = ['--db', DB];
  target = await json<Case>(['call', 'cases.create', '{"title":"Diverted FPGAs via Armenia"}', ...db], original);
  await json(['call', 'cases.create', '{"title":"Gyroscopes to Iran"}', ...db], original);
  await json(
    ['call', 'cases.update', JSON.stringify({ id: target.id, summary: 'Freight forwarder in Yerevan' }), ...db],
    original,
  );
  photo = await json<Evidence>(['attach', path.join(dir, 'crate-7.jpg'), '--case', target.fileNumber, ...db], original);
  invoice = await json<Evidence>(
    ['attach', path.join(dir, 'invoice 2026-118.pdf'), '--case', target.id, '--description', 'Seized at the port', ...db],
    original,
  );
  manifest = await json<Evidence>(['attach', path.join(dir, 'manifest.csv'), '--case', target.id, ...db], original);
}, 120_000);

describe('dossier check on real files', () => {
  it('the attach command stored each file under its SHA-256', () => {
    expect(photo).toMatchObject({ caseId: target.id, originalName: 'crate-7.jpg', mediaType: 'image/jpeg', size: 200_004 });
    expect(invoice).toMatchObject({
      originalName: 'invoice 2026-118.pdf',
      mediaType: 'application/pdf',
      description: 'Seized at the port',
    });
    for (const e of [photo, invoice, manifest]) {
      expect(fs.readFileSync(blobPath(original, e.sha256)).equals(fs.readFileSync(path.join(dir, e.originalName)))).toBe(true);
    }
  });

  it('exits 0 on an untouched database', async () => {
    const r = await dossier(['check', '--db', DB], copyOf('untouched'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^OK: .* passed every check \(.*signatures, evidence_files\)$/m);
    expect(r.stdout).toMatch(
      /^CHAIN \d+ audit records; head \d+ sha256:[0-9a-f]{64} signed .* \(key [0-9a-f ]+, a trusted key\)$/m,
    );
    expect(r.code).toBe(0);
  });

  const scenarios: [string, (folder: string) => void, () => RegExp[]][] = [
    [
      'a case field changed with SQL',
      (folder) => outsideSql(path.join(folder, DB), `UPDATE cases SET title = 'Nothing to see' WHERE id = '${target.id}';`),
      () => [new RegExp(`case ${target.id} was changed outside Dossier`)],
    ],
    [
      'an audit record deleted (trigger dropped first)',
      (folder) =>
        outsideSql(path.join(folder, DB), `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = ${DELETED_SEQ};`),
      () => [
        new RegExp(`audit records ${DELETED_SEQ} to ${DELETED_SEQ} are missing`),
        /trigger audit_log_no_delete is missing \(dropped outside Dossier\)/,
      ],
    ],
    [
      'one byte of an evidence file changed',
      (folder) => changeOneByte(blobPath(folder, photo.sha256), 100_000),
      () => [new RegExp(`evidence ${photo.id} \\(crate-7\\.jpg\\): file altered \\(SHA-256 differs\\)`)],
    ],
    [
      'an evidence file deleted',
      (folder) => fs.rmSync(blobPath(folder, invoice.sha256)),
      () => [new RegExp(`evidence ${invoice.id} \\(invoice 2026-118\\.pdf\\): file missing from the store`)],
    ],
  ];

  it.each(scenarios.map(([label, tamper, expected], i) => [label, tamper, expected, i] as const))(
    '%s: exit 1, the problem named',
    async (_label, tamper, expected, i) => {
      const folder = copyOf(`tamper-${i}`);
      tamper(folder);
      const r = await dossier(['check', '--db', DB], folder);
      expect(r.code).toBe(1);
      for (const re of expected()) expect(r.stdout).toMatch(re);
      expect(r.stdout).toMatch(/problem\(s\) found/);
    },
  );

  it('all four at once: exit 1, each named, nothing else blamed', async () => {
    const folder = copyOf('tamper-all');
    for (const [, tamper] of scenarios) tamper(folder);
    const r = await dossier(['check', '--db', DB], folder);
    expect(r.code).toBe(1);
    const problems = r.stdout.split('\n').filter((l) => l.startsWith('PROBLEM'));
    for (const [, , expected] of scenarios) {
      for (const re of expected())
        expect(
          problems.some((p) => re.test(p)),
          String(re),
        ).toBe(true);
    }
    // Knock-on effects of the deleted record (seq 3 was the case's update): the record after it no
    // longer follows, and the case's recorded state points at the missing record.
    expect(problems.join('\n')).toMatch(new RegExp(`audit record ${DELETED_SEQ + 1} does not follow`));
    expect(problems.join('\n')).toMatch(
      new RegExp(`case ${target.id}: its recorded state does not match audit record ${DELETED_SEQ}`),
    );
    // Nothing untouched is blamed.
    // The deleted record was also its write's signed head: that signature names a record gone.
    expect(problems.join('\n')).toMatch(new RegExp(`the write signed at audit record ${DELETED_SEQ} has no such record`));
    const tampered = [
      target.id,
      photo.id,
      invoice.id,
      `records ${DELETED_SEQ} to`,
      `record ${DELETED_SEQ + 1} `,
      `audit record ${DELETED_SEQ} has no such record`,
      `chain_heads row ${DELETED_SEQ} points to a missing audit_log record`,
      'trigger audit_log_no_delete is missing',
    ];
    for (const p of problems)
      expect(
        tampered.some((t) => p.includes(t)),
        p,
      ).toBe(true);
    expect(problems.join('\n')).not.toContain(manifest.id);
    expect(problems).toHaveLength(9);
  });
});

describe('dossier attach', () => {
  it('refuses mistakes before copying anything', async () => {
    const folder = copyOf('attach-errors');
    const file = path.join(dir, 'manifest.csv');
    const storeBefore = fs.readdirSync(path.join(folder, 'evidence'), { recursive: true }).sort();
    const runs: [string[], number, RegExp][] = [
      [['attach', file, '--db', DB], 2, /needs --case/],
      [['attach', '--case', target.id, '--db', DB], 2, /takes one file/],
      [['attach', file, 'second', '--case', target.id, '--db', DB], 2, /takes one file/],
      [['attach', path.join(dir, 'missing.pdf'), '--case', target.id, '--db', DB], 1, /No file at/],
      [['attach', dir, '--case', target.id, '--db', DB], 1, /No file at/],
      [['attach', file, '--case', '2026-EXP-999999', '--db', DB], 1, /--case: no case with file number 2026-EXP-999999/],
      [['attach', file, '--case', target.id, '--subject-type', 'entity', '--db', DB], 1, /subjectId: required/],
      [['attach', file, '--case', target.id, '--subject-type', 'vessel', '--db', DB], 1, /subjectType: /],
      [['attach', file, '--case', target.id, '--acquired-at', 'yesterday', '--db', DB], 1, /acquiredAt: /],
    ];
    const results = await Promise.all(runs.map(([args]) => dossier(args, folder)));
    for (const [i, [args, code, message]] of runs.entries()) {
      const r = results[i] ?? { code: null, stdout: '', stderr: '' };
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
    // Nothing was copied into the store, and the database still checks clean.
    expect(fs.readdirSync(path.join(folder, 'evidence'), { recursive: true }).sort()).toEqual(storeBefore);
    expect((await dossier(['check', '--db', DB], folder)).code).toBe(0);
  }, 60_000);

  it('attaches to a subject with acquisition details, as the --as investigator', async () => {
    const folder = copyOf('attach-subject');
    const entity = await json<{ id: string }>(
      ['call', 'entities.create', '{"kind":"person","givenName":"Ivan","familyName":"Petrov"}', '--db', DB],
      folder,
    );
    const e = await json<Evidence>(
      [
        'attach',
        path.join(dir, 'manifest.csv'),
        '--case',
        target.fileNumber,
        '--db',
        DB,
        '--as',
        'Sam Okafor',
        '--subject-type',
        'entity',
        '--subject-id',
        entity.id,
        '--acquired-at',
        '2026-03-14T10:00:00-04:00',
        '--acquired-by',
        'Sam Okafor',
        '--acquired-from',
        'Freight forwarder office',
        '--name',
        'Manifest MSKU1234567.csv',
      ],
      folder,
    );
    expect(e).toMatchObject({
      subjectType: 'entity',
      subjectId: entity.id,
      originalName: 'Manifest MSKU1234567.csv',
      mediaType: 'text/csv',
      acquiredAt: '2026-03-14T14:00:00.000Z',
      acquiredFrom: 'Freight forwarder office',
      addedBy: 'Sam Okafor',
      sha256: manifest.sha256, // the same content as before: one stored file
    });
    expect((await dossier(['check', '--db', DB], folder)).code).toBe(0);
  });
});
