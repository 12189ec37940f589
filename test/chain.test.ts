/**
 * The signed audit chain against an attacker who has the database file and Dossier's code but not
 * the installation's key: a consistent rewrite of the chain, a record appended in another
 * investigator's name (unsigned, with a forged signature, or signed with the attacker's own key),
 * and the last record deleted with its change undone. Each makes the real `dossier check` exit 1
 * naming what broke; an untouched copy passes, with and without an anchor held outside the file.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../db/index.ts';
import { auditRowHash, canonicalJson, stateHash, type AuditRow, type RawRow } from '../db/audit.ts';
import { fingerprint, generateDeviceKey, signHead, type Anchor } from '../db/signing.ts';
import type { Case } from '../db/api.ts';
import { ok, tempDir } from './helpers.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repoRoot, 'bin', 'dossier.mjs');
const dir = tempDir();
const original = path.join(dir, 'original', 'dossier.db');

interface Run {
  code: number | null;
  stdout: string;
}

function check(file: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'check', '--db', file, ...extra],
      { env: { ...process.env, ...env }, timeout: 90_000 },
      (error, stdout) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout }),
    );
  });
}

function problems(r: Run): string[] {
  return r.stdout.split('\n').filter((l) => l.startsWith('PROBLEM'));
}

let anchorFile: string;
let caseId: string;

beforeAll(async () => {
  fs.mkdirSync(path.dirname(original));
  const core = await openCore(original, { actor: { name: 'Jeanne Tremblay', badge: 'B-1' } });
  try {
    const c = ok<Case>(core.invoke('cases.create', { title: 'Diverted FPGAs via Armenia' }));
    caseId = c.id;
    ok(core.invoke('cases.create', { title: 'Gyroscopes to Iran' }));
    ok(core.invoke('cases.update', { id: c.id, summary: 'Freight forwarder in Yerevan' }));
  } finally {
    core.close();
  }
  anchorFile = path.join(dir, 'anchor.json');
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [bin, 'anchor', '--db', original, '--out', anchorFile], (e) => (e ? reject(e) : resolve())),
  );
}, 120_000);

let copies = 0;
/** A copy of the database, tampered with as an attacker with the sqlite3 shell would (guards dropped and put back, foreign keys off). */
function tampered(attack: (db: Database.Database) => void): string {
  const file = path.join(dir, `copy-${++copies}`, 'dossier.db');
  fs.mkdirSync(path.dirname(file));
  fs.copyFileSync(original, file);
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = OFF');
    const names = ['audit_log_no_update', 'audit_log_no_delete', 'chain_heads_no_delete', 'audit_devices_no_update'];
    const guards = db
      .prepare(`SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})`)
      .pluck()
      .all(...names) as string[];
    for (const name of names) db.exec(`DROP TRIGGER ${name}`);
    db.transaction(() => attack(db))();
    // Put back, as a careful attacker would: check names a missing guard.
    for (const g of guards) db.exec(g);
  } finally {
    db.close();
  }
  return file;
}

const rows = (db: Database.Database) => db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
const caseRow = (db: Database.Database) => db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as RawRow;

/** Appends a well-hashed record changing the case's status, in another investigator's name. */
function appendInAnothersName(db: Database.Database): AuditRow {
  const last = rows(db).at(-1);
  if (!last) throw new Error('empty chain');
  const before = caseRow(db);
  db.prepare("UPDATE cases SET status = 'closed', version = version + 1 WHERE id = ?").run(caseId);
  const after = caseRow(db);
  const base: Omit<AuditRow, 'hash'> = {
    ...last,
    seq: last.seq + 1,
    id: randomUUID(),
    actor: 'Marc Dubois',
    actor_badge: 'B-7',
    method: 'cases.setStatus',
    record_type: 'case',
    record_id: caseId,
    case_id: caseId,
    before: canonicalJson(before),
    after: canonicalJson(after),
    prev_hash: last.hash,
  };
  const row = { ...base, hash: auditRowHash(base) };
  db.prepare(
    `INSERT INTO audit_log (seq, id, at, actor, actor_badge, method, record_type, record_id, case_id, before, after, prev_hash, hash, device_id)
    VALUES (@seq, @id, @at, @actor, @actor_badge, @method, @record_type, @record_id, @case_id, @before, @after, @prev_hash, @hash, @device_id)`,
  ).run(row);
  db.prepare("UPDATE record_state SET state_hash = ?, audit_seq = ? WHERE record_type = 'case' AND record_id = ?").run(
    stateHash(after),
    row.seq,
    caseId,
  );
  return row;
}

