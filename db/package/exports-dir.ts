import fs from 'node:fs';
import path from 'node:path';

/** Where the app writes the packages it exports: `exports/` beside the database file (created on first use). */
export function exportsDir(dataDir: string): string {
  const dir = path.join(dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** `2026-EXP-000123-prosecution-20261202-063559.zip`: sorts by case then time, safe on every file system. */
export function exportFileName(fileNumber: string, what: string, nowIso: string, ext: 'zip' | 'pdf' = 'zip'): string {
  const stamp = nowIso.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${fileNumber.replace(/[^\w-]/g, '_')}-${what}-${stamp}.${ext}`;
}

/** A package or printed record the server may send: a plain name in the exports folder, nothing that climbs out. */
export const EXPORT_NAME_RE = /^[\w.()-]+\.(zip|pdf)$/;
