/**
 * One search over every record: the query folded as the index is (foldForSearch), each word a
 * prefix on the words index (so `so` finds `Société`), and each word of three letters or more a
 * substring on the trigram index (so `0747` finds IMO 9074729). Hits are grouped by type, the
 * best first: bm25 with the title weighing ten times the text while the matches are few enough to
 * rank (MAX_RANKED), else the most recently indexed first. Substrings only when the words found
 * fewer than FEW_ENOUGH.
 */
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { foldForSearch, SEARCH_TYPES, type SearchType } from './docs.ts';

export interface SearchInput {
  q: string;
  types?: readonly SearchType[] | undefined;
  perType: number;
}

/** A piece of text with the matched words marked: [start, end) offsets into `text`. */
export interface Snippet {
  text: string;
  marks: [number, number][];
}

export interface SearchHit {
  type: SearchType;
  id: string;
  caseId: string | null;
  /** The case's file number, for a record of a case. */
  caseFileNumber: string | null;
  title: string;
  titleMarks: [number, number][];
  snippet: Snippet;
}

export interface SearchGroup {
  type: SearchType;
  hits: SearchHit[];
  /** How many records of this type match, up to MAX_RANKED; `capped` when there are more. */
  total: number;
  capped: boolean;
}

export interface SearchResult {
  query: string;
  words: string[];
  groups: SearchGroup[];
}

const MAX_RANKED = 1000;
/** Unranked, this many of the most recent matches are grouped. */
const UNRANKED = 2000;
/** Fewer word matches than this, and substrings are looked for too. */
const FEW_ENOUGH = 50;
const SNIPPET_CHARS = 180;

/** The query's words, folded; at most 8. */
export function queryWords(q: string): string[] {
  return foldForSearch(q)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 8);
}

const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;

export function searchRecords(db: Db, input: SearchInput): SearchResult {
  const words = queryWords(input.q);
  const types = input.types?.length ? input.types : SEARCH_TYPES;
  const empty: SearchResult = { query: input.q, words, groups: [] };
  if (words.length === 0) return empty;
  const prefixMatch = words.map((w) => `${quote(w)}*`).join(' AND ');
  const long = words.filter((w) => w.length >= 3);
  const substringMatch = long.length === words.length ? long.map(quote).join(' AND ') : null;

  // Each index answers with the rowids it matches, ranked when there are few enough. Substrings
  // are looked for only when the words found little: they are the slower index, and the fallback.
  const ranked = new Map<number, { type: SearchType; order: number }>();
  const capped = new Set<SearchType>();
  let order = 0;
  for (const [table, match] of [
    ['search_words', prefixMatch],
    ['search_trigrams', substringMatch],
  ] as const) {
    if (!match || (table === 'search_trigrams' && ranked.size >= FEW_ENOUGH)) continue;
    const count = sql(db, `SELECT count(*) FROM (SELECT 1 FROM ${table} WHERE ${table} MATCH ? LIMIT ${MAX_RANKED + 1})`)
      .pluck()
      .get(match) as number;
    if (count <= MAX_RANKED) {
      const rows = sql(
        db,
        `SELECT d.seq, d.record_type AS type FROM ${table} JOIN search_docs d ON d.seq = ${table}.rowid
         WHERE ${table} MATCH ? ORDER BY bm25(${table}, 10.0, 1.0), d.seq DESC`,
      ).all(match) as { seq: number; type: SearchType }[];
      for (const r of rows) if (!ranked.has(r.seq)) ranked.set(r.seq, { type: r.type, order: order++ });
    } else {
      // Too many to rank: the most recently indexed, and each kind's total said as "more than".
      const rows = sql(
        db,
        `SELECT d.seq, d.record_type AS type FROM ${table} JOIN search_docs d ON d.seq = ${table}.rowid
         WHERE ${table} MATCH ? ORDER BY ${table}.rowid DESC LIMIT ${UNRANKED}`,
      ).all(match) as { seq: number; type: SearchType }[];
      for (const r of rows) {
        capped.add(r.type);
        if (!ranked.has(r.seq)) ranked.set(r.seq, { type: r.type, order: order++ });
      }
    }
  }

  const byType = new Map<SearchType, number[]>();
  for (const [seq, r] of [...ranked.entries()].sort((a, b) => a[1].order - b[1].order)) {
    if (!types.includes(r.type)) continue;
    byType.set(r.type, [...(byType.get(r.type) ?? []), seq]);
  }
  const detail = sql(
    db,
    `SELECT d.record_type AS type, d.record_id AS id, d.case_id AS caseId, c.file_number AS caseFileNumber, d.title, d.body
     FROM search_docs d LEFT JOIN cases c ON c.id = d.case_id WHERE d.seq = ?`,
  );
  const groups: SearchGroup[] = [];
  for (const type of types) {
    const seqs = byType.get(type) ?? [];
    if (seqs.length === 0) continue;
    const hits = seqs.slice(0, input.perType).map((seq) => {
      const row = detail.get(seq) as Omit<SearchHit, 'snippet' | 'titleMarks'> & { body: string };
      const { body, ...rest } = row;
      return { ...rest, titleMarks: marksIn(rest.title, words), snippet: snippetOf(body, words) };
    });
    groups.push({ type, hits, total: seqs.length, capped: capped.has(type) });
  }
  return { ...empty, groups };
}

/** The matched words of `text`: each word whose folded form starts with, or holds, a query word. */
export function marksIn(text: string, words: readonly string[]): [number, number][] {
  const marks: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = foldForSearch(m[0]).replace(/[^a-z0-9]/g, '');
    if (words.some((w) => folded.startsWith(w) || (w.length >= 3 && folded.includes(w)))) {
      marks.push([m.index, m.index + m[0].length]);
    }
  }
  return marks;
}

/** About SNIPPET_CHARS of `body` around its first matched word, on one line. */
export function snippetOf(body: string, words: readonly string[]): Snippet {
  const flat = body.replace(/\s+/g, ' ').trim();
  const all = marksIn(flat, words);
  const first = all[0];
  if (!first) return { text: flat.slice(0, SNIPPET_CHARS), marks: [] };
  let start = Math.max(0, first[0] - 50);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < first[0] ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + SNIPPET_CHARS);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    end = space > first[1] ? space : end;
  }
  const lead = start > 0 ? '…' : '';
  const text = `${lead}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
  const shift = lead.length - start;
  return {
    text,
    marks: all.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a + shift, b + shift]),
  };
}
