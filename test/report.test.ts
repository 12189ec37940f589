/** The printed records (db/report/): what their text holds, as pdftotext (poppler-utils) reads it. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import { ingestStream } from '../db/evidence-store.ts';
import { collectCase, type CaseData } from '../db/package/case-data.ts';
import { renderCaseReport, renderCaseSummary, renderCustodyRecord, type ReportOptions } from '../db/report/index.ts';
import { caseWithParties, newCore } from './enforcement-fixtures.ts';
import { ok, tempDir } from './helpers.ts';

const dir = tempDir();
const CYRILLIC = 'Дмитрий Волков';
const ACCENTED = 'Société d’Électronique Laurentienne Ltée';
const SECRET_NOTE = 'Tip from informant ÉPERVIER about the Yerevan warehouse';

interface World {
  core: Core;
  caseId: string;
  seizureIds: string[];
  moves: { receivedBy: string; toLocation: string; seal: string; condition: string }[];
}

async function world(): Promise<World> {
  const core = await newCore(dir);
  const p = caseWithParties(core, {
    title: 'Détournement de cartes FPGA vers la Russie via l’Arménie',
    summary: 'Cartes FPGA déclarées comme électronique générale, réexpédiées à Moscou.',
    notes: SECRET_NOTE,
    securityMarking: 'protected_b',
  });
  const inv = <T = { id: string }>(method: string, input: unknown) => ok<T>(core.invoke(method, input));
  const accented = inv('entities.create', { kind: 'organization', legalName: ACCENTED, country: 'CA' }).id;
  const russian = inv('entities.create', {
    kind: 'person',
    givenName: 'Дмитрий',
    familyName: 'Волков',
    nationality: 'RU',
    identityDocuments: [{ type: 'passport', number: '753108841', country: 'RU' }],
  }).id;
  inv('cases.addEntity', { caseId: p.caseId, entityId: accented, role: 'exporter', notes: '' });
  inv('cases.addEntity', { caseId: p.caseId, entityId: russian, role: 'end_user', notes: '' });
  inv('entities.link', {
    type: 'agent_for',
    fromId: russian,
    toId: p.consigneeId,
    source: 'Intercepted e-mail',
    confidence: 'possible',
  });
  const seize = (seizedAt: string, place: string, items: unknown[]) =>
    inv<{ id: string; items: { id: string }[] }>('seizures.create', {
      caseId: p.caseId,
      seizedAt,
      place,
      seizingOfficer: 'Insp. Hélène Côté',
      seizedFromEntityId: accented,
      items,
    });
  const first = seize('2026-02-10T09:00:00Z', 'Port de Montréal, quai 27', [
    { description: 'Cartes FPGA Virtex-7', quantity: 40, eccn: '3A001', value: { amountMinor: 123_456_789, currency: 'CAD' } },
    { description: 'Câbles blindés', quantity: 3, value: { amountMinor: 4_999, currency: 'USD' } },
  ]);
  const second = seize('2026-02-12T15:30:00Z', 'Aéroport Montréal-Trudeau', [
    { description: 'Modules GNSS', quantity: 12, eccn: '7A994', value: { amountMinor: 990_000, currency: 'CAD' } },
  ]);
  const itemId = first.items[0]?.id ?? '';
  const moves = [
    { receivedBy: 'Omar Ahmed', toLocation: 'Entrepôt 4, Dorval', seal: 'CBSA-1001', condition: 'Scellé intact' },
    {
      receivedBy: 'Dr Priya Singh',
      toLocation: 'Laboratoire de l’ASFC, Ottawa',
      seal: 'LAB-22',
      condition: 'Ouvert pour analyse',
    },
    {
      receivedBy: 'Греф Андрей',
      toLocation: 'Salle des pièces à conviction, Palais de justice',
      seal: 'COURT-7',
      condition: 'Resealed',
    },
  ];
  let holder = 'Insp. Hélène Côté';
  let at = 'Port de Montréal, quai 27';
  let lastId: string | undefined;
  moves.forEach((m, i) => {
    lastId = inv<{ entry: { id: string } }>('custody.record', {
      itemId,
      at: `2026-02-1${i + 1}T20:00:00Z`,
      releasedBy: holder,
      receivedBy: m.receivedBy,
      fromLocation: at,
      toLocation: m.toLocation,
      purpose: i === 1 ? 'analysis' : i === 2 ? 'court' : 'storage',
      condition: m.condition,
      sealNumbers: [m.seal],
    }).entry.id;
    holder = m.receivedBy;
    at = m.toLocation;
  });
  // A correction of the last movement: the first version stays on record.
  inv('custody.record', {
    itemId,
    at: '2026-02-13T20:30:00Z',
    releasedBy: 'Dr Priya Singh',
    receivedBy: 'Греф Андрей',
    fromLocation: 'Laboratoire de l’ASFC, Ottawa',
    toLocation: 'Salle des pièces à conviction, Palais de justice',
    purpose: 'court',
    condition: 'Resealed',
    sealNumbers: ['COURT-7'],
    correctsEntryId: lastId,
  });
  const detention = inv('detentions.create', {
    caseId: p.caseId,
    subject: 'goods',
    startedAt: '2026-02-01T10:00:00Z',
    place: 'Port de Montréal',
    exporterId: accented,
  }).id;
  inv('detentions.addRequest', {
    detentionId: detention,
    kind: 'end_use_certificate',
    requestedOn: '2026-02-02',
    dueOn: '2026-02-20',
  });
  const penalty = inv('penalties.create', {
    caseId: p.caseId,
    contraventionCode: 'C151',
    entityId: accented,
    amountMinor: 9_007_199_254_740_991,
    currency: 'CAD',
    assessedOn: '2026-03-01',
  }).id;
  inv('penalties.recordPayment', { penaltyId: penalty, paidOn: '2026-03-05', amountMinor: 1, currency: 'CAD', method: 'wire' });
  for (const [name, text] of [
    ['facture-commerciale-2026-118.pdf', '%PDF commercial invoice 2026-118'],
    ['photo caisse 7.jpg', 'JPEG of crate 7, seal 0042'],
  ] as const) {
    const stored = await ingestStream(Readable.from([Buffer.from(text)]), core.dataDir);
    inv('evidence.attach', {
      caseId: p.caseId,
      sha256: stored.sha256,
      size: stored.size,
      originalName: name,
      mediaType: 'application/pdf',
    });
  }
  return { core, caseId: p.caseId, seizureIds: [first.id, second.id], moves };
}

const options = (locale: 'en' | 'fr', extra: Partial<ReportOptions> = {}): ReportOptions => ({
  locale,
  packageId: '6f1c2a8e-3b7d-4c1e-9a55-0d2e7b4f9c31',
  investigator: { name: 'Marie Tremblay', badge: 'CBSA-4471', agency: 'Agence des services frontaliers du Canada' },
  generatedAt: '2026-03-15T14:05:00.000Z',
  marking: 'protected_b',
  ...extra,
});

let n = 0;
function pdfText(pdf: Buffer): { text: string; pages: number; fonts: string } {
  const file = path.join(dir, `report-${++n}.pdf`);
  fs.writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  return {
    text: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
    pages,
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
  };
}

let w: World;
let full: CaseData;
let partner: CaseData;
beforeAll(async () => {
  w = await world();
  full = collectCase(w.core.db, w.caseId, 'prosecution');
  partner = collectCase(w.core.db, w.caseId, 'partner');
});

describe('renderCaseReport', () => {
  it.each(['en', 'fr'] as const)(
    'prints every number, hash and name in %s, with the page count on every page',
    async (locale) => {
      const pdf = await renderCaseReport(full, options(locale));
      const { text, pages, fonts } = pdfText(pdf);
      expect(text).toContain(full.case.fileNumber);
      expect(full.seizures).toHaveLength(2);
      for (const s of full.seizures) expect(text).toContain(s.seizureNumber);
      expect(text).toContain(full.detentions[0]?.detentionNumber);
      expect(text).toContain(full.penalties[0]?.noticeNumber);
      expect(full.evidence).toHaveLength(2);
      for (const e of full.evidence) expect(text).toContain(e.sha256);
      expect(text).toContain(CYRILLIC);
      expect(text).toContain(ACCENTED);
      expect(text).toContain('Détournement de cartes FPGA');
      expect(text).toContain('PROTECTED B / PROTÉGÉ B');
      const word = locale === 'en' ? 'of' : 'sur';
      expect(pages).toBeGreaterThan(8);
      for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} ${word} ${pages}`);
      expect(text).toContain(SECRET_NOTE);
      // Exact money, in the locale: 2^53 - 1 cents.
      if (locale === 'en') expect(text).toContain('CAD 90,071,992,547,409.91');
      else expect(text).toMatch(/90[\s\u00a0\u202f]071[\s\u00a0\u202f]992[\s\u00a0\u202f]547[\s\u00a0\u202f]409,91[\s\u00a0]CAD/);
      expect(text).toContain('UTC');
      // Every font is DejaVu, embedded: never a system font.
      const fontLines = fonts.split('\n').slice(2).filter(Boolean);
      expect(fontLines.length).toBeGreaterThan(0);
      for (const line of fontLines) expect(line).toMatch(/\+DejaVuSans[\w-]* .* yes\s+yes\s+yes/);
    },
  );

  it('names its sections in the table of contents with the page each starts on', async () => {
    const file = path.join(dir, 'contents.pdf');
    fs.writeFileSync(file, await renderCaseReport(full, options('en')));
    const page = (p: number) =>
      execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' });
    const entries = [...page(2).matchAll(/^(\d+)\.\s+(.+?)\s+[. ]+\s(\d+)\s*$/gm)].map((m) => ({
      title: m[2] ?? '',
      page: Number(m[3]),
    }));
    expect(entries.map((e) => e.title)).toEqual([
      'Summary',
      'Subjects and their roles',
      'Seizures and goods',
      'Chain of custody',
      'Detentions',
      'Penalties and payments',
      'Evidence index',
      'Timeline',
      'Notes on this report',
    ]);
    for (const e of entries) expect(page(e.page), e.title).toMatch(new RegExp(`^\\s*${e.title}\\s*$`, 'm'));
    expect(entries.map((e) => e.page)).toEqual([...entries.map((e) => e.page)].sort((a, b) => a - b));
  });

  it('for a partner, leaves the narrative out and says what was withheld', async () => {
    for (const [locale, heading] of [
      ['en', 'Withheld from this package'],
      ['fr', 'Éléments non communiqués'],
    ] as const) {
      const { text } = pdfText(await renderCaseReport(partner, options(locale)));
      expect(text).not.toContain(SECRET_NOTE);
      expect(text).toContain(heading);
      expect(text).toContain(full.case.fileNumber);
    }
  });

  it('draws the link chart of the case with its legend, and prints the same file for the same data', async () => {
    const pdf = await renderCaseReport(full, options('en'));
    const { text } = pdfText(pdf);
    expect(text).toContain('Figure 1. Link chart of the case');
    // The legend names each kind drawn and each confidence; the names of the case's own entities are printed.
    const flat = text.replace(/\s+/g, ' ');
    for (const word of ['Person', 'Organization', 'Confirmed', 'Probable', 'Possible']) expect(flat).toContain(word);
    expect(flat).toContain(CYRILLIC);
    expect((await renderCaseReport(full, options('en'))).equals(pdf)).toBe(true);
    // A case without links has no figure.
    const unlinked = { ...full, links: [] };
    expect(pdfText(await renderCaseReport(unlinked, options('en'))).text).not.toContain('Figure 1.');
    const fr = pdfText(await renderCaseReport(full, options('fr'))).text;
    expect(fr).toContain('Figure 1. Graphe des liens du dossier');
  });
});

describe('renderCustodyRecord', () => {
  it.each(['en', 'fr'] as const)(
    'lists every movement of the item with names, places, seals, condition and signature lines (%s)',
    async (locale) => {
      const pdf = await renderCustodyRecord(full, { seizureId: w.seizureIds[0] ?? '' }, options(locale));
      const { text, pages } = pdfText(pdf);
      const item = full.seizures[0]?.items[0];
      expect(item?.custody.entries).toHaveLength(4);
      const movement = locale === 'en' ? 'Movement' : 'Mouvement';
      for (let i = 1; i <= 3; i++) expect(text).toContain(`${movement} ${i}`);
      const flat = text.replace(/\s+/g, ' ');
      for (const m of w.moves) {
        expect(flat).toContain(m.receivedBy);
        expect(flat).toContain(m.toLocation);
        expect(flat).toContain(m.seal);
        expect(flat).toContain(m.condition);
        expect(flat).toContain(`Signature${locale === 'fr' ? ' :' : ':'} ${m.receivedBy}`);
      }
      expect(flat).toContain('Insp. Hélène Côté');
      expect(flat).toContain(locale === 'en' ? 'Corrected by a later entry' : 'Corrigée par une inscription ultérieure');
      expect(flat).toContain(full.seizures[0]?.seizureNumber);
      // Both items of the seizure, each with its certification.
      const certification = locale === 'en' ? 'Certification of the custodian' : 'Attestation du gardien';
      expect(flat.split(certification)).toHaveLength(3);
      expect(text).toContain(locale === 'en' ? `Page 1 of ${pages}` : `Page 1 sur ${pages}`);
    },
  );

  it('prints one item when asked, and refuses a seizure or an item the case does not hold', async () => {
    const s = full.seizures[0];
    const one = pdfText(await renderCustodyRecord(full, { seizureId: s?.id ?? '', itemId: s?.items[1]?.id }, options('en')));
    expect(one.text).toContain('Câbles blindés');
    expect(one.text).not.toContain('Cartes FPGA Virtex-7');
    await expect(renderCustodyRecord(full, { seizureId: w.caseId }, options('en'))).rejects.toMatchObject({
      code: 'not_found',
      field: 'seizureId',
    });
    await expect(renderCustodyRecord(full, { seizureId: s?.id ?? '', itemId: w.caseId }, options('en'))).rejects.toMatchObject({
      code: 'not_found',
      field: 'itemId',
    });
  });
});

describe('renderCaseSummary', () => {
  it('fits on one page, even with a long summary and many subjects', async () => {
    const small = pdfText(await renderCaseSummary(full, options('fr')));
    expect(small.pages).toBe(1);
    expect(small.text).toContain(full.case.fileNumber);
    expect(small.text).toContain(CYRILLIC);
    expect(small.text).toContain('Page 1 sur 1');
    const many = Array.from({ length: 40 }, (_, i) => ({ ...full.entities[0], id: `e${i}`, name: `Entité ${i}`, hop: 0 }));
    const big: CaseData = {
      ...full,
      case: { ...full.case, summary: 'Les marchandises ont été déclarées sous une fausse description. '.repeat(80) },
      entities: [...full.entities, ...many] as CaseData['entities'],
    };
    const long = pdfText(await renderCaseSummary(big, options('en')));
    expect(long.pages).toBe(1);
    expect(long.text).toContain('The summary continues in the full case report.');
    expect(long.text).toMatch(/and \d+ more \(see the full case report\)/);
  });
});

describe('dossier report', () => {
  const bin = path.resolve(import.meta.dirname, '..', 'bin', 'dossier.mjs');
  const run = (args: string[]) => {
    try {
      return {
        code: 0,
        out: execFileSync(process.execPath, [bin, ...args, '--db', w.core.file], { encoding: 'utf8', stdio: 'pipe' }),
      };
    } catch (e) {
      const failed = e as { status: number; stderr: string };
      return { code: failed.status, out: failed.stderr };
    }
  };

  it('prints a case report by file number, a custody record by seizure number, and refuses an unknown number', () => {
    const report = path.join(dir, 'cli-report.pdf');
    expect(run(['report', full.case.fileNumber, '--out', report, '--locale', 'fr']).code).toBe(0);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', report, '-'], { encoding: 'utf8' });
    expect(text).toContain('Rapport d’enquête');
    for (const e of full.evidence) expect(text).toContain(e.sha256);
    const custody = path.join(dir, 'cli-custody.pdf');
    const number = full.seizures[1]?.seizureNumber ?? '';
    expect(run(['report', number, '--out', custody]).code).toBe(0);
    const custodyText = execFileSync('pdftotext', ['-enc', 'UTF-8', custody, '-'], { encoding: 'utf8' });
    expect(custodyText).toContain(`Chain of custody record · ${number}`);
    expect(custodyText).toContain('Modules GNSS');
    const missing = path.join(dir, 'cli-missing.pdf');
    const refused = run(['report', '2026-SZ-999999', '--out', missing]);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.out).toContain('2026-SZ-999999');
    expect(fs.existsSync(missing) || fs.existsSync(`${missing}.part`)).toBe(false);
    expect(run(['report', full.case.fileNumber, '--out', missing, '--locale', 'de']).code).toBe(2);
  });
});
