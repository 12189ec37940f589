import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { openCore, methods, type Core } from '../db/index.ts';
import { defaultDbFile } from '../db/paths.ts';
import { DossierError } from '../db/errors.ts';
import { checkDatabase, type CheckReport } from '../db/check.ts';
import { loadChainTrust } from '../db/chain-check.ts';
import { currentAnchor } from '../db/chain.ts';
import { keyDir } from '../db/key-store.ts';
import { errorLogFile, loggedErrors } from '../db/error-log.ts';
import { parseAnchor, shortFingerprint, type Anchor } from '../db/signing.ts';
import { openReadOnly, openWritableIfPossible } from '../db/sqlite.ts';
import { defaultRecoverFile, recoverDatabase } from '../db/recover.ts';
import { guessMediaType, ingestFile, storeRepairs } from '../db/evidence-store.ts';
import { evidenceAttachInput } from '../db/shared/inputs/evidence.ts';
import { zodToDossierError } from '../db/contract.ts';
import { findCaseByFileNumber } from '../db/services/cases.ts';
import { resolveAttachTarget } from '../db/services/evidence.ts';
import { startServer } from './server.ts';
import { UsageError, parse, intOption } from './args.ts';
import { cmdExport, cmdImport, cmdVerify } from './package-commands.ts';
import { cmdLists } from './list-commands.ts';
import { cmdSearch } from './search-command.ts';
import { cmdScreen } from './screen-command.ts';
import { runJob } from './run-job.ts';
import { CASE_DATA_PROFILES, collectCase, type CaseDataProfile } from '../db/package/case-data.ts';
import {
  renderCaseReport,
  renderCaseSummary,
  renderCustodyRecord,
  type ReportLocale,
  type ReportOptions,
} from '../db/report/index.ts';
import { actorFromSettings, readSettings } from '../db/services/settings.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Usage: dossier <command> [options]

Commands:
  serve                 Serve the app on 127.0.0.1 (the browser shell) and print its URL
  call <method> [json]  Run one contract method and print its JSON result
  methods               List every method with its input schema (JSON Schema)
  seed --cases N        Fill the database with realistic synthetic cases
  attach <file> --case C
                        Copy a file into the evidence store and attach it to a case
                        (C: the case id or file number); prints the evidence record
  check                 Check the database: integrity, foreign keys, audit trail and
                        its signatures, evidence files; prints the signed chain head
  recover               Copy every readable record of a damaged database to a new file
                        (--out FILE, default dossier-recovered-<time>.db beside it), and
                        say what could not be read; the damaged file is not written
  export <file-number> --out F.zip
                        The case as an evidence package: a BagIt bag with the report (PDF),
                        every record (JSON, CSV), the evidence files and the audit extract
  verify <F.zip>        Check an evidence package (a BagIt bag) as any BagIt tool would:
                        exit 0 when valid, 1 listing every missing, extra or altered file
  import <F.zip>        Import an evidence package: verified first, then the case with its
                        records and evidence under their global ids, every write audited;
                        a case already here is listed record by record (--merge brings it in)
  report <file-number|seizure-number> --out F.pdf
                        Print the case report of a case, or the chain-of-custody record of
                        a seizure's items (--summary: the case's one-page summary)
  search <query>        Find records of every kind by words or parts of words (accents and
                        scripts folded), grouped by kind; --rebuild builds the index again
  anchor                Print the signed chain head (JSON) for a supervisor or a
                        prosecutor to hold; \`check --anchor FILE\` later proves the
                        chain still extends it
  lists                 The screening lists loaded: entries, file and SHA-256, list date,
                        when and by whom each was imported
  lists import <file>   Load a screening list (the U.S. Consolidated Screening List CSV or
                        Canada's SEMA XML), replacing the list of that name; prints what
                        was added, changed and removed; then screens every entity again
  screen --case C | --all
                        Screen the people, organizations and conveyances of one case (C: its
                        id or file number) or every one against the loaded lists; prints the
                        hits still open, best first

Options for every command:
  --db FILE             The database file (default: $DOSSIER_DB, else the desktop app's)
  --as NAME             Act as this investigator (default: the profile, else the OS user)
  -h, --help            Show this help

serve:   --port N (default: a free port)
check:   --anchor FILE (repeatable): an anchor the chain must still extend
anchor:  --out FILE (default: print it)
search:  --type case|entity|seizure|detention|penalty|evidence (repeatable), --limit N per kind
         (default 10), --json, --rebuild
recover: --out FILE (a new file)
export:  --out F.zip, --profile prosecution|partner (default prosecution: everything; partner
         leaves out narrative notes and unconfirmed links, and lists them), --locale en|fr
import:  --merge (a case already here: bring in what is new and changed, remove nothing),
         --inspect (only say what an import would do), --json
report:  --out F.pdf, --locale en|fr (default en), --profile prosecution|partner, --summary
lists:   (import) --format csl|sema (default: from the file), --name NAME (default: the
         format's list name), --json
screen:  --limit N open hits printed (default 20), --json
seed:    --cases N (default 1000), --seed S (default 1), --entities-per-case N (default 3: 1-4 roles per case; 0: none)
attach:  --subject-type case|entity|seized_item, --subject-id ID, --description TEXT,
         --acquired-at ISO-TIME, --acquired-by NAME, --acquired-from PLACE,
         --media-type TYPE (default: from the extension), --name NAME (default: the file's)

Exit codes: 0 ok, 1 failure (one-line reason on stderr), 2 usage error.`;

