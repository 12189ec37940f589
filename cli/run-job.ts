import type { Core } from '../db/index.ts';
import { DossierError } from '../db/errors.ts';
import type { JobKind } from '../db/shared/domain.ts';

/** Runs a job in a worker to its end, its progress on stderr when it is a terminal; Ctrl+C cancels it. */
export async function runJob(core: Core, kind: JobKind, input: unknown, label: string): Promise<unknown> {
  const job = core.jobs.start(kind, input);
  const onSigint = () => core.jobs.cancel(job.id);
  process.once('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  try {
    let state = core.jobs.get(job.id);
    while (state.status === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      state = core.jobs.get(job.id);
      const p = state.progress;
      if (tty && p) process.stderr.write(`\r${label}: ${p.done}/${p.total}`.padEnd(60));
    }
    if (tty) process.stderr.write('\n');
    if (state.status !== 'done') throw new DossierError('internal', `${label} stopped: ${state.error ?? state.status}`);
    return state.result;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