describe('the signed audit chain', () => {
  it('an untouched copy passes, on this installation and with the anchor on another', async () => {
    const here = await check(original);
    expect(problems(here)).toEqual([]);
    expect(here.code).toBe(0);
    const elsewhere = path.join(dir, 'elsewhere');
    const withAnchor = await check(original, ['--anchor', anchorFile], { DOSSIER_KEY_DIR: elsewhere });
    expect(problems(withAnchor)).toEqual([]);
    expect(withAnchor.stdout).toMatch(/^NOTE chain: the chain extends the anchor of audit record \d+/m);
    expect(withAnchor.code).toBe(0);
    // Without the anchor, another installation does not take the key on the file's word.
    const bare = await check(original, [], { DOSSIER_KEY_DIR: elsewhere });
    expect(bare.code).toBe(1);
    expect(problems(bare).join('\n')).toMatch(/a key this installation does not trust/);
  });

  it('a consistent rewrite (a case edited, every later hash and the record state recomputed) fails the signatures', async () => {
    let firstRewritten = 0;
    const file = tampered((db) => {
      db.prepare("UPDATE cases SET title = 'Nothing to see' WHERE id = ?").run(caseId);
      const all = rows(db);
      const target = all.findLast((r) => r.record_id === caseId);
      if (!target) throw new Error('no record of the case');
      firstRewritten = target.seq;
      let prev = all.find((r) => r.seq === target.seq - 1)?.hash ?? '0'.repeat(64);
      for (const r of all.filter((x) => x.seq >= target.seq)) {
        const changed: Omit<AuditRow, 'hash'> = { ...r, prev_hash: prev };
        if (r.seq === target.seq) changed.after = canonicalJson(caseRow(db));
        const hash = auditRowHash(changed);
        db.prepare('UPDATE audit_log SET after = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(changed.after, prev, hash, r.seq);
        prev = hash;
      }
      db.prepare("UPDATE record_state SET state_hash = ? WHERE record_type = 'case' AND record_id = ?").run(
        stateHash(caseRow(db)),
        caseId,
      );
    });
    const r = await check(file);
    expect(r.code).toBe(1);
    const found = problems(r);
    expect(found).toContainEqual(
      expect.stringMatching(
        new RegExp(`audit record ${firstRewritten} is not the record that was signed: the chain was rewritten`),
      ),
    );
    // Everything but the signatures and the head kept outside the file is consistent: that is the point.
    for (const p of found) expect(p).toMatch(/^PROBLEM signature: /);
    expect(found.join('\n')).toMatch(/this installation signed audit record \d+ with another hash/);
  });

  it('a record appended in another investigator’s name is unsigned', async () => {
    let seq = 0;
    const file = tampered((db) => (seq = appendInAnothersName(db).seq));
    const r = await check(file);
    expect(r.code).toBe(1);
    expect(problems(r)).toEqual([
      `PROBLEM signature: audit record ${seq} is not signed by any write of Dossier (added outside it)`,
    ]);
  });

  it('…with a made-up signature under this installation’s device, the signature does not verify', async () => {
    let seq = 0;
    const file = tampered((db) => {
      const row = appendInAnothersName(db);
      seq = row.seq;
      db.prepare(
        "INSERT INTO chain_heads (seq, first_seq, hash, device_id, signed_at, reason, signature) VALUES (?, ?, ?, ?, ?, 'write', ?)",
      ).run(row.seq, row.seq, row.hash, row.device_id, row.at, Buffer.alloc(64, 1).toString('base64'));
    });
    const r = await check(file);
    expect(r.code).toBe(1);
    expect(problems(r)).toEqual([`PROBLEM signature: the signature on audit record ${seq} does not verify (forged or altered)`]);
  });

  it('…signed with the attacker’s own key, the key is not trusted', async () => {
    const mallory = generateDeviceKey();
    const file = tampered((db) => {
      const row = appendInAnothersName(db);
      const dbId = db.prepare('SELECT id FROM database_identity').pluck().get() as string;
      db.prepare('UPDATE audit_log SET device_id = ?, hash = ? WHERE seq = ?').run(
        mallory.deviceId,
        auditRowHash({ ...row, device_id: mallory.deviceId }),
        row.seq,
      );
      const hash = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(row.seq) as string;
      db.prepare('INSERT INTO audit_devices VALUES (?, ?, ?, ?)').run(
        mallory.deviceId,
        mallory.publicKey,
        fingerprint(mallory.publicKey),
        row.seq,
      );
      db.prepare(
        "INSERT INTO chain_heads (seq, first_seq, hash, device_id, signed_at, reason, signature) VALUES (?, ?, ?, ?, ?, 'write', ?)",
      ).run(row.seq, row.seq, hash, mallory.deviceId, row.at, signHead(mallory, { databaseId: dbId, seq: row.seq, hash }));
    });
    const r = await check(file);
    expect(r.code).toBe(1);
    expect(problems(r)).toEqual([
      expect.stringMatching(
        new RegExp(`^PROBLEM signature: 1 audit record\\(s\\) are signed by device ${mallory.deviceId} .*does not trust`),
      ),
    ]);
  });

  it('the last record deleted and its change undone: this installation’s head, or the anchor elsewhere, catches it', async () => {
    let last = 0;
    const file = tampered((db) => {
      const all = rows(db);
      const victim = all.at(-1);
      if (!victim?.before) throw new Error('the last record is not a change');
      last = victim.seq;
      const before = JSON.parse(victim.before) as RawRow;
      db.prepare('DELETE FROM chain_heads WHERE seq = ?').run(victim.seq);
      db.prepare('DELETE FROM audit_log WHERE seq = ?').run(victim.seq);
      db.prepare('UPDATE cases SET summary = ?, version = ?, updated_at = ? WHERE id = ?').run(
        before.summary,
        before.version,
        before.updated_at,
        victim.record_id,
      );
      const previous = all.findLast((r) => r.record_id === victim.record_id && r.seq < victim.seq);
      db.prepare("UPDATE record_state SET state_hash = ?, audit_seq = ? WHERE record_type = 'case' AND record_id = ?").run(
        stateHash(before),
        previous?.seq,
        victim.record_id,
      );
    });
    const here = await check(file);
    expect(here.code).toBe(1);
    expect(problems(here)).toEqual([
      `PROBLEM signature: this installation signed audit record ${last}, but the file's chain ends at ${last - 1}: records were removed (or this is an older copy)`,
    ]);
    const elsewhere = await check(file, ['--anchor', anchorFile], { DOSSIER_KEY_DIR: path.join(dir, 'elsewhere-2') });
    expect(elsewhere.code).toBe(1);
    expect(problems(elsewhere)).toEqual([
      expect.stringMatching(
        new RegExp(`the anchor \\(.*\\) is of audit record ${last}, but the file's chain ends at ${last - 1}`),
      ),
    ]);
  });

  it('an anchor that was edited is refused before anything is checked', async () => {
    const anchor = JSON.parse(fs.readFileSync(anchorFile, 'utf8')) as Anchor;
    const forged = path.join(dir, 'forged-anchor.json');
    fs.writeFileSync(forged, JSON.stringify({ ...anchor, seq: anchor.seq + 1 }));
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(process.execPath, [bin, 'check', '--db', original, '--anchor', forged], (e, _out, stderr) =>
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stderr }),
      ),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a valid anchor: its signature does not verify/);
  });
});
