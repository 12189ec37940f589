/**
 * What has shipped stays shipped: every numbered migration has its own test file, versions run
 * 1, 2, 3... without gaps, a shipped migration imports no live code (only frozen copies), and
 * the schema each version leaves is the one recorded when it shipped (schema.snapshot.json).
 * A new migration: add NNN_name.ts, its NNN.test.ts, and record its schema with
 * `UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/migrations/shipped.test.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/sqlite.ts';
import { LATEST_VERSION, migrations } from '../../db/migrations/index.ts';
import { newFile, track } from './helpers.ts';

const repo = path.resolve(import.meta.dirname, '..', '..');
const migrationDir = path.join(repo, 'db', 'migrations');
const snapshotFile = path.join(import.meta.dirname, 'schema.snapshot.json');
const files = fs
  .readdirSync(migrationDir)
  .filter((f) => /^\d{3}_.+\.ts$/.test(f))
  .sort();

describe('shipped migrations', () => {
  it('every numbered migration file has its own test file, and versions run 1, 2, 3... without gaps', () => {
    const versions = files.map((f) => Number(f.slice(0, 3)));
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(migrations.map((m) => m.version)).toEqual(versions);
    expect(LATEST_VERSION).toBe(versions.length);
    const missing = files.map((f) => `${f.slice(0, 3)}.test.ts`).filter((t) => !fs.existsSync(path.join(import.meta.dirname, t)));
    expect(missing, 'a migration without its test file').toEqual([]);
  });

  it('a shipped migration imports nothing that later code may change: only types and frozen copies', () => {
    for (const f of files) {
      const source = fs.readFileSync(path.join(migrationDir, f), 'utf8');
      const imports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gm)].map((m) => ({
        type: Boolean(m[1]),
        from: m[2] ?? '',
      }));
      const live = imports.filter((i) => !i.type && !i.from.startsWith('./frozen/'));
      expect(live, f).toEqual([]);
    }
  });

  it('each version leaves the schema recorded when it shipped', async () => {
    const schemas: Record<string, string[]> = {};
    for (const m of migrations) {
      const { db } = track(await openDatabase(newFile(), { migrations: migrations.filter((x) => x.version <= m.version) }));
      const rows = db
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .all() as {
        type: string;
        name: string;
        tbl_name: string;
        sql: string | null;
      }[];
      schemas[String(m.version)] = rows.map(
        (r) => `${r.type} ${r.name} on ${r.tbl_name}: ${(r.sql ?? '').replace(/\s+/g, ' ').trim()}`,
      );
    }
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') {
      const recorded = fs.existsSync(snapshotFile)
        ? (JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as Record<string, string[]>)
        : {};
      // Only versions not yet recorded are added: a shipped version's schema is never rewritten.
      for (const [v, s] of Object.entries(schemas)) recorded[v] ??= s;
      fs.writeFileSync(snapshotFile, `${JSON.stringify(recorded, null, 2)}\n`);
    }
    const recorded = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as Record<string, string[]>;
    for (const [version, schema] of Object.entries(schemas)) {
      expect(recorded[version], `no recorded schema for version ${version}: record it (see the top of this file)`).toBeDefined();
      expect(schema, `migration ${version} no longer leaves the schema it shipped with`).toEqual(recorded[version]);
    }
  });
});
