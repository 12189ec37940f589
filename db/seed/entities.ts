import type { Invoke } from '../contract.ts';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { addDays } from '../shared/time.ts';
import type { CaseRole, LinkType } from '../shared/domain.ts';
import { containerCheckDigit, imoCheckDigit } from '../shared/inputs/identifiers.ts';
import { type Random } from './random.ts';
import {
  AIRCRAFT,
  AWB_PREFIXES,
  CARRIER_PREFIXES,
  CONTAINER_OWNERS,
  CONTAINER_TYPES,
  DESTINATION_END_USERS,
  EXPORTER_FIRST,
  EXPORTER_PLACES,
  EXPORTER_TRADES,
  FAMILY_NAMES,
  FORWARDERS,
  FRONT_WORDS,
  GIVEN_NAMES,
  PERMITS,
  SEED_GOODS,
  STREETS,
  TRANSIT_COUNTRIES,
  VESSEL_FLAGS,
  VESSEL_NAMES,
} from './entity-vocabulary.ts';

export interface EntitySeedOptions {
  /** Roles per case: each case gets between max(1, n - 2) and n + 1 (1 to 4 for the default 3); 0 seeds none. */
  perCase: number;
  /** No seeded date (birth, shipment) is after this day (YYYY-MM-DD). */
  today: string;
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
}

export interface EntitySeedResult {
  entities: number;
  links: number;
  roles: number;
}

type Envelope = ReturnType<Invoke>;

function must(env: Envelope): { id: string } {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.result as { id: string };
}

/** An entity a case may name, and the roles it may hold there. */
interface Candidate {
  id: string;
  roles: readonly CaseRole[];
}

/** One diversion scheme: an exporter, a front company and its people, an end user, and a shipment. */
interface Scheme {
  /** The front company comes first: every case naming the scheme names it. */
  candidates: Candidate[];
}

interface Front {
  id: string;
  country: string;
  directorId: string;
}

/** Seven-digit IMO number with a valid check digit. */
function imo(rnd: Random): string {
  const six = String(rnd.int(900_000, 999_999));
  return `${six}${imoCheckDigit(six)}`;
}

function container(rnd: Random): string {
  const ten = `${rnd.pick(CONTAINER_OWNERS)}${String(rnd.int(0, 999_999)).padStart(6, '0')}`;
  return `${ten}${containerCheckDigit(ten)}`;
}

function digits(rnd: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rnd.int(0, 9));
  return s;
}

function registrationNumber(rnd: Random, country: string): string {
  switch (country) {
    case 'KZ':
      return `BIN ${digits(rnd, 12)}`;
    case 'AE':
      return `Trade licence ${rnd.int(100_000, 999_999)}`;
    case 'HK':
      return `CR No. ${digits(rnd, 7)}`;
    case 'TR':
      return `MERSIS ${digits(rnd, 16)}`;
    case 'AM':
      return `${digits(rnd, 3)}.110.${digits(rnd, 5)}`;
    case 'RU':
      return `OGRN ${digits(rnd, 13)}`;
    default:
      return digits(rnd, 9);
  }
}

function passportNumber(rnd: Random, country: string): string {
  return country === 'RU' ? `${digits(rnd, 2)} ${digits(rnd, 7)}` : `${rnd.pick(['N', 'P', 'U', 'A', 'K'])}${digits(rnd, 8)}`;
}

const HUBS = ['NL', 'DE', 'BE', 'TR', 'AE', 'SG', 'HK', 'GE', 'CN'];

/**
 * Seeds entities through the contract for the given cases: diversion schemes (an exporter in
 * Canada or the United States ships controlled goods to a front company in a transit country,
 * for an end user in Russia, Iran or Belarus), linked as investigators would record them, and
 * roles in every case. Entities come from a pool of schemes that grows with the caseload, so a
 * front company or an exporter appears in several cases and 100,000 cases stay quick to seed.
 */
