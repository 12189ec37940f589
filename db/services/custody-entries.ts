import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { CustodyPurpose } from '../shared/domain.ts';
import type { ChainEntry } from '../shared/custody-chain.ts';

/**
 * Custody entries as stored: read by the custody service (db/services/custody.ts) and by the
 * seizure service, which lists each item's current custodian, so neither imports the other.
 */
export interface CustodyEntry extends ChainEntry {
  itemId: string;
  purpose: CustodyPurpose;
  condition: string;
  sealNumbers: string[];
  notes: string;
  recordedAt: string;
  recordedBy: string;
  recordedByBadge: string;
}

interface EntryRow {
  seq: number;
  id: string;
  item_id: string;
  at: string;
  released_by: string;
  received_by: string;
  from_location: string;
  to_location: string;
  purpose: CustodyPurpose;
  condition: string;
  seal_numbers: string;
  notes: string;
  corrects_entry_id: string | null;
  recorded_at: string;
  recorded_by: string;
  recorded_by_badge: string;
}

function toEntry(r: EntryRow): CustodyEntry {
  let seals: string[] = [];
  try {
    seals = JSON.parse(r.seal_numbers) as string[];
  } catch {
    // Kept as none: the table's CHECK makes this unreachable for rows it accepted.
  }
  return {
    seq: r.seq,
    id: r.id,
    itemId: r.item_id,
    at: r.at,
    releasedBy: r.released_by,
    receivedBy: r.received_by,
    fromLocation: r.from_location,
    toLocation: r.to_location,
    purpose: r.purpose,
    condition: r.condition,
    sealNumbers: seals,
    notes: r.notes,
    correctsEntryId: r.corrects_entry_id,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    recordedByBadge: r.recorded_by_badge,
  };
}

/** An item's custody entries in recording order. */
export function loadEntries(db: Db, itemId: string): CustodyEntry[] {
  return (sql(db, 'SELECT * FROM custody_entries WHERE item_id = ? ORDER BY seq').all(itemId) as EntryRow[]).map(toEntry);
}
