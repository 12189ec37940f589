import type { Entity } from '../../../../db/api.ts';
import type { ConveyanceType, EntityKind, IdentityDocumentType, TransportDocumentType } from '../../../../db/shared/domain.ts';
import { type entityFormSchemas } from '../../../../db/shared/inputs/entities.ts';
import { decimalString } from '../../lib/money.ts';
import { parseMoney } from '../../lib/money.ts';
import type { FieldErrors } from '../../lib/validation.ts';

/** A kind, or a conveyance's subtype: each has its own form (and schema, see entityFormSchemas). */
export type FormKey = keyof typeof entityFormSchemas;
export const FORM_KEYS: readonly FormKey[] = [
  'person',
  'organization',
  'address',
  'vessel',
  'aircraft',
  'vehicle',
  'container',
  'shipment',
];
export const CONVEYANCE_KEYS: readonly ConveyanceType[] = ['vessel', 'aircraft', 'vehicle', 'container'];

export function formKeyOf(e: { kind: EntityKind; subtype?: ConveyanceType | null | undefined }): FormKey {
  return e.kind === 'conveyance' ? (e.subtype ?? 'vessel') : e.kind;
}

export function kindOfKey(key: FormKey): { kind: EntityKind; subtype?: ConveyanceType } {
  return (CONVEYANCE_KEYS as readonly string[]).includes(key)
    ? { kind: 'conveyance', subtype: key as ConveyanceType }
    : { kind: key as EntityKind };
}

let nextKey = 1;
/** A stable React key for a row the user adds. */
export function rowKey(): string {
  nextKey += 1;
  return `row-${nextKey}`;
}

export interface DocumentForm {
  key: string;
  type: IdentityDocumentType;
  number: string;
  country: string;
  expires: string;
}

export interface GoodsLineForm {
  key: string;
  description: string;
  quantity: string;
  unit: string;
  hsCode: string;
  eccn: string;
  countryOfOrigin: string;
  valueAmount: string;
  valueCurrency: string;
}

/**
 * What the user typed, for every kind at once (switching kinds in the create dialog keeps the
 * values the kinds share). Everything is text until the contract's schema accepts it.
 */
export interface EntityForm {
  notes: string;
  givenName: string;
  familyName: string;
  /** One per line. */
  aliases: string;
  dateOfBirth: string;
  nationality: string;
  identityDocuments: DocumentForm[];
  legalName: string;
  registrationNumber: string;
  country: string;
  /** One per line. */
  lines: string;
  city: string;
  region: string;
  postalCode: string;
  vesselName: string;
  imoNumber: string;
  callSign: string;
  flag: string;
  registration: string;
  aircraftType: string;
  plate: string;
  plateCountry: string;
  description: string;
  containerNumber: string;
  sizeType: string;
  transportDocumentType: TransportDocumentType | '';
  transportDocumentNumber: string;
  exportDeclarationNumber: string;
  declaredValueAmount: string;
  declaredValueCurrency: string;
  originCountry: string;
  destinationCountry: string;
  /** Country codes in order, separated by spaces, commas or arrows. */
  route: string;
  declaredPermitNumber: string;
  shippedOn: string;
  goods: GoodsLineForm[];
}

export const emptyEntityForm: EntityForm = {
  notes: '',
  givenName: '',
  familyName: '',
  aliases: '',
  dateOfBirth: '',
  nationality: '',
  identityDocuments: [],
  legalName: '',
  registrationNumber: '',
  country: '',
  lines: '',
  city: '',
  region: '',
  postalCode: '',
  vesselName: '',
  imoNumber: '',
  callSign: '',
  flag: '',
  registration: '',
  aircraftType: '',
  plate: '',
  plateCountry: '',
  description: '',
  containerNumber: '',
  sizeType: '',
  transportDocumentType: '',
  transportDocumentNumber: '',
  exportDeclarationNumber: '',
  declaredValueAmount: '',
  declaredValueCurrency: 'CAD',
  originCountry: '',
  destinationCountry: '',
  route: '',
  declaredPermitNumber: '',
  shippedOn: '',
  goods: [],
};

