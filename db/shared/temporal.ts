import { z } from 'zod';
import { localDate } from './time.ts';

/**
 * One rule for every date and time field of the contract.
 * - `past`: something that happened (a case opened, a seizure, a movement, a payment): it cannot
 *   be dated after now, give or take a few minutes for a wrong clock.
 * - `planned`: a due date, a window's end, an expiry: it may lie in the future.
 * - `filter`: a bound of a query, not a fact on record.
 * Every date field is tagged with its rule where it is declared (db/schemas.ts); the dispatcher
 * checks `past` fields of every call against its clock. Pure zod: the renderer uses it too.
 */
export type When = 'past' | 'planned' | 'filter';
export type TemporalKind = 'date' | 'datetime';

export interface TemporalMeta {
  when: When;
  kind: TemporalKind;
}

export const temporalRegistry = z.registry<TemporalMeta>();

/** How far ahead of the clock a `past` instant may be: a laptop's clock can be a little wrong. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface TemporalField {
  /** Dotted path, with `*` for any array element: `items.*.at`. */
  path: string;
  kind: TemporalKind;
  /** Undefined when the field has no rule: a test fails on such a field. */
  when: When | undefined;
}

type Def = z.core.$ZodTypeDef & Record<string, unknown>;

function defOf(schema: z.core.$ZodType): Def {
  return schema._zod.def as Def;
}

function dateKind(schema: z.core.$ZodType): TemporalKind | null {
  const def = defOf(schema);
  if (def.type !== 'string') return null;
  const format = def.format;
  if (format === 'date') return 'date';
  if (format === 'datetime') return 'datetime';
  return null;
}

/** The schemas an input may hold below `schema`, with the path step that leads to each. */
export function children(schema: z.core.$ZodType): Array<[step: string | null, child: z.core.$ZodType]> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.entries((def as unknown as z.core.$ZodObjectDef).shape).map(([k, v]) => [k, v]);
    case 'array':
      return [['*', (def as unknown as z.core.$ZodArrayDef).element]];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return [[null, (def as unknown as { innerType: z.core.$ZodType }).innerType]];
    case 'pipe': {
      const p = def as unknown as z.core.$ZodPipeDef;
      return [
        [null, p.in],
        [null, p.out],
      ];
    }
    case 'union':
      return (def as unknown as z.core.$ZodUnionDef).options.map((o) => [null, o]);
    case 'intersection': {
      const i = def as unknown as z.core.$ZodIntersectionDef;
      return [
        [null, i.left],
        [null, i.right],
      ];
    }
    case 'record':
      return [['*', (def as unknown as z.core.$ZodRecordDef).valueType]];
    case 'lazy':
      return [[null, (def as unknown as z.core.$ZodLazyDef).getter()]];
    default:
      return [];
  }
}

/** Every date or date-time field an input schema can hold, with its rule. */
export function temporalFields(schema: z.core.$ZodType): TemporalField[] {
  const out = new Map<string, TemporalField>();
  const visit = (s: z.core.$ZodType, path: string[], meta: TemporalMeta | undefined, seen: Set<z.core.$ZodType>) => {
    if (seen.has(s)) return;
    const own = temporalRegistry.get(s) ?? meta;
    const kind = dateKind(s);
    if (kind) {
      const key = path.join('.');
      out.set(key, { path: key, kind, when: own?.when });
      return;
    }
    const next = new Set(seen).add(s);
    for (const [step, child] of children(s)) visit(child, step === null ? path : [...path, step], own, next);
  };
  visit(schema, [], undefined, new Set());
  return [...out.values()];
}

export interface FutureProblem {
  field: string;
  kind: TemporalKind;
}

/**
 * The first `past` field of a parsed input dated after `now` (beyond the clock-skew tolerance),
 * or null. A date is in the future when it is after the investigator's local date at
 * now + tolerance; an instant, when it is after now + tolerance.
 */
export function futureProblem(schema: z.core.$ZodType, value: unknown, now: Date): FutureProblem | null {
  const limit = new Date(now.getTime() + CLOCK_SKEW_MS);
  const lastDate = localDate(limit);
  const walk = (s: z.core.$ZodType, v: unknown, path: string[], meta: TemporalMeta | undefined): FutureProblem | null => {
    if (v === undefined || v === null) return null;
    const own = temporalRegistry.get(s) ?? meta;
    const kind = dateKind(s);
    if (kind) {
      if (own?.when !== 'past' || typeof v !== 'string') return null;
      const late = kind === 'date' ? v > lastDate : Date.parse(v) > limit.getTime();
      return late ? { field: path.join('.'), kind } : null;
    }
    for (const [step, child] of children(s)) {
      let problem: FutureProblem | null = null;
      if (step === null) problem = walk(child, v, path, own);
      else if (step === '*' && Array.isArray(v)) {
        for (let i = 0; i < v.length && !problem; i++) problem = walk(child, v[i], [...path, String(i)], own);
      } else if (step === '*' && typeof v === 'object') {
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          problem ??= walk(child, item, [...path, k], own);
        }
      } else if (typeof v === 'object' && Object.hasOwn(v as object, step)) {
        problem = walk(child, (v as Record<string, unknown>)[step], [...path, step], own);
      }
      if (problem) return problem;
    }
    return null;
  };
  return walk(schema, value, [], undefined);
}
