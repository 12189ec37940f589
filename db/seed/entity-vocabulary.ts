/**
 * Realistic vocabulary for seeded entities: exporters, front companies in transit countries, end
 * users, people, addresses, ships, aircraft and the controlled goods they move. Classifications
 * are plausible (the HS heading and the ECCN a licensing officer would expect for such goods).
 */

export interface GoodsKind {
  description: string;
  hsCodes: readonly string[];
  eccns: readonly string[];
  unit: string;
  /** Unit price range in minor units (cents). */
  unitPrice: readonly [number, number];
  quantity: readonly [number, number];
  origins: readonly string[];
}

export const SEED_GOODS: readonly GoodsKind[] = [
  {
    description: 'Field-programmable gate arrays (FPGAs), Virtex UltraScale+',
    hsCodes: ['854239'],
    eccns: ['3A001.a.7', '3A991.d'],
    unit: 'pcs',
    unitPrice: [80_000, 1_500_000],
    quantity: [20, 600],
    origins: ['US', 'TW'],
  },
  {
    description: 'GNSS receivers, multi-constellation OEM boards',
    hsCodes: ['852691'],
    eccns: ['7A994', '7A005.b'],
    unit: 'pcs',
    unitPrice: [30_000, 450_000],
    quantity: [10, 400],
    origins: ['CA', 'US', 'CH'],
  },
  {
    description: 'UAV engines, two-stroke 100-250 cc',
    hsCodes: ['840710'],
    eccns: ['9A619.a', '9A012'],
    unit: 'pcs',
    unitPrice: [250_000, 1_800_000],
    quantity: [4, 120],
    origins: ['DE', 'GB', 'CZ'],
  },
  {
    description: 'Five-axis CNC machining centres',
    hsCodes: ['845710'],
    eccns: ['2B001.b.2', '2B001.c.2'],
    unit: 'units',
    unitPrice: [18_000_000, 95_000_000],
    quantity: [1, 4],
    origins: ['DE', 'JP', 'CH', 'IT'],
  },
  {
    description: 'Thermal imaging cameras, uncooled microbolometer',
    hsCodes: ['852589'],
    eccns: ['6A003.b.4', '6A993.a'],
    unit: 'pcs',
    unitPrice: [120_000, 900_000],
    quantity: [5, 200],
    origins: ['US', 'FR', 'CA'],
  },
  {
    description: 'Digital oscilloscopes, 6 GHz bandwidth',
    hsCodes: ['903020'],
    eccns: ['3A992.a', '3A002.a.5'],
    unit: 'pcs',
    unitPrice: [1_500_000, 9_000_000],
    quantity: [1, 20],
    origins: ['US', 'DE', 'JP'],
  },
  {
    description: 'Radiation-hardened microcircuits',
    hsCodes: ['854231'],
    eccns: ['3A001.a.1'],
    unit: 'pcs',
    unitPrice: [150_000, 2_500_000],
    quantity: [10, 300],
    origins: ['US', 'FR'],
  },
  {
    description: 'Fibre-optic gyroscopes',
    hsCodes: ['901420'],
    eccns: ['7A994', '7A003.a'],
    unit: 'pcs',
    unitPrice: [400_000, 3_000_000],
    quantity: [2, 60],
    origins: ['US', 'FR', 'CA'],
  },
  {
    description: 'Inertial measurement units, MEMS',
    hsCodes: ['901420'],
    eccns: ['7A003.a', '7A994'],
    unit: 'pcs',
    unitPrice: [200_000, 1_200_000],
    quantity: [5, 150],
    origins: ['US', 'NO', 'CH'],
  },
  {
    description: 'Frequency synthesizers, 20 GHz',
    hsCodes: ['854370'],
    eccns: ['3A002.d.1', '3A992.a'],
    unit: 'pcs',
    unitPrice: [300_000, 2_000_000],
    quantity: [2, 50],
    origins: ['US', 'CA'],
  },
  {
    description: 'RF power amplifiers, GaN, 2-18 GHz',
    hsCodes: ['854370'],
    eccns: ['3A001.b.4', '3A991.p'],
    unit: 'pcs',
    unitPrice: [200_000, 1_600_000],
    quantity: [5, 120],
    origins: ['US', 'SE'],
  },
  {
    description: 'Encryption modules, network hardware security modules',
    hsCodes: ['847180'],
    eccns: ['5A002.a', '5A992.c'],
    unit: 'pcs',
    unitPrice: [250_000, 1_800_000],
    quantity: [2, 80],
    origins: ['CA', 'US', 'DE'],
  },
  {
    description: 'Image intensifier tubes, generation 3',
    hsCodes: ['854089'],
    eccns: ['6A002.a.2'],
    unit: 'pcs',
    unitPrice: [300_000, 1_000_000],
    quantity: [10, 300],
    origins: ['US', 'NL'],
  },
  {
    description: 'Carbon fibre prepreg, high modulus',
    hsCodes: ['681519'],
    eccns: ['1C010.b', '1C210.b'],
    unit: 'kg',
    unitPrice: [8_000, 45_000],
    quantity: [50, 4000],
    origins: ['JP', 'US', 'FR'],
  },
  {
    description: 'Maraging steel tubes',
    hsCodes: ['730431', '722830'],
    eccns: ['1C216', '1C116'],
    unit: 'kg',
    unitPrice: [4_000, 20_000],
    quantity: [100, 8000],
    origins: ['DE', 'SE', 'JP'],
  },
  {
    description: 'Satellite modems, VSAT',
    hsCodes: ['851762'],
    eccns: ['5A991.g', '5A002.a'],
    unit: 'pcs',
    unitPrice: [90_000, 700_000],
    quantity: [5, 100],
    origins: ['US', 'IL', 'CA'],
  },
  {
    description: 'Ball bearings, precision angular contact',
    hsCodes: ['848210'],
    eccns: ['EAR99', '2A001.a'],
    unit: 'pcs',
    unitPrice: [3_000, 90_000],
    quantity: [100, 10000],
    origins: ['DE', 'JP', 'SE'],
  },
  {
    description: 'Servo motors, brushless',
    hsCodes: ['850152'],
    eccns: ['EAR99'],
    unit: 'pcs',
    unitPrice: [20_000, 250_000],
    quantity: [20, 800],
    origins: ['JP', 'DE', 'CN'],
  },
  {
    description: 'Lithium-ion cells for drones',
    hsCodes: ['850760'],
    eccns: ['EAR99', '3A999.f'],
    unit: 'pcs',
    unitPrice: [1_500, 12_000],
    quantity: [500, 20000],
    origins: ['KR', 'CN', 'JP'],
  },
  {
    description: 'Aircraft spare parts, turbine blades',
    hsCodes: ['841191'],
    eccns: ['9A991.d', '9E003'],
    unit: 'pcs',
    unitPrice: [100_000, 1_200_000],
    quantity: [10, 200],
    origins: ['US', 'CA', 'FR'],
  },
];

