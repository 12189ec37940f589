/**
 * `npm run torture -- --trials N`: the browser shell under mixed concurrent writes, killed with
 * SIGKILL at a random moment, restarted, and every write it had acknowledged looked for; then
 * `dossier check` on the file. One database across the trials, as a laptop's would be. Prints the
 * figures and exits 1 on any lost write or failed check.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'dossier.mjs');
const { values } = parseArgs({
  options: { trials: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean' } },
});
const trials = Number(values.trials);
let seed = Number(values.seed) >>> 0 || 1;
/** A small deterministic generator (xorshift), so a failing run can be replayed with its seed. */
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-torture-'));
const db = path.join(dir, 'dossier.db');
const env = { ...process.env, DOSSIER_KEY_DIR: path.join(dir, 'keys') };

interface Server {
  child: ChildProcess;
  base: string;
  token: string;
}

function start(): Promise<Server> {
  const child = spawn(process.execPath, [bin, 'serve', '--db', db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(out);
      if (m?.[1] && m[2]) resolve({ child, base: m[1], token: m[2] });
    });
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before it served: ${err}`)));
  });
}

async function call(
  s: Server,
  method: string,
  input: unknown,
): Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> {
  const res = await fetch(`${s.base}/api/invoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ method, input }),
  });
  return (await res.json()) as { ok: boolean; result?: unknown; error?: { code: string } };
}

interface Acked {
  cases: Map<string, { title: string; version: number; summary: string }>;
  entities: Map<string, string>;
  seizures: Set<string>;
}
const acked: Acked = { cases: new Map(), entities: new Map(), seizures: new Set() };
let writes = 0;
let refusedOther = 0;

/** One client: writes one after another until the server dies under it. */
async function client(s: Server, trial: number, n: number): Promise<void> {
  for (let i = 0; ; i++) {
    const pick = random();
    const own = [...acked.cases.keys()];
    try {
      if (pick < 0.35 || own.length === 0) {
        const title = `T${trial}-${n}-${i} diverted FPGAs`;
        const r = await call(s, 'cases.create', { title });
        if (r.ok) acked.cases.set((r.result as { id: string }).id, { title, version: 1, summary: '' });
      } else if (pick < 0.6) {
        // Each client updates cases of its own parity only, so no two clients race on one version.
        const mine = own.filter((_, k) => k % 4 === n);
        const id = mine[Math.floor(random() * mine.length)];
        const c = id ? acked.cases.get(id) : undefined;
        if (!id || !c) continue;
        const summary = `S${trial}-${n}-${i}`;
        const r = await call(s, 'cases.update', { id, version: c.version, summary });
        if (r.ok) acked.cases.set(id, { ...c, version: c.version + 1, summary });
        else if (r.error?.code === 'conflict') {
          // Committed before the last kill but never acknowledged: take the stored version.
          const got = await call(s, 'cases.get', { id });
          if (got.ok) c.version = (got.result as { version: number }).version;
        } else refusedOther++;
      } else if (pick < 0.85) {
        const name = `Org ${trial}-${n}-${i} LLC`;
        const r = await call(s, 'entities.create', { kind: 'organization', name });
        if (r.ok) acked.entities.set((r.result as { id: string }).id, name);
      } else {
        const caseId = own[Math.floor(random() * own.length)];
        const r = await call(s, 'seizures.create', {
          caseId,
          seizedAt: new Date(Date.now() - 3_600_000).toISOString(),
          place: 'Port of Montréal',
          legalProvision: 'Customs Act s. 110',
          items: [{ description: 'FPGA boards', quantity: 4, value: { amountMinor: 480_000, currency: 'CAD' } }],
        });
        if (r.ok) acked.seizures.add((r.result as { id: string }).id);
      }
      writes++;
    } catch {
      return; // the server was killed: this client's unanswered write is not acknowledged
    }
  }
}

function stop(s: Server, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill(signal);
  });
}

const figures = { trials: 0, acknowledged: 0, lost: 0, checkFailures: 0 };
const lostExamples: string[] = [];

async function verify(s: Server): Promise<void> {
  for (const [id, c] of acked.cases) {
    const r = await call(s, 'cases.get', { id });
    const got = r.result as { title: string; version: number; summary: string } | undefined;
    // A later, unacknowledged update may have committed: the version may be ahead, never behind.
    const kept =
      r.ok &&
      got &&
      got.title === c.title &&
      (got.version > c.version || (got.version === c.version && got.summary === c.summary));
    if (!kept) {
      figures.lost++;
      lostExamples.push(`case ${id} (version ${c.version})`);
    } else if (got.version > c.version) acked.cases.set(id, { ...c, version: got.version, summary: got.summary });
  }
  for (const [id, name] of acked.entities) {
    const r = await call(s, 'entities.get', { id });
    if (!r.ok || (r.result as { name: string }).name !== name) {
      figures.lost++;
      lostExamples.push(`entity ${id}`);
    }
  }
  for (const id of acked.seizures) {
    const r = await call(s, 'seizures.get', { id });
    if (!r.ok) {
      figures.lost++;
      lostExamples.push(`seizure ${id}`);
    }
  }
}

const started = Date.now();
for (let t = 1; t <= trials; t++) {
  const s = await start();
  const clients = [0, 1, 2, 3].map((n) => client(s, t, n));
  await new Promise((r) => setTimeout(r, 100 + random() * 900));
  await stop(s, 'SIGKILL');
  await Promise.all(clients);
  const again = await start();
  await verify(again);
  await stop(again, 'SIGTERM');
  const check = spawnSync(process.execPath, [bin, 'check', '--db', db], { env, encoding: 'utf8' });
  if (check.status !== 0) {
    figures.checkFailures++;
    process.stdout.write(`trial ${t}: check failed\n${check.stdout}${check.stderr}`);
  }
  figures.trials = t;
  process.stdout.write(
    `\rtrial ${t}/${trials}: ${writes} writes so far, ${figures.lost} lost, ${figures.checkFailures} failed checks`,
  );
}
figures.acknowledged = acked.cases.size + acked.entities.size + acked.seizures.size;
process.stdout.write(
  `\ntorture: ${figures.trials} trials in ${Math.round((Date.now() - started) / 1000)} s, ${writes} acknowledged writes ` +
    `(${figures.acknowledged} records checked after every restart), ${figures.lost} lost writes, ` +
    `${figures.checkFailures} failed checks, ${refusedOther} other refusals\n`,
);
if (lostExamples.length) process.stdout.write(`lost: ${lostExamples.slice(0, 10).join(', ')}\n`);
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
else process.stdout.write(`kept ${dir}\n`);
process.exit(figures.lost === 0 && figures.checkFailures === 0 ? 0 : 1);
