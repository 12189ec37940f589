/**
 * What an interrupted or abandoned upload leaves in the evidence store: unfinished copies
 * (`tmp/*.part`) and files uploaded but never attached to a record. At start-up, those older than
 * an hour are dealt with: an unfinished copy is removed (it is not a whole file); a file never
 * attached is moved to `evidence/unattached/`, not deleted, since a database restored from an
 * older backup may not name files a newer one did. `check` lists what is there.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Db } from './sqlite.ts';
import { isSha256, storeDir } from './evidence-store.ts';

export const LEFTOVER_AGE_MS = 60 * 60 * 1000;
const UNATTACHED = 'unattached';

export interface Leftovers {
  /** Unfinished copies in the store's tmp folder. */
  parts: string[];
  /** Files in the store no evidence record names (sha256 names). */
  unattached: string[];
  /** Files already moved to evidence/unattached/. */
  setAside: string[];
}

function olderThan(file: string, ms: number, now: number): boolean {
  try {
    return now - fs.statSync(file).mtimeMs >= ms;
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** The leftovers at least `minAgeMs` old (0: all of them). */
export function storeLeftovers(db: Db, dataDir: string, minAgeMs = 0, now = Date.now()): Leftovers {
  const store = storeDir(dataDir);
  const named = db.prepare('SELECT 1 FROM evidence WHERE sha256 = ? LIMIT 1').pluck();
  const parts = list(path.join(store, 'tmp'))
    .filter((n) => n.endsWith('.part') && olderThan(path.join(store, 'tmp', n), minAgeMs, now))
    .sort();
  const unattached: string[] = [];
  for (const prefix of list(store)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of list(path.join(store, prefix))) {
      if (!isSha256(name) || named.get(name) !== undefined) continue;
      if (olderThan(path.join(store, prefix, name), minAgeMs, now)) unattached.push(name);
    }
  }
  const setAside = list(path.join(store, UNATTACHED)).filter(isSha256).sort();
  return { parts, unattached: unattached.sort(), setAside };
}

/** Removes unfinished copies and sets aside files never attached, once an hour old; says what it did. */
export async function sweepStore(db: Db, dataDir: string, now = Date.now()): Promise<Leftovers> {
  const found = storeLeftovers(db, dataDir, LEFTOVER_AGE_MS, now);
  const store = storeDir(dataDir);
  for (const name of found.parts) await fsp.rm(path.join(store, 'tmp', name), { force: true });
  if (found.unattached.length > 0) await fsp.mkdir(path.join(store, UNATTACHED), { recursive: true });
  for (const sha of found.unattached) {
    await fsp.rename(path.join(store, sha.slice(0, 2), sha), path.join(store, UNATTACHED, sha));
  }
  return found;
}
