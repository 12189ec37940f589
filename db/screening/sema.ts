import { SaxesParser, type SaxesTag } from 'saxes';
import { refusal } from '../errors.ts';
import { splitAliases, splitName } from './aliases.ts';
import { parseDate, parseDates } from './dates.ts';
import { cleanLine, cleanText, distinct, imoDigits, type EntryType, type ParsedEntry, type ScreeningEntry } from './entry.ts';
import { fileError } from './refusals.ts';

/**
 * Canada's consolidated autonomous sanctions list (Special Economic Measures Act and JVCFOA) as
 * its XML: a `<data-set>` of flat `<record>` elements. Tags are matched by their English part
 * (before the first '-'), so both the older names (`Country`, `LastName`, `EntityOrShip`,
 * `ShipIMONumber`...) and the newer bilingual ones (`Country-Pays`, `LastName-NomDeFamille`,
 * `EntityOrShip-EntiteOuNavire`...) read the same. Country + Schedule + Item identify an entry.
 * Pure: text pushed in, in chunks of any size, entries out (each with its record number). A file
 * that does not read as this XML is refused at its record, with the reason.
 */

/** The fields the entry shape holds (by English tag name, lower case); the others go into its details. */
const MAPPED = new Set([
  'country',
  'lastname',
  'givenname',
  'entityorship',
  'shipimonumber',
  'dateofbirthorshipbuilddate',
  'dateoflisting',
  'aliases',
  'titleorship',
]);

/** `Country-Pays` -> `Country`. */
function englishTag(tag: string): string {
  return tag.split('-')[0] ?? tag;
}

/** `Russia / Russie` -> `Russia`: a bilingual value's English part, which keys stay stable on. */
function englishValue(value: string): string {
  return value.split(/\s+\/\s+/)[0] ?? value;
}

/** One record's fields as an entry; `record` is its number in the file, from 1. */
export function semaEntry(fields: ReadonlyMap<string, { tag: string; text: string }>, record: number): ScreeningEntry {
  const get = (name: string) => cleanLine(fields.get(name)?.text);
  const regime = get('country');
  const schedule = get('schedule');
  const item = get('item');
  if (item === '') {
    throw fileError(refusal('screening.xml_no_key', `record ${record}: this record has no Item number`, { record }));
  }
  const given = get('givenname');
  const last = get('lastname');
  const entityOrShip = get('entityorship');
  const titleOrShip = get('titleorship');
  const imoText = get('shipimonumber');
  const imoNumber = imoText ? imoDigits(imoText) : null;
  const isPerson = given !== '' || last !== '';
  const type: EntryType = imoText ? 'vessel' : isPerson ? 'individual' : 'entity';
  const names = isPerson ? [cleanLine(`${given} ${last}`)] : splitName(entityOrShip || (imoText ? titleOrShip : ''));
  const name = names[0] ?? '';
  if (name === '') {
    throw fileError(
      refusal('screening.xml_no_name', `record ${record}: this record has no name (LastName, GivenName or EntityOrShip)`, {
        record,
      }),
    );
  }
  const details: Record<string, string> = {};
  for (const [key, { tag, text }] of fields) {
    const v = cleanText(text);
    if (v !== '' && !MAPPED.has(key)) details[englishTag(tag)] = v;
  }
  if (given) details.GivenName = given;
  if (last) details.LastName = last;
  if (titleOrShip && !(type === 'vessel' && !entityOrShip)) details[isPerson ? 'Title' : 'TitleOrShip'] = titleOrShip;
  if (imoText && !imoNumber) details.ShipIMONumber = imoText;
  const dateText = get('dateofbirthorshipbuilddate');
  const dates = parseDates(dateText);
  if (dateText && (type !== 'individual' || !dates.understood)) {
    details[type === 'vessel' ? 'ShipBuildDate' : type === 'individual' ? 'DateOfBirth' : 'Date'] = dates.dates[0] ?? dateText;
  }
  const listingText = get('dateoflisting');
  const listedOn = listingText ? parseDate(listingText) : null;
  if (listingText && !listedOn) details.DateOfListing = listingText;
  return {
    key: [englishValue(regime), englishValue(schedule), item].join('|'),
    type,
    // A person's name fields and an IMO number say what the record is; EntityOrShip alone does not.
    typeStated: isPerson || imoText !== '',
    name,
    aliases: distinct([...names.slice(1), ...splitAliases(fields.get('aliases')?.text)]).filter((a) => a !== name),
    source: '',
    programs: regime ? [regime] : [],
    countries: [],
    addresses: [],
    datesOfBirth: type === 'individual' ? distinct(dates.dates) : [],
    imoNumber,
    identifiers: imoText ? [{ type: 'IMO', number: imoNumber ?? imoText, country: '' }] : [],
    vesselFlag: null,
    listedOn,
    remarks: '',
    sourceUrl: '',
    details,
  };
}

