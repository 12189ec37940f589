#!/usr/bin/env node
// `npm test`: typecheck, lint, build, unit tests (vitest) and end-to-end tests (Playwright), then one
// summary line, `N passed, N failed, N skipped`, summing every test that ran.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.tmp', 'test-results');
fs.mkdirSync(out, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}\n`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// The typecheck counts as one test: a renamed contract field fails here.
if (run('typecheck (tsc: Node code, renderer, tests)', 'npm', ['run', '--silent', 'typecheck']) === 0) passed += 1;
else failed += 1;

// Lint counts as one: the import boundaries, the rules of hooks, formatting.
if (run('lint (eslint, prettier)', 'npm', ['run', '--silent', 'lint']) === 0) passed += 1;
else failed += 1;

const buildOk = run('build (renderer + electron main)', 'npm', ['run', '--silent', 'build']) === 0;
if (buildOk) passed += 1;
else failed += 1;

const vitestJson = path.join(out, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vitestStatus = run('unit tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const v = readJson(vitestJson);
if (v) {
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  if (vitestStatus !== 0 && (v.numFailedTests ?? 0) === 0) failed += 1; // a suite that failed to load
} else if (vitestStatus !== 0) {
  failed += 1;
}

if (buildOk) {
  const pwJson = path.join(out, 'playwright.json');
  fs.rmSync(pwJson, { force: true });
  const pwStatus = run('end-to-end tests (Playwright)', bin('playwright'), ['test'], { PW_JSON_OUTPUT: pwJson });
  const p = readJson(pwJson);
  if (p?.stats) {
    passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
    failed += p.stats.unexpected ?? 0;
    skipped += p.stats.skipped ?? 0;
    if (pwStatus !== 0 && (p.stats.unexpected ?? 0) === 0) failed += 1;
  } else if (pwStatus !== 0) {
    failed += 1;
  }
} else {
  process.stdout.write('\n=== end-to-end tests not run: the build failed\n');
  failed += 1;
}

process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exitCode = failed === 0 ? 0 : 1;
