import type Database from 'better-sqlite3';
import { m001Core } from './001_core.ts';
import { m002Evidence } from './002_evidence.ts';
import { m003Entities } from './003_entities.ts';
import { m004Seizures } from './004_seizures.ts';
import { m005Enforcement } from './005_enforcement.ts';
import { m006LimitationMet } from './006_limitation_met.ts';
import { m007SignedChain } from './007_signed_chain.ts';
import { m008EvidenceRepairs } from './008_evidence_repairs.ts';
import { m009LinkConfidence } from './009_link_confidence.ts';
import { m010IdentifiersMerges } from './010_identifiers_merges.ts';
import { m011PackageImports } from './011_package_imports.ts';
import { m012LinkPairs } from './012_link_pairs.ts';
import { m013ScreeningLists } from './013_screening_lists.ts';
import { m014SearchIndex } from './014_search_index.ts';
import { m015ScreeningHits } from './015_screening_hits.ts';
import { m016ScreeningMeta } from './016_screening_meta.ts';
import { m017Verifications } from './017_verifications.ts';

export interface Migration {
  version: number;
  name: string;
  /**
   * A table rebuild (create the new table, copy, drop, rename) needs foreign keys off while it
   * runs: the runner turns them off around the migration's transaction, then runs
   * `foreign_key_check` before committing, and refuses the migration if a reference broke.
   */
  foreignKeysOff?: true;
  up: (db: Database.Database) => void;
}

/** Numbered, append-only: never edit a migration that has shipped; add the next one. */
export const migrations: readonly Migration[] = [
  m001Core,
  m002Evidence,
  m003Entities,
  m004Seizures,
  m005Enforcement,
  m006LimitationMet,
  m007SignedChain,
  m008EvidenceRepairs,
  m009LinkConfidence,
  m010IdentifiersMerges,
  m011PackageImports,
  m012LinkPairs,
  m013ScreeningLists,
  m014SearchIndex,
  m015ScreeningHits,
  m016ScreeningMeta,
  m017Verifications,
];

export function latestVersion(list: readonly Migration[]): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

export const LATEST_VERSION = latestVersion(migrations);