/** Transit countries and how their front companies are typically named. */
export const TRANSIT_COUNTRIES: readonly { code: string; suffixes: readonly string[]; cities: readonly string[] }[] = [
  { code: 'KZ', suffixes: ['LLP', 'Trade Link LLP', 'Group LLP'], cities: ['Almaty', 'Astana', 'Shymkent'] },
  { code: 'KG', suffixes: ['LLC', 'Trading OsOO'], cities: ['Bishkek', 'Osh'] },
  { code: 'AM', suffixes: ['LLC', 'Trade LLC'], cities: ['Yerevan', 'Gyumri'] },
  { code: 'GE', suffixes: ['LLC', 'Logistics LLC'], cities: ['Tbilisi', 'Batumi', 'Poti'] },
  {
    code: 'TR',
    suffixes: ['Dis Ticaret A.S.', 'Teknoloji Ltd. Sti.', 'Lojistik A.S.'],
    cities: ['Istanbul', 'Mersin', 'Ankara'],
  },
  { code: 'AE', suffixes: ['General Trading FZE', 'General Trading LLC', 'FZCO'], cities: ['Dubai', 'Sharjah', 'Ajman'] },
  { code: 'HK', suffixes: ['Technology Ltd', 'Electronics Co., Limited', 'Trading Limited'], cities: ['Hong Kong', 'Kowloon'] },
  { code: 'UZ', suffixes: ['MChJ', 'Trade MChJ'], cities: ['Tashkent', 'Samarkand'] },
  { code: 'RS', suffixes: ['d.o.o.', 'Trade d.o.o.'], cities: ['Belgrade', 'Novi Sad'] },
  { code: 'MY', suffixes: ['Sdn Bhd', 'Technology Sdn Bhd'], cities: ['Kuala Lumpur', 'Penang'] },
  { code: 'TH', suffixes: ['Co., Ltd.', 'Supply Co., Ltd.'], cities: ['Bangkok', 'Laem Chabang'] },
];

