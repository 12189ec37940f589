import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// One time zone for the whole laptop, as on an investigator's: the browser, the browser shell's
// server and the test process (which seeds through the contract) agree on what "today" is. With
// the browser in Toronto and Node in UTC, every run between 00:00 and 05:00 UTC saw a case
// opened "tomorrow" and deadlines a day off.
const TIME_ZONE = 'America/Toronto';
process.env.TZ = TIME_ZONE;
// The run's own installation keys (db/key-store.ts), inherited by every browser shell it starts.
process.env.DOSSIER_KEY_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-keys-'));

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Two projects run the same specs: the browser shell in Debian's Chromium (never a downloaded
// browser), and the Electron window where an Electron binary is installed (skipped, with the
// reason, where it is not).
export default defineConfig({
  testDir: 'e2e',
  // Deadlines, not targets: a loaded 2-core machine runs these specs 2-3 times slower, and a test
  // must not fail for that (speed is measured by `npm run bench`, not here).
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.PW_JSON_OUTPUT ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]] : [['list']],
  use: {
    locale: 'en-CA',
    timezoneId: TIME_ZONE,
    viewport: { width: 1440, height: 900 },
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [
    { name: 'browser', use: { browserName: 'chromium' }, metadata: { shell: 'browser' } },
    { name: 'electron', metadata: { shell: 'electron' } },
  ],
});
