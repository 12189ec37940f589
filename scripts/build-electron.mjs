#!/usr/bin/env node
// Bundles the Electron main process and preload (npm run build:electron):
//   electron/main.ts    -> <outdir>/main.cjs     (Node + Electron; better-sqlite3 stays a real require)
//   electron/preload.ts -> <outdir>/preload.cjs  (sandboxed: may require 'electron' and nothing else)
//   db/jobs/worker.ts   -> <outdir>/job-worker.cjs (a job's worker thread)
// Usage: node scripts/build-electron.mjs [--outdir DIR]   (default dist/electron)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function die(message) {
  process.stderr.write(`build:electron: ${message}\n`);
  process.exit(1);
}

let outdir;
try {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  outdir = path.resolve(values.outdir ?? path.join(repo, 'dist', 'electron'));
} catch (err) {
  die(err.message);
}

const common = {
  absWorkingDir: repo,
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
};

/** The files a bundle pulls in, relative to the repo. */
function inputsOf(result) {
  return Object.keys(result.metafile.inputs);
}

/** The modules a bundle still requires at run time. */
function runtimeImports(result) {
  return Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((imp) => imp.external).map((imp) => imp.path),
  );
}

try {
  const main = await esbuild.build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    target: 'node20',
    // pdfkit reads its own data files beside its code at load, and pdfjs-dist loads its own worker
    // module: they stay packages, not bundled.
    external: ['electron', 'better-sqlite3', 'pdfkit', 'pdfjs-dist'],
    // db/jobs/runner.ts's default worker path uses import.meta; the desktop app passes its own.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  const cliEntry = inputsOf(main).find((file) => file.replace(/\\/g, '/') === 'cli/main.ts');
  if (cliEntry) die('the main bundle pulled in cli/main.ts; import from db/ or cli/csp.ts instead');

  // Long work (db/jobs/) runs in a worker thread, from its own bundle.
  await esbuild.build({
    ...common,
    entryPoints: { 'job-worker': 'db/jobs/worker.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', 'pdfkit', 'pdfjs-dist'],
    logOverride: { 'empty-import-meta': 'silent' },
  });

  const preload = await esbuild.build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    platform: 'browser',
    target: 'es2022',
    external: ['electron'],
  });
  const extra = [...new Set(runtimeImports(preload))].filter((name) => name !== 'electron');
  if (extra.length) die(`the sandboxed preload may require 'electron' only, but it requires ${extra.join(', ')}`);
} catch (err) {
  // esbuild has already printed its diagnostics; end with one line, not a stack trace.
  die(err instanceof Error ? err.message.split('\n')[0] : String(err));
}
