/** `dossier export` and `dossier verify` through the real CLI: a package any BagIt tool and sha256sum accept, its report searchable. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import { ingestStream } from '../db/evidence-store.ts';
import { parseBagInfo } from '../db/package/verify.ts';
import { ok, tempDir } from './helpers.ts';
import { caseWithParties, newCore } from './enforcement-fixtures.ts';

const dir = tempDir();
const cli = path.resolve(import.meta.dirname, '..', 'bin', 'dossier.mjs');
let core: Core;
let fileNumber = '';
let seizureNumber = '';
const hashes: string[] = [];

function dossier(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args, '--db', core.file], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  core = await newCore(dir);
  ok(core.invoke('settings.update', { profile: { name: 'Amélie Tremblay', badge: 'B-4412', agency: 'CBSA' } }));
  const p = caseWithParties(core, { title: 'Gyroscopes to Iran via Armenia', notes: 'Informant says the consignee is a front' });
  fileNumber = ok<{ fileNumber: string }>(core.invoke('cases.get', { id: p.caseId })).fileNumber;
  ok(
    core.invoke('cases.addEntity', { caseId: p.caseId, entityId: p.personId, role: 'suspect', notes: 'Director, per informant' }),
  );
  seizureNumber = ok<{ seizureNumber: string }>(
    core.invoke('seizures.create', {
      caseId: p.caseId,
      seizedAt: '2026-03-10T16:30:00Z',
      place: 'Port of Montréal',
      seizedFromEntityId: p.consigneeId,
      items: [{ description: 'Гироскопы MEMS', quantity: 12, unit: 'piece', value: { amountMinor: 1_250_000, currency: 'USD' } }],
    }),
  ).seizureNumber;
  for (const [name, text] of [
    ['invoice.pdf', '%PDF invoice 2026-118'],
    ['invoice.pdf', '%PDF second invoice'],
  ] as const) {
    const file = await ingestStream(Readable.from([Buffer.from(text)]), core.dataDir as string);
    hashes.push(file.sha256);
    ok(core.invoke('evidence.attach', { caseId: p.caseId, ...file, originalName: name }));
  }
});

describe('dossier export', () => {
  it('writes a bag that dossier verify, unzip and sha256sum -c accept, with the report, records and evidence', () => {
    const out = path.join(dir, 'package.zip');
    const r = dossier(['export', fileNumber, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Exported case ${fileNumber} \\(prosecution\\)`));
    const v = dossier(['verify', out]);
    expect(v.status, v.stdout).toBe(0);
    expect(v.stdout).toMatch(/valid BagIt 1\.0 bag/);

    const unzipped = path.join(dir, 'unzipped');
    expect(spawnSync('unzip', ['-q', out, '-d', unzipped]).status).toBe(0);
    const bag = path.join(unzipped, fileNumber);
    expect(spawnSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag }).status).toBe(0);
    expect(spawnSync('sha512sum', ['-c', 'manifest-sha512.txt'], { cwd: bag }).status).toBe(0);
    expect(spawnSync('sha256sum', ['-c', 'tagmanifest-sha256.txt'], { cwd: bag }).status).toBe(0);

    const info = Object.fromEntries(parseBagInfo(fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8')));
    expect(info).toMatchObject({
      'Source-Organization': 'CBSA',
      'Contact-Name': 'Amélie Tremblay, B-4412',
      'External-Identifier': fileNumber,
      'Dossier-Profile': 'prosecution',
      'Bag-Count': '1 of 1',
    });
    expect(info['Dossier-Audit-Head']).toMatch(/^\d+ [0-9a-f]{64}$/);
    // Two files of one name: both kept, the second made unique; the index names each with its hash.
    expect(fs.readdirSync(path.join(bag, 'data', 'evidence')).sort()).toEqual(['index.csv', 'invoice (2).pdf', 'invoice.pdf']);
    const index = fs.readFileSync(path.join(bag, 'data', 'evidence', 'index.csv'), 'utf8');
    for (const h of hashes) expect(index).toContain(h);
    const caseJson = JSON.parse(fs.readFileSync(path.join(bag, 'data', 'case.json'), 'utf8')) as {
      schemaVersion: number;
      case: { fileNumber: string; notes: string };
      seizures: { seizureNumber: string }[];
      audit: { hash: string }[];
    };
    expect(caseJson.schemaVersion).toBe(1);
    expect(caseJson.case.notes).toBe('Informant says the consignee is a front');
    expect(caseJson.seizures.map((s) => s.seizureNumber)).toEqual([seizureNumber]);
    expect(caseJson.audit.length).toBeGreaterThan(5);

    // The report's text: the file number, the seizure number, every evidence hash.
    const text = spawnSync('pdftotext', ['-layout', path.join(bag, 'data', 'report', 'case-report.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(fileNumber);
    expect(text).toContain(seizureNumber);
    for (const h of hashes) expect(text.replace(/ /g, '')).toContain(h);
    expect(text).toContain('Гироскопы');
  });

  it('partner: leaves out the narrative notes and lists them in bag-info.txt', () => {
    const out = path.join(dir, 'partner.zip');
    expect(dossier(['export', fileNumber, '--out', out, '--profile', 'partner', '--locale', 'fr']).status).toBe(0);
    expect(dossier(['verify', out]).status).toBe(0);
    const unzipped = path.join(dir, 'partner');
    spawnSync('unzip', ['-q', out, '-d', unzipped]);
    const bag = path.join(unzipped, fileNumber);
    const infoText = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    expect(infoText).toMatch(/Dossier-Profile: partner/);
    expect(infoText).toMatch(/Dossier-Withheld: .*notes/);
    const caseJson = fs.readFileSync(path.join(bag, 'data', 'case.json'), 'utf8');
    expect(caseJson).not.toContain('Informant says the consignee is a front');
    expect(caseJson).not.toContain('Director, per informant');
  });

  it('refuses an unknown case or profile, and leaves no file', () => {
    const out = path.join(dir, 'nothing.zip');
    expect(dossier(['export', '1999-XXX-000001', '--out', out])).toMatchObject({ status: 1 });
    expect(dossier(['export', fileNumber, '--out', out, '--profile', 'press'])).toMatchObject({ status: 2 });
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.part`)).toBe(false);
  });
});