export function emptyGoodsLine(currency: string): GoodsLineForm {
  return {
    key: rowKey(),
    description: '',
    quantity: '',
    unit: '',
    hsCode: '',
    eccn: '',
    countryOfOrigin: '',
    valueAmount: '',
    valueCurrency: currency || 'CAD',
  };
}

export function emptyDocument(): DocumentForm {
  return { key: rowKey(), type: 'passport', number: '', country: '', expires: '' };
}

/** An amount as the user would type it, in the plain decimal form parseMoney reads back exactly. */
function amountText(amountMinor: number, currency: string): string {
  try {
    return decimalString(amountMinor, currency);
  } catch {
    return String(amountMinor);
  }
}

/** The form of a stored entity. */
export function formFromEntity(e: Entity): EntityForm {
  const f: EntityForm = { ...emptyEntityForm, notes: e.notes };
  switch (e.kind) {
    case 'person':
      return {
        ...f,
        givenName: e.givenName,
        familyName: e.familyName,
        aliases: e.aliases.join('\n'),
        dateOfBirth: e.dateOfBirth ?? '',
        nationality: e.nationality ?? '',
        identityDocuments: e.identityDocuments.map((d) => ({
          key: rowKey(),
          type: d.type,
          number: d.number,
          country: d.country,
          expires: d.expires ?? '',
        })),
      };
    case 'organization':
      return {
        ...f,
        legalName: e.legalName,
        aliases: e.aliases.join('\n'),
        registrationNumber: e.registrationNumber,
        country: e.country ?? '',
      };
    case 'address':
      return {
        ...f,
        lines: e.lines.join('\n'),
        city: e.city,
        region: e.region,
        postalCode: e.postalCode,
        country: e.country ?? '',
      };
    case 'conveyance':
      switch (e.subtype) {
        case 'vessel':
          return { ...f, vesselName: e.vesselName, imoNumber: e.imoNumber ?? '', callSign: e.callSign, flag: e.flag ?? '' };
        case 'aircraft':
          return { ...f, registration: e.registration, aircraftType: e.aircraftType, country: e.country ?? '' };
        case 'vehicle':
          return { ...f, plate: e.plate, plateCountry: e.plateCountry ?? '', description: e.description };
        case 'container':
          return { ...f, containerNumber: e.containerNumber, sizeType: e.sizeType };
      }
      return f;
    case 'shipment':
      return {
        ...f,
        transportDocumentType: e.transportDocumentType ?? '',
        transportDocumentNumber: e.transportDocumentNumber,
        exportDeclarationNumber: e.exportDeclarationNumber,
        declaredValueAmount: e.declaredValue ? amountText(e.declaredValue.amountMinor, e.declaredValue.currency) : '',
        declaredValueCurrency: e.declaredValue?.currency ?? 'CAD',
        originCountry: e.originCountry ?? '',
        destinationCountry: e.destinationCountry ?? '',
        route: e.route.join(' '),
        declaredPermitNumber: e.declaredPermitNumber,
        shippedOn: e.shippedOn ?? '',
        goods: e.goods.map((g) => ({
          key: rowKey(),
          description: g.description,
          quantity: g.quantity === null ? '' : String(g.quantity),
          unit: g.unit,
          hsCode: g.hsCode ?? '',
          eccn: g.eccn ?? '',
          countryOfOrigin: g.countryOfOrigin ?? '',
          valueAmount: g.value ? amountText(g.value.amountMinor, g.value.currency) : '',
          valueCurrency: g.value?.currency ?? 'CAD',
        })),
      };
  }
}

