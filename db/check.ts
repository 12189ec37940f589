import path from 'node:path';
import type { Db } from './sqlite.ts';
import { GENESIS_HASH, auditRowHash, sha256Hex, stateHash, type AuditRow, type RawRow } from './audit.ts';
import { auditedTables, type RecordType } from './shared/records.ts';
import { sql } from './statements.ts';
import type { JobStep } from './shared/domain.ts';
import { verifyBlob, type BlobStatus } from './evidence-store.ts';
import { allEvidenceFiles } from './services/evidence.ts';
import { ChainWalker, type ChainSummary, type ChainTrust } from './chain-check.ts';
import Database from 'better-sqlite3';
import { migrate } from './sqlite.ts';
import { storeLeftovers, type Leftovers } from './store-sweep.ts';

export interface Problem {
  kind: 'integrity' | 'foreign_key' | 'schema' | 'full_text' | 'audit' | 'signature' | 'evidence';
  message: string;
}

export interface CheckReport {
  checked: string[];
  problems: Problem[];
  /** What is worth knowing but is not wrong (records signed on upgrade, anchors held). */
  notes: string[];
  /** The chain's length, its signed head and the devices that signed it. */
  chain: ChainSummary;
}

/** The steps of a check, as a job reports them. */
export type CheckStep = JobStep;

/** How far a check has come: units done of the total, and the step under way. */
export interface CheckProgress {
  done: number;
  total: number;
  step: CheckStep;
}

/** Reports progress and stops the check (by throwing) when asked to. */
class Tracker {
  done = 0;
  private lastReport = 0;
  constructor(
    readonly total: number,
    private readonly opts: CheckOptions,
  ) {}

  /** Counts `units` of `step`; every so often reports, and throws CheckCancelled when cancelled. */
  tick(step: CheckStep, units = 1): void {
    this.done += units;
    const now = Date.now();
    if (now - this.lastReport < 100 && this.done < this.total) return;
    this.lastReport = now;
    if (this.opts.cancelled?.()) throw new CheckCancelled();
    this.opts.progress?.({ done: Math.min(this.done, this.total), total: this.total, step });
  }

  /**
   * Starts a step. One that is a single SQLite statement (a whole-file pragma) cannot say how far
   * it has come: it reports a total of 0, which the UI shows as work under way, not as a stuck bar.
   */
  enter(step: CheckStep, measurable = true): void {
    if (this.opts.cancelled?.()) throw new CheckCancelled();
    this.opts.progress?.({ done: Math.min(this.done, this.total), total: measurable ? this.total : 0, step });
  }
}

export class CheckCancelled extends Error {
  constructor() {
    super('The check was cancelled');
    this.name = 'CheckCancelled';
  }
}

/**
 * The audit trail: each record's hash covers its row and the previous record's hash, and each
 * audited record's current row still hashes to the state its last audit record left.
 */
function checkAuditTrail(db: Db, problems: Problem[], track: Tracker, chain: ChainWalker): void {
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  track.enter('audit_trail');
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    track.tick('audit_trail');
    chain.row(row);
    const { hash, ...rest } = row;
    if (row.seq !== prevSeq + 1) {
      problems.push({ kind: 'audit', message: `audit records ${prevSeq + 1} to ${row.seq - 1} are missing` });
    }
    if (row.prev_hash !== prevHash) {
      problems.push({ kind: 'audit', message: `audit record ${row.seq} does not follow the record before it` });
    }
    if (auditRowHash(rest) !== hash) {
      problems.push({ kind: 'audit', message: `audit record ${row.seq} (${row.record_type} ${row.record_id}) was altered` });
    }
    prevSeq = row.seq;
    prevHash = hash;
  }
}

