/**
 * Screening lists: the two parsers on files written here in the published layouts (the U.S.
 * Consolidated Screening List CSV, Canada's SEMA XML in both tag styles), their dates and free-text
 * aliases; then the import on real database files through the contract and the importList job: a
 * first import, a newer edition with its exact added / changed / removed counts, the same file
 * again (nothing written), bad and truncated files refused at their line or record with the list
 * left exactly as it was, and `dossier check` green after every import.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import { ingestStream } from '../db/evidence-store.ts';
import type { ErrorBody } from '../db/errors.ts';
import { splitAliases, splitName } from '../db/screening/aliases.ts';
import { parseCslText, parseIds } from '../db/screening/csl.ts';
import { parseDate, parseDates, serialDate } from '../db/screening/dates.ts';
import type { ScreeningEntry } from '../db/screening/entry.ts';
import { guessFormat, parseListStream, parseListText } from '../db/screening/format.ts';
import { ListJobCancelled, runListImportJob, type ListJobResult } from '../db/screening/import-job.ts';
import { parseSemaText } from '../db/screening/sema.ts';
import type { ListImportResult, ScreeningListSummary } from '../db/services/screening-lists.ts';
import { newCore } from './enforcement-fixtures.ts';
import { checkOf, err, ok, tempDir } from './helpers.ts';
import { CSL_COLUMNS, CSL_V1, CSL_V2, SEMA_V1, cslCsv, semaXml, type CslRow } from './screening-fixtures.ts';

const dir = tempDir();
const cli = path.resolve(import.meta.dirname, '..', 'bin', 'dossier.mjs');

function entriesOf(text: string, format: 'csl' | 'sema'): ScreeningEntry[] {
  return parseListText(format, text).entries.map((e) => e.entry);
}

/** The refusal a parser throws, as the contract sends it. */
function refusedBy(fn: () => unknown): ErrorBody {
  try {
    fn();
  } catch (e) {
    return (e as { toBody(): ErrorBody }).toBody();
  }
  throw new Error('expected a refusal');
}

