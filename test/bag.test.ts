/** The BagIt writer and verifier: a bag that any tool accepts, and each kind of tampering named by file. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { BagCancelled, writeBag, type PayloadFile } from '../db/package/bag.ts';
import { verifyBag } from '../db/package/verify.ts';
import { tempDir } from './helpers.ts';

const dir = tempDir();
const good = path.join(dir, 'good.zip');
const evidenceFile = path.join(dir, 'photo.jpg');

/** Copies a ZIP entry by entry, letting `change` alter, drop or rename entries, then adding `extra`. */
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
  // yazl refuses unsafe names itself: write those raw through a renamed entry patched afterwards.
  for (const [name, data] of extra) out.addBuffer(data, name.replaceAll('..', 'XX'));
  out.end();
  await done;
  if (extra.some(([name]) => name.includes('..'))) {
    const bytes = fs.readFileSync(dst);
    for (const [name] of extra) {
      const fake = Buffer.from(name.replaceAll('..', 'XX'));
      let at = bytes.indexOf(fake);
      while (at >= 0) {
        Buffer.from(name).copy(bytes, at);
        at = bytes.indexOf(fake, at + 1);
      }
    }
    fs.writeFileSync(dst, bytes);
  }
}

beforeAll(async () => {
  fs.writeFileSync(evidenceFile, Buffer.alloc(300_000, 7));
  const payload: PayloadFile[] = [
    { path: 'case.json', source: { kind: 'buffer', data: Buffer.from('{"fileNumber":"EXP-2026-0001","title":"Королёв"}') } },
    { path: 'evidence/photo.jpg', source: { kind: 'file', file: evidenceFile, size: 300_000 }, store: true },
    { path: 'evidence/note 100%.txt', source: { kind: 'buffer', data: Buffer.from('Société Lumière\n') } },
  ];
  await writeBag(good, {
    root: 'EXP-2026-0001',
    payload,
    info: [
      ['Source-Organization', 'CBSA'],
      ['External-Identifier', 'EXP-2026-0001'],
    ],
  });
});

describe('a bag written by Dossier', () => {
  it('holds bagit.txt exactly, bag-info with Payload-Oxum, both manifests and tag manifests, and verifies', async () => {
    const report = await verifyBag(good);
    expect(report.problems).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.root).toBe('EXP-2026-0001');
    const info = Object.fromEntries(report.info);
    expect(info['Payload-Oxum']).toBe(`${report.payloadBytes}.3`);
    expect(info['Bag-Count']).toBe('1 of 1');
    expect(info['External-Identifier']).toBe('EXP-2026-0001');
  });

  it('checks with unzip and sha256sum -c alone, without Dossier', () => {
    const out = path.join(dir, 'unzipped');
    expect(spawnSync('unzip', ['-q', good, '-d', out]).status).toBe(0);
    const bag = path.join(out, 'EXP-2026-0001');
    expect(fs.readFileSync(path.join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    // The one path with a % is percent-encoded in the manifest (RFC 8493); sha256sum reads it as written.
    const manifest = fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8');
    expect(manifest).toContain('data/evidence/note 100%25.txt');
    const plain = manifest.replace('100%25', '100%');
    fs.writeFileSync(path.join(dir, 'plain-manifest.txt'), plain);
    const check = spawnSync('sha256sum', ['-c', path.join(dir, 'plain-manifest.txt')], { cwd: bag, encoding: 'utf8' });
    expect(check.stdout.trim().split('\n')).toHaveLength(3);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const tags = spawnSync('sha256sum', ['-c', 'tagmanifest-sha256.txt'], { cwd: bag, encoding: 'utf8' });
    expect(tags.status, tags.stdout).toBe(0);
  });

  it('leaves no file when cancelled', async () => {
    const out = path.join(dir, 'cancelled.zip');
    await expect(
      writeBag(out, {
        root: 'x',
        payload: [{ path: 'a.txt', source: { kind: 'buffer', data: Buffer.from('a') } }],
        info: [],
        cancelled: () => true,
      }),
    ).rejects.toBeInstanceOf(BagCancelled);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });
});

describe('a tampered bag fails, naming the file', () => {
  const cases: [string, (name: string, data: Buffer) => { name: string; data: Buffer } | null, [string, Buffer][], RegExp][] = [
    [
      'one altered byte',
      (name, data) => {
        if (!name.endsWith('photo.jpg')) return { name, data };
        const copy = Buffer.from(data);
        copy[1000] = 8;
        return { name, data: copy };
      },
      [],
      /data\/evidence\/photo\.jpg: its SHA256 does not match/,
    ],
    [
      'a file removed',
      (name, data) => (name.endsWith('case.json') ? null : { name, data }),
      [],
      /data\/case\.json: listed in the manifest but not in the bag/,
    ],
    [
      'an extra file',
      (name, data) => ({ name, data }),
      [['EXP-2026-0001/data/extra.txt', Buffer.from('x')]],
      /data\/extra\.txt: in the bag but in no manifest/,
    ],
    [
      'an edited bag-info.txt',
      (name, data) =>
        name.endsWith('bag-info.txt') ? { name, data: Buffer.from(data.toString().replace('CBSA', 'RCMP')) } : { name, data },
      [],
      /bag-info\.txt: changed after the bag was made/,
    ],
    [
      'a bad bagit.txt',
      (name, data) => (name.endsWith('/bagit.txt') ? { name, data: Buffer.from('BagIt-Version: 0.97\n') } : { name, data }),
      [],
      /bagit\.txt: must say exactly/,
    ],
    [
      'a name that climbs out',
      (name, data) => ({ name, data }),
      [['EXP-2026-0001/../evil.sh', Buffer.from('rm -rf /')]],
      /\.\.\/evil\.sh: refused, it climbs out of the bag/,
    ],
  ];
  for (const [what, change, extra, message] of cases) {
    it(what, async () => {
      const bad = path.join(dir, `${what.replaceAll(' ', '-')}.zip`);
      await rewrite(good, bad, change, extra);
      const report = await verifyBag(bad);
      expect(report.valid).toBe(false);
      expect(report.problems.map((p) => p.message).join('\n')).toMatch(message);
    });
  }

  it('a Payload-Oxum that does not match the payload', async () => {
    const bad = path.join(dir, 'oxum.zip');
    await rewrite(good, bad, (name, data) =>
      name.endsWith('bag-info.txt')
        ? { name, data: Buffer.from(data.toString().replace(/Payload-Oxum: \d+/, 'Payload-Oxum: 1')) }
        : { name, data },
    );
    const report = await verifyBag(bad);
    expect(report.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['payload_oxum', 'tag_altered']));
  });
});
