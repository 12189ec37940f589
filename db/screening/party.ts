import type { EntityData } from '../shared/inputs/entities.ts';
import { countryCode } from './countries.ts';
import { imoDigits, type ScreeningEntry } from './entry.ts';

/**
 * A Dossier entity or a list entry made comparable: what the matcher (match.ts) compares, from
 * either side. Builders for both sides are here, so that identifiers and countries are normalized
 * one way.
 */

export const PARTY_KINDS = ['person', 'organization', 'vessel', 'aircraft', 'other'] as const;
/** `other`: the kind is not known (a list entry whose type the list does not state): a person or an organization. */
export type PartyKind = (typeof PARTY_KINDS)[number];

export interface PartyIdentifier {
  /** imo, mmsi, passport, national_id, identity_document, registration, tax_id, swift, call_sign, aircraft, crypto, other. */
  scheme: string;
  /** Upper case, letters and digits only (`IMO 9123456` is `9123456`). */
  value: string;
  /** The issuing country (alpha-2) where known: two documents of different countries are not one. */
  country?: string;
}

export interface MatchParty {
  kind: PartyKind;
  /** The name first, then the aliases. */
  names: string[];
  /** ISO 3166 alpha-2 where known. */
  countries: string[];
  /** ISO, whole or partial: 1970, 1970-01, 1970-01-15. */
  datesOfBirth: string[];
  identifiers: PartyIdentifier[];
  /** A vessel's flag (alpha-2). */
  flag: string | null;
}

/**
 * The scheme of an identifier from the type a list gives it (CSL's `ids`: `Passport`, `National ID
 * No.`, `Registration Number`, `Tax ID No.`, `SWIFT/BIC`, `IMO`, `MMSI`, `Call Sign`...). Null for
 * what CSL lists among its ids that identifies no one (`Gender`, `Website`, `Email Address`,
 * `Organization Type:`, `Additional Sanctions Information -`...).
 */
export function identifierScheme(type: string): string | null {
  const t = type.toLowerCase();
  if (/\bimo\b/.test(t)) return 'imo';
  if (/\bmmsi\b/.test(t)) return 'mmsi';
  if (
    /gender|website|e-?mail|phone|fax|organization (type|established)|established date|sanctions|target type|transactions prohibited|nationality of registration|\bprogram|\bdate\b|place of|title|vessel (type|flag|owner)|tonnage|model|operator/.test(
      t,
    )
  ) {
    return null;
  }
  if (/passport/.test(t)) return 'passport';
  if (/call sign/.test(t)) return 'call_sign';
  if (/swift|\bbic\b/.test(t)) return 'swift';
  if (/digital currency|wallet|crypto/.test(t)) return 'crypto';
  if (/tail number|\bmsn\b|serial number|construction number|transponder|aircraft registration/.test(t)) return 'aircraft';
  if (/\btax\b|\binn\b|\bvat\b|\bruc\b|\brfc\b|\bnit\b|\bkpp\b/.test(t)) return 'tax_id';
  if (/regist|company number|\bogrn\b|commercial|chamber of commerce|business number|\blei\b|d-u-n-s|duns/.test(t)) {
    return 'registration';
  }
  if (
    /national|identi|\bid\b|cedula|c\.?u\.?r\.?p|personal|citizen|residen|driver|licen[cs]e|visa|birth certificate|ssn|social security/.test(
      t,
    )
  ) {
    return 'national_id';
  }
  return 'other';
}

/** A number too short, or without a digit, would meet others by chance: it matches nothing. */
export function usableIdentifier(id: PartyIdentifier): boolean {
  if (id.scheme === 'crypto') return id.value.length >= 20;
  return id.value.length >= 5 && /\d/.test(id.value);
}

