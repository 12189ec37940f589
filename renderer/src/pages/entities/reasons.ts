import type { z } from 'zod';
import type { Translate } from '../../i18n/index.tsx';
import { zodIssueText } from '../../lib/refusals.ts';
import type { FieldErrors } from '../../lib/validation.ts';

/**
 * Validates with the contract's schema, keeping each issue at its full path (`goods.1.eccn`), so
 * that a reason stands under the very input it is about. Local errors (text that is not even a
 * number) come first.
 */
export function validateAt<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
  local: FieldErrors = {},
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  const errors: FieldErrors = { ...local };
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.') || '_';
      errors[path] ??= zodIssueText(issue, t);
    }
  }
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
  return { ok: false, errors };
}

/** The error at exactly this path. */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  return errors[path];
}

/** The first error at this path or under it (a money field's amount or currency, a route's countries). */
export function errorUnder(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}
