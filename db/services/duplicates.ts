import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { EntityKind, JobStep } from '../shared/domain.ts';
import { blockingKey, foldedName, jaroWinkler } from './name-folding.ts';

/**
 * Possible duplicates: entities that are probably one. Candidates are gathered cheaply (entities
 * whose names fold to the same consonant skeleton, or that carry the same identifier), then each
 * pair is scored on what the two records say. The search runs as a job over the whole table; its
 * findings replace the last run's in duplicate_candidates.
 */

export type DuplicateReason =
  | { code: 'name_same'; a: string; b: string }
  | { code: 'name_similar'; a: string; b: string; similarity: number }
  | { code: 'identifier'; scheme: string; value: string }
  | { code: 'same_birth_date'; date: string }
  | { code: 'birth_date_differs'; a: string; b: string }
  | { code: 'country_differs'; a: string; b: string }
  | { code: 'same_address'; addressId: string; address: string };

/** A pair is proposed at this score or above. */
export const DUPLICATE_THRESHOLD = 50;
/** A skeleton shared by more entities than this is a common name, not a clue: its block is skipped and counted. */
export const MAX_BLOCK = 40;

interface Candidate {
  seq: number;
  id: string;
  kind: EntityKind;
  subtype: string | null;
  name: string;
  country: string | null;
  aliases: string[];
  dateOfBirth: string | null;
}

export interface DuplicateSearchResult {
  entities: number;
  pairsConsidered: number;
  candidates: number;
  /** Names too common to be a clue (blocks larger than MAX_BLOCK), left out. */
  commonNamesSkipped: number;
  ms: number;
}

export interface DuplicateSearchOptions {
  now: string;
  progress?: (done: number, total: number, step: JobStep) => void;
  cancelled?: () => boolean;
}

/** Names are compared for these; containers, aircraft, vehicles and shipments are named by their numbers (identifiers). */
const NAMED_FILTER = `merged_into IS NULL AND (kind IN ('person', 'organization', 'address') OR subtype = 'vessel')`;

