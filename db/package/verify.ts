import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { decodeManifestPath } from './bag.ts';

/**
 * Checks a bag in a ZIP as any BagIt tool would (RFC 8493): bagit.txt, every manifest and tag
 * manifest, every payload file against each manifest, no file missing or extra, Payload-Oxum.
 * Entry names that climb out of the bag, absolute names and duplicates are refused before
 * anything is read. Every problem is listed, each naming its file.
 */

export type BagProblemKind =
  | 'unsafe_name'
  | 'duplicate_name'
  | 'no_bag'
  | 'bagit_txt'
  | 'missing'
  | 'extra'
  | 'altered'
  | 'payload_oxum'
  | 'tag_altered'
  | 'manifest'
  | 'unreadable';

export interface BagProblem {
  kind: BagProblemKind;
  /** The file, as named in the ZIP (or in the manifest, for a missing one). */
  path: string;
  message: string;
}

export interface BagReport {
  valid: boolean;
  problems: BagProblem[];
  /** The bag's folder in the ZIP ('' when at the root). */
  root: string;
  info: [string, string][];
  payloadFiles: number;
  payloadBytes: number;
}

const ALGORITHMS = ['sha256', 'sha512'] as const;
type Algorithm = (typeof ALGORITHMS)[number];

/** Why an entry name is not safe to unpack, or null. */
export function unsafeName(name: string): string | null {
  if (name.includes('\\')) return 'a backslash in the name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.split('/').some((s) => s === '..')) return 'it climbs out of the bag (..)';
  if (name.includes('\0')) return 'a NUL in the name';
  return null;
}

interface Entry {
  name: string;
  entry: yauzl.Entry;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // Names are checked here (unsafeName), so that a bad one is reported with the others rather than thrown.
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, decodeStrings: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    );
  });
}

function readEntries(zip: yauzl.ZipFile): Promise<{ name: string; entry: yauzl.Entry }[]> {
  return new Promise((resolve, reject) => {
    const out: { name: string; entry: yauzl.Entry }[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      const raw = entry.fileName as unknown;
      const name = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
      out.push({ name, entry });
      zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.on('error', reject);
    zip.readEntry();
  });
}

async function hashEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<{ sha256: string; sha512: string; bytes: number }> {
  const stream = await zip.openReadStreamPromise(entry);
  const h256 = createHash('sha256');
  const h512 = createHash('sha512');
  let bytes = 0;
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        h256.update(chunk);
        h512.update(chunk);
        bytes += chunk.length;
        done();
      },
    }),
  );
  return { sha256: h256.digest('hex'), sha512: h512.digest('hex'), bytes };
}