/** Each audited record's current row still hashes to the state its last audit record left; none was added outside. */
function checkRecordStates(db: Db, problems: Problem[], track: Tracker): void {
  const lastAfter = db.prepare('SELECT after FROM audit_log WHERE seq = ? AND record_type = ? AND record_id = ?');
  const states = db
    .prepare('SELECT record_type, record_id, state_hash, audit_seq FROM record_state')
    .iterate() as IterableIterator<{
    record_type: string;
    record_id: string;
    state_hash: string;
    audit_seq: number;
  }>;
  const tracked = new Set<string>();
  track.enter('record_states');
  for (const s of states) {
    track.tick('record_states');
    tracked.add(`${s.record_type}\u0000${s.record_id}`);
    const name = `${s.record_type} ${s.record_id}`;
    const audited = lastAfter.get(s.audit_seq, s.record_type, s.record_id) as { after: string | null } | undefined;
    if (!audited?.after || sha256Hex(audited.after) !== s.state_hash) {
      problems.push({ kind: 'audit', message: `${name}: its recorded state does not match audit record ${s.audit_seq}` });
    }
    if (!Object.hasOwn(auditedTables, s.record_type)) continue;
    const { table } = auditedTables[s.record_type as RecordType];
    let current: RawRow | undefined;
    try {
      current = sql(db, `SELECT * FROM ${table} WHERE id = ?`).get(s.record_id) as RawRow | undefined;
    } catch (err) {
      if (err instanceof CheckCancelled) throw err;
      problems.push({ kind: 'integrity', message: `${name} cannot be read: ${(err as Error).message}` });
      continue;
    }
    if (!current) problems.push({ kind: 'audit', message: `${name} was removed outside Dossier (no audit record)` });
    else if (stateHash(current) !== s.state_hash) {
      problems.push({ kind: 'audit', message: `${name} was changed outside Dossier (no audit record)` });
    }
  }
  track.enter('unaudited_rows');
  for (const [type, table] of presentTables(db)) {
    try {
      for (const { id } of db.prepare(`SELECT id FROM ${table}`).iterate() as IterableIterator<{ id: string }>) {
        track.tick('unaudited_rows');
        if (!tracked.has(`${type}\u0000${id}`)) {
          problems.push({ kind: 'audit', message: `${type} ${id} was added outside Dossier (no audit record)` });
        }
      }
    } catch (err) {
      if (err instanceof CheckCancelled) throw err;
      problems.push({ kind: 'integrity', message: `the ${table} table cannot be read to its end: ${(err as Error).message}` });
    }
  }
}

/**
 * Every evidence record's file: present in the store, with the record's size and SHA-256. A file
 * that several records share is read once.
 */
function checkEvidenceFiles(db: Db, dataDir: string, problems: Problem[], track: Tracker): void {
  let lastSha = '';
  let lastSize = -1;
  let status: BlobStatus = 'ok';
  track.enter('evidence_files');
  for (const e of allEvidenceFiles(db)) {
    track.tick('evidence_files');
    if (e.sha256 !== lastSha || e.size !== lastSize) {
      status = verifyBlob(dataDir, e.sha256, e.size);
      lastSha = e.sha256;
      lastSize = e.size;
    }
    if (status === 'missing') {
      problems.push({ kind: 'evidence', message: `evidence ${e.id} (${e.originalName}): file missing from the store` });
    } else if (status === 'altered') {
      problems.push({ kind: 'evidence', message: `evidence ${e.id} (${e.originalName}): file altered (SHA-256 differs)` });
    }
  }
}

function leftoverNotes(l: Leftovers, notes: string[]): void {
  if (l.parts.length) {
    notes.push(`${l.parts.length} unfinished upload(s) in evidence/tmp/: removed when Dossier next starts, once an hour old`);
  }
  if (l.unattached.length) {
    notes.push(
      `${l.unattached.length} file(s) uploaded but never attached: set aside in evidence/unattached/ when Dossier next starts, once an hour old`,
    );
  }
  if (l.setAside.length) {
    notes.push(`${l.setAside.length} file(s) never attached are kept in evidence/unattached/: attach them again, or delete them`);
  }
}

