/**
 * The signed audit chain: every write's last audit record (the chain head) is signed by the device
 * that wrote it, in the write's own transaction. Each audit record's hash covers the one before it,
 * so one valid signature on a head vouches for every record up to it.
 */
import type { Db } from './sqlite.ts';
import { sql } from './statements.ts';
import { fingerprint, signHead, type Anchor, type DeviceKey } from './signing.ts';
import type { LocalHead } from './key-store.ts';

export function databaseId(db: Db): string {
  const row = sql(db, 'SELECT id FROM database_identity').get() as { id: string } | undefined;
  if (!row) throw new Error('this database has no identity (database_identity is empty)');
  return row.id;
}

export type HeadReason = 'write' | 'upgrade';

/**
 * Signs the records from `firstSeq` to the chain's last, inside the caller's transaction: a write
 * signs its own records only, so records slipped in before it stay unsigned and `check` reports
 * them. Returns the head signed, for the installation to keep outside the file (writeLocalHead).
 */
export function sealHead(db: Db, key: DeviceKey, reason: HeadReason, now: string, firstSeq: number): LocalHead | null {
  const last = sql(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  if (!last) return null;
  if (last.seq < firstSeq || sql(db, 'SELECT 1 FROM chain_heads WHERE seq = ?').get(last.seq)) return null;
  const dbId = databaseId(db);
  sql(db, 'INSERT OR IGNORE INTO audit_devices (device_id, public_key, fingerprint, first_seq) VALUES (?, ?, ?, ?)').run(
    key.deviceId,
    key.publicKey,
    fingerprint(key.publicKey),
    last.seq,
  );
  const signature = signHead(key, { databaseId: dbId, seq: last.seq, hash: last.hash });
  sql(
    db,
    'INSERT INTO chain_heads (seq, first_seq, hash, device_id, signed_at, reason, signature) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(last.seq, firstSeq, last.hash, key.deviceId, now, reason, signature);
  return { database_id: dbId, seq: last.seq, hash: last.hash, signed_at: now, device_id: key.deviceId };
}

/** The chain's newest signed head, as an anchor to hold outside the file; null before any write. */
export function currentAnchor(db: Db): Anchor | null {
  const row = sql(
    db,
    `SELECT h.seq, h.hash, h.signed_at, h.device_id, h.signature, d.public_key, d.fingerprint
    FROM chain_heads h JOIN audit_devices d USING (device_id) ORDER BY h.seq DESC LIMIT 1`,
  ).get() as
    | {
        seq: number;
        hash: string;
        signed_at: string;
        device_id: string;
        signature: string;
        public_key: string;
        fingerprint: string;
      }
    | undefined;
  if (!row) return null;
  return {
    format: 'dossier-anchor/1',
    database_id: databaseId(db),
    seq: row.seq,
    hash: row.hash,
    signed_at: row.signed_at,
    device_id: row.device_id,
    public_key: row.public_key,
    fingerprint: row.fingerprint,
    signature: row.signature,
  };
}

/** The last audit record's number (0 for none). */
export function auditLength(db: Db): number {
  return (sql(db, 'SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n;
}

/** The last record a signature covers (0 for none). */
export function signedLength(db: Db): number {
  return (sql(db, 'SELECT coalesce(max(seq), 0) AS n FROM chain_heads').get() as { n: number }).n;
}

/** What Settings shows of the chain: its length, its signed head, and this installation's key. */
export interface ChainHead {
  records: number;
  anchor: Anchor | null;
  thisDevice: { deviceId: string; fingerprint: string };
}

export function chainHead(db: Db, device: { deviceId: string; publicKey: string }): ChainHead {
  return {
    records: auditLength(db),
    anchor: currentAnchor(db),
    thisDevice: { deviceId: device.deviceId, fingerprint: fingerprint(device.publicKey) },
  };
}