/** The first word of a front company's name. */
export const FRONT_WORDS = [
  'Kazakh',
  'Eurasia',
  'Silk Road',
  'Caspian',
  'Altyn',
  'Orient',
  'Nova',
  'Global',
  'Astra',
  'Zenith',
  'Tengri',
  'Ararat',
  'Bosphorus',
  'Gulf Star',
  'Pearl',
  'Dragon',
  'Lotus',
  'Phoenix',
  'Meridian',
  'Crescent',
  'Polaris',
  'Vector',
  'Alatau',
  'Samruk',
  'Baikonur',
  'Aral',
  'Anatolia',
  'Emerald',
  'Horizon',
  'Unity',
  'Steppe',
  'Kolsay',
];

/** End users in destination countries: legal form, then name parts (combined, so the pool grows with the caseload). */
export const DESTINATION_END_USERS: readonly {
  code: string;
  forms: readonly string[];
  first: readonly string[];
  second: readonly string[];
  cities: readonly string[];
}[] = [
  {
    code: 'RU',
    forms: ['OOO', 'AO', 'ZAO', 'PAO'],
    first: [
      'Radio',
      'Elektron',
      'Spets',
      'Vostok',
      'Sever',
      'Ural',
      'Sibir',
      'Neva',
      'Volga',
      'Kaspiy',
      'Tochmash',
      'Avia',
      'Mikro',
      'Opto',
      'Prom',
    ],
    second: ['komponent', 'tekh', 'prom', 'snab', 'sistemy', 'pribor', 'resurs', 'komplekt'],
    cities: ['Moscow', 'Saint Petersburg', 'Yekaterinburg', 'Novosibirsk', 'Kazan'],
  },
  {
    code: 'IR',
    forms: [''],
    first: ['Pars', 'Kavir', 'Sepehr', 'Arman', 'Zagros', 'Alborz', 'Tabesh', 'Niroo'],
    second: [' Industrial Group', ' Technical Supply Co.', ' Electronics', ' Aviation Parts', ' Engineering Co.'],
    cities: ['Tehran', 'Isfahan', 'Shiraz'],
  },
  {
    code: 'BY',
    forms: ['OAO', 'OOO'],
    first: ['Integral', 'Peleng', 'Horizont', 'Polesye', 'Nemiga', 'Svisloch'],
    second: [' Components', ' Optika', ' Systems', ' Pribor'],
    cities: ['Minsk', 'Brest', 'Gomel'],
  },
];

