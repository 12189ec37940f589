/**
 * What `check` verifies of the chain's signatures, as it walks the audit records in order: every
 * record belongs to one signed write (or to the upgrade that signed the records from before
 * signing), every signature verifies under its device's key, every device is one this installation
 * trusts, and the chain still holds the heads kept outside the file (this installation's last
 * signed head, and any anchor given).
 */
import type { Db } from './sqlite.ts';
import type { AuditRow } from './audit.ts';
import { auditLength, currentAnchor } from './chain.ts';
import { fingerprint, headSignatureValid, shortFingerprint, type Anchor } from './signing.ts';
import { readLocalHead, trustedKeys, type LocalHead } from './key-store.ts';
import { sql } from './statements.ts';

export interface ChainTrust {
  /** Fingerprints of the public keys whose signatures are accepted. */
  trusted: ReadonlySet<string>;
  /** The last head this installation signed for this database, if it ever wrote to it. */
  localHead: LocalHead | null;
  /** Heads held outside the file that the chain must still extend. */
  anchors: readonly Anchor[];
}

export interface ChainDevice {
  deviceId: string;
  fingerprint: string;
  trusted: boolean;
  /** How many records its signatures cover. */
  records: number;
}

export interface ChainSummary {
  databaseId: string | null;
  records: number;
  head: Anchor | null;
  devices: ChainDevice[];
}

interface HeadRow {
  seq: number;
  first_seq: number;
  hash: string;
  device_id: string;
  signed_at: string;
  reason: 'write' | 'upgrade';
  signature: string;
}

/** "audit record 4 is" or "audit records 4 to 9 are". */
function span(from: number, to: number, verb?: 'is' | 'was'): string {
  const plural = { is: 'are', was: 'were' } as const;
  if (from === to) return `audit record ${from}${verb ? ` ${verb}` : ''}`;
  return `audit records ${from} to ${to}${verb ? ` ${plural[verb]}` : ''}`;
}

