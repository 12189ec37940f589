/**
 * Importing an evidence package, on real database files and through the real CLI: the round trip
 * (export, import into an empty database, export again: the same case.json, the same evidence),
 * the same package twice, tampered bags refused naming the file with nothing changed, a case
 * already here reported record by record and merged only when asked, a partner package with what it
 * withheld, an entity reused, numbers taken here, and a package made by hand that does not fit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import { ingestFile, ingestStream } from '../db/evidence-store.ts';
import { writeBag, type PayloadFile } from '../db/package/bag.ts';
import type { PackageJobResult } from '../db/package/import-job.ts';
import type { ImportResult, PackageInspection } from '../db/package/import.ts';
import type { SeizureDetail } from '../db/api.ts';
import { auditedTables } from '../db/shared/records.ts';
import { caseWithParties, newCore, type Parties } from './enforcement-fixtures.ts';
import { checkOf, err, ok, steppingClock, tempDir } from './helpers.ts';

const dir = tempDir();
const cli = path.resolve(import.meta.dirname, '..', 'bin', 'dossier.mjs');

function dossier(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every row of every table of a database file (the FTS shadow tables included), for before/after comparisons. */
function everyRow(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]));
  } finally {
    db.close();
  }
}

function storeListing(dataDir: string): string[] {
  const store = path.join(dataDir, 'evidence');
  if (!fs.existsSync(store)) return [];
  return (fs.readdirSync(store, { recursive: true }) as string[]).filter((p) => !p.startsWith('tmp')).sort();
}

function unzip(zip: string, into: string): string {
  fs.rmSync(into, { recursive: true, force: true });
  expect(spawnSync('unzip', ['-q', zip, '-d', into]).status).toBe(0);
  const [root] = fs.readdirSync(into);
  return path.join(into, root ?? '');
}

type Json = Record<string, unknown>;

function caseJson(bag: string): Json {
  return JSON.parse(fs.readFileSync(path.join(bag, 'data', 'case.json'), 'utf8')) as Json;
}

/**
 * case.json without what must differ between two exports: the package's id and time, the audit
 * extract (the importing database writes new, local audit records: packages.import, by whom, when;
 * the package's own extract is kept as it came on the import record), and the timeline's events
 * read from the audit trail (a case's status changes), for the same reason.
 */
function comparable(j: Json): Json {
  const { packageId: _p, exportedAt: _e, audit: _a, timeline, ...rest } = j;
  const t = timeline as { events: { id: string }[]; truncated: boolean };
  return { ...rest, timeline: { ...t, events: t.events.filter((e) => !e.id.startsWith('audit:')) } };
}

/** A ZIP copied entry by entry, `change` altering, dropping or renaming entries, then `extra` added (names that climb out too). */
async function rewrite(
  src: string,
  dst: string,
  change: (name: string, data: Buffer) => { name: string; data: Buffer } | null,
  extra: [string, Buffer][] = [],
): Promise<void> {
  const zip = await yauzl.openPromise(src, { lazyEntries: true });
  const out = new yazl.ZipFile();
  const done = new Promise<void>((resolve, reject) =>
    out.outputStream.pipe(fs.createWriteStream(dst)).on('close', resolve).on('error', reject),
  );
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      void zip.openReadStreamPromise(entry).then(async (stream) => {
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        const next = change(entry.fileName, Buffer.concat(chunks));
        if (next) out.addBuffer(next.data, next.name);
        zip.readEntry();
      }, reject);
    });
    zip.on('end', resolve);
    zip.readEntry();
  });
  // yazl refuses unsafe names itself: written under a stand-in of the same length, patched afterwards.
  for (const [name, data] of extra) out.addBuffer(data, name.replaceAll('..', 'XX'));
  out.end();
  await done;
  if (extra.some(([name]) => name.includes('..'))) {
    const bytes = fs.readFileSync(dst);
    for (const [name] of extra) {
      const fake = Buffer.from(name.replaceAll('..', 'XX'));
      for (let at = bytes.indexOf(fake); at >= 0; at = bytes.indexOf(fake, at + 1)) Buffer.from(name).copy(bytes, at);
    }
    fs.writeFileSync(dst, bytes);
  }
}

interface Crafted extends Parties {
  fileNumber: string;
  vesselId: string;
  seizure: SeizureDetail;
  penaltyId: string;
  detentionId: string;
  hashes: string[];
  possibleLinkId: string;
}

