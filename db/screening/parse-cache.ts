import type { ListFormat } from '../shared/inputs/lists.ts';
import type { ParsedList } from './format.ts';

/**
 * The entries the import job's first reading parsed, kept for `lists.import` to take in the same
 * thread, so that a list is parsed once and its write transaction holds the database only while
 * it writes. Keyed by the file's SHA-256 (which names its content: the same key is the same
 * entries) and its format; one list at a time, taken once.
 */
let kept: { key: string; parsed: ParsedList } | null = null;

const keyOf = (sha256: string, format: ListFormat) => `${sha256}:${format}`;

export function keepParsed(sha256: string, format: ListFormat, parsed: ParsedList): void {
  kept = { key: keyOf(sha256, format), parsed };
}

/** The entries kept for this file, once (then forgotten), or undefined. */
export function takeParsed(sha256: string, format: ListFormat): ParsedList | undefined {
  if (kept?.key !== keyOf(sha256, format)) return undefined;
  const { parsed } = kept;
  kept = null;
  return parsed;
}

export function forgetParsed(): void {
  kept = null;
}
