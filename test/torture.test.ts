/**
 * The kill -9 trials of `npm run torture` (scripts/torture.ts), a few of them: the browser shell
 * under mixed concurrent writes is killed at a random moment and restarted; no acknowledged write
 * may be lost and `dossier check` must pass. The README says how to run 200.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('torture', () => {
  it('5 kill -9 trials lose no acknowledged write and leave a database that passes check', async () => {
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
          path.join(root, 'scripts', 'torture.ts'),
          '--trials',
          '5',
          '--seed',
          '7',
        ],
        { cwd: root, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 },
        (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr }),
      ),
    );
    const summary = /torture: 5 trials in \d+ s, (\d+) acknowledged writes .*, (\d+) lost writes, (\d+) failed checks/.exec(
      r.stdout,
    );
    expect(summary, r.stdout + r.stderr).not.toBeNull();
    expect(Number(summary?.[1])).toBeGreaterThan(20);
    expect(summary?.[2]).toBe('0');
    expect(summary?.[3]).toBe('0');
    expect(r.code).toBe(0);
  }, 600_000);
});
