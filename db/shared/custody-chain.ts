/**
 * The effective chain of custody of one seized item, and its breaks. Pure: no SQLite.
 *
 * Definitions:
 * - The origin is the item's first custody state: its initial custodian (the seizing officer) at
 *   its initial location, at the instant of the seizure.
 * - An entry is a movement; a correction is an entry whose correctsEntryId names an earlier entry
 *   of the same item. The correction replaces every field of the entry it corrects, in that
 *   entry's place in the chain: it does not move to the end.
 * - The versions of a movement: the original entry, its correction, the correction of that
 *   correction, and so on. The effective version is the last one. The effective chain is the
 *   effective version of each original entry, in the order the originals were recorded. Only
 *   effective entries count for the current custodian, the location and the checks below.
 * - A link joins two consecutive effective entries (the first joins the origin): it holds when
 *   the later one was released by the earlier one's receiver, leaves from the earlier one's
 *   destination, and is not earlier in time. A link that does not hold is a break. Names and
 *   places are compared ignoring case and runs of spaces.
 *
 * Dossier refuses any entry that would break a link (see checkMovement and checkCorrections), so a
 * chain built through it has no break; rows that arrive otherwise (an import) are still read, and
 * their breaks are reported.
 */

export interface Movement {
  at: string;
  releasedBy: string;
  receivedBy: string;
  fromLocation: string;
  toLocation: string;
}

export interface ChainEntry extends Movement {
  id: string;
  seq: number;
  correctsEntryId: string | null;
}

export interface Origin {
  at: string;
  custodian: string;
  location: string;
}

export interface ChainBreak {
  /** The entry whose link to the one before it (or to the origin) does not hold. */
  entryId: string;
  field: 'releasedBy' | 'fromLocation' | 'at' | 'correctsEntryId';
  reason: string;
}

export interface ChainAnalysis<E extends ChainEntry> {
  /** The effective chain, in order. */
  effective: E[];
  /** For each entry that is no longer effective, the entry that replaced it. */
  supersededBy: Map<string, string>;
  /** For each entry, the 1-based place in the effective chain of the movement it is a version of. */
  slotOf: Map<string, number>;
  breaks: ChainBreak[];
  current: { custodian: string; location: string; since: string };
}

/** The same person or place: case, surrounding spaces and runs of spaces do not count. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(a) === norm(b);
}

function time(iso: string): number {
  return Date.parse(iso);
}

/** Why the link from `prev` (an entry, or the origin when prevIsOrigin) to `next` does not hold; empty when it holds. */
export function linkProblems(
  prev: { receivedBy: string; toLocation: string; at: string },
  prevIsOrigin: boolean,
  next: Movement,
): { field: 'releasedBy' | 'fromLocation' | 'at'; reason: string }[] {
  const out: { field: 'releasedBy' | 'fromLocation' | 'at'; reason: string }[] = [];
  const holder = prevIsOrigin ? 'the seizing officer' : 'the custodian';
  if (!sameName(next.releasedBy, prev.receivedBy)) {
    out.push({ field: 'releasedBy', reason: `released by ${next.releasedBy}, but ${holder} was ${prev.receivedBy}` });
  }
  if (!sameName(next.fromLocation, prev.toLocation)) {
    out.push({ field: 'fromLocation', reason: `moved from ${next.fromLocation}, but the item was at ${prev.toLocation}` });
  }
  if (time(next.at) < time(prev.at)) {
    out.push({
      field: 'at',
      reason: prevIsOrigin
        ? `${next.at} is before the seizure (${prev.at})`
        : `${next.at} is before the previous entry (${prev.at})`,
    });
  }
  return out;
}

/** The effective chain of one item's entries (given in recording order), its breaks and its current state. */
export function analyzeChain<E extends ChainEntry>(origin: Origin, entries: readonly E[]): ChainAnalysis<E> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const breaks: ChainBreak[] = [];
  const roots: E[] = [];
  const correctors = new Map<string, E[]>();
  for (const e of entries) {
    if (e.correctsEntryId === null) {
      roots.push(e);
      continue;
    }
    const target = byId.get(e.correctsEntryId);
    if (!target || target.seq >= e.seq) {
      // Only imported rows can do this: read the entry as a movement of its own, and flag it.
      breaks.push({
        entryId: e.id,
        field: 'correctsEntryId',
        reason: target
          ? `corrects entry ${e.correctsEntryId}, which was recorded after it`
          : `corrects entry ${e.correctsEntryId}, which is not in this item's chain`,
      });
      roots.push(e);
      continue;
    }
    const list = correctors.get(target.id) ?? [];
    list.push(e);
    correctors.set(target.id, list);
  }
  const supersededBy = new Map<string, string>();
  for (const [targetId, list] of correctors) {
    const winner = list[list.length - 1];
    if (!winner) continue;
    supersededBy.set(targetId, winner.id);
    for (const loser of list.slice(0, -1)) supersededBy.set(loser.id, winner.id);
    if (list.length > 1) {
      breaks.push({
        entryId: winner.id,
        field: 'correctsEntryId',
        reason: `entry ${targetId} was corrected more than once (${list.map((c) => c.id).join(', ')}); the last correction counts`,
      });
    }
  }
  const slotOf = new Map<string, number>();
  const effective: E[] = [];
  roots.forEach((root, i) => {
    let version = root;
    slotOf.set(version.id, i + 1);
    for (let next = supersededBy.get(version.id); next !== undefined; next = supersededBy.get(version.id)) {
      const e = byId.get(next);
      if (!e) break;
      version = e;
      slotOf.set(version.id, i + 1);
    }
    effective.push(version);
  });
  let prev = { receivedBy: origin.custodian, toLocation: origin.location, at: origin.at };
  let prevIsOrigin = true;
  for (const e of effective) {
    for (const p of linkProblems(prev, prevIsOrigin, e)) breaks.push({ entryId: e.id, ...p });
    prev = e;
    prevIsOrigin = false;
  }
  const last = effective[effective.length - 1];
  return {
    effective,
    supersededBy,
    slotOf,
    breaks,
    current: last
      ? { custodian: last.receivedBy, location: last.toLocation, since: last.at }
      : { custodian: origin.custodian, location: origin.location, since: origin.at },
  };
}