/**
 * What SQLite's integrity_check finds, one message per finding. On some damage it stops with an
 * error rather than a list (reading a table's rows to check its constraints): it is then run table
 * by table, so that each damaged table is named and the sound ones are still checked.
 */
function integrityFindings(db: Db): string[] {
  const run = (arg: string) =>
    (db.pragma(`integrity_check${arg}`) as { integrity_check: string }[]).map((r) => r.integrity_check).filter((m) => m !== 'ok');
  try {
    return run('');
  } catch {
    const out: string[] = [];
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const t of tables) {
      try {
        out.push(...run(`('${t.replace(/'/g, "''")}')`).map((m) => `${t}: ${m}`));
      } catch (err) {
        out.push(`table ${t} is damaged: ${(err as Error).message}`);
      }
    }
    return out;
  }
}

export interface CheckOptions {
  /** The folder holding the evidence store; by default the database file's folder. */
  dataDir?: string;
  progress?(p: CheckProgress): void;
  /** Polled as the check runs: true stops it with CheckCancelled. */
  cancelled?(): boolean;
  /** The keys, the head this installation signed and the anchors the chain is checked against. */
  trust: ChainTrust;
  /**
   * A writable connection to the same file, for FTS5's integrity-check (a read-only connection
   * cannot run it, though it writes nothing: it runs in a transaction rolled back, but holds the
   * write lock meanwhile, seconds on a large file). Null where the file cannot be written; absent
   * where the check must not hold up writers (the app's check job). A note says which.
   */
  openWritable?: () => Db | null;
  /** The better-sqlite3 build the caller's connection uses (Electron's), for the check's own in-memory schema. */
  nativeBinding?: string | undefined;
}

/** Every trigger the shipped migrations create, with its SQL: the guards a file must still have. */
let expectedTriggers: Map<string, string> | null = null;
function shippedTriggers(nativeBinding: string | undefined): Map<string, string> {
  if (!expectedTriggers) {
    const fresh = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
    try {
      migrate(fresh);
      const rows = fresh.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all() as {
        name: string;
        sql: string;
      }[];
      expectedTriggers = new Map(rows.map((r) => [r.name, r.sql]));
    } finally {
      fresh.close();
    }
  }
  return expectedTriggers;
}

/** The guards (append-only audit, immutable evidence, full-text upkeep) are all there, as shipped. */
function checkTriggers(db: Db, nativeBinding: string | undefined, problems: Problem[]): void {
  const shipped = shippedTriggers(nativeBinding);
  const present = new Map(
    (db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string; sql: string }[]).map(
      (r) => [r.name, r.sql],
    ),
  );
  for (const [name, sqlText] of shipped) {
    const found = present.get(name);
    if (found === undefined) problems.push({ kind: 'schema', message: `trigger ${name} is missing (dropped outside Dossier)` });
    else if (found !== sqlText) problems.push({ kind: 'schema', message: `trigger ${name} was altered outside Dossier` });
  }
  for (const name of present.keys()) {
    if (!shipped.has(name)) problems.push({ kind: 'schema', message: `trigger ${name} is not Dossier's (added outside it)` });
  }
}

/** FTS5's own integrity-check of each full-text index, against the table it indexes (rank 1). */
function checkFullText(db: Db, opts: CheckOptions, problems: Problem[], notes: string[]): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'")
    .pluck()
    .all() as string[];
  if (tables.length === 0) return;
  if (!opts.openWritable) {
    notes.push(
      'full-text indexes not checked here: FTS5 checks them under the write lock, which would hold up every change; ' +
        'run `dossier check` with the app closed',
    );
    return;
  }
  const writable = opts.openWritable();
  if (!writable) {
    notes.push('full-text indexes not checked: the file cannot be written here (FTS5 checks need a writable connection)');
    return;
  }
  try {
    writable.exec('BEGIN');
    for (const t of tables) {
      try {
        writable.prepare(`INSERT INTO ${t} (${t}, rank) VALUES ('integrity-check', 1)`).run();
      } catch (err) {
        problems.push({ kind: 'full_text', message: `full-text index ${t} does not match its table: ${(err as Error).message}` });
      }
    }
  } finally {
    if (writable.inTransaction) writable.exec('ROLLBACK');
    writable.close();
  }
}

