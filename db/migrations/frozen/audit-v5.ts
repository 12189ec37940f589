import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The audit trail's record format and hashing as they stood when migration 005 shipped, frozen:
 * a shipped migration must do tomorrow exactly what it did the day it shipped, whatever later
 * code makes of the audit trail (db/audit.ts). Never edit this file; a later format gets its own.
 */

const GENESIS_HASH = '0'.repeat(64);

type RawRow = Record<string, unknown>;

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function stateHashV5(row: RawRow): string {
  return sha256Hex(canonicalJson(row));
}

/** Appends one audit record, as AuditWriter.record did in version 5, inside the caller's transaction. */
export function appendAuditV5(
  db: Database.Database,
  entry: { actor: string; badge: string; method: string; at: string; type: string; id: string; caseId: string | null },
  before: RawRow | null,
  after: RawRow | null,
): void {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    id: randomUUID(),
    at: entry.at,
    actor: entry.actor,
    actor_badge: entry.badge,
    method: entry.method,
    record_type: entry.type,
    record_id: entry.id,
    case_id: entry.caseId,
    before: before ? canonicalJson(before) : null,
    after: after ? canonicalJson(after) : null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = sha256Hex(
    canonicalJson([
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
    ]),
  );
  db.prepare(
    `INSERT INTO audit_log (seq, id, at, actor, actor_badge, method, record_type, record_id, case_id, before, after, prev_hash, hash)
     VALUES (@seq, @id, @at, @actor, @actor_badge, @method, @record_type, @record_id, @case_id, @before, @after, @prev_hash, @hash)`,
  ).run({ ...row, hash });
  if (after) {
    db.prepare(
      `INSERT INTO record_state (record_type, record_id, state_hash, audit_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (record_type, record_id) DO UPDATE SET state_hash = excluded.state_hash, audit_seq = excluded.audit_seq`,
    ).run(entry.type, entry.id, stateHashV5(after), row.seq);
  } else {
    db.prepare('DELETE FROM record_state WHERE record_type = ? AND record_id = ?').run(entry.type, entry.id);
  }
}
