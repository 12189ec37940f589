#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI (npm run build:electron-native) without touching
// node_modules, whose copy stays built for Node (tests, CLI, browser shell).
//   copy node_modules/better-sqlite3 to a temp dir
//   node-gyp rebuild --runtime=electron --target=<installed electron> --dist-url=https://electronjs.org/headers
//   -> native/electron/<platform>-<arch>/better_sqlite3.node
// electron/native.ts hands that file to better-sqlite3 as `nativeBinding`; electron-builder.yml
// ships it as resources/native/better_sqlite3.node.
// The target is the installed electron (node_modules/electron/package.json), which must be the one
// package.json asks for: a stale node_modules would build for the wrong ABI, so it stops instead.
// Usage: node scripts/build-electron-native.mjs [--arch x64|arm64]   (Electron 44+ ships no 32-bit builds)
// Offline: DOSSIER_ELECTRON_HEADERS=<unpacked Electron headers dir> uses them instead of downloading.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repo, 'package.json'));

function die(message) {
  process.stderr.write(`build:electron-native: ${message}\n`);
  process.exit(1);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Whether `version` is in `range`: x.y.z, ~x.y.z or ^x.y.z, the forms package.json uses here. */
function satisfies(version, range) {
  const r = /^([~^]?)(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!r || !v) return false;
  const [want, have] = [r.slice(2).map(Number), v.slice(1).map(Number)];
  if (r[1] === '') return have.join('.') === want.join('.');
  if (have[0] !== want[0] || (r[1] === '~' && have[1] !== want[1])) return false;
  return have[1] * 1e6 + have[2] >= want[1] * 1e6 + want[2];
}

/** node-gyp: the project's, else the one bundled with npm, else none (then `npx node-gyp`). */
function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a dependency of this checkout
  }
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  const nodeDir = path.dirname(process.execPath);
  const globalModules =
    process.platform === 'win32' ? path.join(nodeDir, 'node_modules') : path.join(nodeDir, '..', 'lib', 'node_modules');
  candidates.push(path.join(globalModules, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((file) => fs.existsSync(file));
}

/** What went wrong, in a few words, from node-gyp's output. */
function reasonOf(output) {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const download = lines
    .filter((l) => l.startsWith('gyp http GET '))
    .at(-1)
    ?.slice('gyp http GET '.length);
  if (/network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|getaddrinfo|fetch failed/i.test(output)) {
    return `could not download Electron's headers${download ? ` from ${download}` : ''} (no network or a proxy in the way)`;
  }
  const pick =
    lines.find((l) => /gyp ERR! stack (Error|FetchError|TypeError)/.test(l)) ??
    lines.find((l) => /\berror\b/i.test(l) && !/gyp ERR! (cwd|node -v|node-gyp -v|System|command|not ok)/.test(l)) ??
    lines.at(-1) ??
    'no output';
  return pick.replace(/^gyp ERR! (stack )?/, '').slice(0, 300);
}

/**
 * npm passes its config to scripts as npm_config_* variables, and node-gyp obeys them: a
 * `nodedir` (set on some machines to use the local Node headers) would silently build for Node's
 * ABI. The Electron target comes from the command line alone.
 */
function gypEnv() {
  const env = { ...process.env };
  const overridden = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch)$/i;
  for (const key of Object.keys(env)) if (overridden.test(key)) delete env[key];
  return env;
}

/** A module built for Electron's ABI refuses to load in Node; one that loads was built for Node. */
function loadsInNode(file) {
  const probe = spawnSync(process.execPath, ['-e', 'require(process.argv[1])', file], { encoding: 'utf8' });
  return probe.status === 0;
}

let arch;
try {
  const { values } = parseArgs({ options: { arch: { type: 'string' } } });
  arch = values.arch ?? process.arch;
} catch (err) {
  die(err.message);
}
const platform = process.platform;

let electronVersion;
let sqliteDir;
try {
  electronVersion = readJson(path.join(repo, 'node_modules', 'electron', 'package.json')).version;
  sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
} catch {
  die('electron and better-sqlite3 must be installed first (npm install)');
}
const sqliteVersion = readJson(path.join(sqliteDir, 'package.json')).version;
const wanted = readJson(path.join(repo, 'package.json')).devDependencies?.electron ?? '';
if (!satisfies(electronVersion, wanted)) {
  die(`package.json asks for electron ${wanted || '(nothing)'}, but node_modules has ${electronVersion}: run npm install first`);
}

const nodeGyp = findNodeGyp();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-sqlite-electron-'));
const src = path.join(work, 'better-sqlite3');
fs.cpSync(sqliteDir, src, {
  recursive: true,
  filter: (file) => {
    const rel = path.relative(sqliteDir, file).split(path.sep);
    return rel[0] !== 'build' && rel[0] !== 'node_modules';
  },
});

const gypArgs = [
  'rebuild',
  '--release',
  '--runtime=electron',
  `--target=${electronVersion}`,
  '--dist-url=https://electronjs.org/headers',
  `--arch=${arch}`,
  // Offline machines: point this at an unpacked node-v<electron>-headers.tar.gz from electronjs.org/headers.
  ...(process.env.DOSSIER_ELECTRON_HEADERS ? [`--nodedir=${path.resolve(process.env.DOSSIER_ELECTRON_HEADERS)}`] : []),
];
const [command, args] = nodeGyp
  ? [process.execPath, [nodeGyp, ...gypArgs]]
  : [process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--yes', 'node-gyp', ...gypArgs]];

process.stdout.write(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})...\n`);
const result = spawnSync(command, args, {
  cwd: src,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  shell: !nodeGyp && process.platform === 'win32',
  env: gypEnv(),
});
const log = path.join(work, 'node-gyp.log');
fs.writeFileSync(log, `${command} ${args.join(' ')}\n\n${result.stdout ?? ''}\n${result.stderr ?? ''}`);

if (result.error || result.status !== 0) {
  fs.rmSync(src, { recursive: true, force: true }); // keep only the log
  const reason = result.error ? result.error.message : reasonOf(`${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  die(`cannot build better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}): ${reason}; log: ${log}`);
}

const built = path.join(src, 'build', 'Release', 'better_sqlite3.node');
if (!fs.existsSync(built)) die(`node-gyp succeeded but produced no ${built} (log: ${log})`);
if (arch === process.arch && loadsInNode(built)) {
  die(`node-gyp built for Node's ABI, not Electron's: check npm's nodedir/target settings (log: ${log})`);
}

const dest = path.join(repo, 'native', 'electron', `${platform}-${arch}`);
fs.mkdirSync(dest, { recursive: true });
fs.copyFileSync(built, path.join(dest, 'better_sqlite3.node'));
fs.writeFileSync(
  path.join(dest, 'build-info.json'),
  `${JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, platform, arch, builtAt: new Date().toISOString() }, null, 2)}\n`,
);
fs.rmSync(work, { recursive: true, force: true });
process.stdout.write(`Wrote ${path.relative(repo, path.join(dest, 'better_sqlite3.node'))}\n`);
