/**
 * The audit view (audit.list) and its CSV export (audit.exportCsv): who changed what and when,
 * values before and after side by side, filtered and paged in SQL on the audit_log indexes.
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import { ingestStream } from '../db/evidence-store.ts';
import { auditListSql, csvField, exportAuditCsv, type AuditEntry } from '../db/services/audit.ts';
import { MARKING_PRINTED } from '../db/shared/domain.ts';
import { auditListInput } from '../db/shared/inputs/audit.ts';
import type { Case, Evidence } from '../db/api.ts';
import { err, ok, snapshot, steppingClock, tempDir } from './helpers.ts';
import { explainList, pageStatement } from '../db/list-sql.ts';

const dir = tempDir();
let core: Core;
let fpga: Case;
let gyro: Case;
let photo: Evidence;

type Page = { total: number; rows: AuditEntry[] };
const list = (input: Record<string, unknown>): Page => ok<Page>(core.invoke('audit.list', input));

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) throw new Error('the CSV does not end with CRLF');
  return rows;
}

beforeAll(async () => {
  // One minute per clock reading: every audit record has its own minute.
  core = await openCore(path.join(dir, 'view.db'), { clock: steppingClock('2026-03-15T09:00:00.000Z', 60_000) });
  ok(core.invoke('settings.update', { profile: { name: 'Jeanne Tremblay', badge: 'B-4411' } }));
  fpga = ok<Case>(core.invoke('cases.create', { title: 'Diverted FPGAs via Armenia' }));
  gyro = ok<Case>(core.invoke('cases.create', { title: 'Gyroscopes to Iran' }));
  ok(core.invoke('cases.update', { id: fpga.id, summary: 'Forwarder in Yerevan, "Ararat Logistics", invoices\r\nattached' }));
  const blob = await ingestStream(Readable.from([Buffer.from('JPEG crate 7')]), core.dataDir);
  photo = ok<Evidence>(
    core.invoke('evidence.attach', { caseId: fpga.id, ...blob, originalName: 'crate-7.jpg', mediaType: 'image/jpeg' }),
  );
  ok(core.invoke('settings.update', { profile: { name: 'Sam Okafor', badge: 'B-7' } }));
  ok(core.invoke('cases.update', { id: gyro.id, title: '=HYPERLINK("http://evil.example")' }));
  ok(core.invoke('evidence.retire', { id: photo.id, reason: 'Wrong crate' }));
  ok(core.invoke('cases.setStatus', { id: fpga.id, status: 'under_review' }));
});
afterAll(() => core.close());

describe('audit.list', () => {
  it('lists every record newest first, with parsed values and the changed fields', () => {
    const all = list({});
    expect(all.total).toBe(9);
    expect(all.rows.map((r) => r.seq)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const update = all.rows.find((r) => r.method === 'cases.update' && r.recordId === fpga.id);
    expect(update).toMatchObject({
      actor: 'Jeanne Tremblay',
      actorBadge: 'B-4411',
      recordType: 'case',
      caseId: fpga.id,
      before: expect.objectContaining({ title: 'Diverted FPGAs via Armenia', summary: '', version: 1 }),
      after: expect.objectContaining({ summary: expect.stringContaining('Ararat'), version: 2 }),
    });
    expect(update?.changes.map((c) => c.field)).toEqual(['summary', 'updated_at', 'version']);
    expect(update?.changes.find((c) => c.field === 'version')).toEqual({ field: 'version', before: 1, after: 2 });
    expect(update?.at).toMatch(/^2026-03-15T\d\d:\d\d:00\.000Z$/);

    const created = all.rows.find((r) => r.method === 'cases.create' && r.recordId === gyro.id);
    expect(created?.before).toBeNull();
    expect(created?.changes.length).toBe(Object.keys(created?.after ?? {}).length);
    expect(created?.changes.every((c) => c.before === null)).toBe(true);
  });

  it('for a case: the case’s own records and its evidence, nobody else’s', () => {
    const page = list({ caseId: fpga.id, sort: { column: 'seq', direction: 'asc' } });
    expect(page.rows.map((r) => [r.method, r.recordType])).toEqual([
      ['cases.create', 'case'],
      ['cases.update', 'case'],
      ['evidence.attach', 'evidence'],
      ['evidence.retire', 'evidence'],
      ['cases.setStatus', 'case'],
    ]);
    expect(page.total).toBe(5);
    const retire = page.rows[3];
    expect(retire?.changes.map((c) => c.field)).toEqual(['retired_at', 'retired_by', 'retired_by_badge', 'retired_reason']);
    expect(retire?.actor).toBe('Sam Okafor');
  });

  it('for one record, by investigator, method, words and period', () => {
    expect(list({ recordType: 'evidence', recordId: photo.id }).rows.map((r) => r.method)).toEqual([
      'evidence.retire',
      'evidence.attach',
    ]);
    expect(list({ recordType: 'setting' }).total).toBe(2);
    expect(list({ actor: 'Sam Okafor' }).rows.map((r) => r.method)).toEqual([
      'cases.setStatus',
      'evidence.retire',
      'cases.update',
    ]);
    expect(list({ actor: 'Sam' }).total).toBe(0); // exact name
    expect(list({ method: 'cases.update' }).total).toBe(2);
    expect(list({ caseId: fpga.id, actor: 'Jeanne Tremblay' }).total).toBe(3);
    // Case-insensitive, in the values before and after: the update that wrote it, the status change that kept it.
    expect(list({ text: 'ararat' }).rows.map((r) => r.method)).toEqual(['cases.setStatus', 'cases.update']);
    expect(list({ text: 'crate-7 wrong' }).rows.map((r) => r.method)).toEqual(['evidence.retire']);
    expect(list({ text: '100%_' }).total).toBe(0); // LIKE wildcards are literal
    const times = list({ sort: { column: 'seq', direction: 'asc' } }).rows.map((r) => r.at);
    const window = list({ from: times[2], to: times[5] });
    expect(window.rows.map((r) => r.seq)).toEqual([5, 4, 3]); // from inclusive, to exclusive
    // Any offset is accepted and compared in UTC.
    const t = new Date(times[2] ?? '');
    const local = `${t.toISOString().slice(0, 10)}T${String(t.getUTCHours() - 1).padStart(2, '0')}${t.toISOString().slice(13, 19)}-01:00`;
    expect(list({ from: local, to: times[5] }).total).toBe(3);
  });

  it('pages in SQL with the total of all matches', () => {
    const page = list({ offset: 2, limit: 3 });
    expect(page.total).toBe(9);
    expect(page.rows.map((r) => r.seq)).toEqual([7, 6, 5]);
    expect(list({ offset: 100 }).rows).toEqual([]);
  });

  it('refuses bad filters, naming the field', () => {
    const before = snapshot(core.db);
    const bad: [Record<string, unknown>, string][] = [
      [{ caseId: 'x' }, 'caseId'],
      [{ recordType: 'Case; DROP TABLE cases' }, 'recordType'],
      [{ recordId: fpga.id }, 'recordType'],
      [{ actor: '' }, 'actor'],
      [{ method: 'cases update' }, 'method'],
      [{ text: 'x'.repeat(201) }, 'text'],
      [{ from: '2026-03-15' }, 'from'],
      [{ from: '2026-03-16T00:00:00Z', to: '2026-03-15T00:00:00Z' }, 'to'],
      [{ sort: { column: 'at', direction: 'asc' } }, 'sort.column'],
      [{ limit: 501 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ page: 2 }, 'page'],
    ];
    for (const [input, field] of bad) {
      const e = err(core.invoke('audit.list', input));
      expect(e, JSON.stringify(input)).toMatchObject({ code: 'invalid_input', field });
      expect(e.message.startsWith(`${field}: `)).toBe(true);
    }
    expect(snapshot(core.db)).toEqual(before);
  });

  it('walks the audit_log indexes in seq order (EXPLAIN QUERY PLAN: no temporary sort)', () => {
    const plan = (input: Record<string, unknown>, total = 100_000): string => {
      const q = auditListSql(auditListInput.parse(input));
      return explainList(core.db, q, { limit: 100, offset: 0 }, total).rows.join('\n');
    };
    const period = { from: '2026-03-15T09:00:00Z', to: '2026-03-15T10:00:00Z' };
    for (const direction of ['asc', 'desc'] as const) {
      const sort = { column: 'seq', direction };
      expect(plan({ sort, caseId: fpga.id })).toMatch(/USING INDEX audit_case/);
      expect(plan({ sort, recordType: 'case', recordId: fpga.id })).toMatch(/USING INDEX audit_record/);
      expect(plan({ sort, actor: 'Sam Okafor' })).toMatch(/USING INDEX audit_actor/);
      expect(plan({ sort, method: 'cases.update' })).toMatch(/USING INDEX audit_method/);
      expect(plan({ sort, recordType: 'evidence', caseId: fpga.id, ...period })).toMatch(/USING INDEX audit_case/);
      const inputs = [
        {},
        { caseId: fpga.id, text: 'x' },
        { method: 'cases.update', ...period },
        { recordType: 'case' },
        period,
        { text: 'x' },
      ];
      for (const input of inputs) {
        expect(plan({ sort, ...input }), JSON.stringify(input)).not.toMatch(/TEMP B-TREE/);
      }
      // A range with few matches reads them through its index and sorts that handful.
      expect(plan({ sort, recordType: 'setting' }, 2)).toMatch(/USING INDEX audit_record/);
      expect(plan({ sort, ...period }, 2)).toMatch(/USING INDEX audit_at/);
    }
    // The counts use the indexes of every filter.
    const countPlan = (input: Record<string, unknown>) => {
      const q = auditListSql(auditListInput.parse(input));
      return explainList(core.db, q).count.join('\n');
    };
    expect(countPlan({ recordType: 'setting' })).toMatch(/audit_record/);
    expect(countPlan(period)).toMatch(/audit_at/);
    expect(countPlan({ method: 'cases.update' })).toMatch(/audit_method/);
  });

  it('gives the same pages whichever way it reads them', () => {
    const times = list({ sort: { column: 'seq', direction: 'asc' } }).rows.map((r) => r.at);
    for (const input of [{ recordType: 'case' }, { from: times[1], to: times[7] }]) {
      for (const direction of ['asc', 'desc'] as const) {
        const q = auditListSql(auditListInput.parse({ ...input, sort: { column: 'seq', direction } }));
        const seqs = (total: number) =>
          (
            core.db
              .prepare(pageStatement(q, { limit: 3, offset: 1 }, total).sql)
              .all(...pageStatement(q, { limit: 3, offset: 1 }, total).values) as { seq: number }[]
          ).map((r) => r.seq);
        expect(seqs(1), JSON.stringify(input)).toEqual(seqs(1_000_000));
        expect(seqs(1).length).toBe(3);
      }
    }
  });
});

describe('audit.exportCsv', () => {
  it('one line per changed field, RFC 4180, named for the case', () => {
    const r = ok<{ filename: string; csv: string; records: number }>(core.invoke('audit.exportCsv', { caseId: fpga.id }));
    expect(r.filename).toMatch(new RegExp(`^audit-${fpga.fileNumber}-\\d{8}T\\d{6}Z\\.csv$`));
    expect(r.records).toBe(5);
    expect(r.csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(r.csv);
    // The case's security marking heads the file, as on every export.
    expect(rows[0]).toEqual([MARKING_PRINTED[fpga.securityMarking]]);
    expect(rows[1]).toEqual([
      'seq',
      'at (UTC)',
      'actor',
      'badge',
      'method',
      'record type',
      'record id',
      'field',
      'before',
      'after',
    ]);
    const body = rows.slice(2);
    expect(body.every((row) => row.length === 10)).toBe(true);
    // Oldest first; each record's lines are its changed fields.
    const entries = list({ caseId: fpga.id, sort: { column: 'seq', direction: 'asc' } }).rows;
    expect(body.length).toBe(entries.reduce((n, e) => n + e.changes.length, 0));
    expect([...new Set(body.map((row) => Number(row[0])))]).toEqual(entries.map((e) => e.seq));
    const summary = body.find((row) => row[4] === 'cases.update' && row[7] === 'summary');
    expect(summary).toEqual([
      expect.any(String),
      expect.stringMatching(/Z$/),
      'Jeanne Tremblay',
      'B-4411',
      'cases.update',
      'case',
      fpga.id,
      'summary',
      '',
      'Forwarder in Yerevan, "Ararat Logistics", invoices\nattached', // stored with a plain newline (db/shared/text.ts)
    ]);
    const version = body.find((row) => row[4] === 'cases.update' && row[7] === 'version');
    expect(version?.slice(8)).toEqual(['1', '2']);
    const retired = body.find((row) => row[4] === 'evidence.retire' && row[7] === 'retired_reason');
    expect(retired?.slice(2, 4)).toEqual(['Sam Okafor', 'B-7']);
    expect(retired?.slice(8)).toEqual(['', 'Wrong crate']);
  });

  it('keeps spreadsheet formulas from running', () => {
    const r = ok<{ csv: string }>(core.invoke('audit.exportCsv', { recordType: 'case', recordId: gyro.id }));
    const title = parseCsv(r.csv).find((row) => row[4] === 'cases.update' && row[7] === 'title');
    expect(title?.[9]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField(-5)).toBe('-5'); // numbers stay numbers
    expect(csvField({ a: 'b,c' })).toBe('"{""a"":""b,c""}"');
    expect(csvField(null)).toBe('');
  });

  it('exports everything with no filter, and refuses too large an export', () => {
    const all = ok<{ filename: string; records: number }>(core.invoke('audit.exportCsv', {}));
    expect(all.records).toBe(9);
    expect(all.filename).toMatch(/^audit-all-/);
    expect(() => exportAuditCsv(core.db, auditListInput.parse({}), '2026-03-15T12:00:00.000Z', 8)).toThrow(
      /9 audit records match; an export holds at most 8/,
    );
    expect(err(core.invoke('audit.exportCsv', { limit: 10 }))).toMatchObject({ code: 'invalid_input', field: 'limit' });
  });
});
