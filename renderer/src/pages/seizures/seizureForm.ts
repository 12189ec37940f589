import type { EntitySummary, SeizureDetail } from '../../../../db/api.ts';
import type { QuantityUnit } from '../../../../db/shared/domain.ts';
import { minorDigits } from '../../lib/money.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import type { Translate } from '../../i18n/index.tsx';
import { amountInput, amountOf, fromLocalInput, parseQuantity, parseSeals, toLocalInput } from './util.ts';

/** A seizure's header as typed: kept as is until the contract accepts it. */
export interface HeaderForm {
  seizureNumber: string;
  seizedAt: string;
  place: string;
  seizingOfficer: string;
  seizedFrom: EntitySummary | null;
  owner: EntitySummary | null;
  legalProvision: string;
  storageLocation: string;
  custodian: string;
  releaseAmount: string;
  releaseCurrency: string;
  releaseSecurity: string;
  notes: string;
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

export function emptyHeader(officer: string, now = new Date()): HeaderForm {
  return {
    seizureNumber: '',
    seizedAt: toLocalInput(now),
    place: '',
    seizingOfficer: officer,
    seizedFrom: null,
    owner: null,
    legalProvision: '',
    storageLocation: '',
    custodian: '',
    releaseAmount: '',
    releaseCurrency: 'CAD',
    releaseSecurity: '',
    notes: '',
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
    seizureNumber: s.seizureNumber,
    seizedAt: toLocalInput(s.seizedAt),
    place: s.place,
    seizingOfficer: s.seizingOfficer,
    seizedFrom: entitySummary(s, s.seizedFromEntityId),
    owner: entitySummary(s, s.ownerEntityId),
    legalProvision: s.legalProvision,
    storageLocation: s.storageLocation,
    custodian: s.custodian,
    releaseAmount: amount ? amountInput(amount.amountMinor, minorDigits(amount.currency)) : '',
    releaseCurrency: amount?.currency ?? 'CAD',
    releaseSecurity: s.termsOfRelease?.security ?? '',
    notes: s.notes,
  };
}

/**
 * The terms of release as the contract takes them: null when nothing is given. An amount that is
 * not an amount in its currency is reported in `local` (under the field) and left out.
 */
function termsOf(form: HeaderForm, local: FieldErrors, t: Translate) {
  const amount = amountOf(form.releaseAmount, form.releaseCurrency);
  if (amount === null) local['termsOfRelease.amount'] = t('seizure.validation.amount', { currency: form.releaseCurrency });
  const security = form.releaseSecurity.trim();
  if ((amount === undefined || amount === null) && security === '') return null;
  return {
    amount: typeof amount === 'number' ? { amountMinor: amount, currency: form.releaseCurrency } : null,
    security: security || null,
  };
}

/** The header fields of seizures.create from the form. */
export function headerInput(form: HeaderForm, local: FieldErrors, t: Translate) {
  return {
    seizedAt: fromLocalInput(form.seizedAt),
    place: form.place,
    ...(form.seizingOfficer.trim() ? { seizingOfficer: form.seizingOfficer } : {}),
    seizedFromEntityId: form.seizedFrom?.id ?? null,
    ownerEntityId: form.owner?.id ?? null,
    legalProvision: form.legalProvision,
    storageLocation: form.storageLocation,
    ...(form.custodian.trim() ? { custodian: form.custodian } : {}),
    termsOfRelease: termsOf(form, local, t),
    notes: form.notes,
  };
}

/** Only the fields that differ from `base`, as seizures.update takes them. */
export function headerChanges(form: HeaderForm, base: HeaderForm, local: FieldErrors, t: Translate) {
  const out: Record<string, unknown> = {};
  if (form.seizureNumber !== base.seizureNumber) out.seizureNumber = form.seizureNumber;
  if (form.seizedAt !== base.seizedAt) out.seizedAt = fromLocalInput(form.seizedAt);
  for (const key of ['place', 'seizingOfficer', 'legalProvision', 'storageLocation', 'custodian', 'notes'] as const) {
    if (form[key] !== base[key]) out[key] = form[key];
  }
  if (form.seizedFrom?.id !== base.seizedFrom?.id) out.seizedFromEntityId = form.seizedFrom?.id ?? null;
  if (form.owner?.id !== base.owner?.id) out.ownerEntityId = form.owner?.id ?? null;
  const terms = termsOf(form, local, t);
  if (
    form.releaseAmount !== base.releaseAmount ||
    form.releaseSecurity !== base.releaseSecurity ||
    (form.releaseAmount.trim() !== '' && form.releaseCurrency !== base.releaseCurrency)
  ) {
    out.termsOfRelease = terms;
  }
  return out;
}

/** One goods line as seizures.create takes it; an amount that does not parse is reported in `local`. */
export function lineInput(line: LineForm, index: number, local: FieldErrors, t: Translate) {
  const amount = amountOf(line.value, line.currency);
  if (amount === null) local[`items.${index}.value.amountMinor`] = t('seizure.validation.amount', { currency: line.currency });
  const quantity = parseQuantity(line.quantity);
  if (Number.isNaN(quantity)) local[`items.${index}.quantity`] = t('seizure.validation.wholeNumber');
  return {
    description: line.description,
    quantity: Number.isNaN(quantity) ? 1 : quantity,
    unit: line.unit,
    hsCode: line.hsCode.trim() === '' ? null : line.hsCode,
    eccn: line.eccn.trim() === '' ? null : line.eccn,
    originCountry: line.originCountry.trim() === '' ? null : line.originCountry,
    // Missing or unparsable: left undefined, so the schema says "Required" or `local` says why.
    value: { amountMinor: typeof amount === 'number' ? amount : amount === null ? 0 : undefined, currency: line.currency },
    sealNumbers: parseSeals(line.seals),
  };
}
