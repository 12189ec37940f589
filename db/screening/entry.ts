import { canonicalJson, sha256Hex } from '../audit.ts';

/**
 * One entry of a screening list as the parsers give it, whatever the list's format: what the
 * import stores (one screening_entries row) and what the matching engine will compare a subject
 * with. Strings are cleaned (NFC, no control or bidi characters, one line except the remarks).
 */

export const ENTRY_TYPES = ['individual', 'entity', 'vessel', 'aircraft'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export interface EntryIdentifier {
  type: string;
  number: string;
  country: string;
}

export interface ScreeningEntry {
  /** The list's own key of the entry, stable from one edition to the next. */
  key: string;
  type: EntryType;
  /** The list says the type (false: inferred from the entry's fields). */
  typeStated: boolean;
  name: string;
  aliases: string[];
  /** The list within the file the entry comes from (CSL's `source`); '' when the file is one list. */
  source: string;
  programs: string[];
  countries: string[];
  addresses: string[];
  /** ISO dates, whole or partial: 1970-01-15, 1970-01, 1970. */
  datesOfBirth: string[];
  imoNumber: string | null;
  identifiers: EntryIdentifier[];
  vesselFlag: string | null;
  /** When the entry was listed: an ISO date, whole or partial. */
  listedOn: string | null;
  remarks: string;
  sourceUrl: string;
  /** Every other field the list gives, by name. */
  details: Record<string, string>;
}

/** An entry and where it is in its file: its line (CSV) or record number (XML), for refusals. */
export interface ParsedEntry {
  entry: ScreeningEntry;
  at: number;
}

/** The hash of everything an entry holds but its key: equal hashes, equal entries. */
export function entryContentHash(entry: ScreeningEntry): string {
  const { key: _key, ...content } = entry;
  return sha256Hex(canonicalJson(content));
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// C0 and C1 controls, DEL, and the byte-order mark anywhere but at the start of a file.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]/g;

// Printable ASCII, single spaces, nothing at either end: already clean (most of a list).
const CLEAN_ASCII = /^(?:[!-~]+ )*[!-~]+$/;

/** One line of list text as stored: controls and bidi marks out, whitespace collapsed, NFC. */
export function cleanLine(value: string | undefined | null): string {
  if (!value) return '';
  if (CLEAN_ASCII.test(value)) return value;
  return value.replace(BIDI_CONTROLS, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim().normalize('NFC');
}

/** Several lines (remarks): the same, each line trimmed, Windows line ends made `\n`. */
export function cleanText(value: string | undefined | null): string {
  if (!value) return '';
  if (CLEAN_ASCII.test(value)) return value;
  return value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(cleanLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Distinct non-empty values, in their first order. */
export function distinct(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (v === '' || seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}

/** A field that holds several values separated by `; ` (CSL), each cleaned. */
export function splitList(value: string | undefined): string[] {
  return distinct((value ?? '').split(/;\s*/).map(cleanLine));
}

/** An IMO number's seven digits, when the text holds one (`9123456`, `IMO 9123456`). */
export function imoDigits(value: string): string | null {
  const m = /^(?:IMO\s*(?:No\.?|Number)?\s*:?\s*)?(\d{7})$/i.exec(value.trim());
  return m ? (m[1] ?? null) : null;
}