/** A case with everything a package carries: roles, links, a seizure with custody and a correction, a detention, a penalty with payments, evidence. */
async function craft(core: Core, title: string): Promise<Crafted> {
  const p = caseWithParties(core, {
    title,
    notes: 'Informant says the consignee is a front',
    legalAuthorities: 'Export and Import Permits Act, s. 13\nCustoms Act, s. 110',
    partnerAgencies: ['RCMP'],
  });
  const c = ok<{ fileNumber: string; version: number }>(core.invoke('cases.get', { id: p.caseId }));
  ok(core.invoke('cases.setStatus', { id: p.caseId, status: 'under_review' }));
  ok(core.invoke('cases.addEntity', { caseId: p.caseId, entityId: p.exporterId, role: 'exporter' }));
  ok(core.invoke('cases.addEntity', { caseId: p.caseId, entityId: p.consigneeId, role: 'consignee' }));
  ok(
    core.invoke('cases.addEntity', { caseId: p.caseId, entityId: p.personId, role: 'suspect', notes: 'Director, per informant' }),
  );
  const vesselId = ok<{ id: string }>(
    core.invoke('entities.create', {
      kind: 'conveyance',
      subtype: 'vessel',
      vesselName: 'Morskaya Zvezda',
      imoNumber: '9074729',
      flag: 'PA',
    }),
  ).id;
  ok(core.invoke('entities.link', { type: 'director_of', fromId: p.personId, toId: p.exporterId, source: 'Corporate registry' }));
  ok(core.invoke('entities.link', { type: 'located_at', fromId: p.consigneeId, toId: p.addressId, source: 'Invoice 2026-118' }));
  ok(
    core.invoke('entities.link', {
      type: 'owns',
      fromId: p.personId,
      toId: p.consigneeId,
      shareBp: 5100,
      source: 'Registry extract',
      confidence: 'probable',
      notes: 'Share held through a nominee',
    }),
  );
  const possibleLinkId = ok<{ id: string }>(
    core.invoke('entities.link', {
      type: 'associated',
      fromId: p.personId,
      toId: vesselId,
      source: 'Tip',
      confidence: 'possible',
    }),
  ).id;
  const seizure = ok<SeizureDetail>(
    core.invoke('seizures.create', {
      caseId: p.caseId,
      seizedAt: '2026-03-10T16:30:00Z',
      place: 'Port of Montréal',
      seizedFromEntityId: p.consigneeId,
      ownerEntityId: p.exporterId,
      claimantEntityIds: [p.personId],
      conveyanceEntityId: vesselId,
      termsOfRelease: { amount: { amountMinor: 2_500_000, currency: 'CAD' }, security: 'Bond, or a certified cheque' },
      notes: 'Crates 7 and 8, seals intact',
      items: [
        {
          description: 'Гироскопы MEMS',
          quantity: 12,
          unit: 'piece',
          hsCode: '901420',
          eccn: '7A994',
          value: { amountMinor: 1_250_000, currency: 'USD' },
        },
        {
          description: 'FPGA boards',
          quantity: 40,
          unit: 'piece',
          eccn: '3A001',
          value: { amountMinor: 800_000, currency: 'CAD' },
        },
      ],
    }),
  );
  const item = seizure.items[0];
  if (!item) throw new Error('an item expected');
  const move = {
    itemId: item.id,
    at: '2026-03-11T09:00:00Z',
    releasedBy: seizure.seizingOfficer,
    receivedBy: 'Omar Ahmed',
    fromLocation: 'Port of Montréal',
    toLocation: 'CBSA warehouse, Dorval',
    purpose: 'storage',
    condition: 'Sealed',
    sealNumbers: ['CBSA-1001'],
  };
  const first = ok<{ entry: { id: string } }>(core.invoke('custody.record', move)).entry;
  ok(
    core.invoke('custody.record', {
      ...move,
      at: '2026-03-12T10:00:00Z',
      releasedBy: 'Omar Ahmed',
      receivedBy: 'Dr. Priya Singh',
      fromLocation: 'CBSA warehouse, Dorval',
      toLocation: 'Laboratory',
      purpose: 'analysis',
      notes: 'Technical assessment',
    }),
  );
  ok(core.invoke('custody.record', { ...move, condition: 'Sealed, crate 7', correctsEntryId: first.id }));
  const detentionId = ok<{ id: string }>(
    core.invoke('detentions.create', {
      caseId: p.caseId,
      subject: 'shipment',
      startedAt: '2026-03-02T14:00:00Z',
      exporterId: p.exporterId,
      consigneeId: p.consigneeId,
      destinationCountry: 'AM',
      reason: 'The end user is unknown',
      notes: 'Held at the request of GAC',
    }),
  ).id;
  ok(
    core.invoke('detentions.addRequest', {
      detentionId,
      kind: 'end_use_certificate',
      requestedOn: '2026-03-03',
      dueOn: '2026-03-20',
    }),
  );
  const penaltyId = ok<{ id: string }>(
    core.invoke('penalties.create', {
      caseId: p.caseId,
      contraventionCode: 'C152',
      entityId: p.exporterId,
      amountMinor: 150_000,
      currency: 'CAD',
      assessedOn: '2026-02-01',
      notes: 'Second contravention in two years',
    }),
  ).id;
  for (const [amountMinor, paidOn] of [
    [40_000, '2026-02-15'],
    [25_000, '2026-03-01'],
  ] as const)
    ok(core.invoke('penalties.recordPayment', { penaltyId, amountMinor, currency: 'CAD', method: 'wire', paidOn }));
  const hashes: string[] = [];
  const attach = async (name: string, text: string, extra: Record<string, unknown> = {}) => {
    const file = await ingestStream(Readable.from([Buffer.from(text)]), core.dataDir);
    hashes.push(file.sha256);
    return ok<{ id: string }>(core.invoke('evidence.attach', { caseId: p.caseId, ...file, originalName: name, ...extra })).id;
  };
  await attach('invoice.pdf', `%PDF invoice 2026-118 ${title}`);
  await attach('invoice.pdf', `%PDF second invoice ${title}`, { description: 'Second copy\nfaxed' });
  await attach('crate-7.jpg', `JPEG crate 7 ${title}`, {
    subjectType: 'seized_item',
    subjectId: item.id,
    mediaType: 'image/jpeg',
  });
  const retired = await attach('registry.txt', `Registry extract ${title}`, { subjectType: 'entity', subjectId: p.exporterId });
  ok(core.invoke('evidence.retire', { id: retired, reason: 'Superseded by the certified copy' }));
  return {
    ...p,
    fileNumber: c.fileNumber,
    vesselId,
    seizure: ok<SeizureDetail>(core.invoke('seizures.get', { id: seizure.id })),
    penaltyId,
    detentionId,
    hashes,
    possibleLinkId,
  };
}

