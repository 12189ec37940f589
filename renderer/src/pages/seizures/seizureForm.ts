import type { EntitySummary, SeizureDetail } from '../../../../db/api.ts';
import type { QuantityUnit } from '../../../../db/shared/domain.ts';
import { amountOf, decimalString } from '../../lib/money.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import type { Translate } from '../../i18n/index.tsx';
import { parseQuantity, parseSeals } from './util.ts';
import { instantFromInput, localInput } from '../../lib/dates.ts';

/**
 * The header's fields typed as text and sent as typed: the one list a new text field of a
 * seizure is added to on this side (beside its input in HeaderFields.tsx). Those in
 * `DEFAULTED_WHEN_BLANK` are left to the contract's default when a new seizure leaves them blank.
 */
export const HEADER_TEXT_FIELDS = ['place', 'seizingOfficer', 'legalProvision', 'storageLocation', 'custodian', 'notes'] as const;
export type HeaderTextField = (typeof HEADER_TEXT_FIELDS)[number];
const DEFAULTED_WHEN_BLANK: readonly HeaderTextField[] = ['seizingOfficer', 'custodian'];

/** A seizure's header as typed: kept as is until the contract accepts it. */
export type HeaderForm = Record<HeaderTextField, string> & {
  seizureNumber: string;
  seizedAt: string;
  seizedFrom: EntitySummary | null;
  owner: EntitySummary | null;
  releaseAmount: string;
  releaseCurrency: string;
  releaseSecurity: string;
};

function textFields(from: Record<HeaderTextField, string>): Record<HeaderTextField, string> {
  return Object.fromEntries(HEADER_TEXT_FIELDS.map((k) => [k, from[k]])) as Record<HeaderTextField, string>;
}

/** One goods line as typed. `key` names the row while rows are added and removed. */
export interface LineForm {
  key: number;
  description: string;
  quantity: string;
  unit: QuantityUnit;
  hsCode: string;
  eccn: string;
  originCountry: string;
  value: string;
  currency: string;
  seals: string;
}

/** Header keys whose errors the contract reports under another field. */
export const headerFieldOf = {
  seizedFrom: 'seizedFromEntityId',
  owner: 'ownerEntityId',
  releaseAmount: 'termsOfRelease',
  releaseCurrency: 'termsOfRelease',
  releaseSecurity: 'termsOfRelease',
} satisfies Partial<Record<keyof HeaderForm, string>>;

export function emptyHeader(officer: string, now = new Date()): HeaderForm {
  const blank = Object.fromEntries(HEADER_TEXT_FIELDS.map((k) => [k, ''])) as Record<HeaderTextField, string>;
  return {
    ...blank,
    seizingOfficer: officer,
    seizureNumber: '',
    seizedAt: localInput(now),
    seizedFrom: null,
    owner: null,
    releaseAmount: '',
    releaseCurrency: 'CAD',
    releaseSecurity: '',
  };
}

let nextKey = 1;
export function emptyLine(currency = 'CAD'): LineForm {
  return {
    key: nextKey++,
    description: '',
    quantity: '',
    unit: 'piece',
    hsCode: '',
    eccn: '',
    originCountry: '',
    value: '',
    currency,
    seals: '',
  };
}

function entitySummary(detail: SeizureDetail, id: string | null): EntitySummary | null {
  const ref = id ? detail.entities[id] : undefined;
  if (!ref) return null;
  return { id: ref.id, kind: ref.kind as EntitySummary['kind'], subtype: null, name: ref.name, country: null };
}

export function headerFromSeizure(s: SeizureDetail): HeaderForm {
  const amount = s.termsOfRelease?.amount ?? null;
  return {
    ...textFields(s),
    seizureNumber: s.seizureNumber,
    seizedAt: localInput(s.seizedAt),
    seizedFrom: entitySummary(s, s.seizedFromEntityId),
    owner: entitySummary(s, s.ownerEntityId),
    releaseAmount: amount ? decimalString(amount.amountMinor, amount.currency) : '',
    releaseCurrency: amount?.currency ?? 'CAD',
    releaseSecurity: s.termsOfRelease?.security ?? '',
  };
}

