/** One search across every record (search.query): folding, prefixes, substrings, kept in step by each write, rebuilt. */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import { ingestStream } from '../db/evidence-store.ts';
import type { SearchResult } from '../db/search/query.ts';
import { extractEvidenceText } from '../db/search/extract.ts';
import { err, ok, tempDir } from './helpers.ts';

const dir = tempDir();
const file = path.join(dir, 'search.db');
let core: Core;
const inv = <T = { id: string }>(method: string, input: unknown) => ok<T>(core.invoke(method, input));
const search = (q: string, extra: Record<string, unknown> = {}) => inv<SearchResult>('search.query', { q, ...extra });
/** The titles found, by type. */
const found = (q: string, extra: Record<string, unknown> = {}) =>
  Object.fromEntries(search(q, extra).groups.map((g) => [g.type, g.hits.map((h) => h.title)]));

const ids: Record<string, string> = {};

beforeAll(async () => {
  core = await openCore(file, { actor: { name: 'Amélie Tremblay', badge: 'CBSA-4471' } });
  const c = inv<{ id: string; fileNumber: string }>('cases.create', {
    title: 'Gyroscopes to Iran via Armenia',
    summary: 'MEMS gyroscopes declared as toy parts, routed through Yerevan',
    openedOn: '2026-01-05',
  });
  ids.case = c.id;
  ids.fileNumber = c.fileNumber;
  ids.societe = inv('entities.create', {
    kind: 'organization',
    legalName: 'Société Générique de Transit SARL',
    country: 'FR',
  }).id;
  ids.korolev = inv('entities.create', { kind: 'person', givenName: 'Дмитрий', familyName: 'Королёв', nationality: 'RU' }).id;
  ids.strasse = inv('entities.create', { kind: 'address', lines: ['Hauptstraße 12'], city: 'Berlin', country: 'DE' }).id;
  ids.lodz = inv('entities.create', { kind: 'organization', legalName: 'Łódź Optics Sp. z o.o.', country: 'PL' }).id;
  ids.soren = inv('entities.create', { kind: 'person', givenName: 'Søren', familyName: 'Æbeltoft', nationality: 'DK' }).id;
  ids.vessel = inv('entities.create', {
    kind: 'conveyance',
    subtype: 'vessel',
    vesselName: 'Caspian Star',
    imoNumber: '9074729',
  }).id;
  const s = inv<{ id: string; seizureNumber: string }>('seizures.create', {
    caseId: c.id,
    seizedAt: '2026-03-10T16:30:00Z',
    place: 'Port of Montréal',
    items: [
      {
        description: 'Field-programmable gate arrays',
        quantity: 40,
        unit: 'piece',
        hsCode: '8542.39',
        eccn: '3A001',
        value: { amountMinor: 1_250_000, currency: 'USD' },
      },
    ],
  });
  ids.seizure = s.id;
  ids.seizureNumber = s.seizureNumber;
});
afterAll(() => core.close());

