import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsvStream, CsvError, type InfoRecord, type OptionsWithColumns } from 'csv-parse';
import { parse as parseCsvText } from 'csv-parse/sync';
import { refusal } from '../errors.ts';
import { parseDate, parseDates } from './dates.ts';
import {
  cleanLine,
  cleanText,
  distinct,
  imoDigits,
  splitList,
  type EntryIdentifier,
  type EntryType,
  type ParsedEntry,
  type ScreeningEntry,
} from './entry.ts';
import { fileError } from './refusals.ts';

/**
 * The U.S. Consolidated Screening List as its CSV (consolidated.csv): one row per entry, columns
 * read by their header name in any order (`_id, source, entity_number, type, programs, name, ...,
 * ids`), fields with several values separated by `; `, quoted fields that may hold line breaks.
 * Pure: text or a stream of text in, entries out (each with the line it starts on). A file that
 * does not read as this CSV is refused at its line, with the reason.
 */

type Row = Record<string, string>;

const REQUIRED_COLUMNS = ['name'] as const;
const KEY_COLUMNS = ['_id', 'entity_number'] as const;

/** The columns the entry shape holds; every other non-empty column goes into its details by name. */
const MAPPED = new Set([
  '_id',
  'source',
  'type',
  'programs',
  'name',
  'addresses',
  'start_date',
  'call_sign',
  'vessel_flag',
  'remarks',
  'source_list_url',
  'alt_names',
  'citizenships',
  'dates_of_birth',
  'nationalities',
  'ids',
]);

const TYPES: Record<string, EntryType> = {
  individual: 'individual',
  person: 'individual',
  entity: 'entity',
  organization: 'entity',
  organisation: 'entity',
  company: 'entity',
  vessel: 'vessel',
  ship: 'vessel',
  aircraft: 'aircraft',
};

const VESSEL_COLUMNS = ['vessel_type', 'vessel_flag', 'vessel_owner', 'gross_tonnage', 'gross_registered_tonnage', 'call_sign'];
const PERSON_COLUMNS = ['dates_of_birth', 'places_of_birth', 'citizenships', 'nationalities', 'title'];

/** `Entity List (EL) - Bureau of Industry and Security` -> `EL`: the source's code, else the source itself. */
function sourceCode(source: string): string {
  return /\(([A-Z][A-Z0-9-]{1,11})\)/.exec(source)?.[1] ?? source;
}

/** The `ids` field: `Passport, A1234567, IR; IMO, 9123456; Vessel Registration Identification, IMO 9187629`. */
export function parseIds(value: string | undefined): EntryIdentifier[] {
  return splitList(value).map((piece) => {
    const parts = piece.split(/\s*,\s*/).map(cleanLine);
    if (parts.length === 1) return { type: '', number: parts[0] ?? '', country: '' };
    if (parts.length === 2) return { type: parts[0] ?? '', number: parts[1] ?? '', country: '' };
    // type, number, country; a number with commas in it keeps them.
    return { type: parts[0] ?? '', number: parts.slice(1, -1).join(', '), country: parts.at(-1) ?? '' };
  });
}

/** The IMO number among the identifiers: one whose type or number says IMO. */
function imoOf(ids: readonly EntryIdentifier[]): string | null {
  for (const id of ids) {
    if (/\bIMO\b/i.test(id.type) || /^IMO\b/i.test(id.number)) {
      const digits = imoDigits(id.number);
      if (digits) return digits;
    }
  }
  return null;
}

/** The country of an address written `street, city, state, postal code, CC`: its last part, when it is a code. */
function addressCountry(address: string): string | null {
  const last = address.split(',').at(-1)?.trim() ?? '';
  return /^[A-Z]{2}$/.test(last) ? last : null;
}

function inferType(row: Row, imo: string | null): EntryType {
  const has = (c: string) => (row[c] ?? '').trim() !== '';
  if (imo || VESSEL_COLUMNS.some(has)) return 'vessel';
  if (PERSON_COLUMNS.some(has)) return 'individual';
  return 'entity';
}

/** One row of the CSV as an entry; `line` is where it starts. */
export function cslEntry(row: Row, line: number): ScreeningEntry {
  const name = cleanLine(row.name);
  if (name === '') throw fileError(refusal('screening.csv_no_name', `line ${line}: this entry has no name`, { line }));
  const source = cleanLine(row.source);
  const id = cleanLine(row._id) || cleanLine(row.entity_number);
  if (id === '') {
    throw fileError(
      refusal('screening.csv_no_key', `line ${line}: this entry has neither an _id nor an entity_number`, { line }),
    );
  }
  const identifiers = parseIds(row.ids);
  const callSign = cleanLine(row.call_sign);
  if (callSign) identifiers.push({ type: 'Call Sign', number: callSign, country: '' });
  const imoNumber = imoOf(identifiers);
  const statedType = TYPES[cleanLine(row.type).toLowerCase()];
  const addresses = splitList(row.addresses);
  const details: Record<string, string> = {};
  for (const [column, value] of Object.entries(row)) {
    const v = cleanText(value);
    if (v !== '' && !MAPPED.has(column)) details[column] = v;
  }
  const type = statedType ?? inferType(row, imoNumber);
  if (!statedType && cleanLine(row.type)) details.type = cleanLine(row.type);
  const datesOfBirth: string[] = [];
  const unread: string[] = [];
  for (const text of splitList(row.dates_of_birth)) {
    const { dates, understood } = parseDates(text);
    datesOfBirth.push(...dates);
    if (!understood) unread.push(text);
  }
  if (unread.length) details.dates_of_birth = unread.join('; ');
  const startDate = cleanLine(row.start_date);
  const listedOn = startDate ? parseDate(startDate) : null;
  if (startDate && !listedOn) details.start_date = startDate;
  return {
    key: source ? `${sourceCode(source)}:${id}` : id,
    type,
    typeStated: statedType !== undefined,
    name,
    aliases: splitList(row.alt_names).filter((a) => a !== name),
    source,
    programs: splitList(row.programs),
    countries: distinct([
      ...splitList(row.citizenships),
      ...splitList(row.nationalities),
      ...addresses.map(addressCountry).filter((c): c is string => c !== null),
    ]),
    addresses,
    datesOfBirth: distinct(datesOfBirth),
    imoNumber,
    identifiers,
    vesselFlag: cleanLine(row.vessel_flag) || null,
    listedOn,
    remarks: cleanText(row.remarks),
    sourceUrl: cleanLine(row.source_list_url) || cleanLine(row.source_information_url),
    details,
  };
}