describe('the Consolidated Screening List CSV', () => {
  const text = cslCsv(CSL_V1);
  const entries = entriesOf(text, 'csl');

  it('reads each row as an entry: several values split on "; ", a quoted field over two lines, accents and Cyrillic', () => {
    expect(entries.map((e) => [e.key, e.type, e.name])).toEqual([
      ['SDN:36001', 'individual', 'Ivan PETROV'],
      ['SDN:36002', 'vessel', 'SEA BREEZE'],
      ['EL:a91f0c2e5b7d4e8f9a0b1c2d3e4f5a6b7c8d9e0f', 'entity', 'Société Lumière d’Études Électroniques'],
      ['EL:b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1', 'entity', 'ООО «Ромашка»'],
      ['SDN:36005', 'vessel', 'NORTHERN STAR'],
      ['SDN:36006', 'aircraft', 'EP-MNA'],
    ]);
    expect(entries[0]).toEqual({
      key: 'SDN:36001',
      type: 'individual',
      typeStated: true,
      name: 'Ivan PETROV',
      aliases: ['Iwan Petrow', 'Иван Петрович Петров'],
      source: 'Specially Designated Nationals (SDN) - Treasury Department',
      programs: ['RUSSIA-EO14024', 'UKRAINE-EO13660'],
      countries: ['RU'],
      addresses: ['Ulitsa Lenina 1, Moscow, RU'],
      datesOfBirth: ['1965-01-12', '1966'],
      imoNumber: null,
      identifiers: [
        { type: 'Passport', number: '7512345', country: 'RU' },
        { type: 'Gender', number: 'Male', country: '' },
      ],
      vesselFlag: null,
      listedOn: '2022-03-11',
      remarks: 'Director of a front company.\nSee also the vessel SEA BREEZE.',
      sourceUrl: 'https://sanctionssearch.ofac.treas.gov/',
      details: { entity_number: '36001', title: 'Director General', places_of_birth: 'Moscow, Russia' },
    });
    // The Entity List gives no type: a company, said to be inferred; two addresses, their countries.
    expect(entries[2]).toMatchObject({
      typeStated: false,
      aliases: ['SLEE', 'Société L. d’Études'],
      addresses: ['12 rue de la Paix, Paris, 75002, FR', '5 Via Roma, Milano, IT'],
      countries: ['FR', 'IT'],
      details: {
        federal_register_notice: '85 FR 34495',
        license_requirement: 'For all items subject to the EAR.',
        license_policy: 'Presumption of denial.',
      },
    });
    expect(entries[3]?.aliases).toEqual(['Romashka LLC', 'Romashka, Ltd.']);
  });

  it('takes the IMO number from ids, written either way, and keeps every identifier as published', () => {
    expect(entries[1]).toMatchObject({
      imoNumber: '9123456',
      vesselFlag: 'Panama',
      identifiers: [
        { type: 'IMO', number: '9123456', country: '' },
        { type: 'MMSI', number: '355123456', country: '' },
        { type: 'Call Sign', number: '9HXY2', country: '' },
      ],
      details: { vessel_type: 'Crude Oil Tanker', gross_tonnage: '56000', vessel_owner: 'Oceanic Shipping Ltd' },
    });
    expect(entries[4]).toMatchObject({
      imoNumber: '9187629',
      identifiers: [{ type: 'Vessel Registration Identification', number: 'IMO 9187629', country: '' }],
    });
    expect(entries[5]?.imoNumber).toBeNull();
    expect(parseIds('Passport, A1234567, IR; Tax ID No., 12,345,678, RU; 7777')).toEqual([
      { type: 'Passport', number: 'A1234567', country: 'IR' },
      { type: 'Tax ID No.', number: '12, 345, 678', country: 'RU' },
      { type: '', number: '7777', country: '' },
    ]);
  });

  it('reads columns by their header name: in a shuffled order, the same entries, at the same lines', () => {
    const shuffled = [...CSL_COLUMNS].sort((a, b) => (a.split('').reverse().join() < b.split('').reverse().join() ? -1 : 1));
    expect(shuffled).not.toEqual(CSL_COLUMNS);
    const again = parseCslText(cslCsv(CSL_V1, shuffled));
    expect(again.map((e) => e.entry)).toEqual(entries);
    // The person's remarks span lines 2 and 3, so the vessel starts on line 4.
    expect(again.map((e) => e.at)).toEqual([2, 4, 5, 6, 7, 8]);
    // Header names are compared as names: spaces and case aside.
    const loose = cslCsv(CSL_V1, CSL_COLUMNS).replace('alt_names', 'Alt Names ').replace(',name,', ',NAME,');
    expect(entriesOf(loose, 'csl')).toEqual(entries);
  });

  it('reads the same from a stream cut at any byte as from the whole text', async () => {
    for (const size of [1, 7, 64, 1000]) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
      const got: ScreeningEntry[] = [];
      await parseListStream('csl', Readable.from(chunks), (e) => got.push(e.entry));
      expect(got).toEqual(entries);
    }
  });

  it('refuses a file that does not read, naming the line and the reason', () => {
    const cut = text.slice(0, text.indexOf('Director of a front') + 5);
    expect(refusedBy(() => parseCslText(cut))).toMatchObject({
      field: 'file',
      reason: 'screening.csv_unclosed_quote',
      params: { line: 2 },
      message: 'file: line 2: a quoted field opened in this row is never closed (the file may be cut off)',
    });
    const lastUnclosed = `${text}36009,${'"'}OPEN ENDED,x\r\n`;
    expect(refusedBy(() => parseCslText(lastUnclosed))).toMatchObject({
      reason: 'screening.csv_unclosed_quote',
      params: { line: 9 },
    });
    const noName = cslCsv(
      CSL_V1,
      CSL_COLUMNS.filter((c) => c !== 'name'),
    );
    expect(refusedBy(() => parseCslText(noName))).toMatchObject({
      reason: 'screening.csv_missing_column',
      params: { line: 1, column: 'name' },
    });
    const nameless = cslCsv([CSL_V1[0] ?? {}, { ...CSL_V1[1], name: ' ' }]);
    expect(refusedBy(() => parseCslText(nameless))).toMatchObject({ reason: 'screening.csv_no_name', params: { line: 4 } });
    const short = `${text}36010,${SDN_SOURCE},36010\r\n`;
    expect(refusedBy(() => parseCslText(short))).toMatchObject({
      reason: 'screening.csv_column_count',
      params: { line: 9, found: 3, expected: CSL_COLUMNS.length },
    });
    expect(refusedBy(() => parseCslText(cslCsv([])))).toMatchObject({ reason: 'screening.empty' });
  });
});

