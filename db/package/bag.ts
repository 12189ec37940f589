import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/**
 * A BagIt 1.0 bag (RFC 8493) written as a ZIP, streamed: each payload file is hashed (SHA-256 and
 * SHA-512) on its way into the archive, so memory stays bounded whatever the evidence weighs, and
 * yazl switches to ZIP64 by itself past 4 GB. The manifests and tag files follow the payload.
 * The archive is written to `<out>.part` and renamed once complete: a cancelled or failed export
 * leaves no file.
 */

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

export type PayloadSource = { kind: 'buffer'; data: Buffer } | { kind: 'file'; file: string; size: number };

export interface PayloadFile {
  /** Under data/, with forward slashes (e.g. `evidence/photo.jpg`). */
  path: string;
  source: PayloadSource;
  /** Store without compression (evidence is mostly compressed already, and storing is fast). */
  store?: boolean;
}

/** bag-info.txt: labels in order; a label may repeat (an array). */
export type BagInfo = [label: string, value: string][];

export interface BagProgress {
  done: number;
  total: number;
  /** The file being packed. */
  file: string;
}

export interface WrittenBag {
  payloadOxum: string;
  bytes: number;
  files: number;
}

export class BagCancelled extends Error {
  constructor() {
    super('The export was cancelled');
    this.name = 'BagCancelled';
  }
}

/** RFC 8493 §2.1.3: in a manifest, CR, LF and % in a path are percent-encoded. */
export function encodeManifestPath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function decodeManifestPath(p: string): string {
  return p.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** A bag-info value on one line (RFC 8493 §2.2.2 allows folding; Dossier writes none). */
function infoLine(label: string, value: string): string {
  return `${label}: ${value.replace(/[\r\n]+/g, ' ')}\n`;
}

export function bagInfoText(info: BagInfo): string {
  return info.map(([l, v]) => infoLine(l, v)).join('');
}

/** The human form of a size, as BagIt tools write Bag-Size. */
export function bagSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

class Hasher extends Transform {
  readonly sha256 = createHash('sha256');
  readonly sha512 = createHash('sha512');
  bytes = 0;
  constructor(private readonly onBytes: (n: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.sha256.update(chunk);
    this.sha512.update(chunk);
    this.bytes += chunk.length;
    this.onBytes(chunk.length);
    done(null, chunk);
  }
}

function sourceStream(s: PayloadSource): Readable {
  if (s.kind === 'file') return fs.createReadStream(s.file);
  const pass = new PassThrough();
  pass.end(s.data);
  return pass;
}

function sizeOf(s: PayloadSource): number {
  return s.kind === 'file' ? s.size : s.data.length;
}

/**
 * Writes the bag to `out` (via `out.part`). `root` is the bag's folder inside the ZIP. Labels
 * Payload-Oxum, Bag-Size and Bag-Count are added to `info`.
 */
export async function writeBag(
  out: string,
  o: {
    root: string;
    payload: readonly PayloadFile[];
    info: BagInfo;
    progress?: (p: BagProgress) => void;
    cancelled?: () => boolean;
    mtime?: Date;
  },
): Promise<WrittenBag> {
  const seen = new Set<string>();
  for (const p of o.payload) {
    if (seen.has(p.path)) throw new Error(`two payload files named ${p.path}`);
    seen.add(p.path);
  }
  const part = `${out}.part`;
  const zip = new yazl.ZipFile();
  const mtime = o.mtime ?? new Date();
  const file = fs.createWriteStream(part);
  const written = pipeline(zip.outputStream, file);
  const total = o.payload.reduce((sum, p) => sum + sizeOf(p.source), 0);
  let done = 0;
  const lines256: string[] = [];
  const lines512: string[] = [];
  try {
    for (const p of o.payload) {
      if (o.cancelled?.()) throw new BagCancelled();
      o.progress?.({ done, total, file: p.path });
      const hasher = new Hasher((n) => {
        done += n;
      });
      const input = sourceStream(p.source);
      const into = new PassThrough();
      const entry = `${o.root}/data/${p.path}`;
      zip.addReadStream(into, entry, { mtime, compress: !p.store, size: sizeOf(p.source) });
      await pipeline(input, hasher, into);
      const rel = encodeManifestPath(`data/${p.path}`);
      lines256.push(`${hasher.sha256.digest('hex')}  ${rel}\n`);
      lines512.push(`${hasher.sha512.digest('hex')}  ${rel}\n`);
    }
    o.progress?.({ done, total, file: 'manifest-sha256.txt' });
    const payloadOxum = `${done}.${o.payload.length}`;
    const tags: [string, Buffer][] = [
      ['bagit.txt', Buffer.from(BAGIT_TXT, 'utf8')],
      [
        'bag-info.txt',
        Buffer.from(
          bagInfoText([...o.info, ['Payload-Oxum', payloadOxum], ['Bag-Size', bagSize(done)], ['Bag-Count', '1 of 1']]),
          'utf8',
        ),
      ],
      ['manifest-sha256.txt', Buffer.from(lines256.join(''), 'utf8')],
      ['manifest-sha512.txt', Buffer.from(lines512.join(''), 'utf8')],
    ];
    const tag256: string[] = [];
    const tag512: string[] = [];
    for (const [name, data] of tags) {
      zip.addBuffer(data, `${o.root}/${name}`, { mtime });
      tag256.push(`${createHash('sha256').update(data).digest('hex')}  ${name}\n`);
      tag512.push(`${createHash('sha512').update(data).digest('hex')}  ${name}\n`);
    }
    zip.addBuffer(Buffer.from(tag256.join(''), 'utf8'), `${o.root}/tagmanifest-sha256.txt`, { mtime });
    zip.addBuffer(Buffer.from(tag512.join(''), 'utf8'), `${o.root}/tagmanifest-sha512.txt`, { mtime });
    zip.end();
    await written;
    await fs.promises.rename(part, out);
    return { payloadOxum, bytes: done, files: o.payload.length };
  } catch (err) {
    file.destroy();
    await written.catch(() => undefined);
    await fs.promises.rm(part, { force: true });
    throw err;
  }
}
