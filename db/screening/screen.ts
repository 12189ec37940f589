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
  blockingKeys,
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
export const SCREENING_KEYS_VERSION = 2;

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

/** Where the entries that share a key are read from: the table, or memory during a run over many entities. */
interface KeyIndex {
  entriesOf(key: string): readonly string[];
  entry(id: string): EntryRow | undefined;
}

const ENTRY_COLUMNS = `id, list_id, entry_key, content_hash, type, name, aliases, countries, dates_of_birth, imo_number,
  identifiers, vessel_flag`;

function tableIndex(db: Db): KeyIndex {
  const byKey = sql(db, 'SELECT entry_id FROM screening_keys WHERE key = ?').pluck();
  const byId = sql(db, `SELECT ${ENTRY_COLUMNS} FROM screening_entries WHERE id = ?`);
  return {
    entriesOf: (key) => byKey.all(key) as string[],
    entry: (id) => byId.get(id) as EntryRow | undefined,
  };
}

/** Every key and entry of the loaded lists, read once: a run over a million entities asks it some 20 million times. */
function memoryIndex(db: Db): KeyIndex {
  const entries = new Map<string, EntryRow>();
  for (const r of sql(db, `SELECT ${ENTRY_COLUMNS} FROM screening_entries`).iterate() as IterableIterator<EntryRow>) {
    entries.set(r.id, r);
  }
  const keys = new Map<string, string[]>();
  for (const r of sql(db, 'SELECT key, entry_id FROM screening_keys').raw().iterate() as IterableIterator<[string, string]>) {
    const list = keys.get(r[0]);
    if (list) list.push(r[1]);
    else keys.set(r[0], [r[1]]);
  }
  return { entriesOf: (key) => keys.get(key) ?? [], entry: (id) => entries.get(id) };
}

/** The entries worth scoring against this subject: those sharing keys it accepts, the most shared first. */
function candidates(subject: MatchParty, index: KeyIndex): string[] {
  const sk = subjectKeys(subject);
  const shared = new Map<string, string[]>();
  for (const key of sk.keys) {
    for (const id of index.entriesOf(key)) {
      const list = shared.get(id);
      if (list) list.push(key);
      else shared.set(id, [key]);
    }
  }
  const kept: [string, number][] = [];
  for (const [id, keys] of shared) if (sk.accepts(keys)) kept.push([id, keys.length]);
  if (kept.length > MAX_CANDIDATES) kept.sort((a, b) => b[1] - a[1]).length = MAX_CANDIDATES;
  return kept.map(([id]) => id);
}

function listsLoaded(db: Db): boolean {
  return sql(db, 'SELECT 1 FROM screening_lists LIMIT 1').get() !== undefined;
}

/** Screens these entities now: their hits replaced by what the lists say of them today. */
export function screenEntities(
  db: Db,
  ids: readonly string[],
  now: string,
  o: {
    /** The index to read (the table by default). */
    index?: KeyIndex;
    /** Entries already prepared for the matcher, by id and content hash: one run prepares each once. */
    prepared?: Map<string, PreparedParty>;
  } = {},
): { screened: number; hits: number } {
  const drop = sql(db, 'DELETE FROM screening_hits WHERE entity_id = ?');
  if (!listsLoaded(db)) {
    // No list loaded: nothing to find, and nothing left of an earlier list.
    for (const id of ids) drop.run(id);
    return { screened: 0, hits: 0 };
  }
  const index = o.index ?? tableIndex(db);
  const prepared = o.prepared ?? new Map<string, PreparedParty>();
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
    for (const entryId of candidates(party, index)) {
      const r = index.entry(entryId);
      if (!r) continue;
      const cacheKey = `${r.id} ${r.content_hash}`;
      let entry = prepared.get(cacheKey);
      if (!entry) {
        entry = prepareParty(partyOfEntry(entryOf(r)));
        prepared.set(cacheKey, entry);
      }
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
 * The `screen` job: every person, organization and conveyance (of one case, or all), in batches
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
           WHERE ce.case_id = ? AND e.merged_into IS NULL AND e.kind IN ('person', 'organization', 'conveyance') ORDER BY e.seq`,
        )
          .pluck()
          .all(o.caseId)
      : sql(
          db,
          `SELECT id FROM entities WHERE merged_into IS NULL AND kind IN ('person', 'organization', 'conveyance') ORDER BY seq`,
        )
          .pluck()
          .all()
  ) as string[];
  let screened = 0;
  let hits = 0;
  const prepared = new Map<string, PreparedParty>();
  // A case's few entities read the table; a run over many reads the index into memory once.
  let state = listsState(db);
  let index = ids.length > 2000 && state ? memoryIndex(db) : undefined;
  const BATCH = 500;
  o.progress?.(0, ids.length);
  for (let i = 0; i < ids.length; i += BATCH) {
    if (o.cancelled?.()) return { screened, hits, cancelled: true };
    const r = db
      .transaction(() => {
        const now = listsState(db);
        if (index && now !== state) {
          state = now;
          prepared.clear();
          index = now ? memoryIndex(db) : undefined;
        }
        return screenEntities(db, ids.slice(i, i + BATCH), o.now, index ? { index, prepared } : { prepared });
      })
      .immediate();
    screened += r.screened;
    hits += r.hits;
    o.progress?.(Math.min(ids.length, i + BATCH), ids.length);
  }
  return { screened, hits, cancelled: false };
}