let source: Core;
let fx: Crafted;
const exported = path.join(dir, 'package.zip');
const target = path.join(dir, 'target', 'dossier.db');

beforeAll(async () => {
  source = await newCore(dir, steppingClock('2026-03-15T09:00:00.000Z', 1000));
  ok(source.invoke('settings.update', { profile: { name: 'Amélie Tremblay', badge: 'B-4412', agency: 'CBSA' } }));
  fx = await craft(source, 'Gyroscopes to Iran via Armenia');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const r = dossier(['export', fx.fileNumber, '--out', exported, '--db', source.file]);
  expect(r.status, r.stderr).toBe(0);
});

describe('dossier import: the round trip', () => {
  it('imports into an empty database, exports again the same case.json and evidence, and check is green', () => {
    const r = dossier(['import', exported, '--db', target, '--as', 'Jean Tremblay']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/valid BagIt 1\.0 bag/);
    expect(r.stdout).toMatch(/A new case here/);
    expect(r.stdout).toMatch(
      new RegExp(
        `Imported case ${fx.fileNumber}: added 1 case, 5 entities, 3 roles, 4 links, 1 seizure, 2 seized items, 3 custody entries, 1 detention, 1 information request, 1 penalty, 2 payments, 4 evidence files; 4 evidence files in the store, each checked against its SHA-256`,
      ),
    );

    const again = path.join(dir, 'again.zip');
    const e = dossier(['export', fx.fileNumber, '--out', again, '--db', target]);
    expect(e.status, e.stderr).toBe(0);
    const first = unzip(exported, path.join(dir, 'u1'));
    const second = unzip(again, path.join(dir, 'u2'));
    expect(comparable(caseJson(second))).toEqual(comparable(caseJson(first)));
    // The evidence files: the same names, the same bytes.
    const manifest = (bag: string) =>
      fs
        .readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('data/evidence/') && !l.endsWith('index.csv'))
        .sort();
    expect(manifest(second)).toEqual(manifest(first));
    expect(manifest(first)).toHaveLength(4);
    for (const h of fx.hashes) expect(manifest(second).join('\n')).toContain(h);
    expect(fs.readFileSync(path.join(second, 'data', 'evidence', 'index.csv'), 'utf8')).toBe(
      fs.readFileSync(path.join(first, 'data', 'evidence', 'index.csv'), 'utf8'),
    );

    const check = dossier(['check', '--db', target]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it('writes every record as it was exported, under its global id, each audited as packages.import', () => {
    const db = new Database(target, { readonly: true });
    try {
      const carried = [
        'case',
        'entity',
        'case_entity',
        'entity_link',
        'seizure',
        'seized_item',
        'custody_entry',
        'detention',
        'detention_info_request',
        'penalty',
        'penalty_payment',
        'evidence',
      ] as const;
      for (const type of carried) {
        const { table } = auditedTables[type];
        const ours = db.prepare(`SELECT * FROM ${table} ORDER BY seq`).all() as Json[];
        const theirs = source.db.prepare(`SELECT * FROM ${table} ORDER BY seq`).all() as Json[];
        // The source holds only this case, so every row of it came in: the same, apart from the local row number.
        const strip = (rows: Json[]) => rows.map(({ seq: _s, ...row }) => row);
        expect(strip(ours), type).toEqual(strip(theirs));
      }
      const audit = db.prepare('SELECT method, actor, record_type, case_id FROM audit_log ORDER BY seq').all() as Json[];
      expect(new Set(audit.map((a) => a.method))).toEqual(new Set(['packages.import']));
      expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['Jean Tremblay']));
      expect(audit.at(-1)).toMatchObject({ record_type: 'package_import', case_id: fx.caseId });
      const imp = db.prepare('SELECT * FROM package_imports').get() as Json;
      expect(imp).toMatchObject({
        case_id: fx.caseId,
        file_number: fx.fileNumber,
        mode: 'new',
        profile: 'prosecution',
        imported_by: 'Jean Tremblay',
        source_organization: 'CBSA',
        contact_name: 'Amélie Tremblay, B-4412',
        withheld: '[]',
      });
      // The package's audit extract is kept byte for byte beside it.
      const extract = db.prepare('SELECT text FROM package_import_extracts WHERE import_id = ?').pluck().get(imp.id);
      expect(extract).toBe(fs.readFileSync(path.join(dir, 'u1', fx.fileNumber, 'data', 'audit', 'audit-extract.json'), 'utf8'));
      // The identifier index follows the imported entities (the vessel's IMO number).
      expect(db.prepare('SELECT value FROM entity_identifiers WHERE entity_id = ?').pluck().all(fx.vesselId)).toEqual([
        '9074729',
      ]);
    } finally {
      db.close();
    }
    // The CLI's copy of the package is gone from the store; the evidence files are there.
    const listing = storeListing(path.dirname(target));
    expect(listing.filter((p) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p))).toHaveLength(4);
  });

  it('importing the same package twice changes nothing', () => {
    const before = everyRow(target);
    const store = storeListing(path.dirname(target));
    const r = dossier(['import', exported, '--db', target]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Already imported on .* by Jean Tremblay: nothing to do/);
    expect(everyRow(target)).toEqual(before);
    expect(storeListing(path.dirname(target))).toEqual(store);
  });
});

