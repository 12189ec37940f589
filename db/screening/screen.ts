/**
 * Screening an entity: its names' blocking keys find the list entries that share one
 * (screening_keys), each is scored (match.ts), and what scores at or above the threshold replaces
 * the entity's hits. Run in the transaction of every write of a person, organization or
 * conveyance, and for a case or for every entity by the `screen` job.
 */
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { dataOf, type EntityRow } from '../services/entities.ts';
import {
  blockingKeys,
  matchPrepared,
  partyOfEntityData,
  partyOfEntry,
  prepareParty,
  type MatchParty,
  type PreparedParty,
} from './match.ts';
import type { ScreeningEntry } from './entry.ts';

/** An entity sharing keys with more entries than this is compared with the first ones only. */
const MAX_CANDIDATES = 400;

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

/** The keys an entity is looked up by: its names' blocking keys, and its identifiers. */
export function partyKeys(p: MatchParty): string[] {
  const keys = new Set<string>();
  for (const n of p.names) for (const k of blockingKeys(n)) keys.add(k);
  for (const i of p.identifiers) keys.add(`id:${i.value}`);
  return [...keys];
}

/** Screens these entities now: their hits replaced by what the lists say of them today. */
export function screenEntities(
  db: Db,
  ids: readonly string[],
  now: string,
  /** Entries already prepared for the matcher, by id and content hash: one run prepares each once. */
  prepared: Map<string, PreparedParty> = new Map(),
): { screened: number; hits: number } {
  if (!(sql(db, 'SELECT 1 FROM screening_lists LIMIT 1').get() as unknown)) {
    // No list loaded: nothing to find, and nothing left of an earlier list.
    for (const id of ids) sql(db, 'DELETE FROM screening_hits WHERE entity_id = ?').run(id);
    return { screened: 0, hits: 0 };
  }
  const candidates = sql(
    db,
    `SELECT e.id, e.list_id, e.entry_key, e.content_hash, e.type, e.name, e.aliases, e.countries, e.dates_of_birth,
       e.imo_number, e.identifiers, e.vessel_flag
     FROM screening_entries e
     WHERE e.id IN (SELECT DISTINCT entry_id FROM screening_keys WHERE key IN (SELECT value FROM json_each(?)) LIMIT ${MAX_CANDIDATES})`,
  );
  const drop = sql(db, 'DELETE FROM screening_hits WHERE entity_id = ?');
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
    const rows = candidates.all(JSON.stringify(partyKeys(party))) as EntryRow[];
    const subject = prepareParty(party);
    for (const r of rows) {
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
  const rows = sql(
    db,
    `SELECT id, list_id, entry_key, content_hash, type, name, aliases, countries, dates_of_birth, imo_number, identifiers,
       vessel_flag FROM screening_entries WHERE list_id = ?`,
  ).all(listId) as EntryRow[];
  const insert = sql(db, 'INSERT OR IGNORE INTO screening_keys (key, entry_id) VALUES (?, ?)');
  let n = 0;
  for (const r of rows) {
    const keys = new Set<string>();
    for (const name of [r.name, ...(JSON.parse(r.aliases) as string[])]) for (const k of blockingKeys(name)) keys.add(k);
    // The identifiers as the matcher reads them (an IMO number, a passport...), so that one alone finds the entry.
    for (const i of partyOfEntry(entryOf(r)).identifiers) keys.add(`id:${i.value}`);
    for (const k of keys) insert.run(k, r.id);
    n += keys.size;
  }
  return n;
}

/**
 * The `screen` job: every person, organization, vessel and aircraft (of one case, or all), in
 * batches of a short transaction each, so that the app answers while it runs.
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
        ).all(o.caseId)
      : sql(
          db,
          `SELECT id FROM entities WHERE merged_into IS NULL AND kind IN ('person', 'organization', 'conveyance') ORDER BY seq`,
        ).all()
  ).map((r) => (r as { id: string }).id);
  let screened = 0;
  let hits = 0;
  const prepared = new Map<string, PreparedParty>();
  const BATCH = 500;
  for (let i = 0; i < ids.length; i += BATCH) {
    if (o.cancelled?.()) return { screened, hits, cancelled: true };
    const r = db.transaction(() => screenEntities(db, ids.slice(i, i + BATCH), o.now, prepared)).immediate();
    screened += r.screened;
    hits += r.hits;
    o.progress?.(Math.min(ids.length, i + BATCH), ids.length);
  }
  o.progress?.(ids.length, ids.length);
  return { screened, hits, cancelled: false };
}