/** Upper case, letters and digits only: `HRB 12-345` and `hrb12345` are one number. */
export function identifierValue(scheme: string, raw: string): string {
  if (scheme === 'imo')
    return (
      imoDigits(raw) ??
      raw
        .toUpperCase()
        .replace(/^IMO/i, '')
        .replace(/[^0-9A-Z]/g, '')
    );
  return raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

function identifier(scheme: string, raw: string, country: string | null | undefined): PartyIdentifier | null {
  const value = identifierValue(scheme, raw);
  if (!value) return null;
  const cc = country ? countryCode(country) : null;
  return cc ? { scheme, value, country: cc } : { scheme, value };
}

function distinctIdentifiers(ids: (PartyIdentifier | null)[]): PartyIdentifier[] {
  const seen = new Set<string>();
  const out: PartyIdentifier[] = [];
  for (const id of ids) {
    if (!id) continue;
    const k = `${id.scheme} ${id.value} ${id.country ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(id);
  }
  return out;
}

function codes(values: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const c = v ? countryCode(v) : null;
    if (c) out.add(c);
  }
  return [...out];
}

const ENTRY_KINDS: Record<ScreeningEntry['type'], PartyKind> = {
  individual: 'person',
  entity: 'organization',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

/**
 * A list entry as the matcher sees it. An entry the list does not type and that the import took
 * for an entity (CSL's Denied Persons List types none of its people) is of kind `other`: compared
 * with people and organizations alike.
 */
export function partyOfEntry(e: ScreeningEntry): MatchParty {
  const kind: PartyKind = e.type === 'entity' && !e.typeStated ? 'other' : ENTRY_KINDS[e.type];
  const ids: (PartyIdentifier | null)[] = [];
  if (e.imoNumber) ids.push(identifier('imo', e.imoNumber, null));
  for (const id of e.identifiers) {
    // `Vessel Registration Identification, IMO 9187629`: the number says which it is.
    const scheme = /^IMO\b/i.test(id.number.trim()) ? 'imo' : identifierScheme(id.type);
    if (scheme) ids.push(identifier(scheme, id.number, id.country));
  }
  return {
    kind,
    names: [e.name, ...e.aliases].filter((n) => n.trim() !== ''),
    countries: codes(e.countries),
    datesOfBirth: e.datesOfBirth,
    identifiers: distinctIdentifiers(ids),
    flag: e.vesselFlag ? countryCode(e.vesselFlag) : null,
  };
}

/**
 * A Dossier entity as the matcher sees it, or null for what is not screened (addresses,
 * shipments). Vehicles and containers are of kind `other` with their numbers, and no name.
 */
export function partyOfEntityData(data: EntityData): MatchParty | null {
  const base = { countries: [] as string[], datesOfBirth: [] as string[], identifiers: [] as PartyIdentifier[], flag: null };
  switch (data.kind) {
    case 'person':
      return {
        ...base,
        kind: 'person',
        names: [`${data.givenName} ${data.familyName}`.trim(), ...data.aliases],
        countries: codes([data.nationality]),
        datesOfBirth: data.dateOfBirth ? [data.dateOfBirth] : [],
        identifiers: distinctIdentifiers(data.identityDocuments.map((d) => identifier(d.type, d.number, d.country))),
      };
    case 'organization':
      return {
        ...base,
        kind: 'organization',
        names: [data.legalName, ...data.aliases],
        countries: codes([data.country]),
        identifiers: distinctIdentifiers([
          data.registrationNumber ? identifier('registration', data.registrationNumber, data.country) : null,
        ]),
      };
    case 'conveyance':
      switch (data.subtype) {
        case 'vessel':
          return {
            ...base,
            kind: 'vessel',
            names: [data.vesselName],
            identifiers: distinctIdentifiers([
              data.imoNumber ? identifier('imo', data.imoNumber, null) : null,
              data.callSign ? identifier('call_sign', data.callSign, null) : null,
            ]),
            flag: data.flag,
          };
        case 'aircraft':
          return {
            ...base,
            kind: 'aircraft',
            names: [data.registration],
            countries: codes([data.country]),
            identifiers: distinctIdentifiers([identifier('aircraft', data.registration, null)]),
          };
        case 'vehicle':
          return {
            ...base,
            kind: 'other',
            names: [],
            identifiers: distinctIdentifiers([identifier('plate', data.plate, data.plateCountry)]),
          };
        case 'container':
          return {
            ...base,
            kind: 'other',
            names: [],
            identifiers: distinctIdentifiers([identifier('container', data.containerNumber, null)]),
          };
      }
      return null;
    default:
      return null;
  }
}
