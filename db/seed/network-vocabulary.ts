/**
 * Vocabulary of the seeded procurement networks (db/seed/network.ts): shell companies at the
 * address of a company-formation agent, holding companies in secrecy jurisdictions, nominee
 * directors, forwarders and vessels shared by several schemes, and people recorded twice under
 * another transliteration. Everything here is invented; formats follow the real ones.
 */

/** Second words of shell names ("Nova Bridge Trading FZE"): with FRONT_WORDS they give names enough to spare. */
export const SHELL_SECOND_WORDS = [
  '',
  '',
  '',
  'Bridge',
  'Gate',
  'Line',
  'Link',
  'Point',
  'Way',
  'Star',
  'Trans',
  'Tech',
  'Invest',
  'Pro',
  'Capital',
  'Prime',
];
export const SHELL_TRADES = [
  'Trading',
  'General Trading',
  'Logistics',
  'Technologies',
  'Supply',
  'Components',
  'Industrial',
  'Import Export',
  'Engineering',
  'Solutions',
  'Electronics',
  'Resources',
];

/** Company-formation agents, named on the first line of the address they lend their clients. */
export const FORMATION_AGENTS = [
  'Meridian Corporate Services',
  'Atlas Company Formations',
  'Keystone Registered Agents',
  'Blue Harbour Fiduciary',
  'Crescent Business Centre',
  'Silverline Corporate Secretaries',
  'Northgate Incorporations',
  'Orchid Business Setup',
];

/** Where a network's holding company is registered, and how. */
export const HOLDING_JURISDICTIONS: readonly {
  code: string;
  suffix: string;
  city: string;
  streets: readonly string[];
}[] = [
  { code: 'CY', suffix: 'Holdings Ltd', city: 'Limassol', streets: ['Arch. Makariou III Avenue', 'Spyrou Kyprianou Avenue'] },
  { code: 'VG', suffix: 'Holdings Limited', city: 'Road Town', streets: ['Wickhams Cay II', 'Main Street'] },
  { code: 'SC', suffix: 'Holdings Ltd', city: 'Victoria', streets: ['Francis Rachel Street', 'Providence Industrial Estate'] },
  { code: 'PA', suffix: 'Holdings S.A.', city: 'Panama City', streets: ['Calle 50', 'Avenida Balboa'] },
  { code: 'MT', suffix: 'Holdings Limited', city: 'Sliema', streets: ['Tower Road', 'The Strand'] },
  { code: 'AE', suffix: 'Holding FZE', city: 'Ras Al Khaimah', streets: ['RAKEZ Business Zone, FZ', 'Al Hamra Industrial Zone'] },
];

/** Registration numbers by country: a prefix, then this many digits. */
export const REGISTRATION_FORMATS: Readonly<Record<string, readonly [string, number]>> = {
  CY: ['HE ', 6],
  VG: ['BVI Company No. ', 7],
  SC: ['IBC ', 6],
  PA: ['Folio ', 9],
  MT: ['C ', 5],
  AE: ['Licence ', 6],
  KZ: ['BIN ', 12],
  KG: ['', 8],
  AM: ['', 9],
  GE: ['', 9],
  TR: ['MERSIS ', 16],
  HK: ['CR No. ', 7],
  UZ: ['STIR ', 9],
  RS: ['MB ', 8],
  MY: ['', 12],
  TH: ['', 13],
};

/** Forwarders and shipping agents: a word, a trade, a legal form by country. */
export const FORWARDER_TRADES = ['Logistics', 'Freight', 'Cargo', 'Shipping', 'Forwarding', 'Express Cargo', 'Transport'];

/** Vessel names: a first and a second word (with a numeral now and then, as fleets name sister ships). */
export const VESSEL_FIRST = [
  'Ocean',
  'Nordic',
  'Eastern',
  'Volga',
  'Kara Sea',
  'Baltic',
  'Aegean',
  'Red Sea',
  'Arctic',
  'Golden',
  'Silver',
  'Southern',
  'Jade',
  'Coral',
  'Amber',
];
export const VESSEL_SECOND = [
  'Glory',
  'Trader',
  'Spirit',
  'Pioneer',
  'Venture',
  'Fortune',
  'Harmony',
  'Carrier',
  'Express',
  'Wave',
];

/** Nationalities of the people who put their names on the registers for others. */
export const NOMINEE_NATIONALITIES = ['GB', 'CY', 'AE', 'KZ', 'AM', 'GE', 'TR', 'HK', 'SC'];

/** Given names that take a feminine family name in Russian ("Yelena Petrova"). */
export const RU_FEMININE = new Set(['Yelena', 'Olga', 'Tatyana']);

/** How the same Russian given name is spelled in other documents (another transliteration). */
export const GIVEN_VARIANTS: Readonly<Record<string, string>> = {
  Aleksandr: 'Alexander',
  Dmitriy: 'Dmitry',
  Sergey: 'Sergei',
  Andrey: 'Andrei',
  Yelena: 'Elena',
  Olga: 'Olga',
  Igor: 'Igor',
  Nikolay: 'Nikolai',
  Tatyana: 'Tatiana',
  Maksim: 'Maxim',
};

/** ...and the family name (the German and French transliterations, and the old "-off"). */
export const FAMILY_VARIANTS: Readonly<Record<string, string>> = {
  Ivanov: 'Iwanow',
  Petrov: 'Petroff',
  Smirnov: 'Smirnoff',
  Kuznetsov: 'Kouznetsov',
  Volkov: 'Wolkow',
  Sokolov: 'Sokoloff',
  Morozov: 'Morosow',
  Lebedev: 'Lebedew',
  Kozlov: 'Koslow',
  Orlov: 'Orloff',
};