/** Exporters in Canada and the United States: a first word, a trade and a legal form by place. */
export const EXPORTER_FIRST = [
  'Northern',
  'Great Lakes',
  'Maple',
  'Laurentian',
  'Pacific',
  'Prairie',
  'Atlantic',
  'Cascade',
  'Lone Star',
  'Bay State',
  'Sunbelt',
  'Midwest',
  'Silicon Ridge',
  'Empire',
  'Polar',
  'Summit',
  'Frontier',
  'Harbour',
  'Keystone',
  'Granite',
];
export const EXPORTER_TRADES = [
  'Photonics',
  'Electronics',
  'Avionics Supply',
  'Precision Machining',
  'Navigation Systems',
  'Thermal Imaging',
  'Marine Components',
  'Microsystems',
  'Test & Measurement',
  'RF Devices',
  'Aero Parts',
  'Machine Tool Sales',
  'Components',
  'Optics Distribution',
];
export const EXPORTER_PLACES: readonly {
  country: string;
  forms: readonly string[];
  city: string;
  region: string;
  postal: string;
}[] = [
  { country: 'CA', forms: ['Inc.', 'Ltd.', 'Corp.'], city: 'Ottawa', region: 'ON', postal: 'K2K 2X5' },
  { country: 'CA', forms: ['Inc.', 'Ltd.', 'Corp.'], city: 'Mississauga', region: 'ON', postal: 'L5T 1Z7' },
  { country: 'CA', forms: ['Inc.', 'Ltee', 'Corp.'], city: 'Dorval', region: 'QC', postal: 'H9P 1J1' },
  { country: 'CA', forms: ['Inc.', 'Ltee'], city: 'Laval', region: 'QC', postal: 'H7L 4S3' },
  { country: 'CA', forms: ['Inc.', 'Ltd.'], city: 'Richmond', region: 'BC', postal: 'V6X 2W8' },
  { country: 'CA', forms: ['Inc.', 'Ltd.'], city: 'Calgary', region: 'AB', postal: 'T2E 7H7' },
  { country: 'CA', forms: ['Ltd.', 'Inc.'], city: 'Dartmouth', region: 'NS', postal: 'B3B 1Y4' },
  { country: 'US', forms: ['LLC', 'Inc.'], city: 'Beaverton', region: 'OR', postal: '97006' },
  { country: 'US', forms: ['Inc.', 'LLC'], city: 'Austin', region: 'TX', postal: '78758' },
  { country: 'US', forms: ['Corp.', 'Inc.'], city: 'Lowell', region: 'MA', postal: '01851' },
  { country: 'US', forms: ['LLC', 'Inc.'], city: 'Miami', region: 'FL', postal: '33166' },
  { country: 'US', forms: ['Inc.', 'Corp.'], city: 'Rockford', region: 'IL', postal: '61109' },
  { country: 'US', forms: ['Inc.', 'LLC'], city: 'San Jose', region: 'CA', postal: '95134' },
  { country: 'US', forms: ['LLC', 'Inc.'], city: 'Rochester', region: 'NY', postal: '14623' },
];

export const FORWARDERS: readonly { name: string; country: string }[] = [
  { name: 'Golden Bridge Logistics Ltd', country: 'HK' },
  { name: 'Anatolia Freight Lojistik A.S.', country: 'TR' },
  { name: 'Caspian Cargo LLP', country: 'KZ' },
  { name: 'Baltic Forwarding Services OU', country: 'EE' },
  { name: 'Gulf Express Shipping LLC', country: 'AE' },
  { name: 'Transcontinental Freight Inc.', country: 'CA' },
  { name: 'Ararat Express Cargo LLC', country: 'AM' },
];