function parseAliases(raw: unknown): string[] {
  if (typeof raw !== 'string') return [];
  const value: unknown = JSON.parse(raw);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Thrown when the job was asked to stop: nothing of this run is kept (the last findings stay). */
export class DuplicateSearchCancelled extends Error {
  constructor() {
    super('The duplicate search was cancelled');
    this.name = 'DuplicateSearchCancelled';
  }
}

/** The pairs' score and reasons; null below the threshold. */
export function scorePair(
  a: Candidate,
  b: Candidate,
  shared: { identifiers: { scheme: string; value: string }[]; addresses: { id: string; name: string }[] },
): { score: number; reasons: DuplicateReason[] } | null {
  const reasons: DuplicateReason[] = [];
  let score = 0;
  let best: { a: string; b: string; similarity: number } | null = null;
  for (const an of [a.name, ...a.aliases]) {
    for (const bn of [b.name, ...b.aliases]) {
      const fa = foldedName(an);
      const fb = foldedName(bn);
      const similarity = fa === fb ? 1 : blockingKey(an) === blockingKey(bn) ? jaroWinkler(fa, fb) : 0;
      if (!best || similarity > best.similarity) best = { a: an, b: bn, similarity };
    }
  }
  if (best && best.similarity === 1) {
    score += 70;
    reasons.push({ code: 'name_same', a: best.a, b: best.b });
  } else if (best && best.similarity > 0) {
    score += 40 + Math.round(25 * best.similarity);
    reasons.push({ code: 'name_similar', a: best.a, b: best.b, similarity: Math.round(best.similarity * 100) });
  }
  for (const id of shared.identifiers) {
    reasons.push({ code: 'identifier', scheme: id.scheme, value: id.value });
  }
  if (shared.identifiers.length) score += score > 0 ? 30 : 75;
  if (a.dateOfBirth && b.dateOfBirth) {
    if (a.dateOfBirth === b.dateOfBirth) {
      score += 20;
      reasons.push({ code: 'same_birth_date', date: a.dateOfBirth });
    } else {
      score -= 50;
      reasons.push({ code: 'birth_date_differs', a: a.dateOfBirth, b: b.dateOfBirth });
    }
  }
  if (a.country && b.country && a.country !== b.country) {
    score -= 15;
    reasons.push({ code: 'country_differs', a: a.country, b: b.country });
  }
  for (const address of shared.addresses) {
    score += 15;
    reasons.push({ code: 'same_address', addressId: address.id, address: address.name });
  }
  score = Math.max(0, Math.min(100, score));
  return score >= DUPLICATE_THRESHOLD ? { score, reasons } : null;
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** Looks for possible duplicates among all entities and replaces the last findings with these. */
export function findDuplicates(db: Db, o: DuplicateSearchOptions): DuplicateSearchResult {
  const started = performance.now();
  const progress = o.progress ?? (() => undefined);
  const stop = () => {
    if (o.cancelled?.()) throw new DuplicateSearchCancelled();
  };
  const total = sql(db, `SELECT count(*) FROM entities WHERE ${NAMED_FILTER}`).pluck().get() as number;

  // 1. Gather: entities whose name or an alias has the same skeleton, per kind.
  const blocks = new Map<string, number[]>();
  const rows = sql(
    db,
    `SELECT seq, kind, subtype, name, CASE WHEN kind IN ('person', 'organization') THEN json_extract(details, '$.aliases') END AS aliases
     FROM entities WHERE ${NAMED_FILTER}`,
  ).raw();
  let done = 0;
  for (const row of rows.iterate() as IterableIterator<[number, string, string | null, string, string | null]>) {
    const [seq, kind, subtype, name, aliases] = row;
    const keys = new Set<string>();
    for (const n of [name, ...parseAliases(aliases)]) {
      const key = blockingKey(n);
      if (key.length >= 3) keys.add(`${kind}/${subtype ?? ''}/${key}`);
    }
    for (const key of keys) {
      const block = blocks.get(key);
      if (block) block.push(seq);
      else blocks.set(key, [seq]);
    }
    if (++done % 20_000 === 0) {
      progress(done, total, 'duplicates_names');
      stop();
    }
  }
  progress(total, total, 'duplicates_names');
  const pairs = new Map<string, { identifiers: { scheme: string; value: string }[] }>();
  let commonNamesSkipped = 0;
  for (const block of blocks.values()) {
    if (block.length < 2) continue;
    if (block.length > MAX_BLOCK) {
      commonNamesSkipped++;
      continue;
    }
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const ai = block[i] as number;
        const bj = block[j] as number;
        if (ai !== bj) pairs.set(pairKey(ai, bj), pairs.get(pairKey(ai, bj)) ?? { identifiers: [] });
      }
    }
  }
  blocks.clear();
  stop();

  // 2. Gather: entities that carry the same identifier.
  progress(0, 1, 'duplicates_identifiers');
  const shared = sql(
    db,
    `SELECT i.scheme, i.value, json_group_array(e.seq) AS seqs FROM entity_identifiers i
     JOIN entities e ON e.id = i.entity_id AND e.merged_into IS NULL
     WHERE (i.scheme, i.value) IN (SELECT scheme, value FROM entity_identifiers GROUP BY scheme, value HAVING count(*) > 1)
     GROUP BY i.scheme, i.value`,
  ).all() as { scheme: string; value: string; seqs: string }[];
  for (const s of shared) {
    const seqs = JSON.parse(s.seqs) as number[];
    if (seqs.length > MAX_BLOCK) continue;
    for (let i = 0; i < seqs.length; i++) {
      for (let j = i + 1; j < seqs.length; j++) {
        const key = pairKey(seqs[i] as number, seqs[j] as number);
        const pair = pairs.get(key) ?? { identifiers: [] };
        pair.identifiers.push({ scheme: s.scheme, value: s.value });
        pairs.set(key, pair);
      }
    }
  }
  progress(1, 1, 'duplicates_identifiers');
  stop();

  // 3. Score each pair on what the two records say.
  const load = sql(
    db,
    `SELECT seq, id, kind, subtype, name, country,
       CASE WHEN kind IN ('person', 'organization') THEN json_extract(details, '$.aliases') END AS aliases,
       CASE WHEN kind = 'person' THEN json_extract(details, '$.dateOfBirth') END AS dateOfBirth
     FROM entities WHERE seq = ?`,
  );
  const addresses = sql(
    db,
    `SELECT a.id, a.name FROM entity_links l JOIN entities a ON a.id = l.to_entity_id
     WHERE l.from_entity_id = ? AND l.type = 'located_at'`,
  );
  const distinct = sql(db, 'SELECT 1 FROM entity_distinct_pairs WHERE entity_a = ? AND entity_b = ?');
  const cache = new Map<number, Candidate>();
  const candidate = (seq: number): Candidate => {
    let c = cache.get(seq);
    if (!c) {
      const r = load.get(seq) as Omit<Candidate, 'aliases'> & { aliases: string | null };
      c = { ...r, aliases: parseAliases(r.aliases) };
      if (cache.size > 50_000) cache.clear();
      cache.set(seq, c);
    }
    return c;
  };
  const found: { a: string; b: string; score: number; reasons: string }[] = [];
  let scored = 0;
  for (const [key, pair] of pairs) {
    const [sa, sb] = key.split(':').map(Number) as [number, number];
    const x = candidate(sa);
    const y = candidate(sb);
    const [a, b] = x.id < y.id ? [x, y] : [y, x];
    if (a.kind !== b.kind || a.subtype !== b.subtype || distinct.get(a.id, b.id)) continue;
    const aAddresses = addresses.all(a.id) as { id: string; name: string }[];
    const bAddresses = new Set((addresses.all(b.id) as { id: string }[]).map((r) => r.id));
    const result = scorePair(a, b, {
      identifiers: pair.identifiers,
      addresses: aAddresses.filter((r) => bAddresses.has(r.id)),
    });
    if (result) found.push({ a: a.id, b: b.id, score: result.score, reasons: JSON.stringify(result.reasons) });
    if (++scored % 5_000 === 0) {
      progress(scored, pairs.size, 'duplicates_scoring');
      stop();
    }
  }
  progress(pairs.size, pairs.size, 'duplicates_scoring');
  const insert = sql(
    db,
    'INSERT INTO duplicate_candidates (entity_a, entity_b, score, reasons, found_at) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    sql(db, 'DELETE FROM duplicate_candidates').run();
    for (const f of found) insert.run(f.a, f.b, f.score, f.reasons, o.now);
  })();
  return {
    entities: total,
    pairsConsidered: pairs.size,
    candidates: found.length,
    commonNamesSkipped,
    ms: Math.round(performance.now() - started),
  };
}