const SDN_SOURCE = 'Specially Designated Nationals (SDN) - Treasury Department';

describe("Canada's SEMA XML", () => {
  const old = semaXml(SEMA_V1, 'old');
  const bilingual = semaXml(SEMA_V1, 'new');

  it('reads both tag styles alike: tags matched by their English part', () => {
    expect(bilingual).toContain('<LastName-NomDeFamille>PETROV</LastName-NomDeFamille>');
    expect(entriesOf(bilingual, 'sema')).toEqual(entriesOf(old, 'sema'));
  });

  it('a person listed on a spreadsheet serial date, a ship with its IMO number, free-text aliases without their labels', () => {
    const [person, ship, bank] = entriesOf(old, 'sema');
    expect(person).toEqual({
      key: 'Russia|1, Part 1|1',
      type: 'individual',
      typeStated: true,
      name: 'Ivan Petrovich PETROV',
      aliases: ['Iwan Petrowitsch PETROW', 'Ivan Petrovitch PETROFF', 'Иван Петрович ПЕТРОВ'],
      source: '',
      programs: ['Russia'],
      countries: [],
      addresses: [],
      datesOfBirth: ['1970-01-15'],
      imoNumber: null,
      identifiers: [],
      vesselFlag: null,
      listedOn: '2023-07-17',
      remarks: '',
      sourceUrl: '',
      details: {
        Schedule: '1, Part 1',
        Item: '1',
        GivenName: 'Ivan Petrovich',
        LastName: 'PETROV',
        Title: 'Member of the State Duma',
      },
    });
    expect(ship).toMatchObject({
      key: 'Russia|3|7',
      type: 'vessel',
      name: 'SEA BREEZE',
      imoNumber: '9123456',
      aliases: ['OCEAN BREEZE', 'BREEZE I', 'VOLNA'],
      identifiers: [{ type: 'IMO', number: '9123456', country: '' }],
      datesOfBirth: [],
      details: { ShipBuildDate: '2000-01-01' },
    });
    expect(bank).toMatchObject({
      key: 'Russia|1, Part 2|12',
      type: 'entity',
      typeStated: false,
      name: 'Bank Rossiya',
      aliases: ['Rossiya Bank', 'АО «АБ «РОССИЯ»', 'JSC Bank Rossiya, Ltd.'],
    });
  });

  it('keys a bilingual regime on its English part, and reads a date the data set carries', () => {
    const renamed = semaXml(
      SEMA_V1.map((r) => ({ ...r, Country: 'Russia / Russie' })),
      'new',
    ).replace('<data-set>', '<data-set date="2024-05-01">');
    const parsed = parseSemaText(renamed);
    expect(parsed.listDate).toBe('2024-05-01');
    expect(parsed.entries.map((e) => e.entry.key)).toEqual(entriesOf(old, 'sema').map((e) => e.key));
    expect(parsed.entries[0]?.entry.programs).toEqual(['Russia / Russie']);
  });

  it('reads the same from a stream cut anywhere', async () => {
    for (const size of [1, 13, 500]) {
      const got: ScreeningEntry[] = [];
      await parseListStream('sema', Readable.from(bilingual.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? []), (e) =>
        got.push(e.entry),
      );
      expect(got).toEqual(entriesOf(old, 'sema'));
    }
  });

  it('refuses a file cut off mid-record, a record without a name or an Item, naming the record', () => {
    const cut = bilingual.slice(0, bilingual.indexOf('SEA BREEZE') + 3);
    expect(refusedBy(() => parseSemaText(cut))).toMatchObject({
      field: 'file',
      reason: 'screening.xml_truncated',
      params: { record: 2 },
      message: 'file: record 2: the file ends inside this record (it may be cut off)',
    });
    const unfinished = old.slice(0, old.lastIndexOf('</data-set>'));
    expect(refusedBy(() => parseSemaText(unfinished))).toMatchObject({
      reason: 'screening.xml_unfinished',
      params: { records: 3 },
    });
    const nameless = semaXml([SEMA_V1[0] ?? {}, SEMA_V1[1] ?? {}, { ...SEMA_V1[2], EntityOrShip: '' }], 'new');
    expect(refusedBy(() => parseSemaText(nameless))).toMatchObject({ reason: 'screening.xml_no_name', params: { record: 3 } });
    const noItem = semaXml([{ ...SEMA_V1[0], Item: '' }], 'old');
    expect(refusedBy(() => parseSemaText(noItem))).toMatchObject({ reason: 'screening.xml_no_key', params: { record: 1 } });
    const broken = old.replace('<Item>7</Item>', '<Item>7</Itm>');
    expect(refusedBy(() => parseSemaText(broken))).toMatchObject({ reason: 'screening.xml_malformed', params: { record: 2 } });
    expect(refusedBy(() => parseSemaText('<data-set>\n</data-set>\n'))).toMatchObject({ reason: 'screening.empty' });
  });
});