async function readText(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseManifest(text: string, file: string, problems: BagProblem[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const m = /^([0-9a-fA-F]+)\s+(.+)$/.exec(line.replace(/\r$/, ''));
    if (!m?.[1] || !m[2]) {
      problems.push({ kind: 'manifest', path: file, message: `${file}, line ${i + 1}: not "checksum  path"` });
      continue;
    }
    out.set(decodeManifestPath(m[2].replace(/^\*/, '')), m[1].toLowerCase());
  }
  return out;
}

export function parseBagInfo(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const last = out[out.length - 1];
    if (/^\s/.test(line) && last) {
      last[1] += ` ${line.trim()}`;
      continue;
    }
    const i = line.indexOf(':');
    if (i > 0) out.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return out;
}

export async function verifyBag(
  file: string,
  o: { progress?: (done: number, total: number, path: string) => void } = {},
): Promise<BagReport> {
  const problems: BagProblem[] = [];
  const report: BagReport = { valid: false, problems, root: '', info: [], payloadFiles: 0, payloadBytes: 0 };
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (err) {
    problems.push({ kind: 'unreadable', path: file, message: `${file} is not a readable ZIP (${(err as Error).message})` });
    return report;
  }
  try {
    const entries: Entry[] = (await readEntries(zip)).filter((e) => !e.name.endsWith('/'));
    const names = new Set<string>();
    for (const e of entries) {
      const why = unsafeName(e.name);
      if (why) problems.push({ kind: 'unsafe_name', path: e.name, message: `${e.name}: refused, ${why}` });
      if (names.has(e.name))
        problems.push({ kind: 'duplicate_name', path: e.name, message: `${e.name}: appears twice in the ZIP` });
      names.add(e.name);
    }
    if (problems.length) return report;

    const bagit = entries.find((e) => e.name === 'bagit.txt' || /^[^/]+\/bagit\.txt$/.test(e.name));
    if (!bagit) {
      problems.push({ kind: 'no_bag', path: file, message: `${file}: no bagit.txt at the top of the ZIP or of its one folder` });
      return report;
    }
    const root = bagit.name.slice(0, -'bagit.txt'.length);
    report.root = root.replace(/\/$/, '');
    const inBag = new Map(entries.filter((e) => e.name.startsWith(root)).map((e) => [e.name.slice(root.length), e.entry]));
    for (const e of entries) {
      if (!e.name.startsWith(root))
        problems.push({ kind: 'extra', path: e.name, message: `${e.name}: outside the bag's folder` });
    }

    const bagitText = await readText(zip, bagit.entry);
    const bagitLines = bagitText.replace(/\r\n/g, '\n').split('\n').filter(Boolean);
    if (
      bagitLines[0] !== 'BagIt-Version: 1.0' ||
      bagitLines[1] !== 'Tag-File-Character-Encoding: UTF-8' ||
      bagitLines.length !== 2
    ) {
      problems.push({
        kind: 'bagit_txt',
        path: bagit.name,
        message: `${bagit.name}: must say exactly "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8"`,
      });
    }
    const infoEntry = inBag.get('bag-info.txt');
    report.info = infoEntry ? parseBagInfo(await readText(zip, infoEntry)) : [];

    const manifests = new Map<Algorithm, Map<string, string>>();
    for (const alg of ALGORITHMS) {
      const m = inBag.get(`manifest-${alg}.txt`);
      if (m) manifests.set(alg, parseManifest(await readText(zip, m), `${root}manifest-${alg}.txt`, problems));
    }
    if (manifests.size === 0) {
      problems.push({
        kind: 'manifest',
        path: `${root}manifest-sha256.txt`,
        message: `${root}: no payload manifest (manifest-sha256.txt)`,
      });
    }
    const payload = [...inBag.entries()].filter(([name]) => name.startsWith('data/'));
    const listed = new Set<string>();
    for (const m of manifests.values()) for (const p of m.keys()) listed.add(p);
    let bytes = 0;
    let done = 0;
    for (const [name, entry] of payload) {
      o.progress?.(done++, payload.length, name);
      if (!listed.has(name)) {
        problems.push({
          kind: 'extra',
          path: root + name,
          message: `${root}${name}: in the bag but in no manifest (an added file)`,
        });
        continue;
      }
      const h = await hashEntry(zip, entry);
      bytes += h.bytes;
      for (const [alg, m] of manifests) {
        const want = m.get(name);
        if (want === undefined) {
          problems.push({ kind: 'manifest', path: root + name, message: `${root}${name}: missing from manifest-${alg}.txt` });
        } else if (want !== h[alg]) {
          problems.push({
            kind: 'altered',
            path: root + name,
            message: `${root}${name}: its ${alg.toUpperCase()} does not match the manifest (altered)`,
          });
        }
      }
    }
    const present = new Set(payload.map(([name]) => name));
    for (const p of listed) {
      if (!present.has(p))
        problems.push({
          kind: 'missing',
          path: root + p,
          message: `${root}${p}: listed in the manifest but not in the bag (removed)`,
        });
    }
    report.payloadFiles = payload.length;
    report.payloadBytes = bytes;

    const oxum = report.info.find(([l]) => l === 'Payload-Oxum')?.[1];
    if (oxum !== undefined && oxum !== `${bytes}.${payload.length}`) {
      problems.push({
        kind: 'payload_oxum',
        path: `${root}bag-info.txt`,
        message: `${root}bag-info.txt: Payload-Oxum says ${oxum}, the payload is ${bytes}.${payload.length} (octets.files)`,
      });
    }

    for (const alg of ALGORITHMS) {
      const tm = inBag.get(`tagmanifest-${alg}.txt`);
      if (!tm) continue;
      for (const [name, want] of parseManifest(await readText(zip, tm), `${root}tagmanifest-${alg}.txt`, problems)) {
        const entry = inBag.get(name);
        if (!entry) {
          problems.push({
            kind: 'missing',
            path: root + name,
            message: `${root}${name}: listed in tagmanifest-${alg}.txt but not in the bag`,
          });
          continue;
        }
        const h = await hashEntry(zip, entry);
        if (h[alg] !== want) {
          problems.push({
            kind: 'tag_altered',
            path: root + name,
            message: `${root}${name}: changed after the bag was made (tagmanifest-${alg}.txt)`,
          });
        }
      }
    }
    report.valid = problems.length === 0;
    return report;
  } finally {
    zip.close();
  }
}
