/**
 * Screening an entity: the keys of its names and identifiers find the list entries that share
 * them (screening_keys), subjectKeys(...).accepts keeps those the matcher could match, each is
 * scored (match.ts), and what scores at or above the threshold replaces the entity's hits. Run in
 * the transaction of every write of a person, organization or conveyance (the index read from its
 * table), and for a case or for every entity by the `screen` job (the index read into memory once).
 */
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { dataOf, type EntityRow } from '../services/entities.ts';
import {
  ACCEPT,
  blockingKeys,
  ONE_WORD,
  oneWordName,
  REJECT,
  identifierKeys,
  matchPrepared,
  partyOfEntityData,
  partyOfEntry,
  prepareParty,
  subjectKeys,
  type MatchParty,
  type PreparedParty,
} from './match.ts';
import type { ScreeningEntry } from './entry.ts';

/**
 * An entity accepted by more entries than this is scored against those sharing the most keys with
 * it: a name made of the list's most frequent words, where one more candidate is one more guess.
 */
const MAX_CANDIDATES = 2000;

/**
 * The version of the keys this code writes: the index of every list is written again on opening a
 * file whose keys are of another version (screeningKeysStale), as the search index is.
 */
export const SCREENING_KEYS_VERSION = 3;

/** The entity as the matcher compares it; null for what is not screened (addresses, shipments, merged records). */
export function entityParty(db: Db, id: string): MatchParty | null {
  const row = sql(db, 'SELECT * FROM entities WHERE id = ?').get(id) as (EntityRow & { merged_into: string | null }) | undefined;
  if (!row || row.merged_into) return null;
  const party = partyOfEntityData(dataOf(row));
  return party && party.kind !== 'other' && party.names.length > 0 ? party : null;
}

interface EntryRow {
  id: string;
  list_id: string;
  entry_key: string;
  content_hash: string;
  type: ScreeningEntry['type'];
  name: string;
  aliases: string;
  countries: string;
  dates_of_birth: string;
  imo_number: string | null;
  identifiers: string;
  vessel_flag: string | null;
}

function entryOf(r: EntryRow): ScreeningEntry {
  return {
    key: r.entry_key,
    type: r.type,
    typeStated: true,
    name: r.name,
    aliases: JSON.parse(r.aliases) as string[],
    source: '',
    programs: [],
    countries: JSON.parse(r.countries) as string[],
    addresses: [],
    datesOfBirth: JSON.parse(r.dates_of_birth) as string[],
    imoNumber: r.imo_number,
    identifiers: JSON.parse(r.identifiers) as ScreeningEntry['identifiers'],
    vesselFlag: r.vessel_flag,
    listedOn: null,
    remarks: '',
    sourceUrl: '',
    details: {},
  };
}

/** The keys a list entry is found by: its names' blocking keys, and its identifiers (`i:`). */
export function entryKeys(party: MatchParty): string[] {
  return [...new Set([...party.names.flatMap(blockingKeys), ...identifierKeys(party)])];
}

/** Where a subject's candidates are found: the table, or memory during a run over many entities. */
interface KeyIndex {
  /**
   * The entries worth scoring against this subject: those sharing keys it accepts, the most
   * shared first when there are more than MAX_CANDIDATES.
   */
  candidates(subject: MatchParty): readonly Candidate[];
}

/** A list entry, and the entry as the matcher compares it (prepared once per index). */
interface Candidate {
  row: EntryRow;
  party: PreparedParty;
}

const ENTRY_COLUMNS = `id, list_id, entry_key, content_hash, type, name, aliases, countries, dates_of_birth, imo_number,
  identifiers, vessel_flag`;

const prepareEntry = (r: EntryRow): PreparedParty => prepareParty(partyOfEntry(entryOf(r)));

/** The index read from its table: the screening of the few entities a write touches. */
function tableIndex(db: Db): KeyIndex {
  const byKey = sql(db, 'SELECT entry_id FROM screening_keys WHERE key = ?').pluck();
  const byId = sql(db, `SELECT ${ENTRY_COLUMNS} FROM screening_entries WHERE id = ?`);
  // By id and content: an entry changed by a new version of its list is prepared again.
  const ready = new Map<string, PreparedParty>();
  return {
    candidates(subject) {
      const sk = subjectKeys(subject);
      const shared = new Map<string, string[]>();
      for (const key of sk.keys) {
        for (const id of byKey.all(key) as string[]) {
          const list = shared.get(id);
          if (list) list.push(key);
          else shared.set(id, [key]);
        }
      }
      const kept: [Candidate, number][] = [];
      for (const [id, keys] of shared) {
        const verdict = sk.accepts(keys);
        if (verdict === REJECT) continue;
        const row = byId.get(id) as EntryRow | undefined;
        if (!row) continue;
        const key = `${row.id} ${row.content_hash}`;
        let party = ready.get(key);
        if (!party) ready.set(key, (party = prepareEntry(row)));
        if (verdict === ONE_WORD && !oneWordName(party.names)) continue;
        kept.push([{ row, party }, keys.length]);
      }
      if (kept.length > MAX_CANDIDATES) kept.sort((x, y) => y[1] - x[1]).length = MAX_CANDIDATES;
      return kept.map(([c]) => c);
    },
  };
}