describe('dossier import: a tampered bag is refused, naming the file, and changes nothing', () => {
  const root = () => fx.fileNumber;
  const cases: [
    string,
    (name: string, data: Buffer) => { name: string; data: Buffer } | null,
    () => [string, Buffer][],
    (r: string) => RegExp,
  ][] = [
    [
      'one altered byte',
      (name, data) => {
        if (!name.endsWith('crate-7.jpg')) return { name, data };
        const copy = Buffer.from(data);
        copy[2] = (copy[2] ?? 0) ^ 1;
        return { name, data: copy };
      },
      () => [],
      (r) => new RegExp(`${r}/data/evidence/crate-7\\.jpg: its SHA256 does not match the manifest`),
    ],
    [
      'a file removed',
      (name, data) => (name.endsWith('invoice (2).pdf') ? null : { name, data }),
      () => [],
      (r) => new RegExp(`${r}/data/evidence/invoice \\(2\\)\\.pdf: listed in the manifest but not in the bag`),
    ],
    [
      'an extra file',
      (name, data) => ({ name, data }),
      () => [[`${root()}/data/evidence/extra.txt`, Buffer.from('slipped in')]],
      (r) => new RegExp(`${r}/data/evidence/extra\\.txt: in the bag but in no manifest`),
    ],
    [
      'an edited bag-info.txt',
      (name, data) =>
        name.endsWith('bag-info.txt') ? { name, data: Buffer.from(data.toString().replace('CBSA', 'RCMP')) } : { name, data },
      () => [],
      (r) => new RegExp(`${r}/bag-info\\.txt: changed after the bag was made`),
    ],
    [
      'a name that climbs out',
      (name, data) => ({ name, data }),
      () => [[`${root()}/../evil.sh`, Buffer.from('rm -rf /')]],
      (r) => new RegExp(`${r}/\\.\\./evil\\.sh: refused, it climbs out of the bag`),
    ],
  ];
  for (const [what, change, extra, message] of cases) {
    it(what, async () => {
      const bad = path.join(dir, `${what.replaceAll(' ', '-')}.zip`);
      await rewrite(exported, bad, change, extra());
      const fresh = path.join(dir, `fresh-${what.replaceAll(' ', '-')}`, 'dossier.db');
      fs.mkdirSync(path.dirname(fresh), { recursive: true });
      expect(dossier(['call', 'cases.list', '{}', '--db', fresh]).status).toBe(0);
      for (const db of [target, fresh]) {
        const before = everyRow(db);
        const store = storeListing(path.dirname(db));
        const r = dossier(['import', bad, '--db', db]);
        expect(r.status, r.stdout).toBe(1);
        expect(r.stdout).toMatch(/NOT a valid bag, \d+ problems?; nothing was imported/);
        expect(r.stdout).toMatch(message(fx.fileNumber));
        expect(everyRow(db)).toEqual(before);
        expect(storeListing(path.dirname(db))).toEqual(store);
      }
    });
  }

  it('the methods themselves refuse what they read from a tampered bag, naming the file', async () => {
    const core = await newCore(path.join(dir, 'methods'));
    type Change = (name: string, data: Buffer) => { name: string; data: Buffer } | null;
    const keep: Change = (name, data) => ({ name, data });
    const tries: [string, Change, [string, Buffer][], RegExp, string][] = [
      [
        'case.json altered',
        (name, data) =>
          name.endsWith('case.json')
            ? { name, data: Buffer.from(data.toString().replace('Gyroscopes', 'Gyroscopez')) }
            : { name, data },
        [],
        /data\/case\.json: its SHA-256 does not match .*manifest-sha256\.txt/,
        'package.file_altered',
      ],
      [
        'the manifest edited',
        (name, data) =>
          name.endsWith('/manifest-sha256.txt') ? { name, data: data.subarray(0, data.length - 1) } : { name, data },
        [],
        /manifest-sha256\.txt: its SHA-256 does not match .*tagmanifest-sha256\.txt/,
        'package.file_altered',
      ],
      [
        'an extra file',
        keep,
        [[`${fx.fileNumber}/data/x.txt`, Buffer.from('x')]],
        /data\/x\.txt: in the package but in no manifest/,
        'package.file_extra',
      ],
      [
        'a name that climbs out',
        keep,
        [[`${fx.fileNumber}/../x.sh`, Buffer.from('x')]],
        /\.\.\/x\.sh: refused, it climbs out/,
        'package.unsafe_name',
      ],
    ];
    for (const [what, change, extra, message, reason] of tries) {
      const bad = path.join(dir, `m-${what.replaceAll(' ', '-')}.zip`);
      await rewrite(exported, bad, change, extra);
      const stored = await ingestFile(bad, core.dataDir);
      const before = everyRow(core.file);
      for (const method of ['packages.inspect', 'packages.import']) {
        const e = err(core.invoke(method, stored));
        expect(e, `${what} ${method}`).toMatchObject({ code: 'invalid_input', field: 'sha256', reason });
        expect(e.message, what).toMatch(message);
      }
      expect(everyRow(core.file)).toEqual(before);
    }
  });
});

