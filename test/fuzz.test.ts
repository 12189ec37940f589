/**
 * Property-based fuzzing of the whole contract: every method of the methods table (found from
 * the table, so a new method is covered by itself) gets generated inputs, shaped by its own JSON
 * Schema and laced with hostile values (lone surrogates, NUL, bidi overrides, huge and unsafe
 * numbers, far dates, deep nesting, ids of real records), against a real database file holding a
 * seeded caseload. Properties: no `internal` error; a refusal names a reason, changes nothing
 * (table counts, the audit trail); and `check` is green at the end.
 * FUZZ_RUNS sets the inputs per method (200 by default; the README says how to run 1,000).
 */
import path from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, methods, type Core } from '../db/index.ts';
import { seedAll } from '../db/seed/all.ts';
import { checkOf, tempDir } from './helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const dir = tempDir();
let core: Core;
let ids: string[] = [];
let tables: string[] = [];

/** Starts workers that run for minutes (a seed of a million cases): fuzzed apart, below. */
const NOT_FUZZED = new Set(['jobs.start']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: Json[];
  const?: Json;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  additionalProperties?: JsonSchema | boolean;
};

const hostileStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\u202Eevil\u202C',
  '\u200B',
  '\n\n',
  '\t',
  "'; DROP TABLE cases; --",
  '"',
  '*',
  'NEAR(a b)',
  '%_\\',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'e\u0301',
  'Королёв',
  'Straße',
  '🛳️',
  'x'.repeat(70_000),
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '+010000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-23:59',
  '2026-03-10T08:00:00-04:00',
  '1899-12-31T23:59:59Z',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
);
/** Characters that have broken text handling somewhere: controls, lone surrogates, bidi, FTS syntax. */
const evilChar = fc.oneof(
  fc.constantFrom(
    'a',
    'é',
    ' ',
    '\u0000',
    '\u0007',
    '\uD800',
    '\uDC00',
    '\u202E',
    '\u2066',
    '\u200B',
    '\n',
    '"',
    '*',
    '(',
    ':',
    '^',
  ),
  fc.string({ minLength: 1, maxLength: 1 }),
);
const hostileNumbers = fc.constantFrom(
  0,
  -1,
  1,
  0.5,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  2 ** 63,
  -(2 ** 63),
  Number.MIN_SAFE_INTEGER,
);
const deep: fc.Arbitrary<Json> = fc.integer({ min: 10, max: 200 }).map((d) => {
  let v: Json = 1;
  for (let i = 0; i < d; i++) v = i % 2 ? [v] : { a: v };
  return v;
});

function hostile(): fc.Arbitrary<Json> {
  return fc.oneof(
    hostileStrings,
    hostileNumbers,
    fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': 1 }),
    fc.constantFrom(...(ids.length ? ids : ['none'])),
    deep,
    fc.jsonValue() as fc.Arbitrary<Json>,
  );
}

/** Values the schema would accept or nearly: its enums, formats and bounds, and sometimes its edges. */
function fromSchema(s: JsonSchema | undefined, depth: number): fc.Arbitrary<Json> {
  if (!s || depth > 6) return hostile();
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => fromSchema(a, depth + 1)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...(ids.length ? ids : ['x'])), fc.uuid());
      if (s.format === 'date')
        return fc.oneof(fc.constantFrom('2026-03-01', '2026-01-15', '2025-12-31', '2031-01-01'), hostileStrings);
      if (s.format === 'date-time') {
        return fc.oneof(
          fc.constantFrom('2026-03-10T08:00:00-04:00', '2026-02-01T12:00:00Z', '2030-01-01T00:00:00Z'),
          hostileStrings,
        );
      }
      return fc.oneof(
        fc.string({ maxLength: Math.min(s.maxLength ?? 40, 40) }),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.string({ unit: evilChar, maxLength: 12 }),
        { weight: 2, arbitrary: hostileStrings },
      );
    case 'integer':
      return fc.oneof(fc.integer({ min: s.minimum ?? -10, max: Math.min(s.maximum ?? 10_000, 10_000) }), hostileNumbers);
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), hostileNumbers);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(s.items, depth + 1), { maxLength: 4 });
    case 'object': {
      const props = s.properties ?? {};
      const shaped = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, depth + 1)])), {
        requiredKeys: [],
      }) as fc.Arbitrary<Json>;
      return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: hostile() });
    }
    default:
      return hostile();
  }
}

