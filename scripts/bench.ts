/**
 * `npm run bench`: times the case list and case view on a 100,000-case database, at the contract
 * (`core.invoke`) and, beside it, the very same SQL run directly on better-sqlite3.
 *
 *   npm run bench                      uses the cached seed in .tmp/bench/ (seeds it the first time: 1-2 min)
 *   npm run bench -- --fresh           reseeds the cache
 *   npm run bench -- --iterations 50   fewer iterations per query (default 200)
 *   npm run bench -- --rounds 3        times every query 3 times over and keeps its least disturbed
 *                                      round (for a busy machine; each round is a full measurement)
 *   npm run bench -- --plans           also prints EXPLAIN QUERY PLAN of every list query
 *   npm run bench -- --cases 20000     a smaller database (its own cache file), for quick runs
 *   npm run bench -- --links           only the link analysis (scripts/bench-links.ts: graph.entity,
 *                                      cases.whereElse and the duplicate search on 10 entities and 20
 *                                      links per case), which also runs by default; --no-links skips it
 *   npm run bench -- --screening       only the screening run (scripts/bench-screening.ts: 30,000 list
 *                                      entries against the link database's 1,000,000 entities, the
 *                                      screen job timed), which also runs by default; --no-screening skips it
 *
 * It is a report: the exit code is 0 whatever the figures; failed targets are marked FAIL.
 * The seed runs in a child process, so the peak RSS printed is that of the querying process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openCore, type Core } from '../db/index.ts';
import { migrate } from '../db/sqlite.ts';
import { LATEST_VERSION } from '../db/migrations/index.ts';
import { seedCases } from '../db/seed/cases.ts';
import { recentCaseIds, seedEntities } from '../db/seed/entities.ts';
import { Random } from '../db/seed/random.ts';
import { entityListSql } from '../db/services/entities.ts';
import { caseEntitiesSql } from '../db/services/case-entities.ts';
import { entityListInput } from '../db/shared/inputs/entities.ts';
import { caseListSql, type CaseListQuery } from '../db/services/cases.ts';
import { caseListInput } from '../db/shared/inputs/cases.ts';
import { CASE_SORT_COLUMNS } from '../db/shared/domain.ts';
import type { Clock } from '../db/shared/time.ts';
import { seedSeizures } from '../db/seed/seizures.ts';
import { PAGE_TOTALS_SQL, seizureListSql } from '../db/services/seizures.ts';
import { seizureListInput } from '../db/shared/inputs/seizures.ts';
import { createDispatcher } from '../db/contract.ts';
import { methods } from '../db/methods/index.ts';
import { seedEnforcement } from '../db/seed/enforcement.ts';
import { seedVerifications } from '../db/seed/verifications.ts';
import { checkListSql } from '../db/services/checks.ts';
import { inspectionListSql } from '../db/services/inspections.ts';
import { auditListSql } from '../db/services/compliance-audits.ts';
import { checkListInput } from '../db/shared/inputs/checks.ts';
import { inspectionListInput } from '../db/shared/inputs/inspections.ts';
import { auditListInput } from '../db/shared/inputs/compliance-audits.ts';
import { detentionListSql } from '../db/services/detentions.ts';
import { penaltyListSql } from '../db/services/penalties.ts';
import { deadlineSql } from '../db/services/deadlines.ts';
import { caseOverview } from '../db/services/case-overview.ts';
import { detentionListInput } from '../db/shared/inputs/detentions.ts';
import { penaltyListInput } from '../db/shared/inputs/penalties.ts';
import { deadlineListInput } from '../db/shared/inputs/deadlines.ts';
import { DEADLINE_KINDS } from '../db/shared/domain.ts';
import { addDays, localDate, systemClock } from '../db/shared/time.ts';
import { countStatement, pageStatement } from '../db/list-sql.ts';
import { benchLinks } from './bench-links.ts';
import { benchScreening } from './bench-screening.ts';
import { searchRecords } from '../db/search/query.ts';
import { searchQueryInput } from '../db/shared/inputs/search.ts';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SCRIPT), '..');
const SEED = 1;
/** Seeded cases lead up to this date, and the seed's clock ticks from this instant: same file every time. */
const SEED_TODAY = '2026-01-15';
const SEED_CLOCK_START = Date.parse(`${SEED_TODAY}T18:00:00Z`);

/** The two targets. */
const LIST_P95_MS = 50;
const MAX_RATIO = 1.3;
const SLACK_MS = 0.3;

// ---------------------------------------------------------------------------------------------
// Arguments

interface Args {
  fresh: boolean;
  iterations: number;
  rounds: number;
  cases: number;
  plans: boolean;
  seedChild: string | null;
  /** The link-analysis section: also (the default), only (--links), or off (--no-links). */
  links: 'also' | 'only' | 'off';
  /** The screening section (scripts/bench-screening.ts), the same way: --screening, --no-screening. */
  screening: 'also' | 'only' | 'off';
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    fresh: false,
    iterations: 200,
    rounds: 1,
    cases: 100_000,
    plans: false,
    seedChild: null,
    links: 'also',
    screening: 'also',
  };
  const intValue = (flag: string, raw: string | undefined): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--fresh') args.fresh = true;
    else if (a === '--plans') args.plans = true;
    else if (a === '--iterations') args.iterations = intValue(a, argv[++i]);
    else if (a === '--cases') args.cases = intValue(a, argv[++i]);
    else if (a === '--rounds') args.rounds = intValue(a, argv[++i]);
    else if (a === '--seed-child') args.seedChild = argv[++i] ?? null;
    else if (a === '--links') args.links = 'only';
    else if (a === '--no-links') args.links = 'off';
    else if (a === '--screening') args.screening = 'only';
    else if (a === '--no-screening') args.screening = 'off';
    else
      throw new Error(
        `unknown argument: ${a} (known: --fresh, --iterations N, --rounds N, --cases N, --plans, --links, --no-links, ` +
          '--screening, --no-screening)',
      );
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// The seeded database, cached under .tmp/bench/

function cacheFile(cases: number): string {
  const size = cases % 1000 === 0 ? `${cases / 1000}k` : String(cases);
  return path.join(REPO, '.tmp', 'bench', `cases-${size}-seed${SEED}-v${LATEST_VERSION}.db`);
}

/** The schema (tables, indexes, triggers) as SQL text, to tell a stale cache from a good one. */
function schemaOf(db: Database.Database): string {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string | null }[];
  return rows.map((r) => `${r.type} ${r.name}: ${r.sql ?? ''}`).join('\n');
}

function currentSchema(): string {
  const db = new Database(':memory:');
  try {
    migrate(db);
    return schemaOf(db);
  } finally {
    db.close();
  }
}

