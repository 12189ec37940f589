import type { z } from 'zod';
import type { Translate } from '../i18n/index.tsx';
import { futureProblem } from '../../../db/shared/temporal.ts';
import { zodIssueText, type Formats } from './refusals.ts';

/** What is wrong with a form, by the contract's field path (`items.1.hsCode`) and by its top field (`items`). */
export type FieldErrors = Record<string, string>;

export type Check<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * The one validation of the renderer: the contract's own schema, as the user types. Each issue
 * stands at its full path and, when that is the first there, at its top field; a rule's reason
 * (an ECCN, a country...) is shown in the user's language, dates in its format. `local` errors
 * (text that is not even a number) come first. Then the date rule: what happened is not future.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
  f?: Formats,
  local: FieldErrors = {},
): Check<z.output<S>> {
  const result = schema.safeParse(value);
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(local)) place(errors, path, message);
  if (!result.success)
    for (const issue of result.error.issues) place(errors, issue.path.map(String).join('.') || '_', zodIssueText(issue, t, f));
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors };
  const problem = futureProblem(schema, result.data, new Date());
  if (problem) {
    place(errors, problem.field, t('validation.future'));
    return { ok: false, errors };
  }
  return { ok: true, data: result.data };
}

function place(errors: FieldErrors, path: string, message: string): void {
  errors[path] ??= message;
  const top = path.split('.')[0] ?? path;
  errors[top] ??= message;
}

/** The first error at this path or under it (a money field's amount or currency, a route's countries). */
export function errorUnder(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}