/** Header names as the file writes them, made comparable: `Alt Names ` -> `alt_names`. */
function columnName(header: string): string {
  return cleanLine(header).toLowerCase().replace(/\s+/g, '_');
}

function checkHeader(header: string[]): string[] {
  const columns = header.map(columnName);
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) {
      throw fileError(
        refusal('screening.csv_missing_column', `line 1: the header has no "${required}" column`, { line: 1, column: required }),
      );
    }
  }
  if (!KEY_COLUMNS.some((k) => columns.includes(k))) {
    throw fileError(
      refusal('screening.csv_missing_column', 'line 1: the header has no "_id" column (nor "entity_number")', {
        line: 1,
        column: '_id',
      }),
    );
  }
  return columns;
}

/** Follows the rows as csv-parse hands them: the line each starts on, and what a parse error means. */
class RowReader {
  private lastLine = 1;
  private lastEmpty = 0;
  private columnCount = 0;
  rows = 0;

  constructor(private readonly onEntry: (e: ParsedEntry) => void) {}

  private startLine(info: { lines: number; empty_lines: number }): number {
    return this.lastLine + 1 + (info.empty_lines - this.lastEmpty);
  }

  options(): OptionsWithColumns<Row> {
    return {
      bom: true,
      columns: (header: string[]) => {
        const columns = checkHeader(header);
        this.columnCount = columns.length;
        return columns;
      },
      skip_empty_lines: true,
      // A quote inside an unquoted field is kept as a character: only a quote that opens a field must close.
      relax_quotes: true,
      on_record: (record: Row, info: InfoRecord) => {
        const line = this.startLine(info);
        this.lastLine = info.lines;
        this.lastEmpty = info.empty_lines;
        this.rows++;
        this.onEntry({ entry: cslEntry(record, line), at: line });
        return null;
      },
    };
  }

  /** A csv-parse error as the refusal it is, at the line of the row it stopped in. */
  refusalOf(err: unknown): unknown {
    if (!(err instanceof CsvError)) return err;
    const e = err as CsvError & { lines: number; empty_lines?: number; record?: unknown[] };
    const line = this.startLine({ lines: e.lines, empty_lines: e.empty_lines ?? this.lastEmpty });
    switch (e.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return fileError(
          refusal(
            'screening.csv_unclosed_quote',
            `line ${line}: a quoted field opened in this row is never closed (the file may be cut off)`,
            { line },
          ),
        );
      case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
        const found = Array.isArray(e.record) ? e.record.length : 0;
        return fileError(
          refusal(
            'screening.csv_column_count',
            `line ${line}: this row has ${found} fields where the header has ${this.columnCount}`,
            { line, found, expected: this.columnCount },
          ),
        );
      }
      case 'INVALID_OPENING_QUOTE':
      case 'CSV_INVALID_CLOSING_QUOTE':
        return fileError(
          refusal('screening.csv_quote', `line ${e.lines}: a quote is out of place in this row`, { line: e.lines }),
        );
      default:
        return fileError(
          refusal('screening.csv_malformed', `line ${e.lines}: this row cannot be read as CSV`, { line: e.lines }),
        );
    }
  }
}

function noEntries(): Error {
  return fileError(refusal('screening.empty', 'the file holds no entries', {}));
}

/** Every entry of a whole CSV text. */
export function parseCslText(text: string): ParsedEntry[] {
  const entries: ParsedEntry[] = [];
  const reader = new RowReader((e) => entries.push(e));
  try {
    parseCsvText(text, reader.options());
  } catch (err) {
    throw reader.refusalOf(err);
  }
  if (reader.rows === 0) throw noEntries();
  return entries;
}

/** The entries of a CSV read as a stream of text, each handed on as it is read; resolves to their number. */
export async function parseCslStream(chunks: AsyncIterable<string>, onEntry: (e: ParsedEntry) => void): Promise<number> {
  const reader = new RowReader(onEntry);
  try {
    await pipeline(
      Readable.from(chunks),
      parseCsvStream(reader.options()),
      // Records are handed on by on_record; nothing comes out of the parser.
      new Writable({ objectMode: true, write: (_chunk, _encoding, done) => done() }),
    );
  } catch (err) {
    throw reader.refusalOf(err);
  }
  if (reader.rows === 0) throw noEntries();
  return reader.rows;
}
