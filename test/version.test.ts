import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DOSSIER_VERSION } from '../db/version.ts';

it("DOSSIER_VERSION is package.json's version", () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
  expect(DOSSIER_VERSION).toBe(pkg.version);
});
