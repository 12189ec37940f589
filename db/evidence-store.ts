/**
 * The evidence store: every evidence file, copied once into `<dataDir>/evidence/<sha[0..2]>/<sha256>`
 * (content-addressed: a file's name is its SHA-256), read-only, never modified. Node's fs, crypto
 * and stream only: no SQLite here. A file is ingested first (streamed to a temporary file while it
 * is hashed, so memory stays bounded whatever its size), then attached to a record through the
 * contract (`evidence.attach`). A failed attach leaves an unreferenced file, never a record
 * without its file.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const STORE_DIR_NAME = 'evidence';
const TEMP_DIR_NAME = 'tmp';
/** Read size when hashing or copying a file: large enough for disk speed, small enough for memory. */
const CHUNK_BYTES = 1024 * 1024;

const SHA256_RE = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_RE.test(value);
}

/** The evidence folder of a database: beside the database file. */
export function evidenceDir(dbFile: string): string {
  return storeDir(path.dirname(path.resolve(dbFile)));
}

export function storeDir(dataDir: string): string {
  return path.join(dataDir, STORE_DIR_NAME);
}

/** Where the file with this SHA-256 lives. Refuses anything but 64 lowercase hex digits (no path tricks). */
export function blobPath(dataDir: string, sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256 (64 lowercase hex digits): ${JSON.stringify(sha256)}`);
  return path.join(storeDir(dataDir), sha256.slice(0, 2), sha256);
}

export interface Ingested {
  sha256: string;
  size: number;
  /**
   * The store already held this content's name, but its copy no longer matched it (altered, cut
   * short): the bytes just ingested, which do match, took its place. Also written to the store's
   * repair log (`evidence/repairs.log`).
   */
  repaired?: StoreRepair;
}

/** One stored copy found altered and replaced by a matching copy. */
export interface StoreRepair {
  at: string;
  sha256: string;
  /** What the replaced copy was: its size and SHA-256 (not its name's). */
  alteredSize: number;
  alteredSha256: string;
}

const REPAIR_LOG = 'repairs.log';

/** Every repair of the store, oldest first (one JSON object a line). */
export function storeRepairs(dataDir: string): StoreRepair[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(storeDir(dataDir), REPAIR_LOG), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as StoreRepair);
}

async function logRepair(dataDir: string, repair: StoreRepair): Promise<void> {
  const handle = await fsp.open(path.join(storeDir(dataDir), REPAIR_LOG), 'a', 0o600);
  try {
    await handle.appendFile(`${JSON.stringify(repair)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface IngestOptions {
  /** Called with the bytes copied so far, after each chunk. */
  onProgress?: (bytes: number) => void;
  /** Aborting stops the copy and removes the temporary file; the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** The size the source announced (a Content-Length, a stat): a different byte count is an error. */
  expectedSize?: number;
}

/** The source did not deliver the bytes it announced. */
export class SizeMismatchError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`expected ${expected} bytes, received ${actual === -1 ? 'more' : actual}`);
    this.name = 'SizeMismatchError';
  }
}

/** Flushes a folder's entry list to disk (POSIX); Windows cannot open a folder, and needs no such step. */
async function syncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the file itself is already on disk.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Streams `source` into the store while hashing it: a temporary file in the store's folder,
 * fsynced, then renamed to its content address and made read-only. When the store already holds
 * that name, its copy is verified: kept when it still matches (the new copy is deleted), replaced
 * by the new copy when it does not, so that an altered copy is never kept (see `repaired`).
 */