describe('dates and names as lists write them', () => {
  it('converts spreadsheet serial numbers exactly, from day 0 = 1899-12-30', () => {
    expect(serialDate(45124)).toBe('2023-07-17');
    // The brief's example said 45123; in Excel and LibreOffice 45123 is 2023-07-16 (45000 is 2023-03-15).
    expect(serialDate(45123)).toBe('2023-07-16');
    expect(serialDate(45000)).toBe('2023-03-15');
    expect(serialDate(61)).toBe('1900-03-01');
    expect(parseDate('45124')).toBe('2023-07-17');
    expect(parseDate('45124.0')).toBe('2023-07-17');
  });

  it('reads ISO, day-first, month-name and loose dates, and says what it did not understand', () => {
    const cases: [string, string[]][] = [
      ['2023-07-17', ['2023-07-17']],
      ['1970-01', ['1970-01']],
      ['1970', ['1970']],
      ['17-07-2023', ['2023-07-17']],
      ['17/07/2023', ['2023-07-17']],
      ['12 Jan 1965', ['1965-01-12']],
      ['12 January 1965', ['1965-01-12']],
      ['January 12, 1965', ['1965-01-12']],
      ['Jan 1965', ['1965-01']],
      ['Mar-22', ['2022-03']],
      ['circa 1970', ['1970']],
      ['1962 to 1964', ['1962', '1963', '1964']],
      ['1963-1964', ['1963', '1964']],
      ['1972-08-10 or 1972-08-11', ['1972-08-10', '1972-08-11']],
    ];
    for (const [text, dates] of cases) expect(parseDates(text), text).toEqual({ dates, understood: true });
    for (const text of ['born in the early 1970s', '2023-02-30', '31-13-1970', 'Janitor 1970']) {
      expect(parseDates(text), text).toEqual({ dates: [], understood: false });
    }
  });

  it('splits free-text aliases on ; and commas between names, labels off, legal forms kept with their name', () => {
    expect(splitAliases('a.k.a. Ivan PETROFF; f.k.a.: Iwan Petrow, I. Petrov; ALIAS: Vanya')).toEqual([
      'Ivan PETROFF',
      'Iwan Petrow',
      'I. Petrov',
      'Vanya',
    ]);
    expect(splitAliases('Belarusian: Алег МIШЧАНКА, Russian: Олег Мищенко')).toEqual(['Алег МIШЧАНКА', 'Олег Мищенко']);
    expect(splitAliases('Acme Trading, Ltd.; Akademik Lomonosov (also known as Lomonosov Shipping, LLC)')).toEqual([
      'Acme Trading, Ltd.',
      'Akademik Lomonosov',
      'Lomonosov Shipping, LLC',
    ]);
    expect(splitAliases('"Smith, Jones and Partners", SJP')).toEqual(['"Smith, Jones and Partners"', 'SJP']);
    expect(splitAliases('')).toEqual([]);
    expect(splitName('ООО "Ромашка"/ Romashka LLC')).toEqual(['ООО "Ромашка"', 'Romashka LLC']);
    expect(splitName('MEC Steel Mills (Hmaw Bi/Pyi/Ywama)')).toEqual(['MEC Steel Mills (Hmaw Bi/Pyi/Ywama)']);
  });

  it('tells the format from the content first, then the extension', () => {
    expect(guessFormat('list.txt', '\uFEFF<?xml version="1.0"?><data-set>')).toBe('sema');
    expect(guessFormat('download', '_id,source,name,ids\r\n1,x,y,z')).toBe('csl');
    expect(guessFormat('consolidated.csv', 'garbage')).toBe('csl');
    expect(guessFormat('sema-lmes.xml', 'garbage')).toBe('sema');
    expect(guessFormat('notes.txt', 'hello')).toBeNull();
  });
});