describe('search.query', () => {
  it('folds accents, ligatures and scripts as any-ascii does: societe, strasse, korolev, lodz, soren, aebeltoft', () => {
    expect(found('societe').entity).toEqual(['Société Générique de Transit SARL']);
    expect(found('strasse').entity).toEqual(['Hauptstraße 12, Berlin']);
    expect(found('korolev').entity).toEqual(['Дмитрий Королёв']);
    expect(found('Королёв').entity).toEqual(['Дмитрий Королёв']);
    expect(found('lodz').entity).toEqual(['Łódź Optics Sp. z o.o.']);
    expect(found('soren').entity).toEqual(['Søren Æbeltoft']);
    expect(found('aebeltoft').entity).toEqual(['Søren Æbeltoft']);
  });

  it('takes each word as a prefix (one and two letters too), and three letters or more as a substring', () => {
    expect(found('gy').case).toEqual([`${ids.fileNumber} · Gyroscopes to Iran via Armenia`]);
    expect(found('g').case).toHaveLength(1);
    expect(found('roscop').case).toHaveLength(1);
    // An IMO number by a part of it; the goods of a seizure by HS code and ECCN.
    expect(found('0747').entity).toEqual(['Caspian Star']);
    expect(found('3A001').seizure).toEqual([`${ids.seizureNumber} · Port of Montréal`]);
    expect(found('8542').seizure).toHaveLength(1);
    expect(found('gate arrays').seizure).toHaveLength(1);
    // Every word must be there.
    expect(found('gyroscopes armenia').case).toHaveLength(1);
    expect(found('gyroscopes tbilisi')).toEqual({});
    expect(found('zzqx')).toEqual({});
  });

  it('groups hits by type with their totals, a case record carrying its file number, the matched words marked', () => {
    const r = search('yerevan');
    expect(r.groups.map((g) => g.type)).toEqual(['case']);
    const hit = r.groups[0]?.hits[0];
    expect(hit?.caseFileNumber).toBe(ids.fileNumber);
    const marked = (hit?.snippet.marks ?? []).map(([a, b]) => hit?.snippet.text.slice(a, b));
    expect(marked).toEqual(['Yerevan']);
    const s = search('montreal').groups.find((g) => g.type === 'seizure')?.hits[0];
    expect(s?.titleMarks.map(([a, b]) => s.title.slice(a, b))).toEqual(['Montréal']);
    expect(s?.caseFileNumber).toBe(ids.fileNumber);
    // Only the asked types; perType caps the hits, not the total.
    expect(Object.keys(found('s', { types: ['entity'] }))).toEqual(['entity']);
    const capped = search('s', { types: ['entity'], perType: 2 }).groups[0];
    expect(capped?.hits).toHaveLength(2);
    expect(capped?.total).toBeGreaterThan(2);
  });

  it('ranks a match in the title above one in the text', () => {
    // The one named for it first, though the other is more recent.
    inv('entities.create', { kind: 'organization', legalName: 'Armenia Freight CJSC', country: 'AM' });
    inv('entities.create', {
      kind: 'organization',
      legalName: 'Kazakh Logistics LLP',
      country: 'KZ',
      notes: 'Ships through Armenia',
    });
    expect(found('armenia', { types: ['entity'] }).entity).toEqual(['Armenia Freight CJSC', 'Kazakh Logistics LLP']);
  });

  it('is kept in step by every write: a rename, a goods line added, a merge', () => {
    const view = inv<{ entity: { version: number } }>('entities.get', { id: ids.lodz });
    inv('entities.update', {
      id: ids.lodz,
      version: view.entity.version,
      kind: 'organization',
      legalName: 'Wrocław Photonics Sp. z o.o.',
      country: 'PL',
    });
    expect(found('lodz')).toEqual({});
    expect(found('wroclaw').entity).toEqual(['Wrocław Photonics Sp. z o.o.']);
    inv('seizures.addItem', {
      seizureId: ids.seizure,
      description: 'Thermal imaging cores',
      quantity: 2,
      unit: 'piece',
      value: { amountMinor: 90_000, currency: 'USD' },
    });
    expect(found('thermal').seizure).toEqual([`${ids.seizureNumber} · Port of Montréal`]);
    const twin = inv('entities.create', { kind: 'organization', legalName: 'Societe Generique Transit', country: 'FR' }).id;
    expect(found('generique').entity).toHaveLength(2);
    inv('entities.merge', { survivorId: ids.societe, mergedId: twin });
    // The merged record is found through its survivor, which keeps its name as an alias.
    expect(found('generique').entity).toEqual(['Société Générique de Transit SARL']);
  });

  it('refuses an empty query or an unknown type, naming the field', () => {
    expect(err(core.invoke('search.query', { q: '   ' }))).toMatchObject({ code: 'invalid_input', field: 'q' });
    expect(err(core.invoke('search.query', { q: 'x', types: ['note'] }))).toMatchObject({
      code: 'invalid_input',
      field: 'types.0',
    });
  });

  it('finds words inside evidence files once their text is read: plain text, CSV and PDF', async () => {
    const attach = async (name: string, mediaType: string, data: Buffer) => {
      const stored = await ingestStream(Readable.from([data]), core.dataDir);
      return inv('evidence.attach', { caseId: ids.case, sha256: stored.sha256, size: stored.size, originalName: name, mediaType })
        .id;
    };
    const pdf = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument();
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.text('Invoice 4471: twelve inertial measurement units shipped to Bandar Abbas');
      doc.end();
    });
    await attach('invoice.pdf', 'application/pdf', pdf);
    await attach('manifest.csv', 'text/csv', Buffer.from('container,consignee\nMSCU0058143,Ararat Trade\n'));
    await attach('photo.jpg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    // Found by name at once; by content once read.
    expect(found('invoice').evidence).toEqual(['invoice.pdf']);
    expect(found('bandar')).toEqual({});
    const r = await extractEvidenceText(core.db, core.dataDir, { now: new Date().toISOString() });
    expect(r).toEqual({ extracted: 3, withText: 2, missing: 0 });
    expect(found('bandar abbas').evidence).toEqual(['invoice.pdf']);
    expect(found('MSCU0058143').evidence).toEqual(['manifest.csv']);
    // Nothing left to read the second time; the files themselves are untouched.
    expect(await extractEvidenceText(core.db, core.dataDir, { now: new Date().toISOString() })).toEqual({
      extracted: 0,
      withText: 0,
      missing: 0,
    });
  });

  it('is built again from the records when the file asks for it, with the same answers', async () => {
    const before = search('a');
    core.db.exec('DELETE FROM search_docs; UPDATE search_meta SET built = 0');
    expect(found('gyroscopes')).toEqual({});
    core.close();
    core = await openCore(file, { actor: { name: 'Amélie Tremblay', badge: 'CBSA-4471' } });
    expect(core.db.prepare('SELECT built FROM search_meta').pluck().get()).toBe(1);
    expect(search('a')).toEqual(before);
    expect(fs.existsSync(file)).toBe(true);
  });
});