const common = {
  db: { type: 'string' },
  as: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function dbFile(value: string | undefined): string {
  return path.resolve(value ?? defaultDbFile());
}

async function open(values: { db?: string | undefined; as?: string | undefined }): Promise<Core> {
  return openCore(dbFile(values.db), values.as ? { actor: { name: values.as, badge: '' } } : {});
}

async function cmdCall(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, common);
  const [method, json] = positionals;
  if (!method) throw new UsageError('call needs a method name; `dossier methods` lists them');
  if (positionals.length > 2) throw new UsageError('call takes a method and one JSON argument (quote it)');
  let input: unknown = {};
  if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch (err) {
      throw new UsageError(`the input is not valid JSON: ${(err as Error).message}`);
    }
  }
  const core = await open(values);
  try {
    const env = core.invoke(method, input);
    if (!env.ok) {
      process.stderr.write(`${env.error.code}: ${env.error.message}\n`);
      return env.error.code === 'unknown_method' ? 2 : 1;
    }
    process.stdout.write(`${JSON.stringify(env.result, null, 2)}\n`);
    return 0;
  } finally {
    core.close();
  }
}

function cmdMethods(argv: string[]): number {
  parse(argv, common);
  const list = Object.entries(methods).map(([name, spec]) => ({
    name,
    kind: spec.kind,
    summary: spec.summary,
    input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
  }));
  process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
  return 0;
}

async function cmdSeed(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    ...common,
    cases: { type: 'string' },
    seed: { type: 'string' },
    'entities-per-case': { type: 'string' },
  });
  const input = {
    cases: intOption(values.cases, 'cases', 1000),
    seed: intOption(values.seed, 'seed', 1),
    entitiesPerCase: intOption(values['entities-per-case'], 'entities-per-case', 3),
  };
  const core = await open(values);
  // Seeding is a job: a worker thread with its own connection, as the app runs long work.
  const job = core.jobs.start('seed', input);
  const onSigint = () => core.jobs.cancel(job.id);
  process.once('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  try {
    let state = core.jobs.get(job.id);
    let step = '';
    while (state.status === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      state = core.jobs.get(job.id);
      const p = state.progress;
      if (tty && p) {
        if (step && p.step !== step) process.stderr.write('\n');
        step = p.step;
        process.stderr.write(`\r${p.step.replace('seed_', 'Seeding ')}: ${p.done}/${p.total}`);
      }
    }
    if (tty && step) process.stderr.write('\n');
    if (state.kind !== 'seed' || state.status === 'failed' || !state.result) {
      process.stderr.write(`dossier: seeding stopped: ${state.error ?? state.status}\n`);
      return 1;
    }
    const r = state.result;
    process.stdout.write(`Seeded ${r.cases} cases into ${core.file}${r.cancelled ? ' (cancelled)' : ''}\n`);
    if (r.entities) process.stdout.write(`Seeded ${r.entities} entities, ${r.links} links and ${r.roles} roles in cases\n`);
    if (r.networks)
      process.stdout.write(
        `Seeded ${r.networks} procurement networks across cases and ${r.nearDuplicates} near-duplicate pairs` +
          (r.hubCase ? `; hub case ${r.hubCase.fileNumber} (${r.hubCase.neighbourhood} entities within two links)` : '') +
          '\n',
      );
    if (r.seizures)
      process.stdout.write(`Seeded ${r.seizures} seizures (${r.items} goods lines, ${r.custodyEntries} custody entries)\n`);
    if (r.detentions || r.penalties)
      process.stdout.write(
        `Seeded ${r.detentions} detentions (${r.requests} information requests), ${r.penalties} penalties (${r.payments} payments)\n`,
      );
    process.stdout.write(`Seeded ${r.checks} end-use checks, ${r.inspections} inspections, ${r.audits} compliance audits\n`);
    return r.cancelled ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    core.close();
  }
}