const list = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
const orNull = (text: string) => (text.trim() === '' ? null : text);
/** Route countries: typed with spaces, commas, semicolons or arrows between them. */
export const routeCodes = (text: string) =>
  text
    .split(/[\s,;>→-]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function quantityOf(text: string): number | null {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  return t === '' ? null : Number(t.replace(',', '.'));
}

/**
 * Money as the contract takes it, from an amount and a currency typed as text; a local error (the
 * amount is not one in this currency) is reported at `path`.
 */
function moneyOf(
  amount: string,
  currencyText: string,
  path: string,
  local: FieldErrors,
  notAmount: (currency: string) => string,
): { amountMinor: number; currency: string } | null {
  const currency = currencyText.trim().toUpperCase();
  if (amount.trim() === '') return null;
  let minor: number | null = null;
  try {
    minor = parseMoney(amount, currency);
  } catch {
    // Not a currency Intl knows: the schema says why, under the currency.
    return { amountMinor: 0, currency };
  }
  if (minor === null) {
    local[`${path}.amountMinor`] = notAmount(currency);
    return { amountMinor: 0, currency };
  }
  return { amountMinor: minor, currency };
}

/**
 * The contract's fields for the kind (with kind and subtype), from the form; blank optional
 * values become null. `local` collects what cannot even be read (an amount in no currency).
 */
export function valueFromForm(
  key: FormKey,
  f: EntityForm,
  notAmount: (currency: string) => string,
): { value: Record<string, unknown>; local: FieldErrors } {
  const local: FieldErrors = {};
  const base = { ...kindOfKey(key), notes: f.notes };
  let fields: Record<string, unknown>;
  switch (key) {
    case 'person':
      fields = {
        givenName: f.givenName,
        familyName: f.familyName,
        aliases: list(f.aliases),
        dateOfBirth: orNull(f.dateOfBirth),
        nationality: orNull(f.nationality),
        identityDocuments: f.identityDocuments.map((d) => ({
          type: d.type,
          number: d.number,
          country: d.country,
          expires: orNull(d.expires),
        })),
      };
      break;
    case 'organization':
      fields = {
        legalName: f.legalName,
        aliases: list(f.aliases),
        registrationNumber: f.registrationNumber,
        country: orNull(f.country),
      };
      break;
    case 'address':
      fields = { lines: list(f.lines), city: f.city, region: f.region, postalCode: f.postalCode, country: orNull(f.country) };
      break;
    case 'vessel':
      fields = { vesselName: f.vesselName, imoNumber: orNull(f.imoNumber), callSign: f.callSign, flag: orNull(f.flag) };
      break;
    case 'aircraft':
      fields = { registration: f.registration, aircraftType: f.aircraftType, country: orNull(f.country) };
      break;
    case 'vehicle':
      fields = { plate: f.plate, plateCountry: orNull(f.plateCountry), description: f.description };
      break;
    case 'container':
      fields = { containerNumber: f.containerNumber, sizeType: f.sizeType };
      break;
    case 'shipment':
      fields = {
        transportDocumentType: f.transportDocumentType === '' ? null : f.transportDocumentType,
        transportDocumentNumber: f.transportDocumentNumber,
        exportDeclarationNumber: f.exportDeclarationNumber,
        declaredValue: moneyOf(f.declaredValueAmount, f.declaredValueCurrency, 'declaredValue', local, notAmount),
        originCountry: orNull(f.originCountry),
        destinationCountry: orNull(f.destinationCountry),
        route: routeCodes(f.route),
        declaredPermitNumber: f.declaredPermitNumber,
        shippedOn: orNull(f.shippedOn),
        goods: f.goods.map((g, i) => ({
          description: g.description,
          quantity: quantityOf(g.quantity),
          unit: g.unit,
          hsCode: orNull(g.hsCode),
          eccn: orNull(g.eccn),
          countryOfOrigin: orNull(g.countryOfOrigin),
          value: moneyOf(g.valueAmount, g.valueCurrency, `goods.${i}.value`, local, notAmount),
        })),
      };
      break;
  }
  return { value: { ...base, ...fields }, local };
}
