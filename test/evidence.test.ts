/**
 * Evidence files: the content-addressed store (real files in a temp folder) and the evidence
 * methods through the contract, on a real SQLite file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { Db } from '../db/sqlite.ts';
import {
  blobPath,
  evidenceDir,
  guessMediaType,
  hashFile,
  ingestFile,
  ingestStream,
  SizeMismatchError,
  storeDir,
  verifyBlob,
} from '../db/evidence-store.ts';
import { evidenceListSql, type Evidence } from '../db/services/evidence.ts';
import { evidenceListInput } from '../db/shared/inputs/evidence.ts';
import { EVIDENCE_SORT_COLUMNS } from '../db/shared/domain.ts';
import { checkOf } from './helpers.ts';
import type { Case } from '../db/api.ts';
import { auditRows, chainProblem, err, lastAuditSeq, ok, snapshot, steppingClock, tempDir } from './helpers.ts';
import { explainList } from '../db/list-sql.ts';

const dir = tempDir();
const ACTOR = { name: 'Jeanne Tremblay', badge: 'B-4411' };

function sha(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The rows a contract call may write, evidence included. */
function fullSnapshot(db: Db): Record<string, unknown[]> {
  return { ...snapshot(db), evidence: db.prepare('SELECT * FROM evidence ORDER BY seq').all() };
}

/** Files left in the store's temporary folder (a finished or cancelled ingest leaves none). */
function tempFiles(dataDir: string): string[] {
  const tmp = path.join(storeDir(dataDir), 'tmp');
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
}

/** A readable that yields `chunks` chunks of `size` bytes, one per tick, and can be told to stall. */
function slowSource(chunks: number, size: number, stallAfter = Infinity): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= stallAfter) return; // never pushes again: only an abort ends it
      if (sent >= chunks) {
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(size, sent % 251);
      sent++;
      setImmediate(() => this.push(chunk));
    },
  });
}