/** Why a cached seed cannot be used, or null if it can. */
function staleReason(file: string, cases: number): string | null {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return `cannot open it (${(err as Error).message})`;
  }
  try {
    const { n } = db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number };
    if (n !== cases) return `it holds ${n} cases, not ${cases}`;
    if (schemaOf(db) !== currentSchema()) return 'its schema differs from migration 001 as it stands now';
    if (!db.prepare('SELECT 1 FROM case_entities LIMIT 1').get()) return 'it has no entities (seeded before entities existed)';
    if (!db.prepare('SELECT 1 FROM seizures LIMIT 1').get()) return 'it has no seizures (seeded before seizures existed)';
    if (!db.prepare('SELECT 1 FROM penalties LIMIT 1').get()) return 'it has no penalties (seeded before penalties existed)';
    if (!db.prepare('SELECT 1 FROM compliance_audits LIMIT 1').get()) {
      return 'it has no checks, inspections or audits (seeded before they existed)';
    }
    return null;
  } catch (err) {
    return `cannot read it (${(err as Error).message})`;
  } finally {
    db.close();
  }
}

/** A clock that advances 250 ms at each reading, so updated_at values are distinct and reproducible. */
function tickingClock(start: number): Clock {
  let t = start;
  return () => new Date((t += 250));
}

