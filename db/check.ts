import type { Db } from './sqlite.ts';

export interface Problem {
  kind: 'integrity' | 'foreign_key';
  message: string;
}

export interface CheckReport {
  checked: string[];
  problems: Problem[];
}

/** Everything `dossier check` verifies. Each problem names the record it concerns. */
export function checkDatabase(db: Db): CheckReport {
  const problems: Problem[] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  for (const row of integrity) {
    if (row.integrity_check !== 'ok') problems.push({ kind: 'integrity', message: row.integrity_check });
  }
  const fks = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string; fkid: number }[];
  for (const fk of fks) {
    problems.push({
      kind: 'foreign_key',
      message: `${fk.table} row ${fk.rowid} points to a missing ${fk.parent} record`,
    });
  }
  return { checked: ['integrity_check', 'foreign_key_check'], problems };
}
