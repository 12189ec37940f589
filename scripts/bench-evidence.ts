/**
 * The evidence part of `npm run bench`: attaches a generated 1 GiB file and prints the time, the
 * throughput and the peak memory (RSS sampled every 50 ms) of the attach. scripts/bench.ts runs
 * it in a child process, so that the memory figure is the attach's own, not the case benches'.
 * Alone: `npx tsx scripts/bench-evidence.ts [--mib N]` (default 1024). `--generate FILE` only writes
 * the file (the child process that does so).
 *
 * The file is first written to the temp folder with a stream; then, as the desktop app does, it
 * is copied into a fresh database's evidence store while hashed (ingestFile) and attached to a
 * case (evidence.attach). Target: peak RSS under 200 MB.
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

const SCRIPT = fileURLToPath(import.meta.url);
const PEAK_RSS_LIMIT_MB = 200;
const SAMPLE_MS = 50;
const MiB = 1024 * 1024;

function parseMib(argv: string[]): number {
  const i = argv.indexOf('--mib');
  if (i === -1) return 1024;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error('--mib needs a positive integer');
  return n;
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(0);

/** Writes `mib` MiB of incompressible bytes with a stream (1 MiB chunks, respecting backpressure). */
async function generate(file: string, mib: number): Promise<void> {
  const block = randomBytes(MiB);
  const out = fs.createWriteStream(file, { highWaterMark: MiB });
  for (let i = 0; i < mib; i++) {
    const chunk = Buffer.from(block);
    chunk.writeUInt32BE(i, 0); // every chunk differs
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const mib = parseMib(argv);
  const g = argv.indexOf('--generate');
  if (g !== -1) {
    await generate(argv[g + 1] ?? '', mib);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-evidence-'));
  try {
    const source = path.join(dir, 'generated.bin');
    const t0 = performance.now();
    // In a child process: the garbage of writing 1 GiB stays out of this process's memory figures.
    const child = spawnSync(process.execPath, [...process.execArgv, SCRIPT, '--generate', source, '--mib', String(mib)], {
      stdio: 'inherit',
    });
    if (child.status !== 0) throw new Error(`generating the file failed (exit ${child.status ?? child.signal ?? '?'})`);
    const size = fs.statSync(source).size;
    console.log(
      `Evidence: generated ${mb(size)} MB (${mib} MiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${source}`,
    );

    const core = await openCore(path.join(dir, 'data', 'dossier.db'), { actor: { name: 'Bench', badge: 'B-1' } });
    try {
      const created = core.invoke('cases.create', { title: 'Evidence bench' });
      if (!created.ok) throw new Error(created.error.message);
      const caseId = (created.result as { id: string }).id;

      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, SAMPLE_MS);
      const start = performance.now();
      let ingestMs = 0;
      let env;
      try {
        const ingested = await ingestFile(source, core.dataDir);
        ingestMs = performance.now() - start;
        env = core.invoke('evidence.attach', { caseId, ...ingested, originalName: 'generated.bin' });
      } finally {
        clearInterval(sampler);
      }
      const totalMs = performance.now() - start;
      peak = Math.max(peak, process.memoryUsage().rss);
      if (!env.ok) throw new Error(`evidence.attach: ${env.error.code}: ${env.error.message}`);
      const evidence = env.result as { sha256: string; size: number };
      const stored = fs.statSync(blobPath(core.dataDir, evidence.sha256)).size;
      if (stored !== size || evidence.size !== size) throw new Error(`stored ${stored} bytes, expected ${size}`);

      const peakMb = peak / 1e6;
      console.log(
        `Evidence: attach of ${mb(size)} MB (ingestFile + evidence.attach): ${(totalMs / 1000).toFixed(2)} s, ` +
          `${(size / 1e6 / (totalMs / 1000)).toFixed(0)} MB/s (copy and SHA-256 ${(ingestMs / 1000).toFixed(2)} s, ` +
          `attach ${(totalMs - ingestMs).toFixed(1)} ms)`,
      );
      console.log(
        `${peakMb < PEAK_RSS_LIMIT_MB ? 'PASS' : 'FAIL'}  peak RSS during the attach ${peakMb.toFixed(0)} MB ` +
          `(target < ${PEAK_RSS_LIMIT_MB} MB: ${mb(baseline)} MB before it, +${mb(peak - baseline)} MB; sampled every ${SAMPLE_MS} ms)`,
      );
    } finally {
      core.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
