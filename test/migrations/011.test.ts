/** Migration 011: the record of each imported evidence package and its audit extract, one per package, never changed. */
import { describe, expect, it } from 'vitest';
import { migratedWithOneCase } from './helpers.ts';

describe('migration 011', () => {
  it('creates an append-only table of imported packages, one row per package, tied to its case', async () => {
    const db = await migratedWithOneCase(11);
    const insert = db.prepare(
      `INSERT INTO package_imports (id, package_id, file_sha256, case_id, file_number, mode, profile, exported_at,
         dossier_version, imported_at, imported_by, withheld, changes, audit_extract_sha256)
       VALUES (@id, @packageId, @sha, @caseId, '2026-EXP-000001', @mode, 'partner', '2026-03-01T00:00:00.000Z', '0.1.0',
         '2026-03-02T00:00:00.000Z', 'A. Investigator', @withheld, '{}', @sha)`,
    );
    const row = { id: 'i-1', packageId: 'p-1', sha: 'a'.repeat(64), caseId: 'case-1', mode: 'new', withheld: '[]' };
    insert.run(row);
    expect(db.prepare('SELECT mode, profile, withheld FROM package_imports').get()).toEqual({
      mode: 'new',
      profile: 'partner',
      withheld: '[]',
    });
    // The same package twice, an unknown case, a mode or withheld list that is not one.
    expect(() => insert.run({ ...row, id: 'i-2' })).toThrow(/UNIQUE constraint failed: package_imports.package_id/);
    expect(() => insert.run({ ...row, id: 'i-3', packageId: 'p-3', caseId: 'case-9' })).toThrow(/FOREIGN KEY/);
    expect(() => insert.run({ ...row, id: 'i-4', packageId: 'p-4', mode: 'replace' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...row, id: 'i-5', packageId: 'p-5', withheld: '{}' })).toThrow(/CHECK/);
    expect(() => insert.run({ ...row, id: 'i-6', packageId: 'p-6', sha: 'A'.repeat(64) })).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE package_imports SET mode = 'merge'").run()).toThrow(/recorded once/);
    expect(() => db.prepare('DELETE FROM package_imports').run()).toThrow(/recorded once/);
    // The audit extract, kept as it came, beside its import.
    const extract = db.prepare('INSERT INTO package_import_extracts (import_id, text) VALUES (?, ?)');
    extract.run('i-1', '[{"seq":1}]');
    expect(() => extract.run('i-1', '[]')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => extract.run('i-9', '[]')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE package_import_extracts SET text = '[]'").run()).toThrow(/kept as they came/);
    expect(() => db.prepare('DELETE FROM package_import_extracts').run()).toThrow(/kept as they came/);
  });
});