export interface DuplicateSide {
  id: string;
  kind: EntityKind;
  subtype: string | null;
  name: string;
  country: string | null;
  version: number;
  /** How many roles in cases it holds. */
  caseCount: number;
  linkCount: number;
}

export interface DuplicatePair {
  a: DuplicateSide;
  b: DuplicateSide;
  score: number;
  reasons: DuplicateReason[];
}

export interface DuplicateList {
  total: number;
  rows: DuplicatePair[];
  /** When the search last ran; null if it never has. */
  foundAt: string | null;
}

const sideColumns = (
  t: string,
) => `${t}.id AS ${t}_id, ${t}.kind AS ${t}_kind, ${t}.subtype AS ${t}_subtype, ${t}.name AS ${t}_name,
  ${t}.country AS ${t}_country, ${t}.version AS ${t}_version,
  (SELECT count(*) FROM case_entities WHERE entity_id = ${t}.id) AS ${t}_cases,
  (SELECT count(*) FROM entity_links WHERE from_entity_id = ${t}.id) + (SELECT count(*) FROM entity_links WHERE to_entity_id = ${t}.id) AS ${t}_links`;

const LIVE_PAIRS = `FROM duplicate_candidates c
  JOIN entities a ON a.id = c.entity_a AND a.merged_into IS NULL
  JOIN entities b ON b.id = c.entity_b AND b.merged_into IS NULL
  WHERE NOT EXISTS (SELECT 1 FROM entity_distinct_pairs d WHERE d.entity_a = c.entity_a AND d.entity_b = c.entity_b)`;

/** The possible duplicates the last search found, still open (neither merged since nor marked distinct), best first. */
export function listDuplicates(db: Db, q: { limit: number; offset: number }): DuplicateList {
  const rows = sql(
    db,
    `SELECT c.score, c.reasons, ${sideColumns('a')}, ${sideColumns('b')} ${LIVE_PAIRS}
     ORDER BY c.score DESC, c.entity_a, c.entity_b LIMIT ? OFFSET ?`,
  ).all(q.limit, q.offset) as Record<string, unknown>[];
  const side = (r: Record<string, unknown>, t: 'a' | 'b'): DuplicateSide => ({
    id: r[`${t}_id`] as string,
    kind: r[`${t}_kind`] as EntityKind,
    subtype: r[`${t}_subtype`] as string | null,
    name: r[`${t}_name`] as string,
    country: r[`${t}_country`] as string | null,
    version: r[`${t}_version`] as number,
    caseCount: r[`${t}_cases`] as number,
    linkCount: r[`${t}_links`] as number,
  });
  return {
    total: sql(db, `SELECT count(*) ${LIVE_PAIRS}`).pluck().get() as number,
    rows: rows.map((r) => ({
      a: side(r, 'a'),
      b: side(r, 'b'),
      score: r.score as number,
      reasons: JSON.parse(r.reasons as string) as DuplicateReason[],
    })),
    foundAt: (sql(db, 'SELECT max(found_at) FROM duplicate_candidates').pluck().get() as string | null) ?? null,
  };
}