function hasSignedChain(db: Db): boolean {
  return sql(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'chain_heads'").get() !== undefined;
}

export class ChainWalker {
  private readonly heads: IterableIterator<HeadRow>;
  private head: HeadRow | null;
  private readonly devices = new Map<string, { publicKey: string; fingerprint: string; records: number }>();
  private readonly dbId: string | null;
  private unsignedFrom: number | null = null;
  private lastSeq = 0;
  private upgrade: { from: number; to: number; at: string } | null = null;

  constructor(
    private readonly db: Db,
    private readonly trust: ChainTrust,
    private readonly problem: (message: string) => void,
    private readonly note: (message: string) => void,
  ) {
    if (!hasSignedChain(db)) {
      problem('the database has no signed chain (its schema is older than version 7)');
      this.dbId = null;
      this.heads = [].values();
      this.head = null;
      return;
    }
    const identity = sql(db, 'SELECT id FROM database_identity').all() as { id: string }[];
    this.dbId = identity.length === 1 ? (identity[0]?.id ?? null) : null;
    if (!this.dbId) problem(`the database's identity is ${identity.length ? 'duplicated' : 'missing'} (database_identity)`);
    for (const d of sql(db, 'SELECT device_id, public_key, fingerprint FROM audit_devices').all() as {
      device_id: string;
      public_key: string;
      fingerprint: string;
    }[]) {
      if (fingerprint(d.public_key) !== d.fingerprint) problem(`device ${d.device_id}: its fingerprint is not its key's`);
      this.devices.set(d.device_id, { publicKey: d.public_key, fingerprint: d.fingerprint, records: 0 });
    }
    this.heads = db.prepare('SELECT * FROM chain_heads ORDER BY seq').iterate() as IterableIterator<HeadRow>;
    this.head = this.nextHead();
  }

  private nextHead(): HeadRow | null {
    const n = this.heads.next();
    return n.done ? null : n.value;
  }

  private closeUnsigned(before: number): void {
    if (this.unsignedFrom === null) return;
    this.problem(`${span(this.unsignedFrom, before - 1, 'is')} not signed by any write of Dossier (added outside it)`);
    this.unsignedFrom = null;
  }

  /** Heads that name a record before `seq` that the walk never met: their records are gone. */
  private dropHeadsBefore(seq: number): void {
    while (this.head && this.head.seq < seq) {
      this.problem(`the write signed at audit record ${this.head.seq} has no such record any more (records were removed)`);
      this.head = this.nextHead();
    }
  }

  /** Takes the next audit record, in order. */
  row(r: AuditRow): void {
    this.lastSeq = r.seq;
    this.dropHeadsBefore(r.seq);
    const h = this.head;
    if (!h || r.seq < h.first_seq) {
      this.unsignedFrom ??= r.seq;
      return;
    }
    this.closeUnsigned(r.seq);
    const expected = h.reason === 'upgrade' ? null : h.device_id;
    if (r.device_id !== expected) {
      this.problem(`audit record ${r.seq} names device ${r.device_id ?? '(none)'}, but was signed as device ${h.device_id}'s`);
    }
    if (r.seq === h.seq) this.endHead(h, r);
  }

  private endHead(h: HeadRow, r: AuditRow): void {
    this.head = this.nextHead();
    const device = this.devices.get(h.device_id);
    if (!device) {
      this.problem(`the write ending at audit record ${h.seq} was signed by device ${h.device_id}, which the file does not list`);
      return;
    }
    device.records += h.seq - h.first_seq + 1;
    if (h.hash !== r.hash) {
      this.problem(`audit record ${h.seq} is not the record that was signed: the chain was rewritten up to it`);
    } else if (
      !this.dbId ||
      !headSignatureValid(
        { databaseId: this.dbId, seq: h.seq, hash: h.hash, deviceId: h.device_id },
        device.publicKey,
        h.signature,
      )
    ) {
      this.problem(`the signature on ${span(h.first_seq, h.seq)} does not verify (forged or altered)`);
    }
    if (h.reason === 'upgrade') {
      this.upgrade = { from: this.upgrade?.from ?? h.first_seq, to: h.seq, at: h.signed_at };
    }
  }

  private hashAt(seq: number): string | null {
    const row = sql(this.db, 'SELECT hash FROM audit_log WHERE seq = ?').get(seq) as { hash: string } | undefined;
    return row?.hash ?? null;
  }

  /** Whether the chain still holds a head kept outside the file; names what broke if not. */
  private holds(what: string, seq: number, hash: string): boolean {
    const found = this.hashAt(seq);
    if (found === hash) return true;
    const end = auditLength(this.db);
    this.problem(
      found === null
        ? `${what} audit record ${seq}, but the file's chain ends at ${end}: records were removed (or this is an older copy)`
        : `${what} audit record ${seq} with another hash: the chain was rewritten up to it`,
    );
    return false;
  }

  /** Ends the walk: reports what no signature covers, the devices, and the heads held outside. */
  end(): ChainSummary {
    this.dropHeadsBefore(Number.MAX_SAFE_INTEGER);
    this.closeUnsigned(this.lastSeq + 1);
    if (this.upgrade) {
      this.note(
        `${span(this.upgrade.from, this.upgrade.to, 'was')} written before Dossier signed its chain; signed as found on ${this.upgrade.at}`,
      );
    }
    const devices: ChainDevice[] = [];
    for (const [deviceId, d] of this.devices) {
      const trusted = this.trust.trusted.has(d.fingerprint);
      devices.push({ deviceId, fingerprint: d.fingerprint, trusted, records: d.records });
      if (!trusted && d.records > 0) {
        this.problem(
          `${d.records} audit record(s) are signed by device ${deviceId} (key ${shortFingerprint(d.fingerprint)}), ` +
            'a key this installation does not trust: check it with --anchor FILE from whoever holds that key',
        );
      }
    }
    if (!this.dbId) return { databaseId: null, records: this.lastSeq, head: null, devices };
    const local = this.trust.localHead;
    if (local) this.holds(`this installation signed`, local.seq, local.hash);
    for (const a of this.trust.anchors) {
      if (a.database_id !== this.dbId) {
        this.problem(`the anchor of record ${a.seq} is of another database (${a.database_id})`);
      } else if (this.holds(`the anchor (${shortFingerprint(a.fingerprint)}, ${a.signed_at}) is of`, a.seq, a.hash)) {
        this.note(`the chain extends the anchor of audit record ${a.seq} signed ${a.signed_at}`);
      }
    }
    return { databaseId: this.dbId, records: this.lastSeq, head: this.dbId ? currentAnchor(this.db) : null, devices };
  }
}

/**
 * What a check on this installation trusts: the keys in its trusted list and those of the anchors
 * given, and the last head it signed for this database. A file with no identity gets no local head.
 */
export function loadChainTrust(db: Db, dir: string, anchors: readonly Anchor[] = []): ChainTrust {
  const trusted = new Set(trustedKeys(dir).keys());
  for (const a of anchors) trusted.add(a.fingerprint);
  const identity = hasSignedChain(db)
    ? (sql(db, 'SELECT id FROM database_identity').get() as { id: string } | undefined)
    : undefined;
  return { trusted, localHead: identity ? readLocalHead(dir, identity.id) : null, anchors };
}