/**
 * Every key and entry of the loaded lists, read once: a run over a million entities looks up some
 * 20 million keys and gathers some 300 million postings, so entries are numbers, postings typed
 * arrays, and an entity's candidates are gathered in arrays reused from one entity to the next.
 */
function memoryIndex(db: Db): KeyIndex {
  const rows: EntryRow[] = [];
  const place = new Map<string, number>();
  for (const r of sql(db, `SELECT ${ENTRY_COLUMNS} FROM screening_entries`).iterate() as IterableIterator<EntryRow>) {
    place.set(r.id, rows.length);
    rows.push(r);
  }
  const lists = new Map<string, number[]>();
  for (const [key, id] of sql(db, 'SELECT key, entry_id FROM screening_keys').raw().iterate() as IterableIterator<
    [string, string]
  >) {
    const e = place.get(id);
    if (e === undefined) continue;
    const list = lists.get(key);
    if (list) list.push(e);
    else lists.set(key, [e]);
  }
  const postings = new Map<string, Int32Array>();
  for (const [key, list] of lists) postings.set(key, Int32Array.from(list));
  lists.clear();
  const ready: (Candidate | undefined)[] = new Array<Candidate | undefined>(rows.length);
  const candidate = (e: number): Candidate => {
    let c = ready[e];
    if (!c) {
      const row = rows[e] as EntryRow;
      ready[e] = c = { row, party: prepareEntry(row) };
    }
    return c;
  };
  // Whether the entry has a name of one distinctive word: 0 not known yet, 1 yes, 2 no.
  const short = new Uint8Array(rows.length);
  // Per entity: which entries it met (stamped with the entity's number), and for each the keys
  // shared, as a chain of links (head, next, keyAt) in arrays that grow as needed.
  const stamp = new Uint32Array(rows.length);
  const head = new Int32Array(rows.length);
  const shared = new Int32Array(rows.length);
  const touched = new Int32Array(rows.length);
  let next = new Int32Array(1 << 14);
  let keyAt = new Int32Array(1 << 14);
  let at = new Int32Array(64);
  let call = 0;
  return {
    candidates(subject) {
      const sk = subjectKeys(subject);
      call++;
      let met = 0;
      let links = 0;
      for (let k = 0; k < sk.keys.length; k++) {
        const post = postings.get(sk.keys[k] as string);
        if (!post) continue;
        if (links + post.length > next.length) {
          const size = Math.max(next.length * 2, links + post.length);
          const n2 = new Int32Array(size);
          n2.set(next.subarray(0, links));
          next = n2;
          const k2 = new Int32Array(size);
          k2.set(keyAt.subarray(0, links));
          keyAt = k2;
        }
        for (let p = 0; p < post.length; p++) {
          const e = post[p] as number;
          if (stamp[e] !== call) {
            stamp[e] = call;
            head[e] = -1;
            shared[e] = 0;
            touched[met++] = e;
          }
          keyAt[links] = k;
          next[links] = head[e] as number;
          head[e] = links++;
          shared[e] = (shared[e] as number) + 1;
        }
      }
      if (at.length < sk.keys.length) at = new Int32Array(sk.keys.length);
      const kept: number[] = [];
      for (let t = 0; t < met; t++) {
        const e = touched[t] as number;
        let n = 0;
        for (let l = head[e] as number; l >= 0; l = next[l] as number) at[n++] = keyAt[l] as number;
        const verdict = sk.acceptsAt(at, n);
        if (verdict === ONE_WORD && !short[e]) short[e] = oneWordName(candidate(e).party.names) ? 1 : 2;
        if (verdict === ACCEPT || (verdict === ONE_WORD && short[e] === 1)) kept.push(e);
      }
      if (kept.length > MAX_CANDIDATES)
        kept.sort((x, y) => (shared[y] as number) - (shared[x] as number)).length = MAX_CANDIDATES;
      return kept.map(candidate);
    },
  };
}

function listsLoaded(db: Db): boolean {
  return sql(db, 'SELECT 1 FROM screening_lists LIMIT 1').get() !== undefined;
}