/** Given and family names by nationality (transliterated the way passports write them). */
export const GIVEN_NAMES: Readonly<Record<string, readonly string[]>> = {
  RU: ['Aleksandr', 'Dmitriy', 'Sergey', 'Andrey', 'Yelena', 'Olga', 'Igor', 'Nikolay', 'Tatyana', 'Maksim'],
  KZ: ['Nurlan', 'Yerlan', 'Aigerim', 'Daniyar', 'Askar', 'Saule', 'Timur', 'Madina'],
  KG: ['Azamat', 'Bakyt', 'Aizhan', 'Nurbek'],
  AM: ['Armen', 'Tigran', 'Ani', 'Gevorg', 'Narek'],
  GE: ['Giorgi', 'Nino', 'Levan', 'Tamar'],
  TR: ['Mehmet', 'Emre', 'Ayse', 'Burak', 'Zeynep', 'Kerem'],
  AE: ['Ahmed', 'Khalid', 'Fatima', 'Omar', 'Rashid'],
  HK: ['Wing Kei', 'Ka Ho', 'Mei Ling', 'Chun Wai', 'Siu Ming'],
  UZ: ['Jasur', 'Dilnoza', 'Rustam', 'Sardor'],
  RS: ['Milan', 'Jelena', 'Nikola', 'Dragan'],
  MY: ['Ahmad Faiz', 'Siti Nur', 'Wei Jie', 'Kumar'],
  TH: ['Somchai', 'Nattapong', 'Siriporn', 'Anan'],
  IR: ['Reza', 'Mohammad', 'Ali', 'Maryam'],
  BY: ['Aliaksandr', 'Siarhei', 'Volha', 'Andrei'],
  CA: ['Marc', 'Priya', 'Daniel', 'Sofia', 'Jean-Francois', 'Hannah', 'Omar', 'Claire'],
  US: ['Michael', 'Jennifer', 'David', 'Sarah', 'Robert', 'Emily', 'Kevin', 'Laura'],
};

export const FAMILY_NAMES: Readonly<Record<string, readonly string[]>> = {
  RU: ['Ivanov', 'Petrov', 'Smirnov', 'Kuznetsov', 'Volkov', 'Sokolov', 'Morozov', 'Lebedev', 'Kozlov', 'Orlov'],
  KZ: ['Nurlanov', 'Abenov', 'Seitkali', 'Zhakupov', 'Tokayev', 'Omarova', 'Bekov', 'Sultanov'],
  KG: ['Asanov', 'Toktogulov', 'Usenova', 'Bakirov'],
  AM: ['Hakobyan', 'Petrosyan', 'Sargsyan', 'Grigoryan', 'Avetisyan'],
  GE: ['Beridze', 'Kapanadze', 'Gelashvili', 'Lomidze'],
  TR: ['Yilmaz', 'Kaya', 'Demir', 'Sahin', 'Celik', 'Aydin'],
  AE: ['Al Mansouri', 'Al Hashimi', 'Al Suwaidi', 'Al Falasi'],
  HK: ['Chan', 'Wong', 'Leung', 'Lau', 'Cheung'],
  UZ: ['Karimov', 'Yusupova', 'Rakhimov', 'Tashkentov'],
  RS: ['Jovanovic', 'Petrovic', 'Nikolic', 'Markovic'],
  MY: ['bin Abdullah', 'binti Hassan', 'Tan', 'Raj'],
  TH: ['Srisuk', 'Chaiyaporn', 'Boonmee', 'Wongsawat'],
  IR: ['Hosseini', 'Rezaei', 'Mohammadi', 'Karimi'],
  BY: ['Kavaliou', 'Novik', 'Zhuk', 'Shautsou'],
  CA: ['Tremblay', 'Nguyen', 'Gagnon', 'Singh', 'Roy', 'MacDonald', 'Chen', 'Bouchard'],
  US: ['Smith', 'Johnson', 'Miller', 'Garcia', 'Davis', 'Anderson', 'Lee', 'Clark'],
};

