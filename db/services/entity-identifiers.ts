import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { EntityData } from '../shared/inputs/entities.ts';

/** How an identifier is written down: IMO, company registration, passport or other document... */
export const IDENTIFIER_SCHEMES = [
  'imo',
  'registration',
  'identity_document',
  'aircraft',
  'plate',
  'container',
  'transport_document',
] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

export interface IdentifierKey {
  scheme: IdentifierScheme;
  /** Upper case, letters and digits only, `CC:` first where the number is national. */
  value: string;
}

/** "HRB 12345", "hrb-12345" and "HRB12345" are one number. */
export function normalizeIdentifier(value: string): string {
  return value.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** The identifiers an entity carries, each once (entity_identifiers holds them, in step with every write). */
export function identifierKeys(data: EntityData): IdentifierKey[] {
  const keys: IdentifierKey[] = [];
  const add = (scheme: IdentifierScheme, raw: string | null, national: string | null) => {
    const v = raw ? normalizeIdentifier(raw) : '';
    if (v) keys.push({ scheme, value: (national ? `${national}:${v}` : v).slice(0, 120) });
  };
  switch (data.kind) {
    case 'person':
      for (const d of data.identityDocuments) add('identity_document', d.number, d.country);
      break;
    case 'organization':
      add('registration', data.registrationNumber, data.country);
      break;
    case 'conveyance':
      if (data.subtype === 'vessel') add('imo', data.imoNumber, null);
      if (data.subtype === 'aircraft') add('aircraft', data.registration, null);
      if (data.subtype === 'vehicle') add('plate', data.plate, data.plateCountry);
      if (data.subtype === 'container') add('container', data.containerNumber, null);
      break;
    case 'shipment':
      add('transport_document', data.transportDocumentNumber, null);
      break;
    default:
      break;
  }
  const seen = new Set<string>();
  return keys.filter((k) => !seen.has(`${k.scheme} ${k.value}`) && Boolean(seen.add(`${k.scheme} ${k.value}`)));
}

/** Replaces the identifiers of one entity, in the transaction of the write that changed it. */
export function syncIdentifiers(db: Db, entityId: string, data: EntityData): void {
  sql(db, 'DELETE FROM entity_identifiers WHERE entity_id = ?').run(entityId);
  const insert = sql(db, 'INSERT INTO entity_identifiers (entity_id, scheme, value) VALUES (?, ?, ?)');
  for (const k of identifierKeys(data)) insert.run(entityId, k.scheme, k.value);
}
