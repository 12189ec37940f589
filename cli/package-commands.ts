import fs from 'node:fs';
import path from 'node:path';
import { DossierError } from '../db/errors.ts';
import { exportCase } from '../db/package/export.ts';
import { verifyBag } from '../db/package/verify.ts';
import { defaultDbFile } from '../db/paths.ts';
import { findCaseByFileNumber } from '../db/services/cases.ts';
import { openReadOnly } from '../db/sqlite.ts';
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
