import { Tag } from '@blueprintjs/core';
import type { MouseEvent, ReactNode } from 'react';
import type { z } from 'zod';
import { addDays, localDate } from '../../../../db/shared/time.ts';
import { type useFormat, useLocale, useT, type MessageId, type Translate } from '../../i18n/index.tsx';
import { ApiError } from '../../lib/client.ts';
import { routeHref, type Route } from '../../lib/router.ts';
import { futureCheck, issueText, type FieldErrors } from '../../lib/validation.ts';
import { DateText } from '../../components/DateText.tsx';
import './enforcement.css';

/** Shared pieces of the enforcement screens: detentions, penalties, deadlines and the case summary. */

export type Format = ReturnType<typeof useFormat>;

/** The investigator's calendar date today (the laptop's clock, like the contract's defaults). */
export function today(): string {
  return localDate(new Date());
}

export { addDays };

/** Whole days from today to a calendar date: negative when it is past. */
export function daysFromToday(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / 86_400_000);
}

/** The value of a datetime-local input for a UTC instant, in the laptop's time zone. */
export function localInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a datetime-local input names, as ISO 8601 UTC; what was typed when it is no time. */
export function instantFromInput(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** '' -> null, anything else trimmed. */
export function orNull(value: string): string | null {
  const v = value.trim();
  return v === '' ? null : v;
}

/** A country code with its name in the user's language on hover. */
export function CountryText({ code }: { code: string | null | undefined }) {
  const { locale } = useLocale();
  if (!code) return null;
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
  } catch {
    name = undefined;
  }
  return (
    <abbr className="country" title={name}>
      {code}
    </abbr>
  );
}

export function countryName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A due date, with a red "Overdue" tag when it is past and still owed. */
export function DueDate({ value, overdue, done }: { value: string | null | undefined; overdue: boolean; done?: boolean }) {
  const t = useT();
  if (!value) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="due-date">
      {overdue && (
        <Tag minimal intent="danger" className="overdue-tag" icon="warning-sign">
          {t('enf.overdue')}
        </Tag>
      )}
      {done && (
        <Tag minimal className="done-tag">
          {t('enf.done')}
        </Tag>
      )}
      <DateText value={value} />
    </span>
  );
}

/** A link inside a table row: follows itself without also opening the row. */
export function RowLink({ route, children }: { route: Route; children: ReactNode }) {
  return (
    <a
      href={routeHref(route)}
      onClick={(e: MouseEvent) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      className="row-link"
    >
      {children}
    </a>
  );
}

// --- Reasons: the contract's messages in the user's language --------------------------------

type ReasonRule = [RegExp, MessageId, (m: RegExpMatchArray, f: Format) => Record<string, string>];

const none = () => ({});

/**
 * The contract explains refusals in English (db/inputs/*, db/services/*). These rules give the
 * catalog's words for the ones an investigator meets in these screens; anything else is shown
 * as the contract wrote it.
 */
const REASONS: ReasonRule[] = [
  [/^This looks like an HS code, not an ECCN$/, 'enf.reason.eccn.hsCode', none],
  [/^An ECCN starts with its category/, 'enf.reason.eccn.category', none],
  [/^The second character of an ECCN is its product group/, 'enf.reason.eccn.group', none],
  [/^An ECCN has three digits after the product group/, 'enf.reason.eccn.digits', none],
  [/^After the five characters an ECCN may only have a paragraph suffix/, 'enf.reason.eccn.suffix', none],
  [/^A country is a two-letter ISO 3166 code/, 'enf.reason.country.format', none],
  [/^([A-Z]{2}) is not an ISO 3166 country code$/, 'enf.reason.country.unknown', (m) => ({ code: m[1] ?? '' })],
  [/^A currency is a three-letter ISO 4217 code/, 'enf.reason.currency.format', none],
  [/^Not an ISO 4217 currency code$/, 'enf.reason.currency.unknown', none],
  [/^Letters and digits, with - \/ \. or spaces between them$/, 'enf.reason.recordNumber', none],
  [/^A penalty is at least one minor unit/, 'enf.reason.penalty.minAmount', none],
  [/^A payment is at least one minor unit/, 'enf.reason.payment.minAmount', none],
  [/^must not be in the future$/, 'enf.reason.notFuture', none],
  [/^must not be before the detention started \((.+)\)$/, 'enf.reason.beforeDetention', (m, f) => ({ date: when(m[1], f) })],
  [/^must not be before the request \((.+)\)$/, 'enf.reason.beforeRequest', (m, f) => ({ date: when(m[1], f) })],
  [/^must not be before the referral \((.+)\)$/, 'enf.reason.beforeReferral', (m, f) => ({ date: when(m[1], f) })],
  [/^must not be before the assessment \((.+)\)$/, 'enf.reason.beforeAssessment', (m, f) => ({ date: when(m[1], f) })],
  [/^must not be after the end of the detention/, 'enf.reason.afterEnd', none],
  [/^a referral to a technical-assessment office needs its date$/, 'enf.reason.referralNeedsDate', none],
  [/^a referral date needs the office/, 'enf.reason.referralNeedsOffice', none],
  [/^(.+) is already the number of another (detention|penalty)$/, 'enf.reason.numberTaken', (m) => ({ number: m[1] ?? '' })],
  [/^an? (exporter|consignee) is a person or an organization/, 'enf.reason.partyKind', none],
  [/^a penalty is issued to a person or an organization/, 'enf.reason.partyKind', none],
];

function when(value: string | undefined, f: Format): string {
  if (!value) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? f.date(value) : f.dateTime(value);
}

/** The contract's message without its "field: " prefix. */
export function bareMessage(message: string, field?: string): string {
  if (field && message.startsWith(`${field}: `)) return message.slice(field.length + 2);
  return message;
}

export function reasonText(message: string, t: Translate, f: Format): string | null {
  for (const [pattern, id, values] of REASONS) {
    const m = message.match(pattern);
    if (m) return t(id, values(m, f));
  }
  return null;
}

/** Like lib/validation's validate, but a rule's own reason (an ECCN, a country...) is shown, in the user's language. */
export function validateInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
  f: Format,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return futureCheck(schema, result.data, t);
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    const top = field.split('.')[0] ?? field;
    errors[top] ??= reasonText(issue.message, t, f) ?? issueText(issue, t);
  }
  return { ok: false, errors };
}

export interface ServerError {
  field?: string | undefined;
  code: string;
  message: string;
}

/** A refusal from the contract, with its message in the user's language where the catalog knows it. */
export function serverError(err: unknown, t: Translate, f: Format): ServerError {
  if (err instanceof ApiError) {
    const bare = bareMessage(err.message, err.field);
    if (err.code === 'conflict' && err.field === 'version')
      return { field: undefined, code: 'conflict', message: t('error.conflict') };
    return { field: err.field, code: err.code, message: reasonText(bare, t, f) ?? bare };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** Errors to show: typed errors once a field was touched (or the form submitted), then the contract's. */
export function shownErrors(
  check: { ok: true } | { ok: false; errors: FieldErrors },
  touched: ReadonlySet<string> | 'all',
  server: ServerError | null,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!check.ok) {
    for (const [field, message] of Object.entries(check.errors)) {
      if (touched === 'all' || touched.has(field)) errors[field] = message;
    }
  }
  if (server?.field && !errors[server.field]) errors[server.field] = server.message;
  return errors;
}

/** aria attributes tying an input to the error under it (see components/Field.tsx). */
export function describedBy(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-help` } : {};
}