/** Screens these entities now: their hits replaced by what the lists say of them today. */
export function screenEntities(
  db: Db,
  ids: readonly string[],
  now: string,
  /** The index to read: the table by default. */
  index?: KeyIndex,
): { screened: number; hits: number } {
  const drop = sql(db, 'DELETE FROM screening_hits WHERE entity_id = ?');
  if (!listsLoaded(db)) {
    // No list loaded: nothing to find, and nothing left of an earlier list.
    for (const id of ids) drop.run(id);
    return { screened: 0, hits: 0 };
  }
  const from = index ?? tableIndex(db);
  const insert = sql(
    db,
    `INSERT INTO screening_hits (entity_id, list_id, entry_key, entry_hash, entry_name, subject_name, score, reasons, found_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let screened = 0;
  let hits = 0;
  for (const id of ids) {
    drop.run(id);
    const party = entityParty(db, id);
    if (!party) continue;
    screened++;
    const subject = prepareParty(party);
    for (const { row: r, party: entry } of from.candidates(party)) {
      const m = matchPrepared(subject, entry);
      if (!m) continue;
      insert.run(
        id,
        r.list_id,
        r.entry_key,
        r.content_hash,
        m.entryName,
        m.subjectName,
        Math.round(m.score),
        JSON.stringify(m.reasons),
        now,
      );
      hits++;
    }
  }
  return { screened, hits };
}

/** The blocking keys of a list's entries, written again (after each import that changed it). */
export function indexListEntries(db: Db, listId: string): number {
  sql(db, 'DELETE FROM screening_keys WHERE entry_id IN (SELECT id FROM screening_entries WHERE list_id = ?)').run(listId);
  const rows = sql(db, `SELECT ${ENTRY_COLUMNS} FROM screening_entries WHERE list_id = ?`).all(listId) as EntryRow[];
  const insert = sql(db, 'INSERT OR IGNORE INTO screening_keys (key, entry_id) VALUES (?, ?)');
  let n = 0;
  for (const r of rows) {
    const keys = entryKeys(partyOfEntry(entryOf(r)));
    for (const k of keys) insert.run(k, r.id);
    n += keys.length;
  }
  return n;
}

/** True when the lists' keys were written by another version of entryKeys: they are written again on opening. */
export function screeningKeysStale(db: Db): boolean {
  return (sql(db, 'SELECT keys_version FROM screening_meta').pluck().get() as number | undefined) !== SCREENING_KEYS_VERSION;
}

/** Every list's keys written again, in one transaction (on opening a file whose keys are stale). */
export function reindexScreeningLists(db: Db): void {
  db.transaction(() => {
    for (const id of sql(db, 'SELECT id FROM screening_lists ORDER BY seq').pluck().all() as string[]) {
      indexListEntries(db, id);
    }
    sql(db, 'UPDATE screening_meta SET keys_version = ?').run(SCREENING_KEYS_VERSION);
  }).immediate();
}

/** What the loaded lists are now: a run reads its index again when a list is imported while it runs. */
function listsState(db: Db): string {
  return (sql(db, "SELECT group_concat(id || ':' || version, ',') FROM (SELECT id, version FROM screening_lists ORDER BY seq)")
    .pluck()
    .get() ?? '') as string;
}

/**
 * What is screened, as SQL on the entities table `t`: people, organizations, vessels and aircraft
 * (a vehicle or a container has no name a list holds; entityParty gives none for them either).
 */
export const screenedSql = (t: string): string =>
  `(${t}.kind IN ('person', 'organization') OR (${t}.kind = 'conveyance' AND ${t}.subtype IN ('vessel', 'aircraft')))`;

/**
 * The `screen` job: every person, organization, vessel and aircraft (of one case, or all), in batches
 * of a short transaction each, so that the app answers while it runs.
 */
export function screenAll(
  db: Db,
  o: { caseId?: string | undefined; now: string; progress?: (done: number, total: number) => void; cancelled?: () => boolean },
): { screened: number; hits: number; cancelled: boolean } {
  const ids = (
    o.caseId
      ? sql(
          db,
          `SELECT DISTINCT e.id FROM entities e JOIN case_entities ce ON ce.entity_id = e.id
           WHERE ce.case_id = ? AND e.merged_into IS NULL AND ${screenedSql('e')} ORDER BY e.seq`,
        )
          .pluck()
          .all(o.caseId)
      : sql(db, `SELECT id FROM entities WHERE merged_into IS NULL AND ${screenedSql('entities')} ORDER BY seq`)
          .pluck()
          .all()
  ) as string[];
  let screened = 0;
  let hits = 0;
  // A case's few entities read the table; a run over many reads the index into memory once.
  let state = listsState(db);
  const big = ids.length > 2000;
  let index = big && state ? memoryIndex(db) : tableIndex(db);
  const BATCH = 500;
  o.progress?.(0, ids.length);
  for (let i = 0; i < ids.length; i += BATCH) {
    if (o.cancelled?.()) return { screened, hits, cancelled: true };
    const r = db
      .transaction(() => {
        const now = listsState(db);
        if (now !== state) {
          state = now;
          index = big && now ? memoryIndex(db) : tableIndex(db);
        }
        return screenEntities(db, ids.slice(i, i + BATCH), o.now, index);
      })
      .immediate();
    screened += r.screened;
    hits += r.hits;
    o.progress?.(Math.min(ids.length, i + BATCH), ids.length);
  }
  return { screened, hits, cancelled: false };
}