/** The names in Cyrillic, as a Russian document writes them (an alias of the record). */
export const CYRILLIC: Readonly<Record<string, string>> = {
  Aleksandr: 'Александр',
  Dmitriy: 'Дмитрий',
  Sergey: 'Сергей',
  Andrey: 'Андрей',
  Yelena: 'Елена',
  Olga: 'Ольга',
  Igor: 'Игорь',
  Nikolay: 'Николай',
  Tatyana: 'Татьяна',
  Maksim: 'Максим',
  Ivanov: 'Иванов',
  Petrov: 'Петров',
  Smirnov: 'Смирнов',
  Kuznetsov: 'Кузнецов',
  Volkov: 'Волков',
  Sokolov: 'Соколов',
  Morozov: 'Морозов',
  Lebedev: 'Лебедев',
  Kozlov: 'Козлов',
  Orlov: 'Орлов',
};

/** A person of the fixed near-duplicates, as one record has it. */
export interface DuplicatePerson {
  kind: 'person';
  givenName: string;
  familyName: string;
  aliases?: readonly string[];
  dateOfBirth: string;
  nationality: string | null;
  passport?: { number: string; country: string };
  notes?: string;
}

export interface DuplicateOrganization {
  kind: 'organization';
  legalName: string;
  country: string;
  registrationNumber?: string;
  notes?: string;
}

export interface DuplicateAddress {
  lines: readonly string[];
  city: string;
  postalCode: string;
  country: string;
}

/**
 * The same person or company recorded twice, in two cases, under another spelling, sometimes with
 * a clue in common (an identifier, an address, a date of birth); and one pair that only looks alike
 * (another date of birth and nationality: two people). The duplicate search should propose every
 * pair but the last.
 */
export const NEAR_DUPLICATES: readonly {
  label: string;
  a: DuplicatePerson | DuplicateOrganization;
  b: DuplicatePerson | DuplicateOrganization;
  /** An address both records are located at. */
  sharedAddress?: DuplicateAddress;
  /** Two different people or companies: must not be matched. */
  distinct?: boolean;
}[] = [
  {
    label: 'transliterated and re-ordered, the same passport',
    a: {
      kind: 'person',
      givenName: 'Aleksandr',
      familyName: 'Petrov',
      aliases: ['Александр Петров'],
      dateOfBirth: '1974-05-12',
      nationality: 'RU',
      passport: { number: '72 4419035', country: 'RU' },
    },
    b: {
      kind: 'person',
      givenName: '',
      familyName: 'PETROV Alexander',
      dateOfBirth: '1974-05-12',
      nationality: 'RU',
      passport: { number: '724419035', country: 'RU' },
      notes: 'Name as written on the bill of lading.',
    },
  },
  {
    label: 'accents dropped, the same address',
    a: { kind: 'organization', legalName: 'Société Lumière Trading SARL', country: 'LB', registrationNumber: '1018823' },
    b: { kind: 'organization', legalName: 'Societe Lumiere Trading', country: 'LB' },
    sharedAddress: { lines: ['Immeuble Fattal, 4e étage', 'Rue Gouraud'], city: 'Beirut', postalCode: '', country: 'LB' },
  },
  {
    label: 'umlaut spelled out, the same registration number',
    a: { kind: 'organization', legalName: 'Müller GmbH', country: 'DE', registrationNumber: 'HRB 48213' },
    b: { kind: 'organization', legalName: 'Mueller GMBH', country: 'DE', registrationNumber: 'HRB48213' },
  },
  {
    label: 'Polish letters dropped, the same date of birth',
    a: { kind: 'person', givenName: 'Łukasz', familyName: 'Wójcik', dateOfBirth: '1981-11-03', nationality: 'PL' },
    b: { kind: 'person', givenName: 'Lukasz', familyName: 'Wojcik', dateOfBirth: '1981-11-03', nationality: null },
  },
  {
    label: 'family name first, the same address',
    a: { kind: 'person', givenName: 'Wing Kei', familyName: 'Chan', dateOfBirth: '1978-02-21', nationality: 'HK' },
    b: { kind: 'person', givenName: '', familyName: 'CHAN Wing Kei', dateOfBirth: '1978-02-21', nationality: 'HK' },
    sharedAddress: { lines: ['Flat 12B, Wing On Mansion', '88 Nathan Road'], city: 'Kowloon', postalCode: '', country: 'HK' },
  },
  {
    label: 'alike, but two people (another date of birth and nationality)',
    a: { kind: 'person', givenName: 'Dmitriy', familyName: 'Ivanov', dateOfBirth: '1969-02-14', nationality: 'RU' },
    b: { kind: 'person', givenName: 'Dmitri', familyName: 'Ivanov', dateOfBirth: '1987-09-30', nationality: 'BY' },
    distinct: true,
  },
];

/** Where a link's source is of this kind, how sure the investigator is. */
export const SOURCES = {
  registry: { source: 'Corporate registry extract', confidence: 'confirmed' },
  registryHistory: { source: 'Corporate registry extract (history of officers)', confidence: 'confirmed' },
  manifest: { source: 'Vessel manifest', confidence: 'confirmed' },
  osint: { source: 'Open-source research', confidence: 'probable' },
  leak: { source: 'Leaked company-formation records', confidence: 'probable' },
  finint: { source: 'Financial intelligence report', confidence: 'probable' },
  intercept: { source: 'Intercepted correspondence', confidence: 'probable' },
  informant: { source: 'Informant report', confidence: 'possible' },
  inferred: { source: 'Inferred: same nominee director and registered address', confidence: 'possible' },
} as const;