/**
 * The audited tables the file has: all of them at the latest schema; fewer in a file at an older
 * version (a migration's test checks one), where the missing ones hold nothing to check.
 */
function presentTables(db: Db): [RecordType, string][] {
  const names = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  return (Object.entries(auditedTables) as [RecordType, { table: string }][])
    .filter(([, { table }]) => names.has(table))
    .map(([type, { table }]) => [type, table]);
}

/** The work a check has ahead of it, in units: one per row read, and one per whole-file pragma. */
function totalUnits(db: Db, withEvidence: boolean): number {
  const count = (q: string) => (db.prepare(q).get() as { n: number }).n;
  let n = 2 + count('SELECT count(*) AS n FROM audit_log') + count('SELECT count(*) AS n FROM record_state');
  for (const [, table] of presentTables(db)) n += count(`SELECT count(*) AS n FROM ${table}`);
  if (withEvidence) n += count('SELECT count(*) AS n FROM evidence');
  return n;
}

/** Everything `dossier check` verifies. Each problem names the record it concerns. */
export function checkDatabase(db: Db, opts: CheckOptions): CheckReport {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const dataDir = opts.dataDir ?? (db.memory ? null : path.dirname(path.resolve(db.name)));
  /**
   * Runs one step; on a damaged file, SQLite may fail part-way through any of them: that is
   * reported with the step, and the check goes on with the next (cancelling still stops it).
   */
  const step = (name: string, run: () => void): void => {
    try {
      run();
    } catch (err) {
      if (err instanceof CheckCancelled) throw err;
      problems.push({ kind: 'integrity', message: `${name} could not be completed: ${(err as Error).message}` });
    }
  };
  let total = 0;
  step('counting the records', () => (total = totalUnits(db, dataDir !== null)));
  const track = new Tracker(total, opts);
  track.enter('integrity_check', false);
  step('integrity_check', () => {
    for (const message of integrityFindings(db)) problems.push({ kind: 'integrity', message });
  });
  track.tick('integrity_check');
  track.enter('foreign_key_check', false);
  step('foreign_key_check', () => {
    const fks = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string; fkid: number }[];
    for (const fk of fks) {
      problems.push({ kind: 'foreign_key', message: `${fk.table} row ${fk.rowid} points to a missing ${fk.parent} record` });
    }
  });
  track.tick('foreign_key_check');
  step('the trigger check', () => checkTriggers(db, opts.nativeBinding, problems));
  step('the full-text check', () => checkFullText(db, opts, problems, notes));
  let chain: ChainSummary = { databaseId: null, records: 0, head: null, devices: [] };
  step('the audit trail check', () => {
    const walker = new ChainWalker(
      db,
      opts.trust,
      (message) => problems.push({ kind: 'signature', message }),
      (message) => notes.push(message),
    );
    checkAuditTrail(db, problems, track, walker);
    chain = walker.end();
  });
  step('the record state check', () => checkRecordStates(db, problems, track));
  const checked = ['integrity_check', 'foreign_key_check', 'triggers', 'full_text', 'audit_trail', 'signatures'];
  if (dataDir !== null) {
    step('the evidence check', () => checkEvidenceFiles(db, dataDir, problems, track));
    checked.push('evidence_files');
    step('the evidence store listing', () => leftoverNotes(storeLeftovers(db, dataDir), notes));
  }
  opts.progress?.({ done: track.total, total: track.total, step: dataDir !== null ? 'evidence_files' : 'unaudited_rows' });
  return { checked, problems, notes, chain };
}
