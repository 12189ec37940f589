import type { z } from 'zod';
import type { MessageId, Translate } from '../../i18n/index.tsx';
import { issueText, type FieldErrors } from '../../lib/validation.ts';

/**
 * The contract's reasons (db/inputs/codes.ts, identifiers.ts, entities.ts, money.ts), in the
 * catalog's words: an investigator reads why an HS code, an ECCN, an IMO or a container number is
 * not valid in their language. A reason not listed here is shown as the contract wrote it.
 */
const REASONS: readonly [RegExp, MessageId][] = [
  [/^An HS code has digits only/, 'entity.reason.hsDigits'],
  [/^An HS code has at least 6 digits/, 'entity.reason.hsMin'],
  [/^An HS code has at most 10 digits/, 'entity.reason.hsMax'],
  [/^An HS code has 6, 8 or 10 digits/, 'entity.reason.hsEven'],
  [/^This looks like an HS code, not an ECCN/, 'entity.reason.eccnIsHs'],
  [/^An ECCN starts with its category/, 'entity.reason.eccnCategory'],
  [/^The second character of an ECCN is its product group/, 'entity.reason.eccnGroup'],
  [/^An ECCN has three digits after the product group/, 'entity.reason.eccnDigits'],
  [/^After the five characters an ECCN may only have a paragraph suffix/, 'entity.reason.eccnSuffix'],
  [/^A country is a two-letter ISO 3166 code/, 'entity.reason.countryFormat'],
  [/^An IMO number has 7 digits/, 'entity.reason.imoFormat'],
  [/^A container number starts with a three-letter owner code/, 'entity.reason.containerOwner'],
  [/^The fourth letter of a container number is its equipment category/, 'entity.reason.containerCategory'],
  [/^A container number has four letters, a six-digit serial number/, 'entity.reason.containerFormat'],
  [/^An ISO 6346 size and type code has 4 characters/, 'entity.reason.sizeType'],
  [/^A quantity is a whole number of units/, 'entity.reason.quantityWhole'],
  [/^A quantity is at least 1/, 'entity.reason.quantityMin'],
  [/^A quantity needs its unit/, 'entity.reason.quantityUnit'],
  [/^An address has at least one line/, 'entity.reason.addressLine'],
  [/^A person needs a family name or a given name/, 'entity.reason.personName'],
  [/^A shipment needs its transport document number/, 'entity.reason.shipmentDocument'],
  [/^Say which transport document the number is from/, 'entity.reason.documentType'],
  [/^A currency is a three-letter ISO 4217 code/, 'entity.reason.currencyFormat'],
  [/^Not an ISO 4217 currency code/, 'entity.reason.currencyUnknown'],
  [/^A share is at least 0/, 'entity.reason.shareMin'],
  [/^A share is at most 10000/, 'entity.reason.shareMax'],
  [/^must not be in the future/, 'entity.reason.future'],
  [/^must not be before validFrom/, 'entity.reason.toBeforeFrom'],
];

const WITH_VALUE: readonly [RegExp, MessageId, string][] = [
  [/^([A-Z0-9]+) is not an ISO 3166 country code/, 'entity.reason.countryUnknown', 'code'],
  [/^The IMO check digit does not match: the last digit should be (\d)/, 'entity.reason.imoCheck', 'digit'],
  [/^The ISO 6346 check digit does not match: the last digit should be (\d)/, 'entity.reason.containerCheck', 'digit'],
];

/** The reason in the catalog's words, or null when the catalog has none for it. */
export function knownReason(message: string, t: Translate): string | null {
  for (const [pattern, id] of REASONS) if (pattern.test(message)) return t(id);
  for (const [pattern, id, name] of WITH_VALUE) {
    const m = pattern.exec(message);
    if (m) return t(id, { [name]: m[1] ?? '' });
  }
  return null;
}

/** A contract error's message without its leading `field: ` (the field is where it is shown), in the catalog's words. */
export function serverReason(message: string, field: string | undefined, t: Translate): string {
  const bare = field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return knownReason(bare, t) ?? bare;
}

function reasonOf(issue: z.core.$ZodIssue, t: Translate): string {
  return knownReason(issue.message, t) ?? (issue.code === 'custom' ? issue.message : issueText(issue, t));
}

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
      errors[path] ??= reasonOf(issue, t);
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