describe('the evidence store', () => {
  const dataDir = path.join(dir, 'store');

  it('lives in evidence/ beside the database', () => {
    expect(evidenceDir(path.join(dataDir, 'dossier.db'))).toBe(path.join(dataDir, 'evidence'));
    const h = sha('x');
    expect(blobPath(dataDir, h)).toBe(path.join(dataDir, 'evidence', h.slice(0, 2), h));
  });

  it('refuses a name that is not a SHA-256 (no path tricks)', () => {
    for (const bad of ['', '../../etc/passwd', 'A'.repeat(64), `${'a'.repeat(63)}/`, 'a'.repeat(65)]) {
      expect(() => blobPath(dataDir, bad), bad).toThrow(/not a SHA-256/);
    }
  });

  it('streams a file in, stores it under its SHA-256, read-only, and reports progress', async () => {
    const data = Buffer.from('Bill of lading MSKU 1234567, 40 crates of FPGA boards\n'.repeat(50_000));
    const progress: number[] = [];
    const r = await ingestStream(Readable.from([data.subarray(0, 1000), data.subarray(1000)]), dataDir, {
      onProgress: (b) => progress.push(b),
      expectedSize: data.length,
    });
    expect(r).toEqual({ sha256: sha(data), size: data.length });
    const file = blobPath(dataDir, r.sha256);
    expect(fs.readFileSync(file).equals(data)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    // root ignores file modes; anyone else cannot write to a stored file.
    if (process.getuid?.() !== 0) expect(() => fs.writeFileSync(file, 'overwrite')).toThrow(/EACCES|EPERM/);
    expect(progress).toEqual([1000, data.length]);
    expect(tempFiles(dataDir)).toEqual([]);
    expect(verifyBlob(dataDir, r.sha256, r.size)).toBe('ok');
    expect(await hashFile(file)).toEqual(r);
  });

  it('stores an empty file', async () => {
    const r = await ingestStream(Readable.from([]), dataDir);
    expect(r).toEqual({ sha256: sha(''), size: 0 });
    expect(verifyBlob(dataDir, r.sha256, 0)).toBe('ok');
  });

  it('keeps the existing copy when the same content comes again', async () => {
    const data = Buffer.from('end-use certificate, signed 2026-02-03');
    const first = await ingestStream(Readable.from([data]), dataDir);
    const file = blobPath(dataDir, first.sha256);
    const before = fs.statSync(file);
    const second = await ingestStream(Readable.from([data]), dataDir);
    expect(second).toEqual(first);
    const after = fs.statSync(file);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(tempFiles(dataDir)).toEqual([]);
  });

  it('ingests a file from disk', async () => {
    const src = path.join(dir, 'invoice.pdf');
    fs.writeFileSync(src, '%PDF-1.7 commercial invoice');
    const r = await ingestFile(src, dataDir);
    expect(r).toEqual({ sha256: sha('%PDF-1.7 commercial invoice'), size: 27 });
    expect(fs.readFileSync(src, 'utf8')).toBe('%PDF-1.7 commercial invoice'); // the original is untouched
    await expect(ingestFile(dir, dataDir)).rejects.toThrow(/not a file/);
    await expect(ingestFile(path.join(dir, 'missing.pdf'), dataDir)).rejects.toThrow(/ENOENT/);
  });

  it('a cancelled copy leaves nothing behind', async () => {
    const controller = new AbortController();
    let seen = 0;
    const done = ingestStream(slowSource(1000, 64 * 1024, 20), dataDir, {
      signal: controller.signal,
      onProgress: (b) => {
        seen = b;
        if (b >= 10 * 64 * 1024) controller.abort();
      },
    });
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeGreaterThan(0);
    expect(tempFiles(dataDir)).toEqual([]);
  });

  it('a source that fails half-way leaves nothing behind', async () => {
    const source = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        setImmediate(() => this.destroy(new Error('USB stick unplugged')));
      },
    });
    await expect(ingestStream(source, dataDir)).rejects.toThrow('USB stick unplugged');
    expect(tempFiles(dataDir)).toEqual([]);
  });

  it('refuses a source that delivers fewer or more bytes than announced', async () => {
    const short = ingestStream(Readable.from([Buffer.alloc(10)]), dataDir, { expectedSize: 11 });
    await expect(short).rejects.toBeInstanceOf(SizeMismatchError);
    const long = ingestStream(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), dataDir, { expectedSize: 15 });
    await expect(long).rejects.toThrow(/expected 15 bytes, received more/);
    expect(tempFiles(dataDir)).toEqual([]);
    expect(fs.existsSync(blobPath(dataDir, sha(Buffer.alloc(10))))).toBe(false);
  });

  it('verifyBlob tells missing and altered files apart', async () => {
    const data = Buffer.from('photo of the container seal');
    const r = await ingestStream(Readable.from([data]), dataDir);
    const file = blobPath(dataDir, r.sha256);
    expect(verifyBlob(dataDir, r.sha256, r.size)).toBe('ok');
    expect(verifyBlob(dataDir, r.sha256, r.size + 1)).toBe('altered'); // the record says another size
    fs.chmodSync(file, 0o644);
    const altered = Buffer.from(data);
    altered[3] = (altered[3] ?? 0) ^ 1;
    fs.writeFileSync(file, altered);
    expect(verifyBlob(dataDir, r.sha256, r.size)).toBe('altered');
    fs.rmSync(file);
    expect(verifyBlob(dataDir, r.sha256, r.size)).toBe('missing');
    fs.mkdirSync(file);
    expect(verifyBlob(dataDir, r.sha256, r.size)).toBe('missing');
    fs.rmdirSync(file);
  });

  it('guesses media types from extensions', () => {
    expect(guessMediaType('Scan 001.PDF')).toBe('application/pdf');
    expect(guessMediaType('seal.jpeg')).toBe('image/jpeg');
    expect(guessMediaType('manifest')).toBe('application/octet-stream');
  });
});

