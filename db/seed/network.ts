import type { Invoke } from '../contract.ts';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { addDays } from '../shared/time.ts';
import type { CaseRole, LinkConfidence, LinkType } from '../shared/domain.ts';
import { containerCheckDigit, imoCheckDigit } from '../shared/inputs/identifiers.ts';
import type { Random } from './random.ts';
import {
  AWB_PREFIXES,
  CARRIER_PREFIXES,
  CONTAINER_OWNERS,
  CONTAINER_TYPES,
  FAMILY_NAMES,
  FRONT_WORDS,
  GIVEN_NAMES,
  SEED_GOODS,
  STREETS,
  TRANSIT_COUNTRIES,
  VESSEL_FLAGS,
} from './entity-vocabulary.ts';
import {
  CYRILLIC,
  FAMILY_VARIANTS,
  FORMATION_AGENTS,
  FORWARDER_TRADES,
  GIVEN_VARIANTS,
  HOLDING_JURISDICTIONS,
  NEAR_DUPLICATES,
  NOMINEE_NATIONALITIES,
  REGISTRATION_FORMATS,
  RU_FEMININE,
  SHELL_SECOND_WORDS,
  SHELL_TRADES,
  SOURCES,
  VESSEL_FIRST,
  VESSEL_SECOND,
  type DuplicateAddress,
  type DuplicateOrganization,
  type DuplicatePerson,
} from './network-vocabulary.ts';

export interface NetworkSeedOptions {
  /** No seeded date is after this day (YYYY-MM-DD). */
  today: string;
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
}

export interface HubCase {
  id: string;
  fileNumber: string;
  /** Entities within two links of the case's own entities, those included. */
  neighbourhood: number;
}

export interface NetworkSeedResult {
  networks: number;
  entities: number;
  links: number;
  roles: number;
  /** Pairs of records of one person or company under two spellings, and the pair that only looks alike. */
  nearDuplicates: number;
  hubCase: HubCase | null;
}

/** One network per this many cases (at least one). */
const CASES_PER_NETWORK = 40;
/** The hub case's two-hop neighbourhood is grown to at least this many entities: the link chart's work (100-300 nodes). */
const HUB_MIN = 150;
const NETWORKS_PER_BATCH = 5;

type Envelope = ReturnType<Invoke>;
/** Where a link comes from, and how sure that source makes it. */
interface How {
  source: string;
  confidence: LinkConfidence;
}

function must(env: Envelope): { id: string } {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.result as { id: string };
}

function digits(rnd: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rnd.int(0, 9));
  return s;
}

/**
 * Entities within two links of a case's own entities (them included), each link followed in both
 * directions: what the link chart of the case draws at two hops.
 */
export function caseNeighbourhoodSize(db: Db, caseId: string): number {
  const row = sql(
    db,
    `WITH h0(id) AS (SELECT entity_id FROM case_entities WHERE case_id = ?),
     h1(id) AS (
       SELECT id FROM h0
       UNION SELECT l.to_entity_id FROM h0 JOIN entity_links l ON l.from_entity_id = h0.id
       UNION SELECT l.from_entity_id FROM h0 JOIN entity_links l ON l.to_entity_id = h0.id),
     h2(id) AS (
       SELECT id FROM h1
       UNION SELECT l.to_entity_id FROM h1 JOIN entity_links l ON l.from_entity_id = h1.id
       UNION SELECT l.from_entity_id FROM h1 JOIN entity_links l ON l.to_entity_id = h1.id)
     SELECT count(*) AS n FROM h2`,
  ).get(caseId) as { n: number };
  return row.n;
}

/** What one network put in place, for the cases, duplicates and hub built on it. */
interface Network {
  front: string;
  director: { id: string; given: string; family: string; nationality: string; dateOfBirth: string; passport: string | null };
  nominee: string;
  agentAddress: string;
  forwarder: string;
  vessel: string;
  shells: string[];
  cases: string[];
}