/** The terms of release as the contract takes them: null when nothing is given (an amount that does not parse is left out). */
function termsOf(form: HeaderForm) {
  const amount = amountOf(form.releaseAmount, form.releaseCurrency);
  const security = form.releaseSecurity.trim();
  if (typeof amount !== 'number' && security === '') return null;
  return {
    amount: typeof amount === 'number' ? { amountMinor: amount, currency: form.releaseCurrency } : null,
    security: security || null,
  };
}

/** What the schema cannot see in the header: an amount of release that is not an amount in its currency. */
export function headerLocal(form: HeaderForm, t: Translate): FieldErrors {
  return amountOf(form.releaseAmount, form.releaseCurrency) === null
    ? { 'termsOfRelease.amount': t('seizure.validation.amount', { currency: form.releaseCurrency }) }
    : {};
}

/** The header fields of seizures.create from the form. */
export function headerInput(form: HeaderForm) {
  const text = Object.fromEntries(
    HEADER_TEXT_FIELDS.filter((k) => form[k].trim() !== '' || !DEFAULTED_WHEN_BLANK.includes(k)).map((k) => [k, form[k]]),
  );
  return {
    ...text,
    ...(form.seizureNumber.trim() ? { seizureNumber: form.seizureNumber } : {}),
    seizedAt: instantFromInput(form.seizedAt),
    seizedFromEntityId: form.seizedFrom?.id ?? null,
    ownerEntityId: form.owner?.id ?? null,
    termsOfRelease: termsOf(form),
  };
}

/** Only the fields that differ from `base`, as seizures.update takes them. */
export function headerChanges(form: HeaderForm, base: HeaderForm) {
  const out: Record<string, unknown> = {};
  if (form.seizureNumber !== base.seizureNumber) out.seizureNumber = form.seizureNumber;
  if (form.seizedAt !== base.seizedAt) out.seizedAt = instantFromInput(form.seizedAt);
  for (const key of HEADER_TEXT_FIELDS) {
    if (form[key] !== base[key]) out[key] = form[key];
  }
  if (form.seizedFrom?.id !== base.seizedFrom?.id) out.seizedFromEntityId = form.seizedFrom?.id ?? null;
  if (form.owner?.id !== base.owner?.id) out.ownerEntityId = form.owner?.id ?? null;
  if (
    form.releaseAmount !== base.releaseAmount ||
    form.releaseSecurity !== base.releaseSecurity ||
    (form.releaseAmount.trim() !== '' && form.releaseCurrency !== base.releaseCurrency)
  ) {
    out.termsOfRelease = termsOf(form);
  }
  return out;
}

/** What the schema cannot see in a goods line: an amount or a quantity that does not even parse. */
export function lineLocal(line: LineForm, index: number, t: Translate): FieldErrors {
  const local: FieldErrors = {};
  if (amountOf(line.value, line.currency) === null)
    local[`items.${index}.value.amountMinor`] = t('seizure.validation.amount', { currency: line.currency });
  if (Number.isNaN(parseQuantity(line.quantity))) local[`items.${index}.quantity`] = t('seizure.validation.wholeNumber');
  return local;
}

/** One goods line as seizures.create takes it; what does not parse is reported by lineLocal. */
export function lineInput(line: LineForm) {
  const amount = amountOf(line.value, line.currency);
  const quantity = parseQuantity(line.quantity);
  return {
    description: line.description,
    quantity: Number.isNaN(quantity) ? 1 : quantity,
    unit: line.unit,
    hsCode: line.hsCode.trim() === '' ? null : line.hsCode,
    eccn: line.eccn.trim() === '' ? null : line.eccn,
    originCountry: line.originCountry.trim() === '' ? null : line.originCountry,
    // Missing or unparsable: left undefined, so the schema says "Required" or lineLocal says why.
    value: { amountMinor: typeof amount === 'number' ? amount : amount === null ? 0 : undefined, currency: line.currency },
    sealNumbers: parseSeals(line.seals),
  };
}

/** The contract paths a change to a line's field can make wrong, so that its errors show once it is touched. */
export function linePaths(line: LineForm, index: number, field: keyof LineForm): string[] {
  const at = `items.${index}`;
  switch (field) {
    case 'key':
      return [];
    case 'value':
    case 'currency':
      return [`${at}.value`, `${at}.value.amountMinor`, `${at}.value.currency`];
    case 'seals':
      return [`${at}.sealNumbers`, ...parseSeals(line.seals).map((_, k) => `${at}.sealNumbers.${k}`)];
    default:
      return [`${at}.${field}`];
  }
}
