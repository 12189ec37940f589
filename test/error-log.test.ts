/**
 * An error Dossier did not expect (here a real fault: a table dropped behind its back) reaches the
 * user as a reference, never as SQL or a stack, changes nothing, and is logged with its call in
 * the data folder, where Settings and `dossier check` point.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCore } from '../db/index.ts';
import { errorLogFile, loggedErrors } from '../db/error-log.ts';
import { err, ok, tempDir } from './helpers.ts';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'dossier.mjs');
const dir = tempDir();

describe('unexpected errors', () => {
  it('show a reference, no SQL; are logged with method and input; and check points to the log', async () => {
    const file = path.join(dir, 'faulty', 'dossier.db');
    const core = await openCore(file, { actor: { name: 'Amélie Tremblay', badge: 'B-1' } });
    try {
      ok(core.invoke('cases.create', { title: 'Before the fault' }));
      core.db.exec('DROP TABLE counters');
      const audit = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
      const e = err(core.invoke('cases.create', { title: 'Diverted FPGAs' }));
      expect(e).toMatchObject({ code: 'internal', reason: 'internal.unexpected' });
      expect(e.message).toMatch(
        /^Dossier met an unexpected error \(reference [0-9a-f]{8}\); nothing was changed\. Details are in /,
      );
      expect(e.message).not.toMatch(/counters|SELECT|INSERT|no such table|at .*\.ts/);
      expect(core.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audit);
      const logged = loggedErrors(errorLogFile(core.dataDir));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        reference: e.params?.reference,
        method: 'cases.create',
        input: JSON.stringify({ title: 'Diverted FPGAs' }),
      });
      expect(logged[0]?.message).toMatch(/no such table: counters/);
      expect(logged[0]?.stack).toMatch(/at /);
      expect(ok<{ errorLog: string; errorsLogged: number }>(core.invoke('settings.paths', {}))).toMatchObject({
        errorLog: errorLogFile(core.dataDir),
        errorsLogged: 1,
      });
    } finally {
      core.close();
    }
    const out = await new Promise<string>((resolve) =>
      execFile(process.execPath, [bin, 'check', '--db', file], (_e, stdout) => resolve(stdout)),
    );
    expect(out).toMatch(/^NOTE errors: 1 unexpected error\(s\) logged in .*internal-errors\.log \(the last, [0-9a-f]{8}, at /m);
  });
});