/**
 * Seeds procurement networks over the given cases, through the contract, on top of the entity
 * seed (db/seed/entities.ts), whose exporters and end users they reuse. Each network: 5-20 shell
 * companies at one company-formation agent's address with one nominee director; a holding company
 * in a secrecy jurisdiction owned by the beneficial owner, owning a shell that owns the front
 * company (three levels of `owns`, with shares); the front and its director named in 3-6 cases,
 * each case with a shipment to the front carried by the network's vessel and forwarded by its
 * forwarder (both shared with other networks now and then). Then a few people and companies
 * recorded twice under another spelling, and one hub case whose two-hop neighbourhood holds
 * 150-300 entities. Links carry a source and the confidence that source gives, some with dates.
 */
export function seedNetwork(
  db: Db,
  invoke: Invoke,
  rnd: Random,
  caseIds: readonly string[],
  opts: NetworkSeedOptions,
): NetworkSeedResult {
  const result: NetworkSeedResult = { networks: 0, entities: 0, links: 0, roles: 0, nearDuplicates: 0, hubCase: null };
  if (caseIds.length === 0) return result;
  const today = opts.today;
  const caseRow = sql(db, 'SELECT opened_on AS openedOn, file_number AS fileNumber FROM cases WHERE id = ?');
  const hasRole = sql(db, 'SELECT 1 FROM case_entities WHERE case_id = ? AND entity_id = ? AND role = ?');
  const hasLink = sql(db, 'SELECT 1 FROM entity_links WHERE from_entity_id = ? AND type = ? AND to_entity_id = ? AND source = ?');

  const create = (input: Record<string, unknown>): string => {
    result.entities++;
    return must(invoke('entities.create', input)).id;
  };
  const link = (type: LinkType, fromId: string, toId: string, how: How, extra: Record<string, unknown> = {}) => {
    if (hasLink.get(fromId, type, toId, how.source)) return;
    result.links++;
    must(invoke('entities.link', { type, fromId, toId, source: how.source, confidence: how.confidence, ...extra }));
  };
  const role = (caseId: string, entityId: string, r: CaseRole) => {
    if (hasRole.get(caseId, entityId, r)) return;
    result.roles++;
    must(invoke('cases.addEntity', { caseId, entityId, role: r }));
  };
  const caseOf = (caseId: string) => caseRow.get(caseId) as { openedOn: string; fileNumber: string } | undefined;
  const dayOf = (caseId: string): string => caseOf(caseId)?.openedOn ?? today;

  /** `k` distinct cases (fewer on a tiny caseload), none of `excluded`. */
  const pickCases = (k: number, excluded: ReadonlySet<string> = new Set()): string[] => {
    const chosen = new Set<string>();
    const wanted = Math.min(k, caseIds.length - excluded.size);
    for (let tries = 0; chosen.size < wanted && tries < wanted * 20; tries++) {
      const id = rnd.pick(caseIds);
      if (!excluded.has(id)) chosen.add(id);
    }
    return [...chosen];
  };

  // Pools: what the entity seed made, and what the networks share among themselves.
  const exporters = db
    .prepare(
      `SELECT DISTINCT l.from_entity_id FROM entity_links l JOIN entities e ON e.id = l.from_entity_id
     WHERE l.type = 'shipper_of' AND e.kind = 'organization' AND e.country IN ('CA', 'US') ORDER BY e.seq LIMIT 400`,
    )
    .pluck()
    .all() as string[];
  const endUsers = db
    .prepare(`SELECT id FROM entities WHERE kind = 'organization' AND country IN ('RU', 'IR', 'BY') ORDER BY seq LIMIT 400`)
    .pluck()
    .all() as string[];
  // Names already taken (by the entity seed, or an earlier run): the same name twice would be an unintended duplicate.
  const names = new Set(
    db.prepare(`SELECT name FROM entities WHERE kind = 'organization' OR subtype = 'vessel'`).pluck().all() as string[],
  );
  const vessels: string[] = [];
  const forwarders: string[] = [];
  const holdingAddresses = new Map<string, string[]>();

  const registration = (country: string): string => {
    const [prefix, n] = REGISTRATION_FORMATS[country] ?? ['', 9];
    return `${prefix}${digits(rnd, n)}`;
  };
  /** A company or vessel name not taken yet (a few tries; the name pools are large). */
  const companyName = (make: () => string): string => {
    let name = make();
    for (let tries = 0; names.has(name) && tries < 8; tries++) name = make();
    names.add(name);
    return name;
  };
  const streetLine = (country: string) => `${rnd.int(1, 240)} ${rnd.pick(STREETS[country] ?? ['Main Street'])}`;
  const address = (lines: readonly string[], city: string, country: string, postalCode = ''): string =>
    create({ kind: 'address', lines, city, postalCode, country });

  const person = (nationality: string, bornBefore: string, cyrillicAlias = false) => {
    const given = rnd.pick(GIVEN_NAMES[nationality] ?? GIVEN_NAMES.RU ?? ['Ivan']);
    let family = rnd.pick(FAMILY_NAMES[nationality] ?? FAMILY_NAMES.RU ?? ['Ivanov']);
    const feminine = nationality === 'RU' && RU_FEMININE.has(given);
    const cyrillic =
      nationality === 'RU' && CYRILLIC[given] && CYRILLIC[family]
        ? `${CYRILLIC[given]} ${CYRILLIC[family]}${feminine ? 'а' : ''}`
        : null;
    if (feminine) family = `${family}a`;
    const dateOfBirth = addDays(bornBefore, -rnd.int(25 * 365, 65 * 365));
    const passport = rnd.chance(0.7)
      ? nationality === 'RU'
        ? `${digits(rnd, 2)} ${digits(rnd, 7)}`
        : `${rnd.pick(['N', 'P', 'U', 'A', 'K'])}${digits(rnd, 8)}`
      : null;
    const id = create({
      kind: 'person',
      givenName: given,
      familyName: family,
      aliases: cyrillic && (cyrillicAlias || rnd.chance(0.4)) ? [cyrillic] : [],
      dateOfBirth,
      nationality,
      identityDocuments: passport
        ? [{ type: 'passport', number: passport, country: nationality, expires: addDays(today, rnd.int(200, 3000)) }]
        : [],
    });
    return { id, given, family, nationality, dateOfBirth, passport };
  };

  const vessel = (): string => {
    if (vessels.length < VESSEL_FIRST.length * VESSEL_SECOND.length && (vessels.length < 2 || rnd.chance(0.35))) {
      const six = String(rnd.int(900_000, 999_999));
      const name = companyName(() => `${rnd.pick(VESSEL_FIRST)} ${rnd.pick(VESSEL_SECOND)}${rnd.chance(0.2) ? ' II' : ''}`);
      vessels.push(
        create({
          kind: 'conveyance',
          subtype: 'vessel',
          vesselName: name,
          imoNumber: `${six}${imoCheckDigit(six)}`,
          callSign: `${rnd.pick(['3E', 'A8', 'V7', '9H', '5B', 'D5', 'T8'])}${rnd.pick(['F', 'G', 'Q', 'R', 'W'])}${digits(rnd, 2)}`,
          flag: rnd.pick(VESSEL_FLAGS),
        }),
      );
    }
    return rnd.pick(vessels);
  };
  const forwarder = (): string => {
    if (forwarders.length === 0 || rnd.chance(0.6)) {
      const t = rnd.pick(TRANSIT_COUNTRIES);
      const id = create({
        kind: 'organization',
        legalName: companyName(() => `${rnd.pick(FRONT_WORDS)} ${rnd.pick(FORWARDER_TRADES)} ${rnd.pick(t.suffixes)}`),
        country: t.code,
        registrationNumber: registration(t.code),
      });
      link('located_at', id, address([streetLine(t.code)], rnd.pick(t.cities), t.code), SOURCES.registry);
      forwarders.push(id);
    }
    return rnd.pick(forwarders);
  };
  const holdingAddress = (j: (typeof HOLDING_JURISDICTIONS)[number]): string => {
    const pool = holdingAddresses.get(j.code) ?? [];
    holdingAddresses.set(j.code, pool);
    if (pool.length === 0 || rnd.chance(0.3)) {
      pool.push(address([`c/o ${rnd.pick(FORMATION_AGENTS)}`, `${rnd.int(1, 120)} ${rnd.pick(j.streets)}`], j.city, j.code));
    }
    return rnd.pick(pool);
  };

  /** A shipment to `consignee`: shipped by an exporter of the entity seed, forwarded, carried by the vessel (in a container, mostly). */
  const shipment = (before: string, consignee: string, forwarderId: string, vesselId: string, shipper?: string): string => {
    const shippedOn = addDays(before, -rnd.int(10, 300));
    const g = rnd.pick(SEED_GOODS);
    const quantity = rnd.int(g.quantity[0], g.quantity[1]);
    const currency = rnd.chance(0.6) ? 'USD' : 'CAD';
    const value = quantity * rnd.int(g.unitPrice[0], g.unitPrice[1]);
    const byAir = rnd.chance(0.15);
    const serial = rnd.int(1_000_000, 9_999_999);
    const documentNumber = byAir
      ? `${rnd.pick(AWB_PREFIXES)}-${serial}${serial % 7}`
      : `${rnd.pick(CARRIER_PREFIXES)}${digits(rnd, 9)}`;
    const id = create({
      kind: 'shipment',
      transportDocumentType: byAir ? 'air_waybill' : 'bill_of_lading',
      transportDocumentNumber: documentNumber,
      exportDeclarationNumber: `CERS${shippedOn.replaceAll('-', '')}${digits(rnd, 6)}`,
      // Undervalued on the declaration, as a front's shipments often are.
      declaredValue: { amountMinor: rnd.chance(0.4) ? Math.floor((value * rnd.int(10, 60)) / 100) : value, currency },
      originCountry: rnd.chance(0.6) ? 'CA' : 'US',
      destinationCountry: rnd.pick(TRANSIT_COUNTRIES).code,
      shippedOn,
      goods: [
        {
          description: g.description,
          quantity,
          unit: g.unit,
          hsCode: rnd.pick(g.hsCodes),
          eccn: rnd.pick(g.eccns),
          countryOfOrigin: rnd.pick(g.origins),
          value: { amountMinor: value, currency },
        },
      ],
    });
    const document = {
      source: `${byAir ? 'Air waybill' : 'Bill of lading'} ${documentNumber}`,
      confidence: 'confirmed',
    } as const;
    const from = shipper ?? (exporters.length ? rnd.pick(exporters) : null);
    if (from) link('shipper_of', from, id, document);
    link('consignee_of', consignee, id, document);
    link('freight_forwarder_of', forwarderId, id, document);
    if (endUsers.length && rnd.chance(0.4)) link('notify_party_of', rnd.pick(endUsers), id, SOURCES.intercept);
    if (!byAir && rnd.chance(0.6)) {
      const ten = `${rnd.pick(CONTAINER_OWNERS)}${String(rnd.int(0, 999_999)).padStart(6, '0')}`;
      const box = create({
        kind: 'conveyance',
        subtype: 'container',
        containerNumber: `${ten}${containerCheckDigit(ten)}`,
        sizeType: rnd.pick(CONTAINER_TYPES),
      });
      link('carried_by', id, box, document);
      link('carried_by', box, vesselId, SOURCES.manifest);
    } else if (!byAir) {
      link('carried_by', id, vesselId, document);
    }
    return id;
  };

  /** One network; its entities are named in `cases` (all but the shells and the holding). */
  const network = (cases: readonly string[], shellCount: number): Network => {
    const t = rnd.pick(TRANSIT_COUNTRIES);
    const since = addDays(today, -rnd.int(900, 3600));
    const agentAddress = address(
      [`c/o ${rnd.pick(FORMATION_AGENTS)}`, `Office ${rnd.int(101, 2404)}, ${streetLine(t.code)}`],
      rnd.pick(t.cities),
      t.code,
    );
    const nominee = person(rnd.pick(NOMINEE_NATIONALITIES), since).id;
    const shells: string[] = [];
    for (let i = 0; i < shellCount; i++) {
      const id = create({
        kind: 'organization',
        legalName: companyName(() => {
          const second = rnd.pick(SHELL_SECOND_WORDS);
          return `${rnd.pick(FRONT_WORDS)}${second ? ` ${second}` : ''} ${rnd.pick(SHELL_TRADES)} ${rnd.pick(t.suffixes)}`;
        }),
        country: t.code,
        registrationNumber: registration(t.code),
      });
      const incorporated = addDays(since, rnd.int(0, 400));
      link('located_at', id, agentAddress, rnd.chance(0.8) ? SOURCES.registry : SOURCES.leak, { validFrom: incorporated });
      link('director_of', nominee, id, SOURCES.registry, { validFrom: incorporated });
      shells.push(id);
    }
    const first = shells[0];
    if (!first) throw new Error('a network has at least one shell company');

    // The ownership chain: beneficial owner -> holding -> a shell -> the front company.
    const j = rnd.pick(HOLDING_JURISDICTIONS);
    const holding = create({
      kind: 'organization',
      legalName: companyName(
        () => `${rnd.pick(FRONT_WORDS)}${rnd.chance(0.5) ? ` ${rnd.pick(SHELL_SECOND_WORDS)}` : ''} ${j.suffix}`,
      ),
      country: j.code,
      registrationNumber: registration(j.code),
    });
    link('located_at', holding, holdingAddress(j), SOURCES.registry);
    const owner = person(
      rnd.weighted([
        ['RU', 6],
        ['IR', 2],
        ['BY', 2],
      ] as const),
      since,
      true,
    );
    link('owns', owner.id, holding, rnd.chance(0.5) ? SOURCES.leak : SOURCES.finint, { shareBp: 10000, validFrom: since });
    if (rnd.chance(0.5)) link('director_of', nominee, holding, SOURCES.registry, { validFrom: since });
    link('owns', holding, first, SOURCES.registry, { shareBp: 10000, validFrom: addDays(since, rnd.int(0, 400)) });

    const ft = rnd.chance(0.6) ? t : rnd.pick(TRANSIT_COUNTRIES);
    const front = create({
      kind: 'organization',
      legalName: companyName(() => `${rnd.pick(FRONT_WORDS)} ${rnd.pick(SHELL_TRADES)} ${rnd.pick(ft.suffixes)}`),
      country: ft.code,
      registrationNumber: registration(ft.code),
    });
    const frontSince = addDays(since, rnd.int(200, 600));
    link('located_at', front, address([streetLine(ft.code)], rnd.pick(ft.cities), ft.code), SOURCES.registry);
    const share = rnd.pick([5100, 6000, 7500, 10000]);
    link('owns', first, front, SOURCES.registry, { shareBp: share, validFrom: frontSince });
    const second = shells[1];
    if (share < 10000 && second) link('owns', second, front, SOURCES.osint, { shareBp: 10000 - share, validFrom: frontSince });
    const director = person(rnd.chance(0.5) ? 'RU' : ft.code, since);
    const later = addDays(frontSince, rnd.int(30, 500));
    const appointed = later > today ? today : later;
    link('director_of', director.id, front, SOURCES.registry, { validFrom: appointed });
    if (rnd.chance(0.3)) {
      // The director before: there from incorporation, resigned the day before the current one came.
      const former = person(ft.code, since);
      link('director_of', former.id, front, SOURCES.registryHistory, { validFrom: frontSince, validTo: addDays(appointed, -1) });
    }
    link('associated', director.id, owner.id, SOURCES.informant);
    if (endUsers.length && rnd.chance(0.5)) link('agent_for', front, rnd.pick(endUsers), SOURCES.intercept);
    if (rnd.chance(0.3) && shells.length > 2) link('associated', front, shells[shells.length - 1] ?? first, SOURCES.inferred);

    const forwarderId = forwarder();
    const vesselId = vessel();
    cases.forEach((caseId, i) => {
      const consignee = i === 0 || rnd.chance(0.7) ? front : rnd.pick(shells);
      const s = shipment(dayOf(caseId), consignee, forwarderId, vesselId);
      role(caseId, front, rnd.pick(['suspect', 'consignee', 'subject'] as const));
      role(caseId, director.id, rnd.pick(['suspect', 'subject'] as const));
      role(caseId, s, 'subject');
      if (consignee !== front) role(caseId, consignee, 'consignee');
      if (rnd.chance(0.5)) role(caseId, nominee, 'subject');
      if (rnd.chance(0.4)) role(caseId, forwarderId, 'freight_forwarder');
      if (rnd.chance(0.3)) role(caseId, vesselId, 'other');
    });
    if (cases[0] && rnd.chance(0.5)) role(cases[0], owner.id, 'subject');
    result.networks++;
    return { front, director, nominee, agentAddress, forwarder: forwarderId, vessel: vesselId, shells, cases: [...cases] };
  };

  /** The director of a network recorded again in another case: re-ordered, transliterated, sometimes with a clue in common. */
  const twinOf = (n: Network) => {
    const d = n.director;
    const given = d.nationality === 'RU' ? (GIVEN_VARIANTS[d.given] ?? d.given) : d.given;
    const family = d.nationality === 'RU' ? (FAMILY_VARIANTS[d.family] ?? d.family) : d.family;
    const twin = create({
      kind: 'person',
      familyName: `${family.toUpperCase()} ${given}`,
      dateOfBirth: rnd.chance(0.7) ? d.dateOfBirth : null,
      nationality: rnd.chance(0.5) ? d.nationality : null,
      identityDocuments:
        d.passport && rnd.chance(0.4)
          ? [{ type: 'passport', number: d.passport.replaceAll(' ', ''), country: d.nationality, expires: null }]
          : [],
      notes: 'Name as written on the shipping documents.',
    });
    const [elsewhere] = pickCases(1, new Set(n.cases));
    if (elsewhere) role(elsewhere, twin, 'suspect');
    result.nearDuplicates++;
  };

  const networks: Network[] = [];
  const total = Math.max(1, Math.round(caseIds.length / CASES_PER_NETWORK));
  const steps = total + 2;
  let done = 0;
  while (done < total && !opts.cancelled?.()) {
    const count = Math.min(NETWORKS_PER_BATCH, total - done);
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const n = network(pickCases(rnd.int(3, 6)), rnd.int(5, 20));
        networks.push(n);
        if (rnd.chance(0.15)) twinOf(n);
      }
    })();
    done += count;
    opts.onProgress?.(done, steps);
  }
  if (opts.cancelled?.()) return result;

  db.transaction(() => {
    const first = networks[0];
    for (const pair of NEAR_DUPLICATES) {
      const shared = pair.sharedAddress ? duplicateAddress(pair.sharedAddress) : null;
      const [caseA, caseB] = pickCases(2);
      const ids = [pair.a, pair.b].map((record, i) => {
        const id = create(record.kind === 'person' ? personInput(record) : organizationInput(record));
        if (shared) link('located_at', id, shared, i === 0 ? SOURCES.registry : SOURCES.osint);
        const caseId = i === 0 ? caseA : (caseB ?? caseA);
        if (caseId) role(caseId, id, record.kind === 'person' ? 'suspect' : 'consignee');
        return id;
      });
      // Tied into the networks, as a real record would be: a former directorship, an export.
      const [a] = ids;
      if (a && first && pair.a.kind === 'person' && !pair.distinct) {
        const resigned = addDays(today, -rnd.int(200, 700));
        link('director_of', a, rnd.pick(first.shells), SOURCES.registryHistory, {
          validFrom: addDays(resigned, -rnd.int(300, 1200)),
          validTo: resigned,
        });
      }
      if (a && first && pair.a.kind === 'organization' && pair.a.country === 'DE' && caseA) {
        role(caseA, shipment(dayOf(caseA), first.front, first.forwarder, first.vessel, a), 'subject');
      }
      result.nearDuplicates++;
    }
  })();
  opts.onProgress?.(total + 1, steps);
  if (opts.cancelled?.()) return result;

  db.transaction(() => {
    result.hubCase = seedHub();
  })();
  opts.onProgress?.(steps, steps);
  return result;

  function duplicateAddress(a: DuplicateAddress): string {
    return address(a.lines, a.city, a.country, a.postalCode);
  }

  /**
   * The hub: a network with many shells and a forwarder that moved many shipments, named in a case
   * whose own entities reached few others before (chosen among a sample), grown shipment by
   * shipment until its two-hop neighbourhood holds HUB_MIN entities.
   */
  function seedHub(): HubCase | null {
    const sample = pickCases(12);
    const sized = sample.map((id) => ({ id, size: caseNeighbourhoodSize(db, id) })).sort((a, b) => a.size - b.size);
    const hub = sized[0]?.id;
    if (!hub) return null;
    const n = network(pickCases(rnd.int(3, 5), new Set([hub])), 16);
    const hubVessels = [n.vessel, vessel(), vessel()];
    const consignees = [n.front, ...n.shells];
    const others = caseIds.filter((id) => id !== hub);
    const hubShipment = () => {
      const before = dayOf(hub);
      const s = shipment(before, rnd.pick(consignees), n.forwarder, rnd.pick(hubVessels));
      const elsewhere = others.length && rnd.chance(0.5) ? rnd.pick(others) : null;
      if (elsewhere) role(elsewhere, s, 'other');
    };
    for (let i = 0; i < 30; i++) hubShipment();
    role(hub, n.front, 'suspect');
    role(hub, n.director.id, 'suspect');
    role(hub, n.nominee, 'subject');
    role(hub, n.forwarder, 'freight_forwarder');
    role(hub, n.agentAddress, 'other');
    let size = caseNeighbourhoodSize(db, hub);
    for (let extra = 0; size < HUB_MIN && extra < 200; extra += 5) {
      for (let i = 0; i < 5; i++) hubShipment();
      size = caseNeighbourhoodSize(db, hub);
    }
    return { id: hub, fileNumber: caseOf(hub)?.fileNumber ?? '', neighbourhood: size };
  }
}

function personInput(p: DuplicatePerson): Record<string, unknown> {
  return {
    kind: 'person',
    givenName: p.givenName,
    familyName: p.familyName,
    aliases: p.aliases ?? [],
    dateOfBirth: p.dateOfBirth,
    nationality: p.nationality,
    identityDocuments: p.passport ? [{ type: 'passport', number: p.passport.number, country: p.passport.country }] : [],
    notes: p.notes ?? '',
  };
}

function organizationInput(o: DuplicateOrganization): Record<string, unknown> {
  return {
    kind: 'organization',
    legalName: o.legalName,
    country: o.country,
    registrationNumber: o.registrationNumber ?? '',
    notes: o.notes ?? '',
  };
}
