import type Database from 'better-sqlite3';
import { m001Core } from './001_core.ts';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

/** Numbered, append-only: never edit a migration that has shipped; add the next one. */
export const migrations: readonly Migration[] = [m001Core];

export function latestVersion(list: readonly Migration[]): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

export const LATEST_VERSION = latestVersion(migrations);
