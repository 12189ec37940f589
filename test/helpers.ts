/** Shared helpers for the db/CLI/server tests: real SQLite files in temporary folders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll } from 'vitest';
import type { Db } from '../db/sqlite.ts';
import type { Envelope, ErrorBody } from '../db/errors.ts';
import { GENESIS_HASH, auditRowHash, type AuditRow } from '../db/audit.ts';
import { checkDatabase, type CheckOptions, type CheckReport } from '../db/check.ts';
import { loadChainTrust } from '../db/chain-check.ts';
import { keyDir } from '../db/key-store.ts';
import { openWritableIfPossible } from '../db/sqlite.ts';

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-test-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The envelope's result, or a failed assertion that shows the error. */
export function ok<T = unknown>(env: Envelope<unknown>): T {
  if (!env.ok) throw new Error(`expected ok, got ${env.error.code}: ${env.error.message}`);
  return env.result as T;
}

export function err(env: Envelope<unknown>): ErrorBody {
  if (env.ok) throw new Error(`expected an error, got ${JSON.stringify(env.result).slice(0, 200)}`);
  return env.error;
}

/** Every row of every table that a contract call may write, for before/after comparisons. */
export function snapshot(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['cases', 'settings', 'counters', 'audit_log', 'record_state']) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  }
  return out;
}

export function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export function auditRows(db: Db, afterSeq = 0): AuditRow[] {
  return db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(afterSeq) as AuditRow[];
}

export function lastAuditSeq(db: Db): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS s FROM audit_log').get() as { s: number }).s;
}

/**
 * Recomputes the hash chain independently of db/check.ts: returns the first broken link's
 * description, or null when every record follows the one before it and hashes to its `hash`.
 */
export function chainProblem(db: Db): string | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of auditRows(db)) {
    if (row.seq !== expectedSeq) return `seq ${row.seq} where ${expectedSeq} was expected`;
    if (row.prev_hash !== prev) return `record ${row.seq}: prev_hash does not match record ${row.seq - 1}`;
    const { hash, ...rest } = row;
    if (auditRowHash(rest) !== hash) return `record ${row.seq}: hash does not match its content`;
    prev = hash;
    expectedSeq++;
  }
  return null;
}

/** A clock that advances by `stepMs` every `every` reads, so some timestamps tie and most do not. */
export function steppingClock(startIso: string, stepMs: number, every = 1): () => Date {
  const start = Date.parse(startIso);
  let reads = 0;
  return () => new Date(start + Math.floor(reads++ / every) * stepMs);
}

/** `dossier check` on a connection, trusting what this installation (the test run's key folder) trusts. */
export function checkOf(db: Db, opts: Omit<CheckOptions, 'trust'> = {}): CheckReport {
  return checkDatabase(db, {
    openWritable: () => (db.memory ? null : openWritableIfPossible(db.name)),
    ...opts,
    trust: loadChainTrust(db, keyDir()),
  });
}
