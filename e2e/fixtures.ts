import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, _electron, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'bin', 'dossier.mjs');

/** Where Electron's binary is, or why there is none. */
export function electronBinary(): { path: string } | { missing: string } {
  try {
    const require = createRequire(import.meta.url);
    const binary = require('electron') as unknown as string;
    if (typeof binary === 'string' && fs.existsSync(binary)) return { path: binary };
    return { missing: 'the electron package is installed without its binary (it could not be downloaded here)' };
  } catch {
    // electron's index.js throws when its binary was never downloaded.
    return { missing: 'the electron package is installed without its binary (it could not be downloaded here)' };
  }
}

/** Runs the real CLI against a database. */
export function dossier(args: string[], db: string): { stdout: string; status: number | null } {
  const r = spawnSync(process.execPath, [cli, ...args, '--db', db], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dossier ${args.join(' ')} failed: ${r.stderr}`);
  return { stdout: r.stdout, status: r.status };
}

interface Shell {
  page: Page;
  dataDir: string;
  db: string;
  /** Stops the app (server or window) and starts it again on the same data. */
  restart(): Promise<void>;
}

async function startServer(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not print a URL: ${out} ${err}`)), 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { child, url };
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const test = base.extend<{ seedCases: number; profile: boolean; shell: Shell }>({
  seedCases: [0, { option: true }],
  /** Whether the investigator profile is already set (false: the first-start dialog shows). */
  profile: [true, { option: true }],
  shell: async ({ browser, seedCases, profile }, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-'));
    const db = path.join(dataDir, 'dossier.db');
    if (profile) {
      const me = { name: 'Amélie Tremblay', badge: 'CBSA-40127', agency: 'CBSA Criminal Investigations' };
      dossier(['call', 'settings.update', JSON.stringify({ profile: me })], db);
    }
    if (seedCases > 0) dossier(['seed', '--cases', String(seedCases), '--seed', '3'], db);
    const kind = testInfo.project.metadata.shell as 'browser' | 'electron';

    if (kind === 'electron') {
      const binary = electronBinary();
      if ('missing' in binary) {
        console.log(`[electron] skipped: ${binary.missing}`);
        testInfo.skip(true, `Electron not available: ${binary.missing}`);
        return;
      }
      const launch = () =>
        _electron.launch({
          executablePath: binary.path,
          args: [path.join(repo, 'dist', 'electron', 'main.cjs'), '--no-sandbox'],
          env: { ...process.env, DOSSIER_DB: db, DOSSIER_USER_DATA: dataDir },
        });
      let app = await launch();
      const shell: Shell = {
        page: await app.firstWindow(),
        dataDir,
        db,
        restart: async () => {
          await app.close();
          app = await launch();
          shell.page = await app.firstWindow();
        },
      };
      await use(shell);
      await app.close();
    } else {
      const context = await browser.newContext();
      let server = await startServer(db);
      const page = await context.newPage();
      await page.goto(server.url);
      const shell: Shell = {
        page,
        dataDir,
        db,
        restart: async () => {
          await stopServer(server.child);
          server = await startServer(db);
          await page.goto(server.url);
        },
      };
      await use(shell);
      await context.close();
      await stopServer(server.child);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/**
 * axe-core's WCAG 2 A/AA findings on the page (or within `include`), once no overlay or toast is
 * in a transition: a fading element's colors are mid-animation, not what anyone reads.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const moving =
    '.bp6-overlay-enter, .bp6-overlay-enter-active, .bp6-overlay-exit, .bp6-overlay-exit-active, .bp6-toast-enter, .bp6-toast-enter-active, .bp6-toast-exit, .bp6-toast-exit-active, .bp6-toast-appear, .bp6-toast-appear-active';
  await expect(page.locator(moving)).toHaveCount(0);
  // And no finite transition or animation still running (a dialog fading in fails color-contrast
  // by chance, sooner on a fast machine); spinners run forever and are left out.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
  // A toast may start to fade out while axe runs (its timeout is its own): a half-transparent
  // toast then fails color-contrast by chance. Toasts are checked while they stand still
  // (e2e/dialogs.spec.ts), not in every page-wide check.
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.bp6-toast-container');
  const result = await (include ? builder.include(include) : builder).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}
