/**
 * Blind spots `check` now covers, and what an interrupted upload leaves: full-text indexes that no
 * longer match their tables (FTS5's integrity-check), protective triggers dropped, altered or
 * added, unfinished copies and files never attached (removed or set aside at start-up once an hour old).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openCore } from '../db/index.ts';
import { blobPath, ingestStream, storeDir } from '../db/evidence-store.ts';
import type { Case } from '../db/api.ts';
import { checkOf, ok, tempDir } from './helpers.ts';

const dir = tempDir();
let n = 0;
const fresh = () => path.join(dir, `db-${++n}`, 'dossier.db');
const hoursAgo = (file: string, h: number) => {
  const t = new Date(Date.now() - h * 3600_000);
  fs.utimesSync(file, t, t);
};

describe('check covers its blind spots', () => {
  it('a full-text index that no longer matches its table', async () => {
    const core = await openCore(fresh());
    try {
      ok<Case>(core.invoke('cases.create', { title: 'Diverted FPGAs via Armenia' }));
      expect(checkOf(core.db).problems).toEqual([]);
      core.db.exec(
        "INSERT INTO cases_fts (rowid, file_number, title, summary, lead_investigator) VALUES (999, 'x', 'ghost', '', '')",
      );
      expect(checkOf(core.db).problems).toEqual([
        { kind: 'full_text', message: expect.stringMatching(/^full-text index cases_fts does not match its table: /) },
      ]);
    } finally {
      core.close();
    }
  });

  it('a protective trigger dropped, altered or added', async () => {
    const core = await openCore(fresh());
    try {
      const sqlOf = (name: string) =>
        core.db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(name) as string;
      const guard = sqlOf('evidence_no_delete');
      core.db.exec('DROP TRIGGER evidence_no_delete');
      const altered = sqlOf('audit_log_no_update').replace('append-only', 'whatever');
      core.db.exec(`DROP TRIGGER audit_log_no_update; ${altered};`);
      core.db.exec('CREATE TRIGGER mallory AFTER INSERT ON cases BEGIN SELECT 1; END;');
      expect(
        checkOf(core.db)
          .problems.map((p) => `${p.kind}: ${p.message}`)
          .sort(),
      ).toEqual([
        'schema: trigger audit_log_no_update was altered outside Dossier',
        'schema: trigger evidence_no_delete is missing (dropped outside Dossier)',
        "schema: trigger mallory is not Dossier's (added outside it)",
      ]);
      expect(guard).toMatch(/BEFORE DELETE ON evidence/);
    } finally {
      core.close();
    }
  });
});

describe('leftovers of uploads', () => {
  it('are listed by check, and dealt with at start-up once an hour old: unfinished copies removed, unattached files set aside', async () => {
    const file = fresh();
    const first = await openCore(file);
    const dataDir = first.dataDir;
    await first.swept;
    const attached = await ingestStream(Readable.from([Buffer.from('%PDF invoice 2026-118')]), dataDir);
    const caseId = ok<Case>(first.invoke('cases.create', { title: 'Diverted FPGAs' })).id;
    ok(first.invoke('evidence.attach', { caseId, ...attached, originalName: 'invoice.pdf' }));
    const abandoned = await ingestStream(Readable.from([Buffer.from('uploaded, never attached')]), dataDir);
    const recent = await ingestStream(Readable.from([Buffer.from('uploaded a minute ago')]), dataDir);
    const tmp = path.join(storeDir(dataDir), 'tmp');
    fs.writeFileSync(path.join(tmp, 'crashed.part'), 'half a file');
    fs.writeFileSync(path.join(tmp, 'running.part'), 'a copy under way');
    hoursAgo(path.join(tmp, 'crashed.part'), 2);
    hoursAgo(blobPath(dataDir, abandoned.sha256), 2);
    hoursAgo(blobPath(dataDir, attached.sha256), 2);
    const before = checkOf(first.db);
    expect(before.problems).toEqual([]);
    expect(before.notes).toEqual([
      expect.stringMatching(/^2 unfinished upload\(s\) in evidence\/tmp\//),
      expect.stringMatching(/^2 file\(s\) uploaded but never attached/),
    ]);
    first.close();

    const second = await openCore(file);
    try {
      const swept = await second.swept;
      expect(swept.parts).toEqual(['crashed.part']);
      expect(swept.unattached).toEqual([abandoned.sha256]);
      expect(fs.readdirSync(tmp)).toEqual(['running.part']);
      expect(fs.existsSync(blobPath(dataDir, abandoned.sha256))).toBe(false);
      expect(fs.readFileSync(path.join(storeDir(dataDir), 'unattached', abandoned.sha256), 'utf8')).toBe(
        'uploaded, never attached',
      );
      // What is attached, or too young to judge, stays where it is.
      expect(fs.existsSync(blobPath(dataDir, attached.sha256))).toBe(true);
      expect(fs.existsSync(blobPath(dataDir, recent.sha256))).toBe(true);
      expect(checkOf(second.db).notes).toEqual([
        expect.stringMatching(/^1 unfinished upload/),
        expect.stringMatching(/^1 file\(s\) uploaded but never attached/),
        expect.stringMatching(/^1 file\(s\) never attached are kept in evidence\/unattached\//),
      ]);
    } finally {
      second.close();
    }
  });
});
