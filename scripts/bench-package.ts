/**
 * The evidence-package part of `npm run bench` (issue 11): exports a case holding 1 GiB of evidence
 * (four 256 MiB files) as a BagIt bag and prints the time and the export's peak memory (RSS sampled
 * every 50 ms, in a child process of its own; target under 300 MB), beside the time of what a
 * person would do by hand on the same files in the same run: `sha256sum` of every file, then
 * `zip -0` of them, and the ratio.
 *
 *   npx tsx scripts/bench-package.ts [--mib N]      (default 1024 in total)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openCore } from '../db/index.ts';
import { blobPath, ingestFile } from '../db/evidence-store.ts';
import { exportCase } from '../db/package/export.ts';
import { openReadOnly } from '../db/sqlite.ts';

const SCRIPT = fileURLToPath(import.meta.url);
const PEAK_RSS_LIMIT_MB = 300;
const MiB = 1024 * 1024;
const FILES = 4;

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
}

async function generate(file: string, mib: number, seed: number): Promise<void> {
  const block = randomBytes(MiB);
  const out = fs.createWriteStream(file, { highWaterMark: MiB });
  for (let i = 0; i < mib; i++) {
    const chunk = Buffer.from(block);
    chunk.writeUInt32BE(i, 0);
    chunk.writeUInt32BE(seed, 4);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** In the child: the export alone, its peak RSS sampled while it runs. */
async function exportChild(dbFile: string, caseId: string, out: string): Promise<void> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const db = openReadOnly(dbFile);
  const started = performance.now();
  const r = await exportCase(db, path.dirname(dbFile), {
    caseId,
    profile: 'prosecution',
    locale: 'en',
    out,
    now: new Date().toISOString(),
  });
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  db.close();
  process.stdout.write(`${JSON.stringify({ ms, peakRss: peak, bytes: r.payloadBytes })}\n`);
}

function timed(cmd: string, args: string[], cwd: string): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status ?? r.signal ?? '?'})`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const child = option(argv, '--export-child');
  if (child !== undefined) {
    await exportChild(child, option(argv, '--case') ?? '', option(argv, '--out') ?? '');
    return;
  }
  const totalMib = Number(option(argv, '--mib') ?? 1024);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-package-'));
  try {
    const dbFile = path.join(dir, 'dossier.db');
    const core = await openCore(dbFile, { actor: { name: 'Bench', badge: 'B-1' } });
    const c = core.invoke('cases.create', { title: 'Bench: a case with 1 GiB of evidence' });
    if (!c.ok) throw new Error(c.error.message);
    const caseId = (c.result as { id: string }).id;
    const sources: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const file = path.join(dir, `scan-${i + 1}.bin`);
      await generate(file, Math.max(1, Math.round(totalMib / FILES)), i);
      const stored = await ingestFile(file, dir);
      const a = core.invoke('evidence.attach', { caseId, ...stored, originalName: `container-scan-${i + 1}.bin` });
      if (!a.ok) throw new Error(a.error.message);
      sources.push(blobPath(dir, stored.sha256));
      fs.rmSync(file);
    }
    core.close();

    const out = path.join(dir, 'package.zip');
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, SCRIPT, '--export-child', dbFile, '--case', caseId, '--out', out],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (r.status !== 0) throw new Error(`the export child failed (exit ${r.status ?? r.signal ?? '?'})`);
    const m = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { ms: number; peakRss: number; bytes: number };
    const verified = spawnSync(process.execPath, [path.join(path.dirname(SCRIPT), '..', 'bin', 'dossier.mjs'), 'verify', out], {
      encoding: 'utf8',
    });

    // By hand, on the same files: hash each, then store them in a ZIP.
    const files = sources.map((s) => path.relative(dir, s));
    const hashMs = timed('sha256sum', files, dir);
    const zipMs = timed('zip', ['-0', '-q', path.join(dir, 'by-hand.zip'), ...files], dir);
    const byHand = hashMs + zipMs;
    const peakMb = m.peakRss / 1e6;
    console.log('Evidence package (export of a case with 1 GiB of evidence, 4 files)');
    console.log(
      `  dossier export:       ${(m.ms / 1000).toFixed(1)} s for ${(m.bytes / 1e9).toFixed(2)} GB (SHA-256 + SHA-512, streamed ZIP), ` +
        `peak RSS ${peakMb.toFixed(0)} MB (target < ${PEAK_RSS_LIMIT_MB} MB) ${peakMb < PEAK_RSS_LIMIT_MB ? 'ok' : 'FAIL'}`,
    );
    console.log(
      `  sha256sum + zip -0:   ${(byHand / 1000).toFixed(1)} s (${(hashMs / 1000).toFixed(1)} s + ${(zipMs / 1000).toFixed(1)} s)`,
    );
    console.log(`  ratio:                ${(m.ms / byHand).toFixed(2)}x the tools by hand (which hash once, with one algorithm)`);
    console.log(`  dossier verify:       ${verified.status === 0 ? 'valid' : `NOT valid: ${verified.stdout}`}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