// --- the import ------------------------------------------------------------------------------

/** A list file uploaded into the store as the app and the CLI upload one. */
async function upload(core: Core, text: string | Buffer, fileName: string) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const stored = await ingestStream(Readable.from([bytes]), core.dataDir, { expectedSize: bytes.length });
  return { sha256: stored.sha256, size: stored.size, fileName };
}

/** Every row of the lists, their entries and the audit trail: what a refused import must leave exactly as it was. */
function listState(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['screening_lists', 'screening_entries', 'audit_log', 'record_state']) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
  }
  return out;
}

function entryRows(db: Database.Database): { id: string; entry_key: string; content_hash: string; vessel_flag: string | null }[] {
  return db.prepare('SELECT id, entry_key, content_hash, vessel_flag FROM screening_entries ORDER BY entry_key').all() as {
    id: string;
    entry_key: string;
    content_hash: string;
    vessel_flag: string | null;
  }[];
}

function dossierCheck(file: string): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [cli, 'check', '--db', file], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

describe('lists.import and lists.list, on a database file', () => {
  it('loads a list, replaces it with a newer edition entry by entry, and keeps the same file as it was', async () => {
    const core = await newCore(path.join(dir, 'import'));
    const auditBefore = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

    const v1 = ok<ListImportResult>(core.invoke('lists.import', await upload(core, cslCsv(CSL_V1), 'consolidated.csv')));
    expect(v1).toMatchObject({ outcome: 'new', written: true, added: 6, changed: 0, removed: 0, unchanged: 0, repeatedKeys: 0 });
    expect(v1.list).toMatchObject({
      name: 'U.S. Consolidated Screening List',
      format: 'csl',
      fileName: 'consolidated.csv',
      entries: 6,
      listDate: null,
      importedBy: 'Test Officer',
      importedByBadge: 'T-1',
      version: 1,
      lastImport: { added: 6, changed: 0, removed: 0 },
    });
    // One audit record for the whole import, of the list: none per entry.
    const audit = core.db
      .prepare('SELECT record_type, record_id, method, after FROM audit_log WHERE seq > ?')
      .all(auditBefore) as {
      record_type: string;
      record_id: string;
      method: string;
      after: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ record_type: 'screening_list', record_id: v1.list.id, method: 'lists.import' });
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ file_sha256: v1.list.fileSha256, entry_count: 6, added: 6 });
    const stored = core.db
      .prepare(
        "SELECT type, name, aliases, imo_number, dates_of_birth, details FROM screening_entries WHERE entry_key = 'SDN:36001'",
      )
      .get();
    expect(stored).toEqual({
      type: 'individual',
      name: 'Ivan PETROV',
      aliases: '["Iwan Petrow","Иван Петрович Петров"]',
      imo_number: null,
      dates_of_birth: '["1965-01-12","1966"]',
      details: '{"entity_number":"36001","title":"Director General","places_of_birth":"Moscow, Russia"}',
    });
    expect(checkOf(core.db).problems).toEqual([]);
    const first = entryRows(core.db);

    // The next edition: one added, two changed, one removed, three as they were.
    const v2 = ok<ListImportResult>(core.invoke('lists.import', await upload(core, cslCsv(CSL_V2), 'consolidated (1).csv')));
    expect(v2).toMatchObject({ outcome: 'replaced', written: true, added: 1, changed: 2, removed: 1, unchanged: 3 });
    expect(v2.list).toMatchObject({ id: v1.list.id, entries: 6, version: 2, fileName: 'consolidated (1).csv' });
    const second = entryRows(core.db);
    const byKey = (rows: typeof first) => new Map(rows.map((r) => [r.entry_key, r]));
    const [a, b] = [byKey(first), byKey(second)];
    // Unchanged entries keep their row as it was; a changed one keeps its id with the new content; the removed one is gone.
    for (const key of ['SDN:36001', 'EL:b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1', 'SDN:36006'])
      expect(b.get(key)).toEqual(a.get(key));
    expect(b.get('SDN:36002')).toMatchObject({ id: a.get('SDN:36002')?.id, vessel_flag: 'Comoros' });
    expect(b.get('SDN:36002')?.content_hash).not.toBe(a.get('SDN:36002')?.content_hash);
    expect(b.has('EL:a91f0c2e5b7d4e8f9a0b1c2d3e4f5a6b7c8d9e0f')).toBe(false);
    expect(b.has('EL:c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2')).toBe(true);
    expect(core.db.prepare('SELECT count(*) FROM audit_log WHERE seq > ?').pluck().get(auditBefore)).toBe(2);

    // The same file again: nothing written at all, and said so.
    const before = listState(core.db);
    const again = ok<ListImportResult>(core.invoke('lists.import', await upload(core, cslCsv(CSL_V2), 'consolidated.csv')));
    expect(again).toMatchObject({ outcome: 'unchanged', written: false, added: 0, changed: 0, removed: 0, unchanged: 6 });
    expect(listState(core.db)).toEqual(before);

    // Another file with the same entries (rows in another order): the list records that file, the entries stay.
    const reordered = ok<ListImportResult>(
      core.invoke('lists.import', await upload(core, cslCsv([...CSL_V2].reverse()), 'consolidated-reordered.csv')),
    );
    expect(reordered).toMatchObject({ outcome: 'unchanged', written: true, added: 0, changed: 0, removed: 0, unchanged: 6 });
    expect(entryRows(core.db)).toEqual(second);
    expect(reordered.list).toMatchObject({ version: 3, fileName: 'consolidated-reordered.csv' });

    // A second list beside it, and what lists.list says of both.
    const sema = ok<ListImportResult>(core.invoke('lists.import', await upload(core, semaXml(SEMA_V1, 'new'), 'sema-lmes.xml')));
    expect(sema).toMatchObject({
      outcome: 'new',
      added: 3,
      list: { format: 'sema', name: 'Consolidated Canadian Autonomous Sanctions List' },
    });
    const lists = ok<ScreeningListSummary[]>(core.invoke('lists.list', {}));
    expect(lists.map((l) => [l.name, l.format, l.entries, l.fileSha256, l.importedBy])).toEqual([
      ['Consolidated Canadian Autonomous Sanctions List', 'sema', 3, sema.list.fileSha256, 'Test Officer'],
      ['U.S. Consolidated Screening List', 'csl', 6, reordered.list.fileSha256, 'Test Officer'],
    ]);
    expect(checkOf(core.db).problems).toEqual([]);
    expect(dossierCheck(core.file).status).toBe(0);
  });

  it('refuses each bad or truncated file at its line or record, and leaves the list exactly as it was', async () => {
    const core = await newCore(path.join(dir, 'refused'));
    ok(core.invoke('lists.import', await upload(core, cslCsv(CSL_V1), 'consolidated.csv')));
    ok(core.invoke('lists.import', { ...(await upload(core, semaXml(SEMA_V1, 'old'), 'sema.xml')), name: 'SEMA' }));
    const before = listState(core.db);
    const csl = cslCsv(CSL_V2);
    const xml = semaXml(SEMA_V1, 'new');
    const cases: [string, string | Buffer, string, Partial<ErrorBody>][] = [
      [
        'a row with an unclosed quote at the end',
        `${csl}36011,${SDN_SOURCE},36011,Individual,,"Unfinished name`,
        'consolidated.csv',
        { reason: 'screening.csv_unclosed_quote', params: { line: 9 } },
      ],
      [
        'no name column',
        cslCsv(
          CSL_V2,
          CSL_COLUMNS.filter((c) => c !== 'name'),
        ),
        'consolidated.csv',
        { reason: 'screening.csv_missing_column', params: { line: 1, column: 'name' } },
      ],
      [
        'a row without a name',
        cslCsv([...CSL_V2, { _id: '36012', source: SDN_SOURCE } satisfies CslRow]),
        'consolidated.csv',
        { reason: 'screening.csv_no_name', params: { line: 9 } },
      ],
      [
        'a line that is not UTF-8',
        Buffer.concat([Buffer.from(csl), Buffer.from([0xc3, 0x28, 0x0d, 0x0a])]),
        'consolidated.csv',
        { reason: 'screening.encoding', params: { line: 9 } },
      ],
      [
        'XML cut off mid-record',
        xml.slice(0, xml.indexOf('Bank Rossiya')),
        'sema.xml',
        { reason: 'screening.xml_truncated', params: { record: 3 } },
      ],
      [
        'a record without a name',
        semaXml([{ ...SEMA_V1[0], LastName: '', GivenName: '' }], 'new'),
        'sema.xml',
        { reason: 'screening.xml_no_name', params: { record: 1 } },
      ],
    ];
    for (const [what, text, fileName, expected] of cases) {
      const input = { ...(await upload(core, text, fileName)), ...(fileName.endsWith('.xml') ? { name: 'SEMA' } : {}) };
      const refused = err(core.invoke('lists.import', input));
      expect(refused, what).toMatchObject({ code: 'invalid_input', field: 'file', ...expected });
      expect(refused.message, what).toMatch(/^file: (line|record) \d+: /);
      expect(listState(core.db), what).toEqual(before);
    }
    // A list of one format cannot be replaced by a file of the other; a file of neither; a file not uploaded.
    const other = err(
      core.invoke('lists.import', { ...(await upload(core, xml, 'sema.xml')), name: 'U.S. Consolidated Screening List' }),
    );
    expect(other).toMatchObject({
      field: 'format',
      reason: 'screening.format_changed',
      params: { loaded: 'csl', format: 'sema' },
    });
    expect(err(core.invoke('lists.import', await upload(core, 'hello', 'notes.txt')))).toMatchObject({
      field: 'format',
      reason: 'screening.format_unknown',
    });
    expect(err(core.invoke('lists.import', { sha256: 'f'.repeat(64), size: 10, fileName: 'x.csv' }))).toMatchObject({
      field: 'sha256',
      reason: 'screening.not_stored',
    });
    const real = await upload(core, csl, 'consolidated.csv');
    expect(err(core.invoke('lists.import', { ...real, size: real.size + 1 }))).toMatchObject({
      field: 'size',
      reason: 'screening.size_mismatch',
    });
    // A stored copy altered behind Dossier's back is refused, not read.
    const blob = path.join(core.dataDir, 'evidence', real.sha256.slice(0, 2), real.sha256);
    fs.chmodSync(blob, 0o644);
    fs.writeFileSync(blob, csl.replace('Comoros', 'Comorez'));
    expect(err(core.invoke('lists.import', real))).toMatchObject({ field: 'file', reason: 'screening.altered' });
    expect(listState(core.db)).toEqual(before);
    expect(dossierCheck(core.file).status).toBe(0);
  });
});

