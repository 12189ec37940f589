import { createHash, randomUUID } from 'node:crypto';
import type { Db } from './sqlite.ts';
import { sql } from './statements.ts';
import { DossierError } from './errors.ts';
import { auditedTables, type RecordType } from './shared/records.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort()) {
        sorted[k] = (v as Record<string, unknown>)[k];
      }
      return sorted;
    }
    return v;
  });
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface Actor {
  name: string;
  badge: string;
}

export interface AuditRow {
  seq: number;
  id: string;
  at: string;
  actor: string;
  actor_badge: string;
  method: string;
  record_type: string;
  record_id: string;
  case_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
  /** The installation that wrote it; null for records from before the chain was signed (migration 007). */
  device_id: string | null;
}

/**
 * The hash of an audit row covers every column but its own hash. A record without a device (from
 * before migration 007) hashes as it did when it was written.
 */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  const fields: unknown[] = [
    row.seq,
    row.id,
    row.at,
    row.actor,
    row.actor_badge,
    row.method,
    row.record_type,
    row.record_id,
    row.case_id,
    row.before,
    row.after,
    row.prev_hash,
  ];
  if (typeof row.device_id === 'string') fields.push(row.device_id);
  return sha256Hex(canonicalJson(fields));
}

export type RawRow = Record<string, unknown>;

export function loadRaw(db: Db, type: RecordType, id: string): RawRow | undefined {
  const { table } = auditedTables[type];
  return sql(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as RawRow | undefined;
}

export function stateHash(row: RawRow): string {
  return sha256Hex(canonicalJson(row));
}

/**
 * Appends audit records for one contract call. It must run inside the call's transaction,
 * so a refused or failed write leaves no audit record behind.
 */
export class AuditWriter {
  private readonly lastStmt;
  private readonly insertStmt;
  private readonly stateStmt;
  private readonly dropStateStmt;
  /** The last record this call wrote: the chain head its write signs. */
  last: AuditRow | null = null;
  /** The first record this call wrote. */
  first: AuditRow | null = null;
  /** Every record this call changed, in order (the search index follows them before commit). */
  readonly touched: { type: RecordType; id: string }[] = [];

  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
    private readonly method: string,
    private readonly now: () => string,
    private readonly deviceId: string,
  ) {
    this.lastStmt = sql(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = sql(
      db,
      `INSERT INTO audit_log
      (seq, id, at, actor, actor_badge, method, record_type, record_id, case_id, before, after, prev_hash, hash, device_id)
      VALUES (@seq, @id, @at, @actor, @actor_badge, @method, @record_type, @record_id, @case_id, @before, @after, @prev_hash, @hash, @device_id)`,
    );
    this.stateStmt = sql(
      db,
      `INSERT INTO record_state (record_type, record_id, state_hash, audit_seq)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (record_type, record_id) DO UPDATE SET state_hash = excluded.state_hash, audit_seq = excluded.audit_seq`,
    );
    this.dropStateStmt = sql(db, 'DELETE FROM record_state WHERE record_type = ? AND record_id = ?');
  }

  /** Records one change: `before` null for a creation, `after` null for a removal. */
  record(type: RecordType, id: string, caseId: string | null, before: RawRow | null, after: RawRow | null): AuditRow {
    if (!this.db.inTransaction) {
      throw new DossierError('internal', 'audit records must be written inside the change transaction');
    }
    const last = this.lastStmt.get() as { seq: number; hash: string } | undefined;
    const base: Omit<AuditRow, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      id: randomUUID(),
      at: this.now(),
      actor: this.actor.name,
      actor_badge: this.actor.badge,
      method: this.method,
      record_type: type,
      record_id: id,
      case_id: caseId,
      before: before ? canonicalJson(before) : null,
      after: after ? canonicalJson(after) : null,
      prev_hash: last?.hash ?? GENESIS_HASH,
      device_id: this.deviceId,
    };
    const row: AuditRow = { ...base, hash: auditRowHash(base) };
    this.insertStmt.run(row);
    this.last = row;
    this.first ??= row;
    this.touched.push({ type, id });
    if (after) this.stateStmt.run(type, id, stateHash(after), row.seq);
    else this.dropStateStmt.run(type, id);
    return row;
  }

  /** Runs a change to one record and audits it with its state before and after (nothing if it did not change). */
  track<T>(type: RecordType, id: string, caseId: string | null, change: () => T): T {
    const before = loadRaw(this.db, type, id) ?? null;
    const result = change();
    const after = loadRaw(this.db, type, id) ?? null;
    const unchanged = before !== null && after !== null && canonicalJson(before) === canonicalJson(after);
    if (!unchanged) this.record(type, id, caseId, before, after);
    return result;
  }
}