function readAnchor(file: string): Anchor {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`the anchor ${file} cannot be read: ${(err as Error).message}`);
  }
  try {
    return parseAnchor(text);
  } catch (err) {
    throw new DossierError('invalid_input', `${file} is not a valid anchor: ${(err as Error).message}`, 'anchor');
  }
}

function chainLine(report: CheckReport): string {
  const { chain } = report;
  const head = chain.head;
  if (!head) return `CHAIN ${chain.records} audit records, none signed yet\n`;
  const device = chain.devices.find((d) => d.deviceId === head.device_id);
  const whose = device?.trusted ? 'a trusted key' : 'a key this installation does not trust';
  return (
    `CHAIN ${chain.records} audit records; head ${head.seq} sha256:${head.hash} signed ${head.signed_at} ` +
    `by device ${head.device_id} (key ${shortFingerprint(head.fingerprint)}, ${whose})\n`
  );
}

function cmdCheck(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...common, anchor: { type: 'string', multiple: true } });
  const file = dbFile(values.db);
  if (!fs.existsSync(file)) throw new DossierError('not_found', `No database at ${file}`);
  const anchors = (values.anchor ?? []).map(readAnchor);
  // Read-only: a check writes nothing, and works on a file on read-only media or in a folder the user cannot write.
  const db = openReadOnly(file);
  return Promise.resolve().then(() => {
    try {
      const trust = loadChainTrust(db, keyDir(), anchors);
      const report = checkDatabase(db, {
        dataDir: path.dirname(path.resolve(file)),
        trust,
        openWritable: () => (db.memory ? null : openWritableIfPossible(file)),
      });
      process.stdout.write(chainLine(report));
      for (const problem of report.problems) process.stdout.write(`PROBLEM ${problem.kind}: ${problem.message}\n`);
      for (const note of report.notes) process.stdout.write(`NOTE chain: ${note}\n`);
      const log = errorLogFile(path.dirname(path.resolve(file)));
      const logged = loggedErrors(log);
      const lastLogged = logged.at(-1);
      if (lastLogged) {
        process.stdout.write(
          `NOTE errors: ${logged.length} unexpected error(s) logged in ${log} (the last, ${lastLogged.reference}, at ${lastLogged.at}): send it with a report\n`,
        );
      }
      // Repairs are not problems (the store holds the right bytes again), but are never silent.
      for (const r of storeRepairs(path.dirname(path.resolve(file))))
        process.stdout.write(
          `NOTE evidence: the stored copy of ${r.sha256} was found altered and replaced by a matching copy at ${r.at}\n`,
        );
      process.stdout.write(
        report.problems.length === 0
          ? `OK: ${file} passed every check (${report.checked.join(', ')})\n`
          : `${report.problems.length} problem(s) found in ${file}\n`,
      );
      return report.problems.length === 0 ? 0 : 1;
    } finally {
      db.close();
    }
  });
}

function cmdAnchor(argv: string[]): number {
  const { values } = parse(argv, { ...common, out: { type: 'string' } });
  const file = dbFile(values.db);
  const db = openReadOnly(file);
  try {
    const anchor = currentAnchor(db);
    if (!anchor) throw new DossierError('not_found', `${file} has no signed chain head yet (nothing was written to it)`);
    const text = `${JSON.stringify(anchor, null, 2)}\n`;
    if (values.out) {
      fs.writeFileSync(values.out, text);
      process.stdout.write(`Anchor of audit record ${anchor.seq} written to ${values.out}\n`);
    } else process.stdout.write(text);
    return 0;
  } finally {
    db.close();
  }
}