/** Reads the XML pushed into it (`write`, then `end`), handing on each record's entry as it closes. */
export class SemaReader {
  private readonly parser = new SaxesParser({ position: true });
  private depth = 0;
  private records = 0;
  private inRecord = false;
  private fields = new Map<string, { tag: string; text: string }>();
  /** The record's field being read (depth 3), and its text so far. */
  private field: { tag: string; text: string } | null = null;
  listDate: string | null = null;

  constructor(private readonly onEntry: (e: ParsedEntry) => void) {
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
    this.parser.on('error', (err) => {
      throw this.malformed(err);
    });
  }

  private open(tag: SaxesTag): void {
    this.depth++;
    if (this.depth === 1) {
      // The data set's own date, when it has one (an attribute named for a date).
      for (const [name, value] of Object.entries(tag.attributes)) {
        if (/date|generated|updated/i.test(name) && typeof value === 'string') this.listDate ??= parseDate(value);
      }
    } else if (this.depth === 2 && englishTag(tag.name).toLowerCase() === 'record') {
      this.records++;
      this.inRecord = true;
      this.fields = new Map();
    } else if (this.depth === 3 && this.inRecord) {
      this.field = { tag: tag.name, text: '' };
    }
  }

  private text(text: string): void {
    if (this.field && this.depth >= 3) this.field.text += text;
  }

  private close(): void {
    if (this.depth === 3 && this.field) {
      const key = englishTag(this.field.tag).toLowerCase();
      const seen = this.fields.get(key);
      // An older and a newer spelling of one tag in one record: the first that says something.
      if (!seen || seen.text.trim() === '') this.fields.set(key, this.field);
      this.field = null;
    } else if (this.depth === 2 && this.inRecord) {
      this.inRecord = false;
      this.onEntry({ entry: semaEntry(this.fields, this.records), at: this.records });
    }
    this.depth--;
  }

  private malformed(err: Error): Error {
    const { line, column } = this.parser;
    if (this.records === 0 && this.depth === 0 && /root/i.test(err.message)) {
      return fileError(refusal('screening.empty', 'the file holds no entries', {}));
    }
    if (/^\d+:\d+: unclosed tag/.test(err.message) || /unexpected end/i.test(err.message)) {
      return this.inRecord
        ? fileError(
            refusal('screening.xml_truncated', `record ${this.records}: the file ends inside this record (it may be cut off)`, {
              record: this.records,
            }),
          )
        : fileError(
            refusal(
              'screening.xml_unfinished',
              `the file ends after record ${this.records}, before the end of the list (it may be cut off)`,
              { records: this.records },
            ),
          );
    }
    const record = this.inRecord ? this.records : this.records + 1;
    return fileError(
      refusal('screening.xml_malformed', `record ${record} (line ${line}, column ${column + 1}): this is not well-formed XML`, {
        record,
        line,
        column: column + 1,
      }),
    );
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  /** Ends the text; the number of records read. */
  end(): number {
    this.parser.close();
    if (this.records === 0) throw fileError(refusal('screening.empty', 'the file holds no entries', {}));
    return this.records;
  }
}

/** Every entry of a whole XML text, and the list's own date when it gives one. */
export function parseSemaText(text: string): { entries: ParsedEntry[]; listDate: string | null } {
  const entries: ParsedEntry[] = [];
  const reader = new SemaReader((e) => entries.push(e));
  reader.write(text);
  reader.end();
  return { entries, listDate: reader.listDate };
}
