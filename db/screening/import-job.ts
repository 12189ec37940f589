import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Invoke } from '../contract.ts';
import { DossierError, type ErrorBody } from '../errors.ts';
import type { JobStep } from '../shared/domain.ts';
import type { listImportInput } from '../shared/inputs/lists.ts';
import type { ListImportResult } from '../services/screening-lists.ts';
import { alteredError, decodeListBytes, storedListFile } from './file.ts';
import { listFormat, parseListStream } from './format.ts';
import type { ParsedEntry } from './entry.ts';
import { forgetParsed, keepParsed } from './parse-cache.ts';

/**
 * The import of a list as long work (the importList job, and `dossier lists import`): first the
 * stored file is read as a stream, hashed and parsed with its progress in bytes, so that a file
 * that does not read is refused before anything waits on the database and a good one shows how
 * far it is; then `lists.import` checks the file against its SHA-256 again, takes the entries
 * parsed here (parse-cache.ts) and writes the list in one transaction through the contract
 * (validated, audited). Cancelled while reading, nothing is written.
 */

export interface ListJobResult {
  /** What the import did; null when it was refused. */
  imported: ListImportResult | null;
  /** Why the file was refused (its line or record, and the reason); null when it was imported. */
  refusal: ErrorBody | null;
  /** What the first reading found: the entries and bytes read. */
  read: { entries: number; bytes: number };
  /**
   * Every entity screened again against the lists as they now are, once the import wrote them
   * (null when nothing was written); `cancelled` when the job was cancelled while screening.
   */
  screening: { screened: number; hits: number; cancelled: boolean } | null;
}

export class ListJobCancelled extends Error {
  constructor() {
    super('The import was cancelled; the list is as it was');
    this.name = 'ListJobCancelled';
  }
}

export interface ListJobOptions {
  dataDir: string;
  input: z.output<typeof listImportInput>;
  invoke: Invoke;
  progress: (done: number, total: number, step: JobStep, detail?: string) => void;
  cancelled: () => boolean;
  /** Screens every entity again (screen.ts screenAll), once the list is written. */
  screen: () => { screened: number; hits: number; cancelled: boolean };
}

const CHUNK_BYTES = 1024 * 1024;

/** The file's text in chunks, hashed on the way; decoded as `decodeListBytes` would, or refused as it would be. */
async function* textChunks(file: string, sha256: string, onBytes: (bytes: number) => void): AsyncGenerator<string> {
  const hash = createHash('sha256');
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    let data = chunk;
    if (!decoder) {
      const le = data[0] === 0xff && data[1] === 0xfe;
      const be = data[0] === 0xfe && data[1] === 0xff;
      decoder = new TextDecoder(le ? 'utf-16le' : be ? 'utf-16be' : 'utf-8', { fatal: !le && !be, ignoreBOM: false });
      if (le || be) data = data.subarray(2);
    }
    bytes += chunk.length;
    let text: string;
    try {
      text = decoder.decode(data, { stream: true });
    } catch {
      // Not UTF-8: the whole file says at which line (it is at most MAX_LIST_BYTES).
      decodeListBytes(fs.readFileSync(file));
      throw new Error('the file is not UTF-8 text');
    }
    onBytes(bytes);
    yield text;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  if (hash.digest('hex') !== sha256) throw alteredError();
}

/** The file's first characters, to tell its format by. */
async function head(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    const encoding =
      bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
    return new TextDecoder(encoding).decode(bytes);
  } finally {
    await handle.close();
  }
}

function refusalOf(err: unknown): ErrorBody {
  if (err instanceof DossierError) return err.toBody();
  throw err;
}

export async function runListImportJob(o: ListJobOptions): Promise<ListJobResult> {
  const read = { entries: 0, bytes: 0 };
  let file: string;
  try {
    file = storedListFile(o.dataDir, o.input);
    const format = listFormat(o.input.format, o.input.fileName, await head(file));
    o.progress(0, o.input.size, 'screening_read', o.input.fileName);
    const entries: ParsedEntry[] = [];
    const { listDate } = await parseListStream(
      format,
      textChunks(file, o.input.sha256, (bytes) => {
        if (o.cancelled()) throw new ListJobCancelled();
        read.bytes = bytes;
        o.progress(bytes, o.input.size, 'screening_read', o.input.fileName);
      }),
      (e) => entries.push(e),
    );
    read.entries = entries.length;
    keepParsed(o.input.sha256, format, { entries, listDate });
  } catch (err) {
    if (err instanceof ListJobCancelled) throw err;
    return { imported: null, refusal: refusalOf(err), read, screening: null };
  }
  try {
    if (o.cancelled()) throw new ListJobCancelled();
    o.progress(0, 0, 'screening_write', o.input.fileName);
    const env = o.invoke('lists.import', o.input);
    if (!env.ok) return { imported: null, refusal: env.error, read, screening: null };
    const imported = env.result as ListImportResult;
    return { imported, refusal: null, read, screening: imported.written ? o.screen() : null };
  } finally {
    forgetParsed();
  }
}
