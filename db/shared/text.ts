import { z } from 'zod';
import { children } from './temporal.ts';
import { refusal, type Refusal } from './reasons.ts';

/**
 * One rule for every string of every contract input, applied by the dispatcher before the
 * method's schema: valid Unicode (no lone surrogate, which SQLite would store as U+FFFD and so
 * break the audit hash), NFC, no NUL or control characters (newline and tab only in multi-line
 * fields, which say so with `multiline()`), not made only of invisible characters, and bidi
 * embeddings, overrides and isolates removed so a name cannot reorder what an audit view shows.
 * Pure zod: the renderer can use it too.
 */
export const textRegistry = z.registry<{ multiline: true }>();

/** Marks a text field as multi-line (notes, a summary): newlines and tabs allowed. Register last in the chain. */
export function multiline<T extends z.ZodString>(schema: T): T {
  textRegistry.add(schema, { multiline: true });
  return schema;
}

export interface TextProblem {
  field: string;
  reason: string;
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// C0 and C1 controls and DEL; tab and newline are let through here and judged by the field's kind.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// U+034F (the combining grapheme joiner) apart: a combining mark does not belong in a class.
const INVISIBLE = /^(?:[\s\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF]|\u034F)*$/u;

/** The string as stored, or why it is refused. */
export function cleanString(s: string, isMultiline: boolean): { value: string } | Refusal {
  if (LONE_SURROGATE.test(s)) {
    return refusal('text.invalid_unicode', 'contains a broken character (a lone UTF-16 surrogate)');
  }
  let value = s.replace(/\r\n?/g, '\n');
  if (CONTROL.test(value)) return refusal('text.control_character', 'contains a control character');
  if (!isMultiline && /[\n\t]/.test(value.trim())) {
    return refusal('text.line_break', 'must be on one line (no line break or tab)');
  }
  value = value.replace(BIDI_CONTROLS, '').normalize('NFC');
  // Blank is the field's own business (trimmed, maybe required); something that only looks blank is refused.
  if (s.trim() !== '' && INVISIBLE.test(value)) {
    return refusal('text.invisible_only', 'is made only of invisible characters');
  }
  return { value };
}

/** The input paths (`items.*.notes`) of the multi-line fields of a schema. */
function multilinePaths(schema: z.core.$ZodType): Set<string> {
  const out = new Set<string>();
  const visit = (s: z.core.$ZodType, path: string[], seen: Set<z.core.$ZodType>) => {
    if (seen.has(s)) return;
    if (textRegistry.get(s)?.multiline) out.add(path.join('.'));
    const next = new Set(seen).add(s);
    for (const [step, child] of children(s)) visit(child, step === null ? path : [...path, step], next);
  };
  visit(schema, [], new Set());
  return out;
}

const pathsCache = new WeakMap<z.core.$ZodType, Set<string>>();

/** Every string of a raw input cleaned by the rule, or the first one refused, with its field. */
export function cleanTextInput(schema: z.core.$ZodType, input: unknown): { value: unknown } | { problem: TextProblem } {
  let paths = pathsCache.get(schema);
  if (!paths) {
    paths = multilinePaths(schema);
    pathsCache.set(schema, paths);
  }
  const multi = paths;
  let problem: TextProblem | null = null;
  const walk = (v: unknown, path: string[], pattern: string[]): unknown => {
    if (problem) return v;
    if (typeof v === 'string') {
      const r = cleanString(v, multi.has(pattern.join('.')));
      if ('value' in r) return r.value;
      problem = { field: path.join('.'), reason: r.reason, message: r.message };
      return v;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, String(i)], [...pattern, '*']));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        // defineProperty: a key named __proto__ stays a key (for the schema to refuse), not a prototype.
        Object.defineProperty(out, k, {
          value: walk(item, [...path, k], [...pattern, k]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return v;
  };
  const value = walk(input, [], []);
  return problem ? { problem } : { value };
}