describe('a package for a case already here', () => {
  let later: string;
  let inspection: PackageInspection;

  it('is reported record by record: new, changed (brought in or kept) and only here', async () => {
    const here = await openCore(target, { clock: steppingClock('2026-03-15T12:00:00.000Z', 1000) });
    try {
      // Here, after the import: a note on the penalty, and a role of our own.
      const penalty = ok<{ version: number }>(here.invoke('penalties.get', { id: fx.penaltyId }));
      ok(here.invoke('penalties.update', { id: fx.penaltyId, version: penalty.version, notes: 'Counsel called on 15 March' }));
      ok(here.invoke('cases.addEntity', { caseId: fx.caseId, entityId: fx.vesselId, role: 'other', notes: 'Carrier' }));
    } finally {
      here.close();
    }
    // There, later still: the title and the penalty's notes changed, a custody movement, a payment, a new evidence file.
    const c = ok<{ version: number }>(source.invoke('cases.get', { id: fx.caseId }));
    ok(source.invoke('cases.update', { id: fx.caseId, version: c.version, title: 'Gyroscopes to Iran via Armenia and Georgia' }));
    const penalty = ok<{ version: number }>(source.invoke('penalties.get', { id: fx.penaltyId }));
    ok(source.invoke('penalties.update', { id: fx.penaltyId, version: penalty.version, notes: 'Appeal expected' }));
    const item = fx.seizure.items[1];
    if (!item) throw new Error('a second item expected');
    ok(
      source.invoke('custody.record', {
        itemId: item.id,
        at: '2026-03-13T08:00:00Z',
        releasedBy: fx.seizure.seizingOfficer,
        receivedBy: 'Omar Ahmed',
        fromLocation: 'Port of Montréal',
        toLocation: 'CBSA warehouse, Dorval',
        purpose: 'storage',
      }),
    );
    ok(
      source.invoke('penalties.recordPayment', {
        penaltyId: fx.penaltyId,
        amountMinor: 10_000,
        currency: 'CAD',
        method: 'cheque',
        paidOn: '2026-03-14',
      }),
    );
    const file = await ingestStream(Readable.from([Buffer.from('%PDF end-use certificate')]), source.dataDir);
    ok(source.invoke('evidence.attach', { caseId: fx.caseId, ...file, originalName: 'end-use certificate.pdf' }));
    later = path.join(dir, 'later.zip');
    expect(dossier(['export', fx.fileNumber, '--out', later, '--db', source.file]).status).toBe(0);

    const before = everyRow(target);
    const r = dossier(['import', later, '--db', target, '--json']);
    expect(r.status).toBe(1);
    const job = JSON.parse(r.stdout) as PackageJobResult;
    expect(job.refusal).toMatchObject({ code: 'invalid_input', field: 'mode', reason: 'package.case_exists' });
    expect(everyRow(target)).toEqual(before);
    inspection = job.inspection as PackageInspection;
    expect(inspection).toMatchObject({ status: 'exists', mode: 'merge', here: { fileNumber: fx.fileNumber } });
    const by = (type: string, change: string) => inspection.changes.filter((x) => x.type === type && x.change === change);
    expect(by('case', 'changed')).toEqual([
      expect.objectContaining({
        action: 'update',
        fields: [
          {
            field: 'title',
            here: 'Gyroscopes to Iran via Armenia',
            package: 'Gyroscopes to Iran via Armenia and Georgia',
            take: true,
            why: null,
          },
        ],
      }),
    ]);
    expect(by('penalty', 'changed')).toEqual([
      expect.objectContaining({
        action: 'keep',
        why: 'both_changed',
        fields: [
          { field: 'notes', here: 'Counsel called on 15 March', package: 'Appeal expected', take: false, why: 'both_changed' },
        ],
      }),
    ]);
    expect(by('custody_entry', 'new')).toHaveLength(1);
    expect(by('penalty_payment', 'new')).toHaveLength(1);
    expect(by('evidence', 'new')).toEqual([expect.objectContaining({ label: 'end-use certificate.pdf', action: 'add' })]);
    expect(by('case_entity', 'only_here')).toEqual([
      expect.objectContaining({ label: 'other: Morskaya Zvezda', why: 'not_in_package' }),
    ]);
    expect(inspection.counts.find((t) => t.type === 'entity')).toMatchObject({ inPackage: 5, same: 5 });

    const text = dossier(['import', later, '--db', target, '--inspect']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/is already here: what differs, record by record/);
    expect(text.stdout).toMatch(
      /~ case .*: changed, brought in\n\s+title: "Gyroscopes to Iran via Armenia" here, "Gyroscopes to Iran via Armenia and Georgia" in the package/,
    );
    expect(text.stdout).toMatch(/~ penalty .*: kept: changed here and there since it was imported \(ours is kept\)/);
    expect(text.stdout).toMatch(/= role other: Morskaya Zvezda: only here, kept/);
    expect(everyRow(target)).toEqual(before);
  });

  it('is merged only when asked: what is new and changed comes in, audited; nothing here is removed', () => {
    const rolesBefore = new Database(target, { readonly: true });
    const roleCount = rolesBefore.prepare('SELECT count(*) FROM case_entities').pluck().get() as number;
    const auditBefore = rolesBefore.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    rolesBefore.close();
    const r = dossier(['import', later, '--db', target, '--merge', '--as', 'Jean Tremblay']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /Merged into case .*: added 1 custody entry, 1 payment, 1 evidence file; updated 1 case; 1 changed records kept as here/,
    );
    const db = new Database(target, { readonly: true });
    try {
      expect(db.prepare('SELECT title FROM cases WHERE id = ?').pluck().get(fx.caseId)).toBe(
        'Gyroscopes to Iran via Armenia and Georgia',
      );
      expect(db.prepare('SELECT notes, paid_minor FROM penalties WHERE id = ?').get(fx.penaltyId)).toEqual({
        notes: 'Counsel called on 15 March',
        paid_minor: 75_000,
      });
      expect(db.prepare('SELECT count(*) FROM case_entities').pluck().get()).toBe(roleCount);
      const audit = db
        .prepare('SELECT method, record_type, before IS NULL AS created FROM audit_log WHERE seq > ? ORDER BY seq')
        .all(auditBefore) as Json[];
      expect(audit.map((a) => `${String(a.record_type)}${a.created ? '+' : '~'}`)).toEqual([
        'custody_entry+',
        'penalty_payment+',
        'evidence+',
        // The paid total of the penalty with its new payment (its notes, changed on both sides, stay ours).
        'penalty~',
        'case~',
        'package_import+',
      ]);
      expect(new Set(audit.map((a) => a.method))).toEqual(new Set(['packages.import']));
    } finally {
      db.close();
    }
    expect(dossier(['check', '--db', target]).status).toBe(0);
    const twice = dossier(['import', later, '--db', target, '--merge']);
    expect(twice.stdout).toMatch(/Already imported/);
  });
});