async function cmdRecover(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...common, out: { type: 'string' } });
  const file = dbFile(values.db);
  if (!fs.existsSync(file)) throw new DossierError('not_found', `No database at ${file}`);
  const out = path.resolve(values.out ?? defaultRecoverFile(file));
  const report = await recoverDatabase(file, out);
  let lostAny = false;
  for (const t of report.tables) {
    if (t.error === null) continue;
    lostAny = true;
    const lost = t.lost === -1 ? 'an unknown number of rows' : `${t.lost} row(s)`;
    process.stdout.write(`LOST ${t.table}: ${lost} could not be read (${t.error}); ${t.copied} copied\n`);
  }
  const copied = report.tables.reduce((n, t) => n + t.copied, 0);
  process.stdout.write(
    `Recovered ${copied} records into ${out}${lostAny ? '' : ' (nothing was lost)'}.\n` +
      `Run \`dossier check --db ${out}\`: it names each record lost, against the audit trail the copy kept.\n`,
  );
  return 0;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

async function cmdAttach(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...common,
    case: { type: 'string' },
    'subject-type': { type: 'string' },
    'subject-id': { type: 'string' },
    description: { type: 'string' },
    'acquired-at': { type: 'string' },
    'acquired-by': { type: 'string' },
    'acquired-from': { type: 'string' },
    'media-type': { type: 'string' },
    name: { type: 'string' },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('attach takes one file');
  if (!values.case) throw new UsageError('attach needs --case (the case id or file number)');
  const source = path.resolve(file);
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new DossierError('not_found', `No file at ${source}`);
  const core = await open(values);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const caseId = UUID_RE.test(values.case) ? values.case : findCaseByFileNumber(core.db, values.case)?.id;
    if (!caseId) throw new DossierError('not_found', `--case: no case with file number ${values.case}`);
    const originalName = values.name ?? path.basename(source);
    const input = {
      caseId,
      subjectType: values['subject-type'],
      subjectId: values['subject-id'],
      originalName,
      mediaType: values['media-type'] ?? guessMediaType(originalName),
      acquiredAt: values['acquired-at'],
      acquiredBy: values['acquired-by'],
      acquiredFrom: values['acquired-from'],
      description: values.description,
    };
    // Refuse bad metadata before copying what may be gigabytes.
    const dry = evidenceAttachInput.safeParse({ ...input, sha256: '0'.repeat(64), size: stat.size });
    if (!dry.success) throw zodToDossierError(dry.error);
    resolveAttachTarget(core.db, caseId, dry.data.subjectType, dry.data.subjectId);
    const tty = process.stderr.isTTY;
    let shown = 0;
    const ingested = await ingestFile(source, core.dataDir, {
      signal: controller.signal,
      onProgress: (bytes) => {
        const now = Date.now();
        if (!tty || (now - shown < 100 && bytes < stat.size)) return;
        shown = now;
        const pct = stat.size ? Math.floor((100 * bytes) / stat.size) : 100;
        process.stderr.write(`\rCopying ${originalName}: ${formatBytes(bytes)} / ${formatBytes(stat.size)} (${pct}%)`);
      },
    }).catch((err: unknown) => {
      if (controller.signal.aborted) throw new DossierError('cancelled', 'Cancelled: nothing was attached');
      throw err;
    });
    if (tty) process.stderr.write('\n');
    if (ingested.repaired) {
      process.stderr.write(
        `The evidence store's copy of this file had been altered (SHA-256 ${ingested.repaired.alteredSha256}); ` +
          `it was replaced by the file attached, which matches ${ingested.sha256} (logged in evidence/repairs.log).\n`,
      );
    }
    const env = core.invoke('evidence.attach', { ...input, sha256: ingested.sha256, size: ingested.size });
    if (!env.ok) {
      process.stderr.write(`${env.error.code}: ${env.error.message}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(env.result, null, 2)}\n`);
    // Its words become searchable (a job, as in the app); a file with no text to read is still found by name.
    const evidenceId = (env.result as { id: string }).id;
    await runJob(core, 'extractText', { evidenceIds: [evidenceId] }, 'Reading its text').catch((err: unknown) =>
      process.stderr.write(`The file's text could not be read for the search: ${(err as Error).message}\n`),
    );
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    core.close();
  }
}

