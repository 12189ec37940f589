import { refusal } from '../errors.ts';
import type { ListFormat } from '../shared/inputs/lists.ts';
import { parseCslStream, parseCslText } from './csl.ts';
import type { ParsedEntry } from './entry.ts';
import { fileError } from './refusals.ts';
import { SemaReader, parseSemaText } from './sema.ts';

/** The name a list takes when the import is not given one, by format. */
export const DEFAULT_LIST_NAMES: Record<ListFormat, string> = {
  csl: 'U.S. Consolidated Screening List',
  sema: 'Consolidated Canadian Autonomous Sanctions List',
};

/**
 * The format of a list file, from what it starts with (`<`: XML; a header line naming a `name`
 * column: CSV), else from its extension; null when neither says.
 */
export function guessFormat(fileName: string, head: string): ListFormat | null {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'sema';
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  if (/(^|,)\s*"?name"?\s*(,|$)/i.test(firstLine)) return 'csl';
  if (/\.csv$/i.test(fileName)) return 'csl';
  if (/\.xml$/i.test(fileName)) return 'sema';
  return null;
}

/** The format given, else the one guessed, else a refusal. */
export function listFormat(given: ListFormat | undefined, fileName: string, head: string): ListFormat {
  const format = given ?? guessFormat(fileName, head);
  if (!format) {
    throw fileError(
      refusal(
        'screening.format_unknown',
        'the file is neither a Consolidated Screening List CSV nor a SEMA XML list: name its format (csl or sema)',
      ),
      'format',
    );
  }
  return format;
}

export interface ParsedList {
  entries: ParsedEntry[];
  /** The list's own date, when the file gives one. */
  listDate: string | null;
}

/** Every entry of a whole list text. */
export function parseListText(format: ListFormat, text: string): ParsedList {
  return format === 'csl' ? { entries: parseCslText(text), listDate: null } : parseSemaText(text);
}

/** The entries of a list read as a stream of text, handed on as they are read; resolves to the list's own date. */
export async function parseListStream(
  format: ListFormat,
  chunks: AsyncIterable<string>,
  onEntry: (e: ParsedEntry) => void,
): Promise<{ listDate: string | null }> {
  if (format === 'csl') {
    await parseCslStream(chunks, onEntry);
    return { listDate: null };
  }
  const reader = new SemaReader(onEntry);
  for await (const chunk of chunks) reader.write(chunk);
  reader.end();
  return { listDate: reader.listDate };
}
