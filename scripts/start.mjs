#!/usr/bin/env node
// npm start [-- args]: builds if needed, then runs the desktop app in Electron; where Electron's
// binary is not installed (and cannot be downloaded), runs the browser shell (`dossier serve`).
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repo, 'package.json'));
const args = process.argv.slice(2);

function die(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

/** The Electron executable, if its binary was downloaded at install time. */
function electronBinary() {
  try {
    const resolved = require.resolve('electron');
    delete require.cache[resolved]; // re-read path.txt after an install attempt
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The electron package's postinstall (skipped by allowScripts), tried once, quietly. */
function tryInstallElectron() {
  const installer = path.join(repo, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return;
  spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), stdio: 'pipe', timeout: 60_000 });
}

/** Runs a child with our stdio, forwards Ctrl+C and termination, and exits with its code. */
function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: repo, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (err) => die(`could not run ${path.basename(command)}: ${err.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const built = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'].every((file) =>
  fs.existsSync(path.join(repo, file)),
);
if (!built) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: repo, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.error) die(`could not run npm run build: ${build.error.message}`);
  if (build.status !== 0) die('the build failed (see above)');
}

let electron = electronBinary();
if (!electron) {
  tryInstallElectron();
  electron = electronBinary();
}

if (electron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron behave as plain Node
  run(electron, [repo, ...args], env);
} else {
  process.stdout.write(
    'Electron is not installed on this machine (its binary could not be downloaded); starting the browser shell instead.\n',
  );
  run(process.execPath, [path.join(repo, 'bin', 'dossier.mjs'), 'serve', ...args]);
}