/** What a refused call must leave as it was: every table's row count and the audit trail's end. */
function fingerprint(): string {
  const counts = tables.map((t) => core.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get());
  const audit = core.db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get();
  return JSON.stringify([counts, audit]);
}

beforeAll(async () => {
  core = await openCore(path.join(dir, 'fuzz', 'dossier.db'), { actor: { name: 'Fuzz Tester', badge: 'F-1' } });
  core.invoke('settings.update', { profile: { name: 'Fuzz Tester', badge: 'F-1' } });
  seedAll(core.db, core.invoke, {
    cases: 40,
    seed: 7,
    entitiesPerCase: 3,
    today: '2026-03-15',
    progress: () => {},
    cancelled: () => false,
  });
  ids = [
    ...(core.db.prepare('SELECT id FROM cases LIMIT 20').pluck().all() as string[]),
    ...(core.db.prepare('SELECT id FROM entities LIMIT 20').pluck().all() as string[]),
    ...(core.db.prepare('SELECT id FROM seizures LIMIT 10').pluck().all() as string[]),
    ...(core.db.prepare('SELECT id FROM seized_items LIMIT 10').pluck().all() as string[]),
    ...(core.db.prepare('SELECT id FROM penalties LIMIT 10').pluck().all() as string[]),
    ...(core.db.prepare('SELECT id FROM detentions LIMIT 10').pluck().all() as string[]),
  ];
  tables = core.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'")
    .pluck()
    .all() as string[];
}, 300_000);
afterAll(() => core.close());

const figures = { inputs: 0, accepted: 0, refused: 0, internal: 0, partial: 0 };

describe('the contract under generated input', () => {
  const names = Object.keys(methods).filter((m) => !NOT_FUZZED.has(m));

  it('covers every method of the table but the one fuzzed apart', () => {
    expect(names.length + NOT_FUZZED.size).toBe(Object.keys(methods).length);
  });

  it.each(names)('%s: no internal error, a refusal changes nothing and names its reason', (name) => {
    const spec = methods[name as keyof typeof methods];
    const schema = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    fc.assert(
      fc.property(fromSchema(schema, 0), (input) => {
        figures.inputs++;
        const before = spec.kind === 'write' ? fingerprint() : '';
        const env = core.invoke(name, input);
        if (env.ok) {
          figures.accepted++;
          return;
        }
        figures.refused++;
        if (env.error.code === 'internal') figures.internal++;
        expect(env.error.code, `${name} ${JSON.stringify(input)?.slice(0, 300)}: ${env.error.message}`).not.toBe('internal');
        if (env.error.code !== 'unknown_method') expect(env.error.reason, env.error.message).toBeTruthy();
        if (spec.kind === 'write') {
          const after = fingerprint();
          if (after !== before) figures.partial++;
          expect(after, `${name} refused but changed the database`).toBe(before);
        }
      }),
      { numRuns: RUNS, seed: 20261202 },
    );
  });

  it('jobs.start: any input is refused or starts a job, never an internal error (a started job is cancelled)', () => {
    fc.assert(
      fc.property(fromSchema(z.toJSONSchema(methods['jobs.start'].input, { io: 'input' }) as JsonSchema, 0), (input) => {
        const env = core.invoke('jobs.start', input);
        if (env.ok) core.invoke('jobs.cancel', { id: (env.result as { id: string }).id });
        else expect(env.error.code).not.toBe('internal');
      }),
      { numRuns: Math.min(RUNS, 50), seed: 20261202 },
    );
  });

  it('leaves a database that passes every check', () => {
    expect(checkOf(core.db).problems).toEqual([]);
    process.stdout.write(
      `fuzz: ${figures.inputs} inputs (${RUNS} a method), ${figures.accepted} accepted, ${figures.refused} refused, ` +
        `${figures.internal} internal errors, ${figures.partial} partial writes\n`,
    );
  });
});