describe('the importList job', () => {
  async function runJob(core: Core, input: Record<string, unknown>) {
    let job = ok<{ id: string; status: string; result: ListJobResult; error: string | null }>(
      core.invoke('jobs.start', { kind: 'importList', input }),
    );
    while (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      job = ok(core.invoke('jobs.get', { id: job.id }));
    }
    expect(job.status, JSON.stringify(job)).toBe('done');
    return { result: job.result };
  }

  it('reads the file in a worker, then writes it through the contract; a bad file comes back refused', async () => {
    const core = await newCore(path.join(dir, 'job'));
    // Written before the list was loaded: the import screens it.
    const petrov = ok<{ id: string }>(
      core.invoke('entities.create', { kind: 'person', givenName: 'Ivan', familyName: 'Petrov' }),
    ).id;
    expect(core.db.prepare('SELECT count(*) FROM screening_hits').pluck().get()).toBe(0);
    const { result } = await runJob(core, await upload(core, cslCsv(CSL_V1), 'consolidated.csv'));
    expect(result.refusal).toBeNull();
    expect(result.screening).toEqual({ screened: 1, hits: 1, cancelled: false });
    expect(core.db.prepare('SELECT entity_id, entry_name FROM screening_hits').all()).toEqual([
      { entity_id: petrov, entry_name: 'Ivan PETROV' },
    ]);
    expect(result.read).toEqual({ entries: 6, bytes: Buffer.byteLength(cslCsv(CSL_V1)) });
    expect(result.imported).toMatchObject({ outcome: 'new', added: 6 });
    const v2 = await runJob(core, await upload(core, cslCsv(CSL_V2), 'consolidated.csv'));
    expect(v2.result.imported).toMatchObject({ outcome: 'replaced', added: 1, changed: 2, removed: 1, unchanged: 3 });

    const before = listState(core.db);
    // Cut off inside the last row's quoted name.
    const cut = cslCsv(CSL_V2).slice(0, cslCsv(CSL_V2).indexOf('Hua Tong'));
    const refused = await runJob(core, await upload(core, cut, 'consolidated.csv'));
    expect(refused.result.imported).toBeNull();
    expect(refused.result.refusal).toMatchObject({ field: 'file', reason: 'screening.csv_unclosed_quote', params: { line: 8 } });
    expect(listState(core.db)).toEqual(before);
    expect(checkOf(core.db).problems).toEqual([]);
  });

  it('reports its progress: the bytes read, then the write as one step under way', async () => {
    const core = await newCore(path.join(dir, 'progress'));
    const text = cslCsv(Array.from({ length: 3000 }, (_, i) => ({ ...CSL_V1[0], _id: String(40000 + i), name: `Person ${i}` })));
    const input = await upload(core, text, 'consolidated.csv');
    const seen: [number, number, string][] = [];
    const result = await runListImportJob({
      dataDir: core.dataDir,
      input,
      invoke: core.invoke,
      progress: (done, total, step) => seen.push([done, total, step]),
      cancelled: () => false,
      screen: () => {
        seen.push([0, 0, 'screening_entities']);
        return { screened: 0, hits: 0, cancelled: false };
      },
    });
    expect(result.imported).toMatchObject({ outcome: 'new', added: 3000 });
    expect(result.screening).toEqual({ screened: 0, hits: 0, cancelled: false });
    const reads = seen.filter(([, , step]) => step === 'screening_read');
    expect(reads.length).toBeGreaterThan(2);
    expect(reads.map(([done]) => done)).toEqual([...reads.map(([done]) => done)].sort((x, y) => x - y));
    expect(reads.at(-1)).toEqual([input.size, input.size, 'screening_read']);
    expect(seen.slice(-2)).toEqual([
      [0, 0, 'screening_write'],
      [0, 0, 'screening_entities'],
    ]);
  });

  it('cancelled while it reads, writes nothing', async () => {
    const core = await newCore(path.join(dir, 'cancel'));
    const input = await upload(core, cslCsv(CSL_V1), 'consolidated.csv');
    const run = runListImportJob({
      dataDir: core.dataDir,
      input,
      invoke: core.invoke,
      progress: () => {},
      cancelled: () => true,
      screen: () => {
        throw new Error('a cancelled import screens nothing');
      },
    });
    await expect(run).rejects.toBeInstanceOf(ListJobCancelled);
    expect(core.db.prepare('SELECT count(*) FROM screening_lists').pluck().get()).toBe(0);
  });
});