export function seedEntities(
  db: Db,
  invoke: Invoke,
  rnd: Random,
  caseIds: readonly string[],
  opts: EntitySeedOptions,
): EntitySeedResult {
  const result: EntitySeedResult = { entities: 0, links: 0, roles: 0 };
  if (opts.perCase <= 0 || caseIds.length === 0) return result;
  const openedOn = sql(db, 'SELECT opened_on AS d FROM cases WHERE id = ?');

  const create = (input: Record<string, unknown>): string => {
    result.entities++;
    return must(invoke('entities.create', input)).id;
  };
  const link = (type: LinkType, fromId: string, toId: string, source: string, extra: Record<string, unknown> = {}) => {
    result.links++;
    must(invoke('entities.link', { type, fromId, toId, source, ...extra }));
  };
  const address = (country: string, city: string, region = '', postalCode = ''): string =>
    create({
      kind: 'address',
      lines: [
        `${rnd.int(1, 240)} ${rnd.pick(STREETS[country] ?? ['Main Street'])}`,
        ...(rnd.chance(0.3) ? [`Office ${rnd.int(101, 1290)}`] : []),
      ],
      city,
      region,
      postalCode,
      country,
    });
  const person = (nationality: string, bornBefore: string): string =>
    create({
      kind: 'person',
      givenName: rnd.pick(GIVEN_NAMES[nationality] ?? GIVEN_NAMES.RU ?? ['Ivan']),
      familyName: rnd.pick(FAMILY_NAMES[nationality] ?? FAMILY_NAMES.RU ?? ['Ivanov']),
      dateOfBirth: addDays(bornBefore, -rnd.int(25 * 365, 68 * 365)),
      nationality,
      identityDocuments: rnd.chance(0.7)
        ? [
            {
              type: 'passport',
              number: passportNumber(rnd, nationality),
              country: nationality,
              expires: addDays(bornBefore, rnd.int(200, 3000)),
            },
          ]
        : [],
    });

  // Pools, filled on first use.
  const exporters = new Map<string, { id: string; employeeId: string | null }>();
  const endUsers = new Map<string, string>();
  const forwarders = new Map<string, string>();
  const vessels: string[] = [];
  const aircraft: string[] = [];
  const fronts: Front[] = [];
  const schemes: Scheme[] = [];
  const agents = new Set<string>();

  const exporterOf = (day: string) => {
    const place = rnd.pick(EXPORTER_PLACES);
    const name = `${rnd.pick(EXPORTER_FIRST)} ${rnd.pick(EXPORTER_TRADES)} ${rnd.pick(place.forms)}`;
    let found = exporters.get(name);
    if (!found) {
      const id = create({
        kind: 'organization',
        legalName: name,
        country: place.country,
        registrationNumber: registrationNumber(rnd, place.country),
      });
      link('located_at', id, address(place.country, place.city, place.region, place.postal), 'Corporate registry extract');
      found = { id, employeeId: null };
      if (rnd.chance(0.6)) {
        found.employeeId = person(place.country, day);
        link('employee_of', found.employeeId, id, 'Witness interview', { validFrom: addDays(day, -rnd.int(400, 4000)) });
      }
      exporters.set(name, found);
    }
    return found;
  };
  const endUserOf = () => {
    const dest = rnd.pick(DESTINATION_END_USERS);
    const name = `${rnd.pick(dest.forms)} ${rnd.pick(dest.first)}${rnd.pick(dest.second)}`.trim();
    let id = endUsers.get(name);
    if (!id) {
      id = create({
        kind: 'organization',
        legalName: name,
        country: dest.code,
        registrationNumber: registrationNumber(rnd, dest.code),
      });
      link('located_at', id, address(dest.code, rnd.pick(dest.cities)), 'Open-source research');
      endUsers.set(name, id);
    }
    return id;
  };
  const forwarderOf = () => {
    const f = rnd.pick(FORWARDERS);
    let id = forwarders.get(f.name);
    if (!id) {
      id = create({ kind: 'organization', legalName: f.name, country: f.country });
      forwarders.set(f.name, id);
    }
    return id;
  };
  const vessel = () => {
    if (vessels.length < VESSEL_NAMES.length && (vessels.length < 4 || rnd.chance(0.2))) {
      const name = VESSEL_NAMES[vessels.length] ?? 'Sea Star';
      vessels.push(
        create({
          kind: 'conveyance',
          subtype: 'vessel',
          vesselName: name,
          imoNumber: imo(rnd),
          callSign: `${rnd.pick(['3E', 'A8', 'V7', '9H', '9V', 'VR'])}${rnd.pick(['A', 'B', 'C', 'D', 'K', 'M'])}${digits(rnd, 2)}`,
          flag: rnd.pick(VESSEL_FLAGS),
        }),
      );
    }
    return rnd.pick(vessels);
  };
  const plane = () => {
    if (aircraft.length < 12 && (aircraft.length < 2 || rnd.chance(0.15))) {
      const a = rnd.pick(AIRCRAFT);
      const letters = Array.from({ length: 4 }, () => String.fromCharCode(65 + rnd.int(0, 25))).join('');
      aircraft.push(
        create({
          kind: 'conveyance',
          subtype: 'aircraft',
          registration: `${a.prefix}${letters}`,
          aircraftType: rnd.pick(a.types),
          country: a.country,
        }),
      );
    }
    return rnd.pick(aircraft);
  };
  const frontCompany = (day: string): Front => {
    if (fronts.length > 0 && rnd.chance(0.3)) return rnd.pick(fronts);
    const t = rnd.pick(TRANSIT_COUNTRIES);
    const word = rnd.pick(FRONT_WORDS);
    const legalName = `${word} ${rnd.pick(t.suffixes)}`;
    const id = create({
      kind: 'organization',
      legalName,
      country: t.code,
      registrationNumber: registrationNumber(rnd, t.code),
      aliases: rnd.chance(0.3) ? [`${word} Trading`] : [],
    });
    const incorporated = addDays(day, -rnd.int(60, 1500));
    link('located_at', id, address(t.code, rnd.pick(t.cities)), 'Corporate registry extract');
    const nationality = rnd.chance(0.45) ? 'RU' : t.code;
    const directorId = person(nationality, day);
    link('director_of', directorId, id, 'Corporate registry extract', { validFrom: incorporated });
    link('owns', directorId, id, 'Corporate registry extract', {
      shareBp: rnd.pick([10000, 10000, 5100, 5000, 3300]),
      validFrom: incorporated,
    });
    if (rnd.chance(0.1)) {
      const twin = create({ kind: 'organization', legalName: `${legalName.toUpperCase()}`, country: t.code });
      link('same_as', twin, id, 'Same director and address on two registrations');
    }
    const front = { id, country: t.code, directorId };
    fronts.push(front);
    return front;
  };

  const newScheme = (day: string): Scheme => {
    const front = frontCompany(day);
    const exporter = exporterOf(day);
    const endUser = endUserOf();
    if (rnd.chance(0.3) && !agents.has(`${front.id} ${endUser}`)) {
      agents.add(`${front.id} ${endUser}`);
      link('agent_for', front.id, endUser, 'Intercepted correspondence');
    }
    const shippedOn = addDays(day, -rnd.int(15, 400));
    const byAir = rnd.chance(0.3);
    const currency = rnd.chance(0.6) ? 'USD' : 'CAD';
    const goods = Array.from({ length: rnd.int(1, 3) }, () => {
      const g = rnd.pick(SEED_GOODS);
      const quantity = rnd.int(g.quantity[0], g.quantity[1]);
      return {
        description: g.description,
        quantity,
        unit: g.unit,
        hsCode: rnd.pick(g.hsCodes),
        eccn: rnd.pick(g.eccns),
        countryOfOrigin: rnd.pick(g.origins),
        value: { amountMinor: quantity * rnd.int(g.unitPrice[0], g.unitPrice[1]), currency },
      };
    });
    const total = goods.reduce((s, g) => s + g.value.amountMinor, 0);
    // A quarter of the shipments are undervalued on the declaration.
    const declared = rnd.chance(0.25) ? Math.floor((total * rnd.int(10, 60)) / 100) : total;
    const awbSerial = rnd.int(1_000_000, 9_999_999);
    const documentNumber = byAir
      ? `${rnd.pick(AWB_PREFIXES)}-${awbSerial}${awbSerial % 7}`
      : `${rnd.pick(CARRIER_PREFIXES)}${digits(rnd, 9)}`;
    const compact = shippedOn.replaceAll('-', '');
    const shipment = create({
      kind: 'shipment',
      transportDocumentType: byAir ? 'air_waybill' : 'bill_of_lading',
      transportDocumentNumber: documentNumber,
      exportDeclarationNumber: rnd.chance(0.5) ? `X${compact}${digits(rnd, 6)}` : `CERS${compact}${digits(rnd, 6)}`,
      declaredValue: { amountMinor: declared, currency },
      originCountry: rnd.chance(0.6) ? 'CA' : 'US',
      destinationCountry: front.country,
      route: rnd.chance(0.6) ? [rnd.pick(HUBS.filter((h) => h !== front.country))] : [],
      declaredPermitNumber: rnd.chance(0.2) ? rnd.pick(PERMITS) : '',
      shippedOn,
      goods,
    });
    const docSource = `${byAir ? 'Air waybill' : 'Bill of lading'} ${documentNumber}`;
    link('shipper_of', exporter.id, shipment, docSource);
    link('consignee_of', front.id, shipment, docSource);
    if (rnd.chance(0.4)) link('notify_party_of', endUser, shipment, 'Commercial invoice');
    let forwarder: string | null = null;
    if (rnd.chance(0.5)) {
      forwarder = forwarderOf();
      link('freight_forwarder_of', forwarder, shipment, docSource);
    }
    if (byAir) {
      link('carried_by', shipment, plane(), docSource);
    } else {
      const ship = vessel();
      if (rnd.chance(0.6)) {
        const box = create({
          kind: 'conveyance',
          subtype: 'container',
          containerNumber: container(rnd),
          sizeType: rnd.pick(CONTAINER_TYPES),
        });
        link('carried_by', shipment, box, docSource);
        link('carried_by', box, ship, 'Vessel manifest');
      } else {
        link('carried_by', shipment, ship, docSource);
      }
    }
    const candidates: Candidate[] = [
      { id: front.id, roles: ['suspect', 'consignee', 'subject'] },
      { id: exporter.id, roles: ['exporter', 'subject'] },
      { id: front.directorId, roles: ['suspect', 'subject'] },
      { id: endUser, roles: ['end_user'] },
      { id: shipment, roles: ['subject', 'other'] },
    ];
    if (forwarder) candidates.push({ id: forwarder, roles: ['freight_forwarder'] });
    if (exporter.employeeId) candidates.push({ id: exporter.employeeId, roles: ['witness'] });
    const scheme = { candidates };
    schemes.push(scheme);
    return scheme;
  };

  // Few schemes relative to cases on a large caseload: most cases reuse one (see the doc comment).
  const pNew = caseIds.length <= 2000 ? 0.6 : Math.max(0.05, 1200 / caseIds.length);
  const batch = 500;
  let done = 0;
  while (done < caseIds.length && !opts.cancelled?.()) {
    const slice = caseIds.slice(done, done + batch);
    db.transaction(() => {
      for (const caseId of slice) {
        const day = (openedOn.get(caseId) as { d: string } | undefined)?.d ?? opts.today;
        const scheme = schemes.length === 0 || rnd.chance(pNew) ? newScheme(day) : rnd.pick(schemes);
        const n = Math.min(scheme.candidates.length, rnd.int(Math.max(1, opts.perCase - 2), opts.perCase + 1));
        const [first, ...rest] = scheme.candidates;
        const chosen = first ? [first] : [];
        const pool = [...rest];
        while (chosen.length < n && pool.length > 0) chosen.push(...pool.splice(rnd.int(0, pool.length - 1), 1));
        for (const c of chosen) {
          must(invoke('cases.addEntity', { caseId, entityId: c.id, role: rnd.pick(c.roles) }));
          result.roles++;
        }
      }
    })();
    done += slice.length;
    opts.onProgress?.(done, caseIds.length);
  }
  return result;
}

/** The ids of the last `n` cases created (the ones a seed just made), oldest first. */
export function recentCaseIds(db: Db, n: number): string[] {
  return (db.prepare('SELECT id FROM cases ORDER BY seq DESC LIMIT ?').all(n) as { id: string }[]).map((r) => r.id).reverse();
}