describe('evidence methods', () => {
  let core: Core;
  let caseId = '';
  let otherCaseId = '';
  let photo = { sha256: '', size: 0 };
  let pdf = { sha256: '', size: 0 };

  beforeAll(async () => {
    core = await openCore(path.join(dir, 'methods', 'dossier.db'), {
      clock: steppingClock('2026-03-15T09:00:00.000Z', 1000),
      actor: ACTOR,
    });
    caseId = ok<Case>(core.invoke('cases.create', { title: 'Diverted FPGAs via Armenia' })).id;
    otherCaseId = ok<Case>(core.invoke('cases.create', { title: 'Gyroscopes to Iran' })).id;
    photo = await ingestStream(Readable.from([Buffer.from('JPEG of crate 7, seal 0042')]), core.dataDir);
    pdf = await ingestStream(Readable.from([Buffer.from('%PDF commercial invoice 2026-118')]), core.dataDir);
  });
  afterAll(() => core.close());

  const attach = (input: Record<string, unknown>) =>
    core.invoke('evidence.attach', { caseId, ...photo, originalName: 'crate-7.jpg', ...input });

  it('attaches a stored file to a case with its metadata, stamped with the investigator', () => {
    const from = lastAuditSeq(core.db);
    const e = ok<Evidence>(
      attach({
        originalName: 'crate-7.jpg',
        mediaType: 'IMAGE/JPEG',
        acquiredAt: '2026-03-14T16:30:00-04:00',
        acquiredBy: 'Officer Sam Okafor',
        acquiredFrom: 'Port of Montréal, terminal 62',
        description: '  Photo of crate 7 before opening  ',
      }),
    );
    expect(e).toMatchObject({
      caseId,
      subjectType: 'case',
      subjectId: caseId,
      originalName: 'crate-7.jpg',
      mediaType: 'image/jpeg',
      size: photo.size,
      sha256: photo.sha256,
      acquiredAt: '2026-03-14T20:30:00.000Z',
      acquiredBy: 'Officer Sam Okafor',
      acquiredFrom: 'Port of Montréal, terminal 62',
      description: 'Photo of crate 7 before opening',
      addedBy: ACTOR.name,
      addedByBadge: ACTOR.badge,
      retiredAt: null,
      retiredBy: null,
      retiredByBadge: null,
      retiredReason: null,
    });
    expect(e.addedAt).toMatch(/^2026-03-15T09:00:\d\d\.000Z$/);
    const [row, ...more] = auditRows(core.db, from);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      method: 'evidence.attach',
      record_type: 'evidence',
      record_id: e.id,
      case_id: caseId,
      before: null,
    });
    expect(JSON.parse(row?.after ?? '{}')).toMatchObject({ id: e.id, sha256: photo.sha256, case_id: caseId });
    expect(ok(core.invoke('evidence.get', { id: e.id }))).toEqual(e);
  });

  it('defaults: subject the case, media type octet-stream, no acquisition details', () => {
    const e = ok<Evidence>(core.invoke('evidence.attach', { caseId, ...pdf, originalName: 'invoice' }));
    expect(e).toMatchObject({
      subjectType: 'case',
      subjectId: caseId,
      mediaType: 'application/octet-stream',
      acquiredAt: null,
      acquiredBy: '',
      acquiredFrom: '',
      description: '',
    });
    const same = ok<Evidence>(
      core.invoke('evidence.attach', { caseId, subjectId: caseId, ...pdf, originalName: 'invoice copy.pdf' }),
    );
    expect(same.sha256).toBe(e.sha256); // the same content twice: two records, one stored file
  });

  it('attaches to an entity, and to a seized item of the same case', () => {
    const entity = ok<{ id: string }>(
      core.invoke('entities.create', { kind: 'person', givenName: 'Ivan', familyName: 'Petrov' }),
    );
    const onEntity = ok<Evidence>(attach({ subjectType: 'entity', subjectId: entity.id, originalName: 'passport.jpg' }));
    expect(onEntity).toMatchObject({ caseId, subjectType: 'entity', subjectId: entity.id });

    const seizure = ok<{ items: { id: string }[] }>(
      core.invoke('seizures.create', {
        caseId,
        seizedAt: '2026-03-14T15:00:00Z',
        place: 'Port of Montréal',
        items: [{ description: 'FPGA boards', quantity: 40, value: { amountMinor: 4_000_000, currency: 'CAD' } }],
      }),
    );
    const itemId = seizure.items[0]?.id ?? '';
    const onItem = ok<Evidence>(attach({ subjectType: 'seized_item', subjectId: itemId, originalName: 'board.jpg' }));
    expect(onItem).toMatchObject({ caseId, subjectType: 'seized_item', subjectId: itemId });

    const before = fullSnapshot(core.db);
    expect(
      err(
        core.invoke('evidence.attach', {
          caseId: otherCaseId,
          ...photo,
          originalName: 'x.jpg',
          subjectType: 'seized_item',
          subjectId: itemId,
        }),
      ),
    ).toMatchObject({ code: 'invalid_input', field: 'subjectId', message: expect.stringMatching(/another case/) });
    expect(err(attach({ subjectType: 'entity', subjectId: randomUUID() }))).toMatchObject({
      code: 'not_found',
      field: 'subjectId',
    });
    expect(err(attach({ subjectType: 'seized_item', subjectId: entity.id }))).toMatchObject({
      code: 'not_found',
      field: 'subjectId',
    });
    expect(err(attach({ subjectType: 'entity' }))).toMatchObject({ code: 'invalid_input', field: 'subjectId' });
    expect(err(attach({ subjectType: 'case', subjectId: otherCaseId }))).toMatchObject({
      code: 'invalid_input',
      field: 'subjectId',
    });
    expect(fullSnapshot(core.db)).toEqual(before);
  });

  it('refuses a file that is not in the store, or not with that size', () => {
    const before = fullSnapshot(core.db);
    const absent = err(attach({ sha256: sha('never uploaded'), size: 14 }));
    expect(absent).toMatchObject({ code: 'invalid_input', field: 'sha256' });
    expect(absent.message).toMatch(/^sha256: .*upload the file first/);
    const wrongSize = err(attach({ size: photo.size + 1 }));
    expect(wrongSize).toMatchObject({ code: 'invalid_input', field: 'sha256' });
    expect(wrongSize.message).toContain(`has ${photo.size} bytes, not ${photo.size + 1}`);
    expect(err(attach({ caseId: randomUUID() }))).toMatchObject({ code: 'not_found', field: 'caseId' });
    expect(fullSnapshot(core.db)).toEqual(before);
  });

  it.each([
    ['caseId', { caseId: 'not-a-uuid' }],
    ['caseId', { caseId: undefined }],
    ['subjectType', { subjectType: 'vessel' }],
    ['subjectId', { subjectType: 'entity', subjectId: 'x' }],
    ['sha256', { sha256: 'abc' }],
    ['sha256', { sha256: 'g'.repeat(64) }],
    ['sha256', { sha256: undefined }],
    ['size', { size: -1 }],
    ['size', { size: 1.5 }],
    ['size', { size: '12' }],
    ['originalName', { originalName: '' }],
    ['originalName', { originalName: '   ' }],
    ['originalName', { originalName: '../../etc/passwd' }],
    ['originalName', { originalName: 'C:\\evidence\\a.jpg' }],
    ['originalName', { originalName: 'bad\nname.jpg' }],
    ['originalName', { originalName: `${'x'.repeat(252)}.jpg` }],
    ['mediaType', { mediaType: 'jpeg' }],
    ['mediaType', { mediaType: 'text/html\r\nX-Evil: 1' }],
    ['mediaType', { mediaType: 'text/plain; charset=utf-8' }],
    ['acquiredAt', { acquiredAt: '2026-03-14' }],
    ['acquiredAt', { acquiredAt: '2026-03-14T10:00:00' }],
    ['acquiredAt', { acquiredAt: '2099-01-01T00:00:00Z' }],
    ['acquiredBy', { acquiredBy: 'x'.repeat(201) }],
    ['acquiredFrom', { acquiredFrom: 'x'.repeat(501) }],
    ['description', { description: 'x'.repeat(5001) }],
    ['path', { path: '/etc/passwd' }],
  ])('refuses a bad %s and changes nothing', (field, patch) => {
    const before = fullSnapshot(core.db);
    const e = err(attach(patch));
    expect(e.code).toBe('invalid_input');
    expect(e.field).toBe(field);
    expect(e.message.startsWith(`${field}: `)).toBe(true);
    expect(fullSnapshot(core.db)).toEqual(before);
  });

  it('retires evidence with a reason, once; it stays, with its file', () => {
    const e = ok<Evidence>(attach({ originalName: 'blurred.jpg' }));
    const from = lastAuditSeq(core.db);
    const retired = ok<Evidence>(core.invoke('evidence.retire', { id: e.id, reason: '  Blurred: replaced by crate-7.jpg ' }));
    expect(retired).toMatchObject({
      ...e,
      retiredAt: expect.stringMatching(/^2026-03-15T/),
      retiredBy: ACTOR.name,
      retiredByBadge: ACTOR.badge,
      retiredReason: 'Blurred: replaced by crate-7.jpg',
    });
    const rows = auditRows(core.db, from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: 'evidence.retire', record_type: 'evidence', record_id: e.id, case_id: caseId });
    expect(JSON.parse(rows[0]?.before ?? '{}')).toMatchObject({ retired_at: null, retired_reason: null });
    expect(JSON.parse(rows[0]?.after ?? '{}')).toMatchObject({ retired_reason: 'Blurred: replaced by crate-7.jpg' });
    expect(verifyBlob(core.dataDir, e.sha256, e.size)).toBe('ok');

    const before = fullSnapshot(core.db);
    expect(err(core.invoke('evidence.retire', { id: e.id, reason: 'again' }))).toMatchObject({
      code: 'invalid_transition',
      field: 'id',
    });
    expect(err(core.invoke('evidence.retire', { id: e.id, reason: '' }))).toMatchObject({
      code: 'invalid_input',
      field: 'reason',
    });
    expect(err(core.invoke('evidence.retire', { id: e.id }))).toMatchObject({ code: 'invalid_input', field: 'reason' });
    expect(err(core.invoke('evidence.retire', { id: e.id, reason: 'x'.repeat(2001) }))).toMatchObject({
      code: 'invalid_input',
      field: 'reason',
    });
    expect(err(core.invoke('evidence.retire', { id: randomUUID(), reason: 'gone' }))).toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    expect(err(core.invoke('evidence.retire', { id: 'x', reason: 'gone' }))).toMatchObject({
      code: 'invalid_input',
      field: 'id',
    });
    expect(fullSnapshot(core.db)).toEqual(before);
  });

  it('the database refuses to modify or delete evidence, whatever the SQL', () => {
    const e = ok<Evidence>(attach({ originalName: 'immutable.jpg' }));
    const before = fullSnapshot(core.db);
    for (const column of ['original_name', 'sha256', 'size', 'media_type', 'description', 'case_id', 'added_by', 'acquired_at']) {
      const value = column === 'size' ? 1 : column === 'case_id' ? otherCaseId : column === 'sha256' ? sha('other') : 'changed';
      expect(() => core.db.prepare(`UPDATE evidence SET ${column} = ? WHERE id = ?`).run(value, e.id), column).toThrow(
        'evidence metadata is never modified',
      );
    }
    expect(() => core.db.prepare('DELETE FROM evidence WHERE id = ?').run(e.id)).toThrow('evidence is never deleted');
    const retired = (core.db.prepare('SELECT id FROM evidence WHERE retired_at IS NOT NULL LIMIT 1').get() as { id: string }).id;
    expect(() => core.db.prepare("UPDATE evidence SET retired_reason = 'rewritten' WHERE id = ?").run(retired)).toThrow(
      'evidence is retired once',
    );
    expect(() =>
      core.db
        .prepare(
          'UPDATE evidence SET retired_at = NULL, retired_by = NULL, retired_by_badge = NULL, retired_reason = NULL WHERE id = ?',
        )
        .run(retired),
    ).toThrow('evidence is retired once');
    expect(fullSnapshot(core.db)).toEqual(before);
  });

  it('lists a case’s evidence, sorted and paged in SQL, without retired files unless asked', () => {
    const all = ok<{ total: number; rows: Evidence[] }>(
      core.invoke('evidence.list', { caseId, includeRetired: true, limit: 500 }),
    );
    const active = ok<{ total: number; rows: Evidence[] }>(core.invoke('evidence.list', { caseId, limit: 500 }));
    expect(all.total).toBe(all.rows.length);
    expect(all.rows.every((r) => r.caseId === caseId)).toBe(true);
    expect(active.rows.some((r) => r.retiredAt !== null)).toBe(false);
    expect(all.total - active.total).toBe(all.rows.filter((r) => r.retiredAt !== null).length);
    expect(all.total - active.total).toBeGreaterThan(0);
    // Default: newest first.
    const added = active.rows.map((r) => r.addedAt);
    expect(added).toEqual([...added].sort().reverse());

    const byName = ok<{ rows: Evidence[] }>(
      core.invoke('evidence.list', { caseId, sort: { column: 'originalName', direction: 'asc' } }),
    );
    const names = byName.rows.map((r) => r.originalName.toLowerCase());
    expect(names).toEqual([...names].sort());
    const page = ok<{ total: number; rows: Evidence[] }>(
      core.invoke('evidence.list', { caseId, sort: { column: 'originalName', direction: 'asc' }, offset: 1, limit: 2 }),
    );
    expect(page.total).toBe(active.total);
    expect(page.rows.map((r) => r.id)).toEqual(byName.rows.slice(1, 3).map((r) => r.id));

    const bySubject = ok<{ rows: Evidence[] }>(core.invoke('evidence.list', { caseId, subjectType: 'entity' }));
    expect(bySubject.rows.map((r) => r.originalName)).toEqual(['passport.jpg']);
    expect(ok<{ total: number }>(core.invoke('evidence.list', { caseId: otherCaseId })).total).toBe(0);
    expect(err(core.invoke('evidence.list', { caseId, sort: { column: 'sha256', direction: 'asc' } }))).toMatchObject({
      field: 'sort.column',
    });
    expect(err(core.invoke('evidence.list', { caseId, limit: 501 }))).toMatchObject({ field: 'limit' });
    expect(err(core.invoke('evidence.list', {}))).toMatchObject({ field: 'caseId' });
    expect(err(core.invoke('evidence.get', { id: randomUUID() }))).toMatchObject({ code: 'not_found', field: 'id' });
  });

  it('every list sort walks an index (EXPLAIN QUERY PLAN: no temporary sort)', () => {
    for (const column of EVIDENCE_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const extra of [{}, { includeRetired: true }]) {
          const q = evidenceListSql(evidenceListInput.parse({ caseId, sort: { column, direction }, ...extra }));
          const plan = explainList(core.db, q).rows.join('\n');
          expect(plan, `${column} ${direction}`).toMatch(/USING INDEX evidence_case_/);
          expect(plan, `${column} ${direction}`).not.toMatch(/TEMP B-TREE/);
        }
      }
    }
    const q = evidenceListSql(evidenceListInput.parse({ caseId, subjectType: 'entity', subjectId: randomUUID() }));
    const plan = explainList(core.db, q).rows.join('\n');
    expect(plan).toMatch(/USING INDEX evidence_/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('a stored copy found altered and repaired by the next copy is recorded in the audit trail by the attach', async () => {
    const bytes = Buffer.from('%PDF-1.7 bill of lading MSKU1234567');
    const first = await ingestStream(Readable.from([bytes]), core.dataDir);
    ok(core.invoke('evidence.attach', { caseId, ...first, originalName: 'bol.pdf', mediaType: 'application/pdf' }));
    const blob = blobPath(core.dataDir, first.sha256);
    fs.chmodSync(blob, 0o644);
    fs.writeFileSync(blob, Buffer.from('%PDF-1.7 bill of lading MSKU7654321'));
    const again = await ingestStream(Readable.from([bytes]), core.dataDir);
    expect(again.repaired).toMatchObject({ sha256: first.sha256 });
    const from = lastAuditSeq(core.db);
    const file = { sha256: again.sha256, size: again.size };
    ok(core.invoke('evidence.attach', { caseId, ...file, originalName: 'bol (copy).pdf', mediaType: 'application/pdf' }));
    const records = core.db.prepare('SELECT record_type, after FROM audit_log WHERE seq > ? ORDER BY seq').all(from) as {
      record_type: string;
      after: string;
    }[];
    expect(records.map((r) => r.record_type)).toEqual(['evidence_repair', 'evidence']);
    expect(JSON.parse(records[0]?.after ?? '{}')).toMatchObject({
      sha256: first.sha256,
      repaired_at: again.repaired?.at,
      altered_size: again.repaired?.alteredSize,
      altered_sha256: again.repaired?.alteredSha256,
      recorded_by: ACTOR.name,
    });
    // Recorded once: a later attach of the same content adds no second repair.
    const later = lastAuditSeq(core.db);
    ok(core.invoke('evidence.attach', { caseId, ...file, originalName: 'bol (third).pdf', mediaType: 'application/pdf' }));
    expect(core.db.prepare('SELECT record_type FROM audit_log WHERE seq > ?').pluck().all(later)).toEqual(['evidence']);
    expect(() => core.db.prepare('DELETE FROM evidence_repairs').run()).toThrow(/append-only/);
  });

  it('keeps the audit chain whole, and dossier check passes', () => {
    expect(chainProblem(core.db)).toBeNull();
    expect(checkOf(core.db).problems).toEqual([]);
  });
});
