import fs from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { unsafeName } from './verify.ts';

/**
 * A ZIP read synchronously, for the few small files an import reads inside its transaction
 * (bagit.txt, bag-info.txt, the manifests, case.json, the audit extract). The central directory
 * (ZIP64 included, as yazl writes past 4 GB) is read once; an entry is read by seeking to it, so
 * a package of any size costs only the entries asked for. Big files (evidence) are streamed by the
 * import job with yauzl, never through here.
 */

export class ZipReadError extends Error {
  constructor(
    readonly kind: 'unreadable' | 'unsafe_name' | 'duplicate_name' | 'too_large',
    /** The entry concerned, or '' for the archive itself. */
    readonly entry: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZipReadError';
  }
}

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

function safeNumber(big: bigint, what: string): number {
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipReadError('unreadable', '', `${what} is too large`);
  return Number(big);
}

export class SyncZip {
  readonly entries = new Map<string, ZipEntryInfo>();
  private constructor(
    private readonly fd: number,
    private readonly fileSize: number,
  ) {}

  /** Opens a ZIP and reads its directory; refuses names that climb out, absolute names and duplicates. */
  static open(file: string): SyncZip {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (err) {
      throw new ZipReadError('unreadable', '', `cannot be opened (${(err as Error).message})`);
    }
    try {
      const zip = new SyncZip(fd, fs.fstatSync(fd).size);
      zip.readDirectory();
      return zip;
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private bytes(position: number, length: number): Buffer {
    if (position < 0 || length < 0 || position + length > this.fileSize) {
      throw new ZipReadError('unreadable', '', 'is cut short or not a ZIP (a record points past its end)');
    }
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, buf, done, length - done, position + done);
      if (n === 0) throw new ZipReadError('unreadable', '', 'is cut short');
      done += n;
    }
    return buf;
  }

  private readDirectory(): void {
    const tailLength = Math.min(this.fileSize, 22 + MAX_COMMENT);
    const tail = this.bytes(this.fileSize - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new ZipReadError('unreadable', '', 'is not a ZIP (no end of central directory)');
    const eocdOffset = this.fileSize - tailLength + at;
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const locator = this.bytes(eocdOffset - 20, 20);
      if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipReadError('unreadable', '', 'has a broken ZIP64 directory');
      const z64 = this.bytes(safeNumber(locator.readBigUInt64LE(8), 'the ZIP64 directory offset'), 56);
      if (z64.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipReadError('unreadable', '', 'has a broken ZIP64 directory');
      count = safeNumber(z64.readBigUInt64LE(32), 'the entry count');
      dirSize = safeNumber(z64.readBigUInt64LE(40), 'the directory size');
      dirOffset = safeNumber(z64.readBigUInt64LE(48), 'the directory offset');
    }
    const dir = this.bytes(dirOffset, dirSize);
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) {
        throw new ZipReadError('unreadable', '', 'has a broken central directory');
      }
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      let compressedSize = dir.readUInt32LE(p + 20);
      let size = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      let localHeaderOffset = dir.readUInt32LE(p + 42);
      const name = dir.subarray(p + 46, p + 46 + nameLength).toString('utf8');
      const extra = dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length;) {
        const id = extra.readUInt16LE(e);
        const len = extra.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const next = (what: string) => {
            if (q + 8 > e + 4 + len) throw new ZipReadError('unreadable', name, `${name}: broken ZIP64 sizes`);
            const v = safeNumber(extra.readBigUInt64LE(q), what);
            q += 8;
            return v;
          };
          if (size === 0xffffffff) size = next('a size');
          if (compressedSize === 0xffffffff) compressedSize = next('a size');
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next('an offset');
        }
        e += 4 + len;
      }
      p += 46 + nameLength + extraLength + commentLength;
      if (name.endsWith('/')) continue;
      const why = unsafeName(name);
      if (why) throw new ZipReadError('unsafe_name', name, `${name}: refused, ${why}`);
      if (this.entries.has(name)) throw new ZipReadError('duplicate_name', name, `${name}: appears twice in the ZIP`);
      this.entries.set(name, { name, method, flags, compressedSize, size, localHeaderOffset });
    }
  }

  /** One entry's bytes; refused past `maxBytes`, encrypted, or in a method other than stored or deflate. */
  read(name: string, maxBytes: number): Buffer {
    const e = this.entries.get(name);
    if (!e) throw new ZipReadError('unreadable', name, `${name}: not in the ZIP`);
    if (e.size > maxBytes) throw new ZipReadError('too_large', name, `${name}: larger than ${maxBytes} bytes`);
    if (e.flags & 1) throw new ZipReadError('unreadable', name, `${name}: encrypted`);
    const local = this.bytes(e.localHeaderOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL) throw new ZipReadError('unreadable', name, `${name}: broken local header`);
    const start = e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const raw = this.bytes(start, e.compressedSize);
    let data: Buffer;
    if (e.method === 0) data = raw;
    else if (e.method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, maxBytes) });
      } catch (err) {
        throw new ZipReadError('unreadable', name, `${name}: cannot be inflated (${(err as Error).message})`);
      }
    } else throw new ZipReadError('unreadable', name, `${name}: compression method ${e.method} is not supported`);
    if (data.length !== e.size) throw new ZipReadError('unreadable', name, `${name}: its size does not match the directory`);
    return data;
  }
}
