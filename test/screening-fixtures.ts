/**
 * Screening-list files written by the tests in the published layouts: the U.S. Consolidated
 * Screening List CSV (its header, fields quoted where they hold a comma, a quote or a line break)
 * and Canada's SEMA XML (a data-set of flat records, in the older or the newer bilingual tag names).
 */

/** The Consolidated Screening List's header, in the published order. */
export const CSL_COLUMNS = [
  '_id',
  'source',
  'entity_number',
  'type',
  'programs',
  'name',
  'title',
  'addresses',
  'federal_register_notice',
  'start_date',
  'end_date',
  'standard_order',
  'license_requirement',
  'license_policy',
  'call_sign',
  'vessel_type',
  'gross_tonnage',
  'gross_registered_tonnage',
  'vessel_flag',
  'vessel_owner',
  'remarks',
  'source_list_url',
  'alt_names',
  'citizenships',
  'dates_of_birth',
  'nationalities',
  'places_of_birth',
  'source_information_url',
  'ids',
] as const;

export type CslRow = Partial<Record<(typeof CSL_COLUMNS)[number], string>>;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A CSV with these columns (the published order unless given), one line per row, CRLF as the file has. */
export function cslCsv(rows: readonly CslRow[], columns: readonly string[] = CSL_COLUMNS): string {
  const lines = [columns.join(',')];
  for (const row of rows)
    lines.push(columns.map((c) => csvField((row as Record<string, string | undefined>)[c] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const SDN = 'Specially Designated Nationals (SDN) - Treasury Department';
const EL = 'Entity List (EL) - Bureau of Industry and Security';

/** The first edition: a person, two vessels, an aircraft and two companies of the Entity List. */
export const CSL_V1: CslRow[] = [
  {
    _id: '36001',
    source: SDN,
    entity_number: '36001',
    type: 'Individual',
    programs: 'RUSSIA-EO14024; UKRAINE-EO13660',
    name: 'Ivan PETROV',
    title: 'Director General',
    addresses: 'Ulitsa Lenina 1, Moscow, RU',
    start_date: '2022-03-11',
    remarks: 'Director of a front company.\nSee also the vessel SEA BREEZE.',
    source_list_url: 'https://sanctionssearch.ofac.treas.gov/',
    alt_names: 'Iwan Petrow; Иван Петрович Петров',
    citizenships: 'RU',
    dates_of_birth: '12 Jan 1965; 1966',
    nationalities: 'RU',
    places_of_birth: 'Moscow, Russia',
    ids: 'Passport, 7512345, RU; Gender, Male',
  },
  {
    _id: '36002',
    source: SDN,
    entity_number: '36002',
    type: 'Vessel',
    programs: 'IRAN',
    name: 'SEA BREEZE',
    start_date: '2020-01-01',
    call_sign: '9HXY2',
    vessel_type: 'Crude Oil Tanker',
    gross_tonnage: '56000',
    vessel_flag: 'Panama',
    vessel_owner: 'Oceanic Shipping Ltd',
    ids: 'IMO, 9123456; MMSI, 355123456',
  },
  {
    _id: 'a91f0c2e5b7d4e8f9a0b1c2d3e4f5a6b7c8d9e0f',
    source: EL,
    name: 'Société Lumière d’Études Électroniques',
    addresses: '12 rue de la Paix, Paris, 75002, FR; 5 Via Roma, Milano, IT',
    federal_register_notice: '85 FR 34495',
    start_date: '2020-06-05',
    license_requirement: 'For all items subject to the EAR.',
    license_policy: 'Presumption of denial.',
    source_list_url: 'https://www.bis.doc.gov/',
    alt_names: 'SLEE; Société L. d’Études',
  },
  {
    _id: 'b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1',
    source: EL,
    name: 'ООО «Ромашка»',
    addresses: 'ул. Ленина 5, Санкт-Петербург, RU',
    start_date: '2022-04-07',
    alt_names: 'Romashka LLC; Romashka, Ltd.',
  },
  {
    _id: '36005',
    source: SDN,
    entity_number: '36005',
    type: 'Vessel',
    programs: 'IRAN; IRGC',
    name: 'NORTHERN STAR',
    vessel_flag: 'Togo',
    ids: 'Vessel Registration Identification, IMO 9187629',
  },
  {
    _id: '36006',
    source: SDN,
    entity_number: '36006',
    type: 'Aircraft',
    programs: 'IRAN',
    name: 'EP-MNA',
    ids: 'Aircraft Manufacturer’s Serial Number (MSN), 1234; Aircraft Model, Airbus A310',
  },
];

/**
 * The next edition: the first vessel's flag changed, the Paris company removed, a new company,
 * the second vessel with one more alias; the person, the Cyrillic company and the aircraft as they were.
 */
export const CSL_V2: CslRow[] = [
  CSL_V1[0] ?? {},
  { ...CSL_V1[1], vessel_flag: 'Comoros' },
  CSL_V1[3] ?? {},
  { ...CSL_V1[4], alt_names: 'POLAR STAR' },
  CSL_V1[5] ?? {},
  {
    _id: 'c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2',
    source: EL,
    name: 'Shenzhen Hua Tong Electronics Co., Ltd.',
    addresses: 'Futian District, Shenzhen, CN',
    start_date: '2024-02-01',
  },
];

export type SemaStyle = 'old' | 'new';

/** The English tag names and their newer bilingual spellings. */
const SEMA_TAGS: Record<string, string> = {
  Country: 'Country-Pays',
  LastName: 'LastName-NomDeFamille',
  GivenName: 'GivenName-Prenom',
  EntityOrShip: 'EntityOrShip-EntiteOuNavire',
  TitleOrShip: 'TitleOrShip-TitreOuNavire',
  ShipIMONumber: 'ShipIMONumber-NumeroOMIDuNavire',
  DateOfBirthOrShipBuildDate: 'DateOfBirthOrShipBuildDate-DateDeNaissanceOuDateDeConstructionDuNavire',
  Schedule: 'Schedule-Annexe',
  Item: 'Item-Article',
  DateOfListing: 'DateOfListing-DateInscription',
  Aliases: 'Aliases-Alias',
};

export type SemaRecord = Partial<Record<keyof typeof SEMA_TAGS, string>>;

const xmlText = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The XML of these records, with the older tag names or the newer bilingual ones. */
export function semaXml(records: readonly SemaRecord[], style: SemaStyle): string {
  const body = records
    .map((r) => {
      const fields = Object.entries(r).map(([tag, value]) => {
        const name = style === 'old' ? tag : (SEMA_TAGS[tag] ?? tag);
        return value === '' ? `    <${name} />` : `    <${name}>${xmlText(value ?? '')}</${name}>`;
      });
      return `  <record>\n${fields.join('\n')}\n  </record>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<data-set>\n${body}\n</data-set>\n`;
}

/** A person listed on a serial-number date, a ship with an IMO number and free-text aliases, a bank. */
export const SEMA_V1: SemaRecord[] = [
  {
    Country: 'Russia',
    Schedule: '1, Part 1',
    Item: '1',
    LastName: 'PETROV',
    GivenName: 'Ivan Petrovich',
    TitleOrShip: 'Member of the State Duma',
    DateOfBirthOrShipBuildDate: '15-01-1970',
    Aliases: 'Iwan Petrowitsch PETROW, Ivan Petrovitch PETROFF; Russian: Иван Петрович ПЕТРОВ',
    DateOfListing: '45124',
  },
  {
    Country: 'Russia',
    Schedule: '3',
    Item: '7',
    EntityOrShip: 'SEA BREEZE',
    ShipIMONumber: '9123456',
    DateOfBirthOrShipBuildDate: '36526',
    Aliases: 'a.k.a. OCEAN BREEZE; also known as: BREEZE I, formerly known as VOLNA',
    DateOfListing: '2023-02-24',
  },
  {
    Country: 'Russia',
    Schedule: '1, Part 2',
    Item: '12',
    EntityOrShip: 'Bank Rossiya (a.k.a. Rossiya Bank)',
    Aliases: 'Russian: АО «АБ «РОССИЯ»; JSC Bank Rossiya, Ltd.',
    DateOfListing: '2014-03-20',
  },
];