/** Runs in the child process: seeds `file` through the contract, printing progress. */
async function seedChild(file: string, cases: number): Promise<void> {
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  const core = await openCore(partial, {
    clock: tickingClock(SEED_CLOCK_START),
    actor: { name: 'Bench Seeder', badge: 'B-0001' },
  });
  const started = performance.now();
  const tty = process.stdout.isTTY;
  let lastLine = 0;
  try {
    seedCases(core.db, core.invoke, {
      cases,
      seed: SEED,
      today: SEED_TODAY,
      onProgress(done, total) {
        const now = performance.now();
        if (done < total && now - lastLine < (tty ? 250 : 5000)) return;
        lastLine = now;
        const secs = (now - started) / 1000;
        const eta = done > 0 ? (secs / done) * (total - done) : 0;
        const line =
          `  seeding: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} cases ` +
          `(${Math.round((100 * done) / total)}%), ${secs.toFixed(0)} s elapsed, ~${eta.toFixed(0)} s left`;
        process.stdout.write(tty ? `\r${line.padEnd(90)}` : `${line}\n`);
      },
    });
    seedBenchEntities(core, cases, tty);
    seedBenchSeizures(core, cases, tty);
    seedBenchEnforcement(core, cases, tty);
    seedBenchVerifications(core, cases, tty);
    // Rollback-journal mode, so that the read-only checks of later runs leave no -wal or -shm
    // files beside the cache; the bench's copy goes back to WAL when openCore opens it.
    core.db.pragma('journal_mode = DELETE');
  } finally {
    core.close();
  }
  if (tty) process.stdout.write('\n');
  fs.renameSync(partial, file);
  console.log(`  seeded ${cases.toLocaleString('en-US')} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Deletes the caches of the same size and seed made for other schema versions (each is ~700 MB). */
function removeOtherVersions(file: string): void {
  const dir = path.dirname(file);
  const stem = path.basename(file).replace(/-v\d+\.db$/, '');
  for (const name of fs.readdirSync(dir)) {
    const m = /^(.*)-v\d+\.db(-wal|-shm)?$/.exec(name);
    if (!m || m[1] !== stem || path.join(dir, name) === file) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    if (!m[2]) console.log(`  removed the cache for another schema version: ${name}`);
  }
}

/** Makes sure the cached seed exists and is current; seeds it in a child process if not. */
function ensureSeed(args: Args): string {
  const file = cacheFile(args.cases);
  const rel = path.relative(REPO, file);
  let reason: string | null = args.fresh ? '--fresh' : null;
  if (!reason) reason = fs.existsSync(file) ? staleReason(file, args.cases) : 'no cached seed yet';
  if (!reason) {
    console.log(`Seed:     ${rel} (cached; --fresh to reseed)`);
    return file;
  }
  console.log(`Seed:     ${rel}: seeding ${args.cases.toLocaleString('en-US')} cases (${reason})`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  const child = spawnSync(process.execPath, [...process.execArgv, SCRIPT, '--seed-child', file, '--cases', String(args.cases)], {
    stdio: 'inherit',
  });
  if (child.status !== 0 || !fs.existsSync(file)) {
    throw new Error(`seeding failed (exit ${child.status ?? child.signal ?? '?'})`);
  }
  removeOtherVersions(file);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Timing

interface Stats {
  median: number;
  p95: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

function timeOnce(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Wall time budget per query (both paths together), beyond which iterations are cut down. */
const BUDGET_MS = 6000;
const MIN_ITERATIONS = 30;

interface Measured {
  contract: Stats;
  direct: Stats;
  iterations: number;
}

/**
 * Warms both paths up, then alternates them (swapping which goes first each round),
 * so that drift and cache effects fall on both alike.
 */
function measure(contract: () => unknown, direct: () => unknown, wanted: number): Measured {
  // At least 10 warm-up rounds, up to 50 within 300 ms.
  let warm = 0;
  let warmRounds = 0;
  const warmStart = performance.now();
  while (warmRounds < 10 || (warmRounds < 50 && performance.now() - warmStart < 300)) {
    warm += timeOnce(contract) + timeOnce(direct);
    warmRounds++;
  }
  const perRound = warm / warmRounds;
  const iterations = Math.max(Math.min(wanted, MIN_ITERATIONS), Math.min(wanted, Math.floor(BUDGET_MS / perRound)));
  const c: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < iterations; i++) {
    if (i % 2 === 0) {
      c.push(timeOnce(contract));
      d.push(timeOnce(direct));
    } else {
      d.push(timeOnce(direct));
      c.push(timeOnce(contract));
    }
  }
  return { contract: stats(c), direct: stats(d), iterations };
}

// ---------------------------------------------------------------------------------------------
// Queries

interface ListCase {
  kind: 'list';
  label: string;
  /** Beyond the brief's queries: reported, with its own verdict line. */
  extra?: boolean;
  /** The contract input, as the renderer would send it. */
  input: Record<string, unknown>;
}

interface GetCase {
  kind: 'get';
  label: string;
  extra?: boolean;
}

type BenchCase = ListCase | GetCase;

function benchCases(): BenchCase[] {
  const list: BenchCase[] = [];
  for (const column of CASE_SORT_COLUMNS) {
    for (const direction of ['asc', 'desc'] as const) {
      list.push({
        kind: 'list',
        label: `sort ${column} ${direction}`,
        input: { sort: { column, direction }, limit: 100, offset: 0 },
      });
    }
  }
  list.push(
    { kind: 'list', label: 'status = open', input: { status: ['open'], limit: 100 } },
    {
      kind: 'list',
      label: 'status = under_review, referred',
      input: { status: ['under_review', 'referred_for_prosecution'], limit: 100 },
    },
    { kind: 'list', label: "text 'FPGA'", input: { text: 'FPGA', limit: 100 } },
    { kind: 'list', label: "text 'thermal Iran'", input: { text: 'thermal Iran', limit: 100 } },
    { kind: 'list', label: "text 'UA' (2 chars: LIKE)", input: { text: 'UA', limit: 100 } },
    { kind: 'list', label: 'deep page (offset 50,000)', input: { limit: 100, offset: 50_000 } },
    { kind: 'get', label: 'cases.get (open one case)' },
  );
  const extra = (label: string, input: Record<string, unknown>): ListCase => ({
    kind: 'list',
    label,
    input: { limit: 100, ...input },
    extra: true,
  });
  list.push(
    extra('status = referred, by title', { status: ['referred_for_prosecution'], sort: { column: 'title', direction: 'asc' } }),
    extra('status = open, under_review, by status', {
      status: ['open', 'under_review'],
      sort: { column: 'status', direction: 'desc' },
    }),
    extra('status = closed, by file no., offset 20,000', {
      status: ['closed'],
      sort: { column: 'fileNumber', direction: 'desc' },
      offset: 20_000,
    }),
    extra('priority = critical', { priority: ['critical'] }),
    extra("violation = 'other' (none), by file no.", {
      violationType: ['other'],
      sort: { column: 'fileNumber', direction: 'asc' },
    }),
    extra("lead investigator 'Trem'", { leadInvestigator: 'Trem' }),
    extra("status = open + text 'FPGA', by title", {
      status: ['open'],
      text: 'FPGA',
      sort: { column: 'title', direction: 'asc' },
    }),
    extra("text 'Tremblay' (a lead, ~8%)", { text: 'Tremblay' }),
    extra("text 'zq' (2 chars, no match)", { text: 'zq' }),
    extra("text 'export' (every case)", { text: 'export' }),
  );
  return list;
}

interface Row {
  label: string;
  extra: boolean;
  kind: 'list' | 'get';
  result: string;
  plan: string;
  m: Measured;
  /** Contract and direct gave different results (should never happen). */
  mismatch: boolean;
}

/** A query ready to time: both paths, checked to agree. */
type Prepared = Omit<Row, 'm'> & { contract: () => unknown; direct: () => unknown };

/** Of several rounds of one query, the least disturbed: the lowest p95 of both paths together. */
function bestRound(rounds: readonly Measured[]): Measured {
  const score = (m: Measured) => m.contract.p95 + m.direct.p95;
  return rounds.reduce((best, m) => (score(m) < score(best) ? m : best));
}

/** EXPLAIN QUERY PLAN, one string per node. */
function explain(db: Database.Database, sqlText: string, params: readonly unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** A short summary of a plan: the indexes and tables it reads, and whether it sorts. */
function planSummary(details: readonly string[]): string {
  const parts: string[] = [];
  for (const d of details) {
    let m: RegExpMatchArray | null;
    if ((m = /^(?:SCAN|SEARCH) (\w+) (?:VIRTUAL TABLE INDEX|USING (?:COVERING )?INDEX) ?(\w*)/.exec(d))) {
      parts.push(m[2] && !/^\d+$/.test(m[2]) ? m[2] : m[1] === 'cases_fts' ? 'fts' : (m[1] ?? '?'));
    } else if ((m = /^SEARCH (\w+) USING INTEGER PRIMARY KEY/.exec(d))) {
      parts.push(`${m[1]} by rowid`);
    } else if ((m = /^SCAN (\w+)$/.exec(d))) {
      parts.push(`scan ${m[1]}`);
    } else if (d.includes('USE TEMP B-TREE FOR ORDER BY')) {
      parts.push('SORT');
    }
  }
  return [...new Set(parts)].join(' + ');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function prepareList(core: Core, c: ListCase, plans: boolean): Prepared {
  const db = core.db;
  // The same defaults the contract applies, then the same SQL the service runs.
  const query: CaseListQuery = caseListInput.parse(c.input);
  const q = caseListSql(query);
  const page = pageStatement(q, query);
  const count = countStatement(q);
  const rowsStmt = db.prepare(page.sql);
  const countStmt = db.prepare(count.sql);
  const direct = () => ({
    total: (countStmt.get(...count.values) as { n: number }).n,
    rows: rowsStmt.all(...page.values),
  });
  const contract = () => {
    const env = core.invoke('cases.list', c.input);
    if (!env.ok) throw new Error(`${c.label}: ${env.error.code}: ${env.error.message}`);
    return env.result;
  };
  const viaContract = contract() as { total: number; rows: unknown[] };
  const viaDirect = direct();
  const rowPlan = explain(db, page.sql, page.values);
  const countPlan = explain(db, count.sql, count.values);
  if (plans) {
    console.log(`\n  ${c.label}\n    rows:  ${rowPlan.join('\n           ')}\n    count: ${countPlan.join('\n           ')}`);
  }
  return {
    label: c.label,
    extra: c.extra ?? false,
    kind: 'list',
    result: `${viaDirect.rows.length} of ${viaDirect.total.toLocaleString('en-US')}`,
    plan: `${planSummary(rowPlan)} | ${planSummary(countPlan)}`,
    mismatch: !same(viaContract, viaDirect),
    contract,
    direct,
  };
}

function prepareGet(core: Core, c: GetCase): Prepared {
  const db = core.db;
  // A case from the middle of the table; every iteration opens the same one, as a user reopening it would.
  const { n } = db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number };
  const { id } = db.prepare('SELECT id FROM cases WHERE seq = ?').get(Math.ceil(n / 2)) as { id: string };
  const stmt = db.prepare('SELECT * FROM cases WHERE id = ?');
  const direct = () => stmt.get(id);
  const contract = () => {
    const env = core.invoke('cases.get', { id });
    if (!env.ok) throw new Error(`${c.label}: ${env.error.code}: ${env.error.message}`);
    return env.result;
  };
  const viaContract = contract() as { id: string; fileNumber: string };
  const viaDirect = direct() as { id: string; file_number: string } | undefined;
  return {
    label: c.label,
    extra: c.extra ?? false,
    kind: 'get',
    result: '1 case',
    plan: planSummary(explain(db, 'SELECT * FROM cases WHERE id = ?', [id])),
    mismatch: viaDirect?.id !== viaContract.id || viaDirect.file_number !== viaContract.fileNumber,
    contract,
    direct,
  };
}

// ---------------------------------------------------------------------------------------------
// Entities and roles in cases (issue 3): seeded after the cases, timed beside the case list.

/** Seeds entities, links and 1-4 roles per case (db/seed/entities.ts) into the bench database. */
function seedBenchEntities(core: Core, cases: number, tty: boolean): void {
  const started = performance.now();
  let lastLine = 0;
  const result = seedEntities(core.db, core.invoke, new Random(SEED + 3003), recentCaseIds(core.db, cases), {
    perCase: 3,
    today: SEED_TODAY,
    onProgress(done, total) {
      const now = performance.now();
      if (done < total && now - lastLine < (tty ? 250 : 5000)) return;
      lastLine = now;
      const line = `  seeding entities: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} cases, ${((now - started) / 1000).toFixed(0)} s elapsed`;
      process.stdout.write(tty ? `\r${line.padEnd(90)}` : `${line}\n`);
    },
  });
  if (tty) process.stdout.write('\n');
  console.log(
    `  seeded ${result.entities.toLocaleString('en-US')} entities, ${result.links.toLocaleString('en-US')} links, ` +
      `${result.roles.toLocaleString('en-US')} roles in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** One timed read of this section: the contract call and the same SQL run directly. */
function entityQuery(
  core: Core,
  label: string,
  extra: boolean,
  method: string,
  input: Record<string, unknown>,
  direct: () => { ids: string[]; total: number },
  planSql: readonly [string, readonly unknown[]][],
  plans: boolean,
): Prepared {
  const contract = () => {
    const env = core.invoke(method, input);
    if (!env.ok) throw new Error(`${label}: ${env.error.code}: ${env.error.message}`);
    return env.result;
  };
  const viaContract = contract() as { total: number; rows: { id: string }[] };
  const viaDirect = direct();
  const planned = planSql.map(([text, params]) => explain(core.db, text, params));
  if (plans) console.log(`\n  ${label}\n    ${planned.map((p) => p.join('\n    ')).join('\n    --\n    ')}`);
  return {
    label,
    extra,
    kind: 'list',
    result: `${viaDirect.ids.length} of ${viaDirect.total.toLocaleString('en-US')}`,
    plan: planned.map(planSummary).join(' | '),
    mismatch:
      viaContract.total !== viaDirect.total ||
      !same(
        viaContract.rows.map((r) => r.id),
        viaDirect.ids,
      ),
    contract,
    direct,
  };
}

function prepareEntityBench(core: Core, plans: boolean): Prepared[] {
  const db = core.db;
  const list = (label: string, extra: boolean, raw: Record<string, unknown>): Prepared => {
    const input = { limit: 100, ...raw };
    const parsed = entityListInput.parse(input);
    const q = entityListSql(parsed);
    const page = pageStatement(q, parsed);
    const count = countStatement(q);
    const rowsStmt = db.prepare(page.sql);
    const countStmt = db.prepare(count.sql);
    const direct = () => ({
      total: (countStmt.get(...count.values) as { n: number }).n,
      ids: (rowsStmt.all(...page.values) as { id: string }[]).map((r) => r.id),
    });
    const planSql: [string, unknown[]][] = [
      [page.sql, page.values],
      [count.sql, count.values],
    ];
    return entityQuery(core, `entities.list ${label}`, extra, 'entities.list', input, direct, planSql, plans);
  };
  // A case from the middle of the table, and the case with the most roles.
  const { n } = db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number };
  const middle = (db.prepare('SELECT id FROM cases WHERE seq = ?').get(Math.ceil(n / 2)) as { id: string }).id;
  const busiest = (
    db.prepare('SELECT case_id AS id FROM case_entities GROUP BY case_id ORDER BY count(*) DESC LIMIT 1').get() as { id: string }
  ).id;
  const caseEntities = (label: string, caseId: string): Prepared => {
    const stmt = db.prepare(caseEntitiesSql());
    const direct = () => {
      const ids = (stmt.all(caseId) as { id: string }[]).map((r) => r.id);
      return { ids, total: ids.length };
    };
    return entityQuery(core, label, false, 'cases.entities', { caseId }, direct, [[caseEntitiesSql(), [caseId]]], plans);
  };
  return [
    list('by name', false, { sort: { column: 'name', direction: 'asc' } }),
    list("by name, text 'Trade'", false, { sort: { column: 'name', direction: 'asc' }, text: 'Trade' }),
    list("by name, text 'Kazakh'", false, { sort: { column: 'name', direction: 'asc' }, text: 'Kazakh' }),
    caseEntities('cases.entities (a case in the middle)', middle),
    caseEntities('cases.entities (the case with most roles)', busiest),
    list('by updatedAt desc, offset 20,000', true, { sort: { column: 'updatedAt', direction: 'desc' }, offset: 20_000 }),
    list('kind = organization, country = KZ, by name', true, { kind: ['organization'], country: ['KZ'] }),
    list("text '3A001' (ECCN in goods lines), by country", true, {
      text: '3A001',
      sort: { column: 'country', direction: 'asc' },
    }),
    list("text 'ov' (2 chars: LIKE), by kind", true, { text: 'ov', sort: { column: 'kind', direction: 'desc' } }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Seizures, goods lines and chains of custody (issue 3): seeded after the entities (so seizures
// can name the parties of their case), timed beside the case list.

/** Seizures for 20% of the cases (db/seed/seizures.ts), each item with a chain of several hops. */
function seedBenchSeizures(core: Core, cases: number, tty: boolean): void {
  const started = performance.now();
  let lastLine = 0;
  const result = seedSeizures(core.db, core.invoke, new Random(SEED + 4004), recentCaseIds(core.db, cases), SEED_TODAY, {
    onProgress(done, total) {
      const now = performance.now();
      if (done < total && now - lastLine < (tty ? 250 : 5000)) return;
      lastLine = now;
      const line = `  seeding seizures: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} cases, ${((now - started) / 1000).toFixed(0)} s elapsed`;
      process.stdout.write(tty ? `\r${line.padEnd(90)}` : `${line}\n`);
    },
  });
  if (tty) process.stdout.write('\n');
  console.log(
    `  seeded ${result.seizures.toLocaleString('en-US')} seizures, ${result.items.toLocaleString('en-US')} goods lines, ` +
      `${result.custodyEntries.toLocaleString('en-US')} custody entries in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

function prepareSeizureBench(core: Core, plans: boolean): Prepared[] {
  const db = core.db;
  const totalsStmt = db.prepare(PAGE_TOTALS_SQL);
  /** seizures.list: the page, its count and the page's item totals, as the service runs them. */
  const list = (label: string, extra: boolean, raw: Record<string, unknown>): Prepared => {
    const input = { limit: 100, ...raw };
    const parsed = seizureListInput.parse(input);
    const q = seizureListSql(parsed);
    const page = pageStatement(q, parsed);
    const count = countStatement(q);
    const rowsStmt = db.prepare(page.sql);
    const countStmt = db.prepare(count.sql);
    const direct = () => {
      const ids = (rowsStmt.all(...page.values) as { id: string }[]).map((r) => r.id);
      totalsStmt.all(JSON.stringify(ids));
      return { ids, total: (countStmt.get(...count.values) as { n: number }).n };
    };
    const planSql: [string, unknown[]][] = [
      [page.sql, page.values],
      [count.sql, count.values],
    ];
    return entityQuery(core, `seizures.list ${label}`, extra, 'seizures.list', input, direct, planSql, plans);
  };
  /** A read of one record: the contract call beside the statements its service runs. */
  const one = (
    label: string,
    method: string,
    input: Record<string, unknown>,
    direct: () => unknown,
    planText: string,
    param: string,
  ): Prepared => {
    const contract = () => {
      const env = core.invoke(method, input);
      if (!env.ok) throw new Error(`${label}: ${env.error.code}: ${env.error.message}`);
      return env.result;
    };
    contract();
    return {
      label,
      extra: true,
      kind: 'get',
      result: '1 record',
      plan: planSummary(explain(db, planText, [param])),
      mismatch: false,
      contract,
      direct,
    };
  };
  const seizureStmt = db.prepare(
    'SELECT s.*, c.file_number AS case_file_number FROM seizures s JOIN cases c ON c.id = s.case_id WHERE s.id = ?',
  );
  const itemsStmt = db.prepare('SELECT * FROM seized_items WHERE seizure_id = ? ORDER BY item_number');
  const itemStmt = db.prepare('SELECT * FROM seized_items WHERE id = ?');
  const entriesStmt = db.prepare('SELECT * FROM custody_entries WHERE item_id = ? ORDER BY seq');
  const seizureTotalsStmt = db.prepare(
    'SELECT value_currency, sum(value_minor) FROM seized_items WHERE seizure_id = ? GROUP BY value_currency ORDER BY value_currency',
  );
  const caseCountStmt = db.prepare('SELECT count(*) FROM seizures WHERE case_id = ?');
  const caseTotalsStmt = db.prepare(`SELECT i.value_currency, count(*), sum(i.value_minor) FROM seizures s
    JOIN seized_items i ON i.seizure_id = s.id WHERE s.case_id = ? GROUP BY i.value_currency ORDER BY i.value_currency`);
  const getDirect = (id: string) => () => {
    const seizure = seizureStmt.get(id);
    for (const it of itemsStmt.all(id) as { id: string }[]) entriesStmt.all(it.id);
    return [seizure, seizureTotalsStmt.all(id)];
  };
  const { n } = db.prepare('SELECT count(*) AS n FROM seizures').get() as { n: number };
  const middle = db.prepare('SELECT id, case_id AS caseId FROM seizures WHERE seq = ?').get(Math.ceil(n / 2)) as {
    id: string;
    caseId: string;
  };
  const item = db
    .prepare(
      'SELECT i.id FROM seized_items i JOIN custody_entries e ON e.item_id = i.id GROUP BY i.id ORDER BY count(*) DESC LIMIT 1',
    )
    .get() as { id: string };
  return [
    list('all, by seizedAt desc', false, { sort: { column: 'seizedAt', direction: 'desc' } }),
    list('disposition = held, by seizedAt desc', false, { disposition: ['held'] }),
    list('disposition = forfeited, sold, by seizedAt desc', false, { disposition: ['forfeited', 'sold'] }),
    list('by seizure number, offset 10,000', true, { sort: { column: 'seizureNumber', direction: 'asc' }, offset: 10_000 }),
    list('disposition = transferred, by review window', true, {
      disposition: ['transferred'],
      sort: { column: 'reviewWindowEndsOn', direction: 'asc' },
    }),
    list("text 'gate arrays' (goods lines)", true, { text: 'gate arrays' }),
    list("text 'zq' (2 chars, no match)", true, { text: 'zq' }),
    list('of one case', true, { caseId: middle.caseId }),
    one(
      'seizures.get (items, custody, totals)',
      'seizures.get',
      { id: middle.id },
      getDirect(middle.id),
      'SELECT * FROM seizures WHERE id = ?',
      middle.id,
    ),
    one(
      'seizures.totalsByCase',
      'seizures.totalsByCase',
      { caseId: middle.caseId },
      () => [caseCountStmt.get(middle.caseId), caseTotalsStmt.all(middle.caseId)],
      'SELECT id FROM seizures WHERE case_id = ?',
      middle.caseId,
    ),
    one(
      'custody.chain (longest chain)',
      'custody.chain',
      { itemId: item.id },
      () => {
        const it = itemStmt.get(item.id) as { seizure_id: string };
        return [seizureStmt.get(it.seizure_id), entriesStmt.all(item.id)];
      },
      'SELECT * FROM custody_entries WHERE item_id = ? ORDER BY seq',
      item.id,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Report

const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-');

function listOk(r: Row): boolean {
  return r.kind !== 'list' || r.m.contract.p95 < LIST_P95_MS;
}

function ratioOk(r: Row): boolean {
  return r.m.contract.p95 <= MAX_RATIO * r.m.direct.p95 + SLACK_MS;
}

function printTable(rows: readonly Row[]): void {
  const header = ['query', 'result', 'n', 'contract med', 'p95', 'direct med', 'p95', 'ratio', 'verdict', 'plan: rows | count'];
  const right = new Set([2, 3, 4, 5, 6, 7]);
  const cells = (r: Row): string[] => {
    const marks: string[] = [];
    if (!listOk(r)) marks.push(`FAIL p95 >= ${LIST_P95_MS} ms`);
    if (!ratioOk(r)) marks.push('FAIL ratio');
    if (r.mismatch) marks.push('FAIL results differ');
    if (/SORT/.test(r.plan.split('|')[0] ?? '')) marks.push('(sorts)');
    return [
      r.label,
      r.result,
      String(r.m.iterations),
      ms(r.m.contract.median),
      ms(r.m.contract.p95),
      ms(r.m.direct.median),
      ms(r.m.direct.p95),
      `${(r.m.contract.p95 / r.m.direct.p95).toFixed(2)}x`,
      marks.length ? marks.join(', ') : 'ok',
      r.plan,
    ];
  };
  const brief = rows.filter((r) => !r.extra).map(cells);
  const extra = rows.filter((r) => r.extra).map(cells);
  const widths = header.map((h, i) => Math.max(h.length, ...[...brief, ...extra].map((b) => (b[i] ?? '').length)));
  const fmt = (line: readonly string[]) =>
    line
      .map((cell, i) => (right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of brief) console.log(fmt(b));
  if (extra.length) {
    console.log('-- beyond the brief (own verdict line below) --');
    for (const b of extra) console.log(fmt(b));
  }
}

function printVerdicts(rows: readonly Row[]): void {
  const worst = (list: readonly Row[], score: (r: Row) => number) =>
    list.reduce<Row | undefined>((a, r) => (!a || score(r) > score(a) ? r : a), undefined);
  const pageLine = (list: readonly Row[], what: string) => {
    const slow = list.filter((r) => !listOk(r));
    const slowest = worst(list, (r) => r.m.contract.p95);
    return (
      `${slow.length ? 'FAIL' : 'PASS'}  ${what}: list page p95 < ${LIST_P95_MS} ms at the contract` +
      (slow.length
        ? ` - ${list.length - slow.length} of ${list.length} pass; over: ${slow.map((r) => `${r.label} ${ms(r.m.contract.p95)} ms`).join('; ')}`
        : slowest
          ? ` (all ${list.length}; slowest: ${slowest.label}, ${ms(slowest.m.contract.p95)} ms)`
          : '')
    );
  };
  const overhead = rows.filter((r) => !ratioOk(r));
  const closest = worst(rows, (r) => r.m.contract.p95 - MAX_RATIO * r.m.direct.p95);
  const mismatched = rows.filter((r) => r.mismatch);
  console.log('');
  console.log(
    pageLine(
      rows.filter((r) => r.kind === 'list' && !r.extra),
      "the brief's queries",
    ),
  );
  console.log(
    `${overhead.length ? 'FAIL' : 'PASS'}  contract p95 <= ${MAX_RATIO}x direct p95 + ${SLACK_MS} ms` +
      (overhead.length
        ? `: ${overhead.map((r) => `${r.label} (${ms(r.m.contract.p95)} vs ${ms(r.m.direct.p95)} ms)`).join('; ')}`
        : closest
          ? ` (all ${rows.length}; closest: ${closest.label}, ${ms(closest.m.contract.p95)} vs ${ms(closest.m.direct.p95)} ms)`
          : ''),
  );
  console.log(
    `${mismatched.length ? 'FAIL' : 'PASS'}  contract and direct SQL return the same results` +
      (mismatched.length ? `: ${mismatched.map((r) => r.label).join('; ')}` : ` (all ${rows.length})`),
  );
  const extra = rows.filter((r) => r.kind === 'list' && r.extra);
  if (extra.length) console.log(pageLine(extra, 'beyond the brief'));
}

// ---------------------------------------------------------------------------------------------

/** The target of the one search (issue 12): every kind of query under 30 ms p95 at the contract. */
const SEARCH_P95_MS = 30;

/** search.query through the contract beside searchRecords on the same connection: the same answer, timed. */
function prepareSearchBench(core: Core): Prepared[] {
  const query = (label: string, q: string): Prepared => {
    const input = searchQueryInput.parse({ q });
    const contract = () => {
      const env = core.invoke('search.query', input);
      if (!env.ok) throw new Error(`search.query ${label}: ${env.error.code}: ${env.error.message}`);
      return env.result;
    };
    const direct = () => searchRecords(core.db, input);
    const viaDirect = direct();
    const hits = viaDirect.groups.reduce((n, g) => n + g.total, 0);
    return {
      label: `search.query ${label}`,
      extra: false,
      kind: 'list',
      result: `${hits.toLocaleString('en-US')}${viaDirect.groups.some((g) => g.capped) ? '+' : ''} in ${viaDirect.groups.length} kinds`,
      plan: 'search_words + search_trigrams',
      mismatch: JSON.stringify(contract()) !== JSON.stringify(viaDirect),
      contract,
      direct,
    };
  };
  return [
    query("one word 'kazakhstan'", 'kazakhstan'),
    query("two words 'gyroscopes transshipment'", 'gyroscopes transshipment'),
    query("2 letters 'ka'", 'ka'),
    query("part of a word 'roscop'", 'roscop'),
    query("no match 'zqxjw'", 'zqxjw'),
  ];
}

function printSearchVerdict(rows: readonly Row[]): void {
  const search = rows.filter((r) => r.label.startsWith('search.query'));
  const slow = search.filter((r) => r.m.contract.p95 >= SEARCH_P95_MS || r.mismatch);
  console.log(
    `${slow.length ? 'FAIL' : 'PASS'}  search.query p95 < ${SEARCH_P95_MS} ms at the contract` +
      (slow.length
        ? `: ${slow.map((r) => `${r.label} ${r.m.contract.p95.toFixed(1)} ms`).join('; ')}`
        : ` (all ${search.length}; slowest ${Math.max(...search.map((r) => r.m.contract.p95)).toFixed(2)} ms)`),
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.seedChild) {
    await seedChild(args.seedChild, args.cases);
    return;
  }
  if (args.links === 'only' || args.screening === 'only') return;
  const cached = ensureSeed(args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-'));
  const file = path.join(dir, 'bench.db');
  let core: Core | undefined;
  try {
    fs.copyFileSync(cached, file);
    core = await openCore(file, { actor: { name: 'Bench', badge: '' } });
    const sqliteVersion = (core.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    console.log(`Database: ${file} (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB, schema v${LATEST_VERSION})`);
    console.log(`Runtime:  Node ${process.version}, SQLite ${sqliteVersion}, ${os.cpus().length} x ${cpu}`);
    console.log(
      `Timing:   up to ${args.iterations} iterations per query after warm-up (fewer if slow), contract and direct alternated` +
        `${args.rounds > 1 ? `; best of ${args.rounds} rounds` : ''}; times in ms`,
    );
    console.log('');
    const open = core;
    const prepared = [
      ...benchCases().map((c) => (c.kind === 'list' ? prepareList(open, c, args.plans) : prepareGet(open, c))),
      ...prepareEntityBench(open, args.plans),
      ...prepareSeizureBench(open, args.plans),
      ...prepareEnforcementBench(open, args.plans),
      ...prepareSearchBench(open),
    ];
    if (args.plans) console.log('');
    const loadBefore = os.loadavg()[0] ?? 0;
    // Rounds go over every query in turn, so that a burst of activity elsewhere on the machine
    // spoils one round of a few queries rather than every round of one.
    const rounds: Measured[][] = prepared.map(() => []);
    for (let r = 0; r < args.rounds; r++) {
      if (args.rounds > 1) process.stdout.write(`  round ${r + 1} of ${args.rounds}...\n`);
      prepared.forEach((p, i) => rounds[i]?.push(measure(p.contract, p.direct, args.iterations)));
    }
    const rows: Row[] = prepared.map(({ contract: _c, direct: _d, ...rest }, i) => ({ ...rest, m: bestRound(rounds[i] ?? []) }));
    const loadAfter = os.loadavg()[0] ?? 0;
    if (args.rounds > 1) console.log('');
    printTable(rows);
    printVerdicts(rows);
    printSearchVerdict(rows);
    console.log(`Peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (this process; the seed ran in a child)`);
    const cores = os.cpus().length;
    const load = `load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${cores} cores`;
    if (Math.max(loadBefore, loadAfter) > cores * 0.75) {
      console.log(
        `WARNING:  the machine was busy (${load}): other processes inflate the p95 figures. ` +
          (args.rounds > 1
            ? `Each query shows its best of ${args.rounds} rounds; rerun when it is quiet.`
            : 'Rerun when it is quiet, or with --rounds 3.'),
      );
    } else {
      console.log(`Machine:  ${load}`);
    }
  } finally {
    core?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .then(benchLinkSection)
  .then(benchScreeningSection)
  .then(benchEvidence)
  .then(benchPackage)
  .catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  });

// =============================================================================================
// Link analysis (issue 10): scripts/bench-links.ts, on a database of its own (10 entities and 20
// links per case, written by bulk SQL), after the case lists or alone with --links.

async function benchLinkSection(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.seedChild || args.links === 'off' || args.screening === 'only') return;
  await benchLinks({ cases: args.cases, fresh: args.fresh, iterations: args.iterations, rounds: args.rounds });
}

// Screening (issue 12): scripts/bench-screening.ts, on the link bench's database (1,000,000 entities).
async function benchScreeningSection(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.seedChild || args.screening === 'off' || args.links === 'only') return;
  await benchScreening({ cases: args.cases, fresh: args.fresh });
}

// =============================================================================================
// Evidence files (issue 4): attach a generated 1 GiB file (ingestFile + evidence.attach) and print
// the time, MB/s and the peak RSS during the attach (target < 200 MB). It runs in a child process
// (scripts/bench-evidence.ts), so the memory figure is the attach's own, not the case benches'.

/** The evidence package (issue 11): scripts/bench-package.ts in a child, so its memory figure is the export's own. */
function benchPackage(): void {
  if (['--seed-child', '--links', '--screening'].some((a) => process.argv.includes(a))) return;
  console.log('');
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(REPO, 'scripts', 'bench-package.ts')], {
    stdio: 'inherit',
  });
  if (child.status !== 0) throw new Error(`the package bench failed (exit ${child.status ?? child.signal ?? '?'})`);
}

function benchEvidence(): void {
  if (['--seed-child', '--links', '--screening'].some((a) => process.argv.includes(a))) return;
  console.log('');
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(REPO, 'scripts', 'bench-evidence.ts')], {
    stdio: 'inherit',
  });
  if (child.status !== 0) throw new Error(`the evidence bench failed (exit ${child.status ?? child.signal ?? '?'})`);
}

// =============================================================================================
// Detentions, monetary penalties, deadlines and the case overview (issue 3, migration 005):
// seeded after the seizures, timed beside the case list. Targets: each under 50 ms p95.

/**
 * Detentions for 12% of the cases and penalties for 10% (db/seed/enforcement.ts). Its own
 * dispatcher on the same database, with a clock from SEED_TODAY on: the seed's records are dated
 * up to that day, and the contract refuses a date in the future of its clock.
 */
function seedBenchEnforcement(core: Core, cases: number, tty: boolean): void {
  const started = performance.now();
  let lastLine = 0;
  const invoke = createDispatcher(methods, {
    db: core.db,
    clock: tickingClock(Date.parse(`${SEED_TODAY}T12:00:00Z`)),
    actor: () => ({ name: 'Bench Seeder', badge: 'B-0001' }),
    device: core.device,
  });
  const result = seedEnforcement(core.db, invoke, new Random(SEED + 5005), recentCaseIds(core.db, cases), SEED_TODAY, {
    onProgress(done, total) {
      const now = performance.now();
      if (done < total && now - lastLine < (tty ? 250 : 5000)) return;
      lastLine = now;
      const line = `  seeding detentions and penalties: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} cases, ${((now - started) / 1000).toFixed(0)} s elapsed`;
      process.stdout.write(tty ? `\r${line.padEnd(90)}` : `${line}\n`);
    },
  });
  if (tty) process.stdout.write('\n');
  console.log(
    `  seeded ${result.detentions.toLocaleString('en-US')} detentions (${result.requests.toLocaleString('en-US')} information requests), ` +
      `${result.penalties.toLocaleString('en-US')} penalties (${result.payments.toLocaleString('en-US')} payments) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

function seedBenchVerifications(core: Core, cases: number, tty: boolean): void {
  const started = performance.now();
  let lastLine = 0;
  const invoke = createDispatcher(methods, {
    db: core.db,
    clock: tickingClock(Date.parse(`${SEED_TODAY}T12:00:00Z`)),
    actor: () => ({ name: 'Bench Seeder', badge: 'B-0001' }),
    device: core.device,
  });
  const result = seedVerifications(core.db, invoke, new Random(SEED + 7007), recentCaseIds(core.db, cases), SEED_TODAY, {
    onProgress(done, total) {
      const now = performance.now();
      if (done < total && now - lastLine < (tty ? 250 : 5000)) return;
      lastLine = now;
      const line = `  seeding checks, inspections and audits: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} cases, ${((now - started) / 1000).toFixed(0)} s elapsed`;
      process.stdout.write(tty ? `\r${line.padEnd(90)}` : `${line}\n`);
    },
  });
  if (tty) process.stdout.write('\n');
  console.log(
    `  seeded ${result.checks.toLocaleString('en-US')} end-use checks, ${result.inspections.toLocaleString('en-US')} inspections, ` +
      `${result.audits.toLocaleString('en-US')} compliance audits in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

function prepareEnforcementBench(core: Core, plans: boolean): Prepared[] {
  const db = core.db;
  // The contract's "today" is the clock's: the direct path uses the same day.
  const today = localDate(new Date());
  const ctx = { db, clock: systemClock };
  /** A timed read: the contract call beside `direct`, compared by the ids both return. */
  const timed = (
    label: string,
    extra: boolean,
    method: string,
    input: Record<string, unknown>,
    direct: () => { ids: string[]; total: number },
    ids: (result: unknown) => { ids: string[]; total: number },
    planSql: readonly [string, readonly unknown[]][],
  ): Prepared => {
    const contract = () => {
      const env = core.invoke(method, input);
      if (!env.ok) throw new Error(`${label}: ${env.error.code}: ${env.error.message}`);
      return env.result;
    };
    const viaContract = ids(contract());
    const viaDirect = direct();
    const planned = planSql.map(([text, values]) => explain(db, text, values));
    if (plans) console.log(`\n  ${label}\n    ${planned.map((p) => p.join('\n    ')).join('\n    --\n    ')}`);
    return {
      label,
      extra,
      kind: 'list',
      result: `${viaDirect.ids.length} of ${viaDirect.total.toLocaleString('en-US')}`,
      plan: planned.map(planSummary).join(' | '),
      mismatch: viaContract.total !== viaDirect.total || !same(viaContract.ids, viaDirect.ids),
      contract,
      direct,
    };
  };
  const pageIds = (r: unknown) => {
    const page = r as { total: number; rows: { id: string }[] };
    return { total: page.total, ids: page.rows.map((x) => x.id) };
  };
  const deadlineIds = (r: unknown) => {
    const page = r as { total: number; rows: { kind: string; recordId: string }[] };
    return { total: page.total, ids: page.rows.map((x) => `${x.kind} ${x.recordId}`) };
  };
  const listOf = (
    method:
      'detentions.list' | 'penalties.list' | 'deadlines.list' | 'checks.list' | 'inspections.list' | 'complianceAudits.list',
    label: string,
    extra: boolean,
    raw: Record<string, unknown>,
  ): Prepared => {
    const input: Record<string, unknown> = { limit: 100, ...raw };
    const sqlOf = {
      'detentions.list': () => detentionListSql(detentionListInput.parse(input), today),
      'penalties.list': () => penaltyListSql(penaltyListInput.parse(input), today),
      'deadlines.list': () => deadlineSql(deadlineListInput.parse(input), today),
      'checks.list': () => checkListSql(checkListInput.parse(input), today),
      'inspections.list': () => inspectionListSql(inspectionListInput.parse(input)),
      'complianceAudits.list': () => auditListSql(auditListInput.parse(input), today),
    };
    const s = sqlOf[method]();
    const page = pageStatement(s, { limit: Number(input.limit), offset: Number(input.offset ?? 0) });
    const count = countStatement(s);
    const rowsStmt = db.prepare(page.sql);
    const countStmt = db.prepare(count.sql);
    const direct = () => {
      const rows = rowsStmt.all(...page.values) as Record<string, unknown>[];
      const { n } = countStmt.get(...count.values) as { n: number };
      const ids =
        method === 'deadlines.list'
          ? rows.map((r) => `${DEADLINE_KINDS[Number(r.k)] ?? '?'} ${String(r.record_id)}`)
          : rows.map((r) => String(r.id));
      return { total: n, ids };
    };
    return timed(`${method} ${label}`, extra, method, input, direct, method === 'deadlines.list' ? deadlineIds : pageIds, [
      [page.sql, page.values],
      [count.sql, count.values],
    ]);
  };
  // The open case with the most detentions, penalties and seizures, and one from the middle of the table.
  const busiest = (
    db
      .prepare(
        `SELECT case_id AS id FROM (
      SELECT case_id FROM detentions UNION ALL SELECT case_id FROM penalties UNION ALL SELECT case_id FROM seizures)
    WHERE case_id IN (SELECT id FROM cases WHERE status <> 'closed')
    GROUP BY case_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as { id: string }
  ).id;
  const { n } = db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number };
  const middle = (db.prepare('SELECT id FROM cases WHERE seq = ?').get(Math.ceil(n / 2)) as { id: string }).id;
  const overview = (label: string, caseId: string): Prepared => {
    const direct = () => {
      const o = caseOverview(ctx, caseId);
      return { total: o.deadlines.total, ids: o.deadlines.rows.map((r) => `${r.kind} ${r.recordId}`) };
    };
    const ids = (r: unknown) => {
      const o = r as { deadlines: { total: number; rows: { kind: string; recordId: string }[] } };
      return { total: o.deadlines.total, ids: o.deadlines.rows.map((x) => `${x.kind} ${x.recordId}`) };
    };
    const s = deadlineSql(deadlineListInput.parse({ caseId, limit: 100 }), today);
    return timed(`cases.overview (${label})`, false, 'cases.overview', { caseId }, direct, ids, [
      [pageStatement(s, { limit: 100, offset: 0 }).sql, pageStatement(s, { limit: 100, offset: 0 }).values],
    ]);
  };
  return [
    listOf('detentions.list', 'all, by start desc', false, {}),
    listOf('detentions.list', 'overdue, by review date', false, {
      state: 'overdue',
      sort: { column: 'reviewDueOn', direction: 'asc' },
    }),
    listOf('penalties.list', 'all, by assessment desc', false, {}),
    listOf('penalties.list', 'overdue, by balance desc', false, {
      overdue: true,
      sort: { column: 'balance', direction: 'desc' },
    }),
    listOf('deadlines.list', 'all cases, first page', false, {}),
    listOf('checks.list', 'all, by request desc', false, {}),
    listOf('checks.list', 'unable to verify, by number', false, {
      outcome: 'unable_to_verify',
      sort: { column: 'checkNumber', direction: 'asc' },
    }),
    listOf('inspections.list', 'all, by inspection desc', false, {}),
    listOf('inspections.list', 'goods seized, by number', false, {
      result: 'goods_seized',
      sort: { column: 'inspectionNumber', direction: 'asc' },
    }),
    listOf('complianceAudits.list', 'all, by notice desc', false, {}),
    listOf('complianceAudits.list', 'reported, by report due', false, {
      status: 'reported',
      sort: { column: 'reportDueOn', direction: 'asc' },
    }),
    overview('the busiest case', busiest),
    overview('a case in the middle', middle),
    listOf('detentions.list', 'open, by number, offset 1,000', true, {
      state: 'open',
      sort: { column: 'detentionNumber', direction: 'asc' },
      offset: 1_000,
    }),
    listOf('detentions.list', 'ended, by start asc', true, { state: 'ended', sort: { column: 'startedAt', direction: 'asc' } }),
    listOf('penalties.list', 'status = partly_paid, under_review, by due date', true, {
      status: ['partly_paid', 'under_review'],
      sort: { column: 'dueOn', direction: 'asc' },
    }),
    listOf('penalties.list', 'USD, by amount desc', true, { currency: 'USD', sort: { column: 'amount', direction: 'desc' } }),
    listOf('penalties.list', 'by notice number, offset 5,000', true, {
      sort: { column: 'noticeNumber', direction: 'asc' },
      offset: 5_000,
    }),
    listOf('deadlines.list', 'with done ones', true, { includeDone: true }),
    listOf('deadlines.list', 'next 90 days', true, { from: today, to: addDays(today, 90) }),
    listOf('deadlines.list', 'offset 2,000', true, { offset: 2_000 }),
    listOf('deadlines.list', 'info requests and reviews', true, { kind: ['info_request', 'detention_review'] }),
    listOf('deadlines.list', 'of the busiest case, with done ones', true, { caseId: busiest, includeDone: true }),
  ];
}
