import fs from 'node:fs';
import path from 'node:path';
import { DossierError } from '../db/errors.ts';
import { openCore } from '../db/index.ts';
import { defaultDbFile } from '../db/paths.ts';
import { blobPath, blobStat, hashFile, ingestFile } from '../db/evidence-store.ts';
import { screenAll } from '../db/screening/screen.ts';
import { runListImportJob, ListJobCancelled, type ListJobResult } from '../db/screening/import-job.ts';
import type { ListImportResult, ScreeningListSummary } from '../db/services/screening-lists.ts';
import { LIST_FORMATS, type ListFormat } from '../db/shared/inputs/lists.ts';
import { UsageError, parse } from './args.ts';

/**
 * `dossier lists` (what is loaded) and `dossier lists import FILE [--format csl|sema] [--name N]`:
 * the file copied into the evidence store as an upload is, then the importList job's body run
 * here, on this connection (so `--as` is who imported it): read with its progress, then written by
 * lists.import in one transaction. The copy is taken out of the store again at the end, as
 * `dossier import` does with a package.
 */

const n = (x: number) => x.toLocaleString('en-US');

function listLines(l: ScreeningListSummary): string {
  const by = l.importedByBadge ? `${l.importedBy} (${l.importedByBadge})` : l.importedBy;
  const last = l.lastImport;
  return (
    `${l.name} (${l.format}): ${n(l.entries)} entries, list date ${l.listDate ?? 'not given'}\n` +
    `  file ${l.fileName}, ${n(l.fileSize)} bytes, SHA-256 ${l.fileSha256}\n` +
    `  imported ${l.importedAt} by ${by} (version ${l.version}); ` +
    `that import: ${n(last.added)} added, ${n(last.changed)} changed, ${n(last.removed)} removed\n`
  );
}

/** What `dossier lists import` prints once the list is written (or found as it was). */
export function importText(r: ListImportResult): string {
  const l = r.list;
  const from = `from ${l.fileName} (${l.format}, SHA-256 ${l.fileSha256})`;
  let text: string;
  if (r.outcome === 'new') text = `Loaded ${l.name} ${from}: ${n(r.added)} entries added\n`;
  else if (r.outcome === 'replaced') {
    text =
      `Updated ${l.name} ${from}: ${n(r.added)} added, ${n(r.changed)} changed, ${n(r.removed)} removed, ` +
      `${n(r.unchanged)} unchanged; ${n(l.entries)} entries now\n`;
  } else if (!r.written) {
    text = `${l.name} already holds this file (SHA-256 ${l.fileSha256}): nothing changed, ${n(l.entries)} entries\n`;
  } else {
    text = `${l.name}: no entry changed (${n(l.entries)} entries); the list now records ${l.fileName} (SHA-256 ${l.fileSha256}) as its file\n`;
  }
  if (r.repeatedKeys > 0) {
    text += `Note: ${n(r.repeatedKeys)} entries repeat the key of an earlier one in the file; each is kept, as key#2, key#3...\n`;
  }
  return text;
}

function screenedText(s: ListJobResult['screening']): string {
  if (!s) return '';
  if (s.cancelled) return `Screening cancelled after ${n(s.screened)} entities: \`dossier screen --all\` screens them all\n`;
  return `Screened ${n(s.screened)} entities against the lists: ${n(s.hits)} hits (\`dossier screen --all\` lists the open ones)\n`;
}

async function cmdListImport(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, {
    db: { type: 'string' },
    as: { type: 'string' },
    format: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [file, ...more] = positionals;
  if (!file || more.length) throw new UsageError('lists import takes one list file: dossier lists import consolidated.csv');
  const format = values.format;
  if (format !== undefined && !(LIST_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format is csl or sema, not "${format}"`);
  }
  const source = path.resolve(file);
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new DossierError('not_found', `No file at ${source}`);
  const core = await openCore(
    path.resolve(values.db ?? defaultDbFile()),
    values.as ? { actor: { name: values.as, badge: '' } } : {},
  );
  let cancelled = false;
  const onSigint = () => {
    cancelled = true;
  };
  process.once('SIGINT', onSigint);
  let staged: { sha256: string; size: number; wasStored: boolean } | null = null;
  const tty = process.stderr.isTTY;
  try {
    // A file the store held already (an upload not imported yet, an evidence file) stays there afterwards.
    const wasStored = blobStat(core.dataDir, (await hashFile(source)).sha256) !== null;
    const ingested = await ingestFile(source, core.dataDir);
    staged = { ...ingested, wasStored };
    const job: ListJobResult = await runListImportJob({
      dataDir: core.dataDir,
      input: {
        sha256: ingested.sha256,
        size: ingested.size,
        fileName: path.basename(source),
        ...(format === undefined ? {} : { format: format as ListFormat }),
        ...(values.name === undefined ? {} : { name: values.name }),
      },
      invoke: core.invoke,
      progress: (done, total, step) => {
        if (!tty) return;
        const what = step === 'screening_read' ? 'Reading' : 'Writing';
        process.stderr.write(
          `\r${what} ${path.basename(source)}${total ? `: ${Math.floor((done / total) * 100)}%` : ''}`.padEnd(60),
        );
      },
      cancelled: () => cancelled,
      screen: () =>
        screenAll(core.db, {
          now: new Date().toISOString(),
          progress: (done, total) => {
            if (tty) process.stderr.write(`\rScreening the entities: ${done}/${total}`.padEnd(60));
          },
          cancelled: () => cancelled,
        }),
    });
    if (tty) process.stderr.write('\n');
    if (values.json) process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
    if (job.refusal) {
      process.stderr.write(`${job.refusal.code}: ${job.refusal.message}\n`);
      return 1;
    }
    if (!values.json && job.imported) process.stdout.write(importText(job.imported) + screenedText(job.screening));
    return 0;
  } catch (err) {
    if (err instanceof ListJobCancelled) throw new DossierError('cancelled', err.message);
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    // The copy goes out of the store again, unless it was there before or an evidence record names the same content.
    if (
      staged &&
      !staged.wasStored &&
      blobStat(core.dataDir, staged.sha256) &&
      !core.db.prepare('SELECT 1 FROM evidence WHERE sha256 = ?').get(staged.sha256)
    ) {
      const copy = blobPath(core.dataDir, staged.sha256);
      fs.chmodSync(copy, 0o644);
      fs.rmSync(copy, { force: true });
    }
    core.close();
  }
}

/** `dossier lists [--json]`, and `dossier lists import ...`. */
export async function cmdLists(argv: string[]): Promise<number> {
  if (argv[0] === 'import') return cmdListImport(argv.slice(1));
  const { positionals, values } = parse(argv, { db: { type: 'string' }, as: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`lists takes no argument but "import": not "${positionals[0] ?? ''}"`);
  const core = await openCore(path.resolve(values.db ?? defaultDbFile()));
  try {
    const env = core.invoke('lists.list', {});
    if (!env.ok) {
      process.stderr.write(`${env.error.code}: ${env.error.message}\n`);
      return 1;
    }
    const lists = env.result as ScreeningListSummary[];
    if (values.json) process.stdout.write(`${JSON.stringify(lists, null, 2)}\n`);
    else if (lists.length === 0) process.stdout.write('No screening list is loaded: `dossier lists import FILE` loads one\n');
    else process.stdout.write(lists.map(listLines).join(''));
    return 0;
  } finally {
    core.close();
  }
}