async function cmdServe(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...common, port: { type: 'string' } });
  const staticDir = path.join(repoRoot, 'dist', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new DossierError('internal', `The app is not built (${staticDir} is missing): run \`npm run build\``);
  }
  const core = await open(values);
  const port = values.port === undefined ? undefined : intOption(values.port, 'port', 0);
  const server = await startServer({
    invoke: core.invoke,
    staticDir,
    dataDir: core.dataDir,
    ...(port === undefined ? {} : { port }),
  });
  process.stdout.write(`Dossier is serving ${core.file}\nOpen ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  core.close();
  return 0;
}

const REPORT_LOCALES = ['en', 'fr'] as const;

async function cmdReport(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...common,
    out: { type: 'string' },
    locale: { type: 'string' },
    profile: { type: 'string' },
    summary: { type: 'boolean' },
  });
  const [number] = positionals;
  if (!number || positionals.length > 1) throw new UsageError('report takes one case file number or seizure number');
  if (!values.out) throw new UsageError('report needs --out F.pdf');
  const locale = values.locale ?? 'en';
  if (!(REPORT_LOCALES as readonly string[]).includes(locale)) throw new UsageError('--locale: en or fr');
  const profile = values.profile ?? 'prosecution';
  if (!(CASE_DATA_PROFILES as readonly string[]).includes(profile)) throw new UsageError('--profile: prosecution or partner');
  const core = await open(values);
  try {
    const byFileNumber = findCaseByFileNumber(core.db, number);
    const seizure = byFileNumber
      ? undefined
      : (core.db.prepare('SELECT id, case_id AS caseId FROM seizures WHERE seizure_number = ?').get(number) as
          { id: string; caseId: string } | undefined);
    const caseId = byFileNumber?.id ?? seizure?.caseId;
    if (!caseId) throw new DossierError('not_found', `No case with file number ${number} and no seizure with that number`);
    if (seizure && values.summary) throw new UsageError('--summary prints a case: give its file number');
    const data = collectCase(core.db, caseId, profile as CaseDataProfile);
    const me = readSettings(core.db).profile;
    const actor = actorFromSettings(core.db);
    const options: ReportOptions = {
      locale: locale as ReportLocale,
      packageId: null,
      investigator: {
        name: values.as ?? actor.name,
        badge: values.as ? '' : actor.badge,
        agency: me?.agency ?? data.case.agency,
      },
      generatedAt: new Date().toISOString(),
      marking: data.case.securityMarking,
    };
    const pdf = seizure
      ? await renderCustodyRecord(data, { seizureId: seizure.id }, options)
      : values.summary
        ? await renderCaseSummary(data, options)
        : await renderCaseReport(data, options);
    // Written beside the target and renamed, so a failed run leaves no partial file.
    const out = path.resolve(values.out);
    const part = `${out}.part`;
    fs.writeFileSync(part, pdf);
    fs.renameSync(part, out);
    process.stdout.write(`Wrote ${out} (${formatBytes(pdf.length)})\n`);
    return 0;
  } finally {
    core.close();
  }
}

const commands: Record<string, (argv: string[]) => number | Promise<number>> = {
  call: cmdCall,
  methods: cmdMethods,
  seed: cmdSeed,
  check: cmdCheck,
  anchor: cmdAnchor,
  recover: cmdRecover,
  attach: cmdAttach,
  serve: cmdServe,
  verify: cmdVerify,
  report: cmdReport,
  export: cmdExport,
  import: cmdImport,
  lists: cmdLists,
  search: cmdSearch,
  screen: cmdScreen,
};

export async function main(argv: string[]): Promise<number> {
  // Output piped into `head` that stopped reading: not an error of ours.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return command ? 0 : 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const run = commands[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return await run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`dossier: ${err.message}\nRun \`dossier --help\` for usage.\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`dossier: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