export const STREETS: Readonly<Record<string, readonly string[]>> = {
  KZ: ['Abay Avenue', 'Dostyk Avenue', 'Al-Farabi Avenue', 'Tole Bi Street', 'Kabanbay Batyr Avenue'],
  KG: ['Chuy Avenue', 'Manas Avenue', 'Kievskaya Street'],
  AM: ['Tigran Mets Avenue', 'Mashtots Avenue', 'Abovyan Street'],
  GE: ['Rustaveli Avenue', 'Chavchavadze Avenue', 'Tsereteli Avenue'],
  TR: ['Buyukdere Caddesi', 'Ataturk Bulvari', 'Istiklal Caddesi'],
  AE: ['Sheikh Zayed Road', 'Jebel Ali Free Zone, LOB 15', 'SAIF Zone, Q1-04', 'Al Maktoum Road'],
  HK: ['Nathan Road', "Queen's Road Central", 'Hennessy Road', 'Canton Road'],
  UZ: ['Amir Temur Avenue', 'Navoi Street'],
  RS: ['Bulevar Mihajla Pupina', 'Knez Mihailova'],
  MY: ['Jalan Ampang', 'Jalan Sultan Ismail'],
  TH: ['Sukhumvit Road', 'Rama IV Road'],
  RU: ['Leningradsky Prospekt', 'Profsoyuznaya Ulitsa', 'Nevsky Prospekt', 'Ulitsa Lenina'],
  IR: ['Valiasr Street', 'Enghelab Street'],
  BY: ['Praspiekt Niezalieznasci', 'Kazintsa Street'],
  CA: ['Industrial Avenue', 'Hymus Boulevard', 'Meadowvale Boulevard', 'Innovation Drive'],
  US: ['Technology Drive', 'Commerce Parkway', 'Airport Road', 'Research Boulevard'],
};

export const VESSEL_NAMES = [
  'MSC Aurora',
  'Maersk Kensington',
  'CMA CGM Tigris',
  'Ever Lucent',
  'Hapag Express Leda',
  'ONE Hawk',
  'Cosco Shanghai Star',
  'Yang Ming Unity',
  'Zim Rotterdam',
  'Sealand Michigan',
  'Atlantic Pioneer',
  'Black Sea Trader',
  'Caspian Breeze',
  'Levant Star',
  'Gulf Mariner',
  'Nordic Horizon',
  'Amur Pride',
  'Sea Falcon',
  'Pacific Meridian',
  'Bosphorus Queen',
];
export const VESSEL_FLAGS = ['PA', 'LR', 'MH', 'MT', 'SG', 'HK', 'BS', 'CY', 'PT', 'CM', 'KM', 'TG'];

/** Aircraft registration prefixes by country, with cargo types. */
export const AIRCRAFT: readonly { prefix: string; country: string; types: readonly string[] }[] = [
  { prefix: 'UP-', country: 'KZ', types: ['Boeing 767-300F', 'Ilyushin Il-76TD'] },
  { prefix: 'EX-', country: 'KG', types: ['Ilyushin Il-76TD', 'Antonov An-12'] },
  { prefix: 'EK-', country: 'AM', types: ['Boeing 737-400F', 'Ilyushin Il-76TD'] },
  { prefix: 'TC-', country: 'TR', types: ['Airbus A330-200F', 'Boeing 777F'] },
  { prefix: 'A6-', country: 'AE', types: ['Boeing 777F', 'Boeing 747-400F'] },
  { prefix: 'B-', country: 'HK', types: ['Boeing 747-8F', 'Airbus A330-300P2F'] },
];

export const CONTAINER_OWNERS = ['MSCU', 'MEDU', 'CMAU', 'HLXU', 'TGHU', 'OOLU', 'MAEU', 'TCNU', 'CAIU', 'SEGU'];
export const CONTAINER_TYPES = ['22G1', '42G1', '45G1', '45R1', '22G1'];
export const CARRIER_PREFIXES = ['MEDU', 'MAEU', 'CMDU', 'HLCU', 'ONEY', 'COSU', 'ZIMU'];
/** IATA airline prefixes of air waybills. */
export const AWB_PREFIXES = ['176', '235', '501', '020', '618', '160'];

export const PERMITS = ['EXP-2024-118273', 'EXP-2025-004417', 'D1234567', 'D1187733', 'NLR', 'EXP-2023-771209'];
