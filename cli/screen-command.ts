/** `dossier screen [--case C | --all] [--json]`: the screen job run to its end, then the open hits it leaves. */
import path from 'node:path';
import { openCore } from '../db/index.ts';
import { defaultDbFile } from '../db/paths.ts';
import { DossierError } from '../db/errors.ts';
import { findCaseByFileNumber } from '../db/services/cases.ts';
import type { ScreeningHit } from '../db/services/screening-hits.ts';
import { UsageError, intOption, parse } from './args.ts';
import { runJob } from './run-job.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const n = (x: number) => x.toLocaleString('en-US');

export async function cmdScreen(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, {
    db: { type: 'string' },
    as: { type: 'string' },
    case: { type: 'string' },
    all: { type: 'boolean' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`screen takes no argument: --case C or --all, not "${positionals[0] ?? ''}"`);
  if (Boolean(values.all) === Boolean(values.case)) {
    throw new UsageError('screen needs --case C (its id or file number) or --all (every entity), one of them');
  }
  const limit = intOption(values.limit, 'limit', 20);
  const core = await openCore(path.resolve(values.db ?? defaultDbFile()));
  try {
    let caseId: string | undefined;
    if (values.case) {
      caseId = UUID_RE.test(values.case) ? values.case : findCaseByFileNumber(core.db, values.case)?.id;
      if (!caseId) throw new DossierError('not_found', `--case: no case with file number ${values.case}`);
    }
    const lists = core.db.prepare('SELECT count(*) FROM screening_lists').pluck().get() as number;
    if (lists === 0) throw new DossierError('not_found', 'No screening list is loaded: `dossier lists import FILE` loads one');
    const started = performance.now();
    const run = (await runJob(core, 'screen', caseId ? { caseId } : {}, 'Screening')) as {
      screened: number;
      hits: number;
    };
    const seconds = (performance.now() - started) / 1000;
    const env = core.invoke('screening.hits', { status: ['open'], limit, ...(caseId ? { caseId } : {}) });
    if (!env.ok) throw new DossierError(env.error.code, env.error.message, env.error.field, env.error.reason);
    const open = env.result as { rows: ScreeningHit[]; total: number };
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...run, seconds, open }, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(
      `Screened ${n(run.screened)} entities against ${n(lists)} list${lists === 1 ? '' : 's'} in ${seconds.toFixed(1)} s: ` +
        `${n(run.hits)} hits, ${n(open.total)} open (not yet confirmed or dismissed)\n`,
    );
    for (const h of open.rows) {
      process.stdout.write(
        `  ${String(h.score).padStart(3)}  ${h.entityName}  ~  ${h.entryName}  (${h.listName}, ${h.entryKey})\n` +
          `       ${h.reasons.map((r) => r.detail || r.code).join('; ')}\n`,
      );
    }
    if (open.total > open.rows.length) process.stdout.write(`  ... and ${n(open.total - open.rows.length)} more\n`);
    return 0;
  } finally {
    core.close();
  }
}
