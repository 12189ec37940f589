import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { refusal } from '../errors.ts';
import { blobPath, blobStat } from '../evidence-store.ts';
import { fileError } from './refusals.ts';

/**
 * A list file as the import reads it: uploaded into the evidence store (as evidence and packages
 * are: POST /api/evidence/upload, the desktop app, or the CLI, which copies it there first),
 * named by its SHA-256 and size, at most MAX_LIST_BYTES, checked against its name as it is read,
 * and decoded as UTF-8 (or UTF-16 with its byte-order mark); a byte that is not UTF-8 is refused
 * at its line.
 */

/** The largest list file read (the Consolidated Screening List is about 30 MB). */
export const MAX_LIST_BYTES = 256 * 1024 * 1024;

export interface StoredFileRef {
  sha256: string;
  size: number;
}

/** The stored file's path, once it is there with this size and not too large. */
export function storedListFile(dataDir: string | null, ref: StoredFileRef): string {
  if (!dataDir) {
    throw fileError(
      refusal('screening.no_store', 'lists are read from the evidence store, which only a database file has'),
      'sha256',
    );
  }
  const stat = blobStat(dataDir, ref.sha256);
  if (!stat) {
    throw fileError(
      refusal('screening.not_stored', 'the evidence store holds no file with this SHA-256: upload the list first'),
      'sha256',
    );
  }
  if (stat.size !== ref.size) {
    throw fileError(
      refusal('screening.size_mismatch', `the stored file with this SHA-256 has ${stat.size} bytes, not ${ref.size}`, {
        storedSize: stat.size,
        size: ref.size,
      }),
      'size',
    );
  }
  if (stat.size > MAX_LIST_BYTES) {
    throw fileError(
      refusal('screening.too_large', `the file has ${stat.size} bytes; a list may have at most ${MAX_LIST_BYTES}`, {
        size: stat.size,
        maximum: MAX_LIST_BYTES,
      }),
    );
  }
  return blobPath(dataDir, ref.sha256);
}

export function alteredError(): Error {
  return fileError(
    refusal(
      'screening.altered',
      'the stored file no longer matches its SHA-256 (it was altered in the evidence store): upload the list again',
    ),
  );
}

/** The line (from 1) of the first byte that is not UTF-8. */
function firstBadLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    line++;
    start = end + 1;
  }
  return line;
}

/** The file's text: UTF-16 by its byte-order mark, else UTF-8 (its byte-order mark dropped), refused at the first line that is not. */
export function decodeListBytes(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (!isUtf8(bytes)) {
    const line = firstBadLine(bytes);
    throw fileError(refusal('screening.encoding', `line ${line}: this line is not UTF-8 text`, { line }));
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The whole stored file, checked against its SHA-256, as text. */
export function readListFile(dataDir: string | null, ref: StoredFileRef): string {
  const bytes = fs.readFileSync(storedListFile(dataDir, ref));
  if (createHash('sha256').update(bytes).digest('hex') !== ref.sha256) throw alteredError();
  return decodeListBytes(bytes);
}