export async function ingestStream(
  source: NodeJS.ReadableStream | Readable,
  dataDir: string,
  opts: IngestOptions = {},
): Promise<Ingested> {
  const tempDir = path.join(storeDir(dataDir), TEMP_DIR_NAME);
  await fsp.mkdir(tempDir, { recursive: true });
  const temp = path.join(tempDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const expected = opts.expectedSize;
  let committed = false;
  let repaired: StoreRepair | undefined;
  let sink: fs.WriteStream | undefined;
  try {
    sink = fs.createWriteStream(temp, { flags: 'wx', mode: 0o600, highWaterMark: CHUNK_BYTES });
    await pipeline(
      source,
      async function* tap(chunks: AsyncIterable<Buffer | string>) {
        for await (const raw of chunks) {
          const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
          size += chunk.length;
          if (expected !== undefined && size > expected) throw new SizeMismatchError(expected, -1);
          hash.update(chunk);
          yield chunk;
          opts.onProgress?.(size);
        }
      },
      sink,
      opts.signal ? { signal: opts.signal } : {},
    );
    if (expected !== undefined && size !== expected) throw new SizeMismatchError(expected, size);
    // The write stream is closed: reopen to flush the file's data to disk before it gets its name.
    const handle = await fsp.open(temp, 'r+'); // writable: Windows flushes only a handle open for writing
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const sha256 = hash.digest('hex');
    const final = blobPath(dataDir, sha256);
    await fsp.mkdir(path.dirname(final), { recursive: true });
    const stored = fs.existsSync(final) ? await hashFile(final).catch(() => null) : null;
    if (stored && stored.sha256 === sha256 && stored.size === size) {
      await fsp.rm(temp, { force: true });
    } else if (stored) {
      // The copy under this name no longer matches it: the bytes just hashed do, and take its place.
      await fsp.chmod(final, 0o644);
      await fsp.rename(temp, final);
      await fsp.chmod(final, 0o444);
      await syncDir(path.dirname(final));
      repaired = { at: new Date().toISOString(), sha256, alteredSize: stored.size, alteredSha256: stored.sha256 };
      await logRepair(dataDir, repaired);
    } else {
      try {
        await fsp.rename(temp, final);
      } catch (err) {
        // Another ingest of the same content won the race (Windows refuses to replace a read-only file).
        if (!fs.existsSync(final)) throw err;
        await fsp.rm(temp, { force: true });
      }
      await fsp.chmod(final, 0o444);
      await syncDir(path.dirname(final));
    }
    committed = true;
    return repaired ? { sha256, size, repaired } : { sha256, size };
  } finally {
    if (!committed) {
      // A refused source can fail the pipeline before the file's own open has finished: wait for
      // the stream to close, or the temporary file appears after it was removed.
      const stream = sink;
      if (stream && !stream.closed) await new Promise<void>((resolve) => stream.once('close', () => resolve()));
      await fsp.rm(temp, { force: true }).catch(() => undefined);
    }
  }
}

/** Ingests a file from disk (see ingestStream); its current size is the expected size. */
export async function ingestFile(
  file: string,
  dataDir: string,
  opts: Omit<IngestOptions, 'expectedSize'> = {},
): Promise<Ingested> {
  const stat = await fsp.stat(file);
  if (!stat.isFile()) throw new Error(`${file} is not a file`);
  const source = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
  return ingestStream(source, dataDir, { ...opts, expectedSize: stat.size });
}

/** The SHA-256 and size of a file, read as a stream. */
export async function hashFile(file: string): Promise<Ingested> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

export type BlobStatus = 'ok' | 'missing' | 'altered';

/**
 * Whether the store holds this content intact: the file exists with this size and hashes to its
 * name. Synchronous, reading 1 MiB at a time (for `dossier check`).
 */
export function verifyBlob(dataDir: string, sha256: string, size: number): BlobStatus {
  const file = blobPath(dataDir, sha256);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'missing';
  }
  if (!stat.isFile()) return 'missing';
  if (stat.size !== size) return 'altered';
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    let read: number;
    while ((read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex') === sha256 ? 'ok' : 'altered';
}

/** The store's copy, if it exists as a regular file with this size. */
export function blobStat(dataDir: string, sha256: string): fs.Stats | null {
  try {
    const stat = fs.statSync(blobPath(dataDir, sha256));
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

/** Media types by file extension, for files that come without one (a path from a dialog, the CLI). */
const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.eml': 'message/rfc822',
  '.msg': 'application/vnd.ms-outlook',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.zip': 'application/zip',
  '.7z': 'application/x-7z-compressed',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
};

export function guessMediaType(fileName: string): string {
  return MEDIA_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}
