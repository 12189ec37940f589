import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// One installation for the run, in a folder of its own: its device key, trusted keys and signed
// chain heads (db/key-store.ts), never the key of whoever runs the tests. Test processes and the
// CLI they start inherit it.
process.env.DOSSIER_KEY_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-keys-'));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Deadlines, not targets (see playwright.config.ts): generous enough for a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
