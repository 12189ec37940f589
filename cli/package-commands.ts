import fs from 'node:fs';
import path from 'node:path';
import { DossierError } from '../db/errors.ts';
import { exportCase } from '../db/package/export.ts';
import { verifyBag } from '../db/package/verify.ts';
import { defaultDbFile } from '../db/paths.ts';
import { findCaseByFileNumber } from '../db/services/cases.ts';
import { openReadOnly } from '../db/sqlite.ts';
import { openCore } from '../db/index.ts';
import { blobPath, blobStat, ingestFile } from '../db/evidence-store.ts';
import { runPackageJob } from '../db/package/import-job.ts';
import { inspectionText, problemsText, resultText } from '../db/package/import-text.ts';
import { UsageError, parse } from './args.ts';

/** `dossier verify F.zip`: exit 0 when the bag is valid; 1 listing every problem, each naming its file. */
export async function cmdVerify(argv: string[]): Promise<number> {
  // --db and --as are taken as by every command, and unused: a package is checked on its own.
  const { positionals, values } = parse(argv, { json: { type: 'boolean' }, db: { type: 'string' }, as: { type: 'string' } });
  const [file, ...more] = positionals;
  if (!file || more.length) throw new UsageError('verify takes one package file: dossier verify F.zip');
  const report = await verifyBag(file);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.valid ? 0 : 1;
  }
  if (report.valid) {
    const id = report.info.find(([l]) => l === 'External-Identifier')?.[1];
    process.stdout.write(
      `${file}: valid BagIt 1.0 bag${id ? ` of case ${id}` : ''}, ${report.payloadFiles} payload files, ${report.payloadBytes} bytes, ` +
        'every SHA-256 and SHA-512 matches\n',
    );
    return 0;
  }
  process.stdout.write(`${file}: NOT valid, ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:\n`);
  for (const p of report.problems) process.stdout.write(`  ${p.message}\n`);
  return 1;
}

const PROFILES = ['prosecution', 'partner'] as const;
const LOCALES = ['en', 'fr'] as const;

/** `dossier export <file-number> --out F.zip [--profile P] [--locale L]`: the case as an evidence package. */
export async function cmdExport(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, {
    db: { type: 'string' },
    as: { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'string' },
    locale: { type: 'string' },
  });
  const [fileNumber, ...more] = positionals;
  if (!fileNumber || more.length)
    throw new UsageError('export takes one case file number: dossier export 2026-EXP-000123 --out F.zip');
  if (!values.out) throw new UsageError('export needs --out F.zip');
  const profile = values.profile ?? 'prosecution';
  if (!(PROFILES as readonly string[]).includes(profile))
    throw new UsageError(`--profile is prosecution or partner, not "${profile}"`);
  const locale = values.locale ?? 'en';
  if (!(LOCALES as readonly string[]).includes(locale)) throw new UsageError(`--locale is en or fr, not "${locale}"`);
  const file = path.resolve(values.db ?? defaultDbFile());
  if (!fs.existsSync(file)) throw new DossierError('not_found', `No database at ${file}`);
  const db = openReadOnly(file);
  try {
    const found = findCaseByFileNumber(db, fileNumber);
    if (!found) throw new DossierError('not_found', `No case with the file number ${fileNumber} in ${file}`);
    const tty = process.stderr.isTTY;
    const result = await exportCase(db, path.dirname(file), {
      caseId: found.id,
      profile: profile as (typeof PROFILES)[number],
      locale: locale as (typeof LOCALES)[number],
      out: path.resolve(values.out),
      now: new Date().toISOString(),
      progress: (done, total, name) => {
        if (tty) process.stderr.write(`\r${total ? Math.floor((done / total) * 100) : 0}% ${name}`.padEnd(80).slice(0, 80));
      },
    });
    if (tty) process.stderr.write('\n');
    process.stdout.write(
      `Exported case ${result.fileNumber} (${result.profile}) to ${result.file}: ${result.payloadFiles} files, ` +
        `${result.payloadBytes} bytes, ${result.evidenceFiles} evidence files${result.withheld ? `, ${result.withheld} items withheld` : ''}; ` +
        `package ${result.packageId}\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}

/**
 * `dossier import F.zip [--merge] [--inspect] [--json]`: the bag verified first (invalid: exit 1
 * listing every problem, nothing changed), copied into the evidence store, inspected, then
 * imported. A case already here is reported record by record and merged only with --merge.
 */
export async function cmdImport(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv, {
    db: { type: 'string' },
    as: { type: 'string' },
    merge: { type: 'boolean' },
    inspect: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [file, ...more] = positionals;
  if (!file || more.length) throw new UsageError('import takes one package file: dossier import F.zip');
  if (values.merge && values.inspect) throw new UsageError('--inspect only says what an import would do: not with --merge');
  const source = path.resolve(file);
  const tty = process.stderr.isTTY;
  const progress = (done: number, total: number, what: string) => {
    if (tty) process.stderr.write(`\r${total ? Math.floor((done / total) * 100) : 0}% ${what}`.padEnd(80).slice(0, 80));
  };
  const verified = await verifyBag(source, { progress: (done, total, name) => progress(done, total, name) });
  if (tty) process.stderr.write('\n');
  const core = await openCore(
    path.resolve(values.db ?? defaultDbFile()),
    values.as ? { actor: { name: values.as, badge: '' } } : {},
  );
  let staged: { sha256: string; size: number } | null = null;
  try {
    // The package goes into the store as an upload does (an invalid one never does), and out again at the end.
    if (verified.valid) staged = await ingestFile(source, core.dataDir);
    const job = staged
      ? await runPackageJob({
          dataDir: core.dataDir,
          sha256: staged.sha256,
          size: staged.size,
          mode: values.inspect ? 'inspect' : values.merge ? 'merge' : 'new',
          invoke: core.invoke,
          progress: (done, total, _step, detail) => progress(done, total, detail ?? ''),
          cancelled: () => false,
          verified,
        })
      : { verify: verified, inspection: null, imported: null, refusal: null, evidenceCopied: 0 };
    if (tty) process.stderr.write('\n');
    if (values.json) process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
    if (!verified.valid) {
      if (!values.json) process.stdout.write(problemsText(file, job));
      return 1;
    }
    if (!values.json) {
      process.stdout.write(
        `${file}: valid BagIt 1.0 bag, ${verified.payloadFiles} payload files, every SHA-256 and SHA-512 matches\n`,
      );
      if (job.inspection) process.stdout.write(inspectionText(job.inspection));
      if (job.imported) process.stdout.write(resultText(job.imported, job.evidenceCopied));
    }
    if (job.refusal) {
      process.stderr.write(`${job.refusal.code}: ${job.refusal.message}\n`);
      return 1;
    }
    return 0;
  } finally {
    if (
      staged &&
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
