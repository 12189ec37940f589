/**
 * The identifiers of an entity (IMO number, company registration, identity documents, aircraft
 * registration, plate, container and transport document numbers) as migration 010 derived them
 * from the entity's stored columns, frozen: the migration fills entity_identifiers with this, and
 * must do tomorrow what it did the day it shipped. The live derivation is db/services/entity-identifiers.ts.
 * Never edit this file.
 */

export interface IdentifierKeyV10 {
  scheme: string;
  value: string;
}

function normalized(value: unknown): string {
  return typeof value === 'string' ? value.toUpperCase().replace(/[^0-9A-Z]/g, '') : '';
}

export function identifierKeysV10(
  kind: string,
  subtype: string | null,
  country: string | null,
  details: Record<string, unknown>,
): IdentifierKeyV10[] {
  const keys: IdentifierKeyV10[] = [];
  const add = (scheme: string, value: unknown, national: string | null) => {
    const v = normalized(value);
    if (v) keys.push({ scheme, value: national ? `${national}:${v}` : v });
  };
  if (kind === 'person' && Array.isArray(details.identityDocuments)) {
    for (const d of details.identityDocuments as Record<string, unknown>[]) {
      add('identity_document', d.number, typeof d.country === 'string' ? d.country : null);
    }
  }
  if (kind === 'organization') add('registration', details.registrationNumber, country);
  if (kind === 'conveyance') {
    if (subtype === 'vessel') add('imo', details.imoNumber, null);
    if (subtype === 'aircraft') add('aircraft', details.registration, null);
    if (subtype === 'vehicle')
      add('plate', details.plate, typeof details.plateCountry === 'string' ? details.plateCountry : null);
    if (subtype === 'container') add('container', details.containerNumber, null);
  }
  if (kind === 'shipment') add('transport_document', details.transportDocumentNumber, null);
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.scheme} ${k.value}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