describe('through the jobs, as the app imports', () => {
  it('inspects, then imports: the bag verified, the evidence copied into the store, the records written', async () => {
    const core = await newCore(path.join(dir, 'jobs'));
    const pkg = await ingestFile(exported, core.dataDir);
    const run = async (kind: 'inspectPackage' | 'importPackage', input: { sha256: string; size: number; mode?: string }) => {
      let job = ok<{ id: string; status: string; result: PackageJobResult }>(core.invoke('jobs.start', { kind, input }));
      while (job.status === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        job = ok(core.invoke('jobs.get', { id: job.id }));
      }
      expect(job.status, JSON.stringify(job)).toBe('done');
      return job.result;
    };
    const inspected = await run('inspectPackage', pkg);
    expect(inspected.verify.valid).toBe(true);
    expect(inspected.inspection).toMatchObject({ status: 'new', mode: 'new', evidence: { files: 4, storedHere: 0 } });
    expect(core.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    const imported = await run('importPackage', { ...pkg, mode: 'new' });
    expect(imported.evidenceCopied).toBe(4);
    expect(imported.imported).toMatchObject({ outcome: 'imported', fileNumber: fx.fileNumber, added: 28 });
    expect(checkOf(core.db).problems).toEqual([]);
    const again = await run('importPackage', { ...pkg, mode: 'new' });
    expect(again.imported?.outcome).toBe('already_imported');
  });
});

describe('partner packages, shared entities, numbers taken here', () => {
  it('a partner package imports with what it lacks marked as withheld, and never blanks what we have', async () => {
    const partner = path.join(dir, 'partner.zip');
    expect(dossier(['export', fx.fileNumber, '--out', partner, '--profile', 'partner', '--db', source.file]).status).toBe(0);
    const core = await newCore(path.join(dir, 'partner'));
    const pkg = await ingestFile(partner, core.dataDir);
    const seen = ok<PackageInspection>(core.invoke('packages.inspect', pkg));
    expect(seen.profile).toBe('partner');
    expect(seen.withheld.map((w) => w.what)).toEqual(
      expect.arrayContaining([`notes of case ${fx.fileNumber}`, expect.stringMatching(/^a link of confidence "possible"/)]),
    );
    const stored = await Promise.all(
      ok<{ rows: { sha256: string }[] }>(source.invoke('evidence.list', { caseId: fx.caseId, includeRetired: true })).rows.map(
        (e) => ingestFile(path.join(source.dataDir, 'evidence', e.sha256.slice(0, 2), e.sha256), core.dataDir),
      ),
    );
    expect(stored.length).toBeGreaterThan(0);
    const result = ok<ImportResult>(core.invoke('packages.import', { ...pkg, mode: 'new' }));
    expect(result.withheld).toBe(seen.withheld.length);
    expect(core.db.prepare('SELECT notes FROM cases WHERE id = ?').pluck().get(fx.caseId)).toBe('');
    expect(core.db.prepare('SELECT count(*) FROM entity_links WHERE id = ?').pluck().get(fx.possibleLinkId)).toBe(0);
    const kept = JSON.parse(core.db.prepare('SELECT withheld FROM package_imports').pluck().get() as string) as {
      what: string;
    }[];
    expect(kept.map((w) => w.what)).toEqual(seen.withheld.map((w) => w.what));
    expect(checkOf(core.db).problems).toEqual([]);

    // Into the database that has the notes: the withheld notes are not taken for a change.
    const here = await openCore(target);
    try {
      const onTarget = ok<PackageInspection>(here.invoke('packages.inspect', await ingestFile(partner, here.dataDir)));
      expect(onTarget.changes.filter((c) => c.fields.some((f) => f.field === 'notes' && f.package === ''))).toEqual([]);
      expect(onTarget.changes.filter((c) => c.change === 'only_here' && c.type === 'entity_link')).toEqual([
        expect.objectContaining({ id: fx.possibleLinkId, why: 'withheld' }),
      ]);
    } finally {
      here.close();
    }
  });

  it('an entity already here is reused, not duplicated; a number taken here is replaced and said', async () => {
    // A second case at the source with the same exporter (and so its director, one link away), exported: the importing
    // database has the first case already.
    const second = ok<{ id: string; fileNumber: string }>(
      source.invoke('cases.create', { title: 'Second shipment', openedOn: '2026-02-01' }),
    );
    ok(source.invoke('cases.addEntity', { caseId: second.id, entityId: fx.exporterId, role: 'exporter' }));
    const out = path.join(dir, 'second.zip');
    expect(dossier(['export', second.fileNumber, '--out', out, '--db', source.file]).status).toBe(0);
    // Here, the second case's file number is taken by a case of our own.
    const core = await newCore(path.join(dir, 'numbers'));
    const ours = ok<{ fileNumber: string }>(core.invoke('cases.create', { title: 'Ours', openedOn: '2026-01-02' }));
    const first = ok<{ fileNumber: string }>(core.invoke('cases.create', { title: 'Ours too', openedOn: '2026-01-03' }));
    expect([ours.fileNumber, first.fileNumber]).toContain(second.fileNumber);
    for (const zip of [exported]) {
      const pkg = await ingestFile(zip, core.dataDir);
      for (const h of fx.hashes) await ingestFile(path.join(source.dataDir, 'evidence', h.slice(0, 2), h), core.dataDir);
      ok(core.invoke('packages.import', { ...pkg, mode: 'new' }));
    }
    const pkg = await ingestFile(out, core.dataDir);
    const seen = ok<PackageInspection>(core.invoke('packages.inspect', pkg));
    expect(seen.status).toBe('new');
    expect(seen.counts.find((t) => t.type === 'entity')).toMatchObject({ inPackage: 2, add: 0, same: 2 });
    expect(seen.changes).toEqual([expect.objectContaining({ type: 'case', change: 'new', renumber: true })]);
    const result = ok<ImportResult>(core.invoke('packages.import', { ...pkg, mode: 'new' }));
    expect(result.renumbered).toEqual([
      { type: 'case', id: second.id, from: second.fileNumber, to: expect.stringMatching(/^2026-EXP-\d{6}$/) },
    ]);
    expect(result.fileNumber).not.toBe(second.fileNumber);
    expect(core.db.prepare('SELECT count(*) FROM entities WHERE id = ?').pluck().get(fx.exporterId)).toBe(1);
    expect(checkOf(core.db).problems).toEqual([]);
  });
});

describe('packages made by hand', () => {
  let core: Core;
  beforeAll(async () => {
    core = await newCore(path.join(dir, 'hand'));
  });

  /** A valid bag (any BagIt tool makes one) around a case.json changed by `edit`. */
  async function handMade(name: string, edit: (j: Json) => void): Promise<{ sha256: string; size: number }> {
    const bag = unzip(exported, path.join(dir, `hand-${name}`));
    const j = caseJson(bag);
    // Without its evidence files (a bag made by hand of case.json alone).
    j.evidence = [];
    edit(j);
    const text = (s: string) => ({ kind: 'buffer' as const, data: Buffer.from(s) });
    const info = Object.fromEntries(
      fs
        .readFileSync(path.join(bag, 'bag-info.txt'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
    );
    const payload: PayloadFile[] = [
      { path: 'case.json', source: text(JSON.stringify(j)) },
      { path: 'audit/audit-extract.json', source: text('[]') },
    ];
    const out = path.join(dir, `hand-${name}.zip`);
    await writeBag(out, {
      root: fx.fileNumber,
      payload,
      info: ['Dossier-Package-Id', 'Dossier-Case-Id', 'Dossier-Profile'].map((l) => [l, String(info[l])] as [string, string]),
    });
    return ingestFile(out, core.dataDir);
  }

  it.each<[string, (j: Json) => void, string, RegExp]>([
    ['a title too long', (j) => ((j.case as Json).title = 'x'.repeat(301)), 'package.case_json', /case\.title/],
    [
      'a NUL in a name',
      (j) => (((j.entities as Json[])[0] as Json).name = 'a\u0000b'),
      'package.case_json',
      /entities\.0\.name: contains a control character/,
    ],
    [
      'a seizure of another case',
      (j) => (((j.seizures as Json[])[0] as Json).caseId = fx.penaltyId),
      'package.case_json',
      /seizures\.0\.caseId: names case/,
    ],
    [
      'a paid total its payments do not make',
      (j) => (((j.penalties as Json[])[0] as Json).paidMinor = 1),
      'package.case_json',
      /penalties\.0\.paidMinor/,
    ],
    [
      'an entity of no kind',
      (j) => (((j.entities as Json[])[0] as Json).kind = 'ship'),
      'package.case_json',
      /entities\.0\.kind/,
    ],
    [
      'a link to an entity nowhere',
      (j) => (((j.links as Json[])[0] as Json).toId = fx.penaltyId),
      'package.reference',
      /neither in the package nor here/,
    ],
    ['a newer schema', (j) => (j.schemaVersion = 2), 'package.schema_version', /schema version 2/],
    ['a field this Dossier does not know', (j) => ((j.case as Json).colour = 'red'), 'package.case_json', /case\.colour/],
  ])('%s is refused with the field, changing nothing', async (name, edit, reason, message) => {
    const pkg = await handMade(name.replaceAll(' ', '-'), edit);
    const before = everyRow(core.file);
    for (const method of ['packages.inspect', 'packages.import']) {
      const e = err(core.invoke(method, pkg));
      expect(e, method).toMatchObject({ code: 'invalid_input', field: 'sha256', reason });
      expect(e.message).toMatch(message);
    }
    expect(everyRow(core.file)).toEqual(before);
  });

  it('refuses a package the store does not hold, one of another size, and a file that is not a ZIP', async () => {
    expect(err(core.invoke('packages.inspect', { sha256: 'a'.repeat(64), size: 1 }))).toMatchObject({
      reason: 'package.not_stored',
    });
    const pdf = await ingestStream(Readable.from([Buffer.from('%PDF-1.7 not a zip')]), core.dataDir);
    expect(err(core.invoke('packages.inspect', { ...pdf, size: pdf.size + 1 }))).toMatchObject({
      field: 'size',
      reason: 'package.size_mismatch',
    });
    expect(err(core.invoke('packages.import', pdf))).toMatchObject({ field: 'sha256', reason: 'package.unreadable' });
    expect(err(core.invoke('packages.import', { ...pdf, mode: 'replace' }))).toMatchObject({ field: 'mode' });
  });

  it('refuses to import evidence whose file is not in the store yet (the job copies it first)', async () => {
    const pkg = await ingestFile(exported, core.dataDir);
    const before = everyRow(core.file);
    expect(err(core.invoke('packages.import', pkg))).toMatchObject({ field: 'sha256', reason: 'package.evidence_not_stored' });
    expect(everyRow(core.file)).toEqual(before);
  });
});
