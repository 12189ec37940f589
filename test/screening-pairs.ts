/**
 * The screening matcher's labelled set: pairs of a subject (a Dossier entity) and a list entry,
 * each saying whether a reviewer would want the pair raised. Built deterministically from the
 * small hand-written lists below: spellings of one person or company (scripts, transliterations,
 * word order, initials, legal forms, diacritics, aliases), and near misses that are not the same
 * (a shared surname, one distinctive word of a company, one letter of a short name, another date of
 * birth, another IMO number, another kind).
 */
import type { MatchParty, PartyIdentifier } from '../db/screening/match.ts';

export interface LabelledPair {
  /** What the pair tests, for the failure message. */
  label: string;
  subject: MatchParty;
  entry: MatchParty;
  match: boolean;
}

interface Extra {
  aliases?: string[];
  countries?: string[];
  dob?: string[];
  ids?: PartyIdentifier[];
  flag?: string | null;
}

const party = (kind: MatchParty['kind'], name: string, x: Extra = {}): MatchParty => ({
  kind,
  names: [name, ...(x.aliases ?? [])],
  countries: x.countries ?? [],
  datesOfBirth: x.dob ?? [],
  identifiers: x.ids ?? [],
  flag: x.flag ?? null,
});
export const person = (name: string, x?: Extra) => party('person', name, x);
export const org = (name: string, x?: Extra) => party('organization', name, x);
export const vessel = (name: string, x?: Extra) => party('vessel', name, x);

// --- Spellings of one person: the first as the subject, each other one as the entry ----------

const PERSON_SPELLINGS: string[][] = [
  ['Сергей Королёв', 'Sergei Korolev', 'Sergey Korolyov', 'KOROLEV, Sergey'],
  ['Александр Петров', 'Aleksandr Petrov', 'Alexander Petrov', 'PETROV Alexandr'],
  ['Дмитрий Медведев', 'Dmitry Medvedev', 'Dmitriy Medvedev', 'Dmitrii Medvedev'],
  ['Юрий Ковальчук', 'Yuri Kovalchuk', 'Yuriy Koval’chuk', 'Iouri Kovaltchouk'],
  ['Фёдор Смирнов', 'Fyodor Smirnov', 'Fedor Smirnov', 'SMIRNOV, Fiodor'],
  ['Евгений Пригожин', 'Yevgeniy Prigozhin', 'Evgeny Prigozhin', 'Yevgeny Viktorovich PRIGOZHIN'],
  ['Геннадий Тимченко', 'Gennady Timchenko', 'Gennadiy Timtchenko', 'TIMCHENKO Gennadi Nikolayevich'],
  ['Аркадий Ротенберг', 'Arkady Rotenberg', 'Arkadiy Romanovich Rotenberg', 'ROTENBERG, Arkadii'],
  ['Михаил Фридман', 'Mikhail Fridman', 'Michail Fridman', 'Mikhail Maratovich FRIDMAN'],
  ['Виктор Вексельберг', 'Viktor Vekselberg', 'Victor Vekselberg', 'VEKSELBERG, Viktor Feliksovich'],
  ['Роман Абрамович', 'Roman Abramovich', 'Roman Abramovitch', 'ABRAMOVICH Roman Arkadyevich'],
  ['Игорь Сечин', 'Igor Sechin', 'Igor Ivanovich Sechin', 'SECHIN, Igor'],
  ['Олег Дерипаска', 'Oleg Deripaska', 'Oleg Vladimirovich Deripaska', 'DERIPASKA Oleg'],
  ['Владимир Якунин', 'Vladimir Yakunin', 'Vladimir Iakunin', 'Wladimir Jakunin'],
  ['Ярослав Ющенко', 'Yaroslav Yushchenko', 'Iaroslav Iushchenko', 'Jaroslaw Juschtschenko'],
  ['Наталья Жукова', 'Natalya Zhukova', 'Natalia Zhukova', 'ZHUKOVA Natal’ya'],
  ['Αλέξανδρος Παπαδόπουλος', 'Alexandros Papadopoulos', 'Aleksandros Papadopoulos', 'PAPADOPOULOS Alexandros'],
  ['Γεώργιος Νικολάου', 'Georgios Nikolaou', 'Georgios Nikolaoy', 'NIKOLAOU, Georgios'],
  ['Ευάγγελος Ιωάννου', 'Evangelos Ioannou', 'Evaggelos Ioannou', 'IOANNOU Evangelos'],
  ['Mohammed Hussein', 'Muhammad Husain', 'Mohamed Hussain', 'HUSSEIN, Mohammad'],
  ['Jürgen Schröder', 'Juergen Schroeder', 'Jurgen Schroder', 'SCHRÖDER Jürgen'],
  ['Łukasz Wójcik', 'Lukasz Wojcik', 'WOJCIK Lukasz', 'Łukasz WÓJCIK'],
  ['François Lefèvre', 'Francois Lefevre', 'LEFEVRE, François', 'Francois LEFÈVRE'],
  ['José Núñez', 'Jose Nunez', 'NUNEZ, Jose', 'José NÚÑEZ'],
  ['Mehmet Öztürk', 'Mehmet Ozturk', 'Mehmet Oeztuerk', 'OZTURK Mehmet'],
  ['Øyvind Sørensen', 'Oyvind Sorensen', 'SORENSEN, Øyvind', 'Oeyvind Soerensen'],
  ['Ivan Petrov', 'Petrov Ivan', 'Ivan Sergeyevich Petrov', 'PETROV, Ivan S.'],
  ['Abdul Rahman Khalid', 'Abdulrahman Khalid', 'KHALID, Abdul Rahman', 'Abdul-Rahman Khalid'],
];

// --- Initials: subject, entry ------------------------------------------------------------------

const INITIALS: [string, string][] = [
  ['J. Smith', 'John Smith'],
  ['John Smith', 'J Smith'],
  ['V.V. Putin', 'Vladimir Vladimirovich Putin'],
  ['I. S. Petrov', 'Ivan Sergeyevich Petrov'],
  ['A. Lukashenko', 'Alexander Lukashenko'],
  ['Robert M. Chen', 'Robert Michael Chen'],
  ['S. Korolev', 'Sergei Korolev'],
  ['M. Fridman', 'Mikhail Fridman'],
];

// --- Spellings of one company ---------------------------------------------------------------------

const ORG_SPELLINGS: string[][] = [
  ['OOO Technopark', 'Technopark LLC', 'ООО «Технопарк»', 'Tekhnopark Ltd'],
  ['Rosoboronexport JSC', 'АО «Рособоронэкспорт»', 'Rosoboroneksport', 'JSC Rosoboronexport'],
  ['Müller GmbH', 'Mueller G.m.b.H.', 'MULLER GMBH', 'Müller'],
  ['Société Lumière Trading SARL', 'Societe Lumiere Trading S.A.R.L.', 'LUMIERE TRADING, SOCIETE', 'Société Lumière Trading'],
  [
    'Almaz-Antey Air and Space Defence Corporation',
    'JSC Almaz Antey Air and Space Defence Corporation',
    'Almaz Antey Air & Space Defence Corp',
  ],
  ['Tekhmash OAO', 'Techmash JSC', 'ОАО «Техмаш»'],
  ['Ararat Trade LLC', 'ARARAT TRADE', 'Ararat Trade Limited', 'ООО Арарат Трейд'],
  ['Global Tech Solutions Ltd', 'GLOBAL TECH SOLUTIONS', 'Global Tech Solutions Limited'],
  ['Sovcomflot PAO', 'PAO Sovkomflot', 'ПАО «Совкомфлот»', 'Sovcomflot'],
  ['Bank Rossiya', 'Rossiya Bank', 'АО «АБ «РОССИЯ»', 'Bank Rossiya JSC'],
  ['Kalashnikov Concern', 'Concern Kalashnikov JSC', 'АО «Концерн Калашников»'],
  ['Shenzhen Huaxin Electronics Co., Ltd.', 'SHENZHEN HUAXIN ELECTRONICS CO LTD', 'Shenzhen Huaxin Electronics Company Limited'],
  ['Rosneft Oil Company', 'Rosneft Oil', 'ПАО «Роснефть»'],
  ['Mahan Air', 'MAHAN AIRLINES', 'Mahan Air Company'],
];

// --- Aliases: the subject's names, the entry's names (the name first) ------------------------------

const ALIASES: [string[], string[]][] = [
  [['Viktor Bout'], ['Viktor Anatolyevich But', 'Victor Bout', 'Viktor Budd', 'Boris Sergeevich Dudin']],
  [['Boris Dudin'], ['Viktor Anatolyevich But', 'Viktor Budd', 'Boris Sergeevich Dudin']],
  [
    ['Global Ocean Shipping', 'Sea Star Logistics'],
    ['Sea Star Logistics FZE', 'SSL FZE'],
  ],
  [['Petrov Trading House'], ['Nordic Star LLC', 'Petrov Trading House Ltd']],
  [['Ahmad Vahidi'], ['Vahidi, Ahmad', 'Ahmad Shah Najar', 'Vahid Shahcheraghi']],
  [['Alpha Electronics'], ['Альфа Электроникс', 'Alfa Elektroniks', 'Alpha Electronics Co']],
  [['Nikolai Volkov', 'Kolya Volkov'], ['Nikolay Volkov']],
  [['Eastern Horizon Trading'], ['Vostochny Gorizont', 'Eastern Horizon Trading LLC']],
];

// --- Typos in long words ---------------------------------------------------------------------------

const TYPOS: [string, string][] = [
  ['Rosoboronexport', 'Rosoboronexprot'],
  ['Konstantinopolsky Holdings', 'Konstantinopolski Holdings'],
  ['Aleksandr Vekselberg', 'Aleksandr Wekselberg'],
  ['Mikhail Khodorkovsky', 'Mikhail Chodorkowski'],
  ['Oleg Vladimirovich Deripaska', 'Oleg Wladimirowitsch Deripaska'],
  ['Sevmorneftegaz', 'Sevmorneftegas'],
];

/** Harder spellings of one person: Arabic and Ukrainian transliterations, a vowel or a letter off. */
const HARD_SAME_PERSON: [string, string][] = [
  ['Yulia Tymoshenko', 'Yulia Timoshenko'],
  ['Volodymyr Zelensky', 'Володимир Зеленський'],
  ['Volodymyr Zelenskyy', 'Volodymyr Zelenskiy'],
  ['Khaled Mashal', 'Khalid Meshaal'],
  ['Usama bin Laden', 'Osama bin Ladin'],
  ['Muammar Gaddafi', 'Moammar Qadhafi'],
  ['Muammar Gaddafi', 'Muammar al-Qaddafi'],
  ['Ayman al-Zawahiri', 'Aiman al Zawahry'],
  ['Kim Jong Un', 'KIM Jong-un'],
  ['Hassan Nasrallah', 'Hasan Nasrallah'],
  ['Abu Bakr al-Baghdadi', 'Abubakr al Baghdadi'],
  ['Ramzan Kadyrov', 'Ramzan Akhmatovich Kadyrov'],
  ['Andrei Kostin', 'Andrey Leonidovich Kostin'],
  ['Pyotr Aven', 'Petr Aven'],
  ['Semyon Mogilevich', 'Semion Mogilevitch'],
  ['Hassan Rouhani', 'Hassan Rohani'],
  ['Oleg Deripaska', 'Oleg Deripasko'],
  // Cyrillic letters that look Latin, inside a Latin name.
  ['Dmitry Peskov', 'Dmitry Pesков'],
];

/** Harder near misses: relatives, one word of a name, a woman's form of a surname, another first name that sounds close. */
const HARD_OTHER_PERSON: [string, string][] = [
  ['Gennady Timchenko', 'Gennady Timoshenko'],
  ['Kim Jong Un', 'Kim Jong Nam'],
  ['Kim Jong Il', 'Kim Jong Un'],
  ['Bashar al-Assad', 'Maher al-Assad'],
  ['Mohammed bin Salman', 'Mohammed bin Nayef'],
  ['Alexander Lukashenko', 'Alexander Lukashevich'],
  ['Ivan Ivanov', 'Ivan Ivanova'],
  ['Roman Abramovich', 'Roman Abramov'],
  ['Arkady Rotenberg', 'Boris Rotenberg'],
  ['Sergei Ivanov', 'Sergei Ivanchenko'],
  ['Mikhail Fridman', 'Mikhail Friedland'],
  ['Viktor Yanukovych', 'Viktor Yushchenko'],
  ['Ali Khamenei', 'Ali Khamis'],
  ['Said Ahmad', 'Saad Ahmad'],
  ['Maria Rossi', 'Mario Rossi'],
];

const HARD_ORGS: [string, string, boolean][] = [
  ['Tactical Missiles Corporation', 'Tactical Missile Corp', true],
  ['Iran Air', 'Iran Aseman Airlines', false],
  ['Alfa Group', 'Alfa Bank', false],
  ['Rostec', 'Rostelecom', false],
  ['Gazprom Neft', 'Gazprom Export', false],
  ['Novatek', 'Novartis', false],
  ['Transneft', 'Transnefteprodukt', false],
  ['VTB Bank', 'VTB Capital', false],
  ['United Aircraft Corporation', 'United Shipbuilding Corporation', false],
  ['Russian Railways', 'Russian Helicopters', false],
];

// --- Near misses -----------------------------------------------------------------------------------

const SURNAMES = ['Petrov', 'Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Volkov', 'Sokolov', 'Lebedev', 'Novikov', 'Morozov'];
const FIRST_NAMES = [
  'Ivan',
  'Sergei',
  'Alexei',
  'Dmitri',
  'Nikolai',
  'Andrei',
  'Pavel',
  'Mikhail',
  'Yuri',
  'Boris',
  'Oleg',
  'Viktor',
];

const ORG_NEAR_MISSES: [string, string][] = [
  ['Ararat Trade LLC', 'Ararat Logistics LLC'],
  ['Global Tech Solutions', 'Global Steel Solutions'],
  ['Nordic Star Shipping', 'Nordic Sun Shipping'],
  ['Alfa Bank', 'Alfa Capital'],
  ['Sibir Energy', 'Sibir Telecom'],
  ['Baltic Grain Export', 'Baltic Timber Export'],
  ['Eastern Horizon Trading', 'Western Horizon Trading'],
  ['Techmash Engineering', 'Techmash Aviation'],
  ['Volga Chemical Plant', 'Volga Tractor Plant'],
  ['Granit Security Services', 'Granit Construction Services'],
  ['Zenit Optics', 'Zenit Marine'],
  ['Orion Aerospace', 'Orion Textiles'],
  ['Polyus Gold', 'Polyus Plastics'],
  ['Ural Mining Company', 'Ural Trading Company'],
  ['Delta Electronics', 'Delta Logistics'],
  ['Sirius Microsystems', 'Sirius Foods'],
  ['Kama Trucks', 'Kama Tyres'],
  ['Arctic Gas Trading', 'Arctic Fish Trading'],
  ['Red Sea Navigation', 'Black Sea Navigation'],
  ['Pacific Rim Metals', 'Pacific Rim Textiles'],
];

/** One letter of a short name changed: another name, not a spelling. */
const ONE_LETTER: [string, string][] = [
  ['Ararat', 'Arafat'],
  ['Almaz', 'Alfaz'],
  ['Kamaz', 'Kamal'],
  ['Rubin', 'Rubik'],
  ['Vostok', 'Vostom'],
  ['Zenit', 'Zenix'],
  ['Sirius', 'Sidius'],
  ['Novator', 'Novamor'],
  ['Kirov Plant', 'Kidov Plant'],
  ['Orlan', 'Orian'],
];

const PERSON_ONE_LETTER: [string, string][] = [
  ['Ivan Karimov', 'Ivan Kadimov'],
  ['Omar Hassan', 'Omar Bassan'],
  ['Pavel Lebedev', 'Pavel Levedev'],
  ['Yuri Gusev', 'Yuri Gurev'],
  ['Ali Reza', 'Ali Rena'],
  ['Anna Belova', 'Anna Bekova'],
];

const PATRONYMIC_CONFLICTS: [string, string][] = [
  ['Ivan Ivanovich Petrov', 'Ivan Nikolaevich Petrov'],
  ['Sergei Pavlovich Volkov', 'Sergei Andreevich Volkov'],
  ['Ivan Sergeyevich Petrov', 'Sergei Ivanovich Petrov'],
  ['Mikhail Borisovich Popov', 'Mikhail Olegovich Popov'],
  ['Abdul Karim Rahimi', 'Abdul Rashid Rahimi'],
  ['Maria Elena Garcia', 'Maria Luisa Garcia'],
];

// --- The set ----------------------------------------------------------------------------------------

function build(): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  const add = (label: string, subject: MatchParty, entry: MatchParty, match: boolean) =>
    pairs.push({ label, subject, entry, match });

  for (const [first, ...rest] of PERSON_SPELLINGS) {
    const subject = first ?? '';
    for (const spelling of rest) add(`spelling ${subject} / ${spelling}`, person(subject), person(spelling), true);
    // Two Latin spellings against each other, too.
    if (rest[0] && rest[1]) add(`spelling ${rest[0]} / ${rest[1]}`, person(rest[0]), person(rest[1]), true);
  }
  for (const [s, e] of INITIALS) add(`initials ${s} / ${e}`, person(s), person(e), true);
  for (const [first, ...rest] of ORG_SPELLINGS) {
    const subject = first ?? '';
    for (const spelling of rest) add(`company ${subject} / ${spelling}`, org(subject), org(spelling), true);
  }
  for (const [s, e] of ALIASES) {
    const [sName = '', ...sAliases] = s;
    const [eName = '', ...eAliases] = e;
    const kind = /Shipping|Trading|Logistics|Electronics|House/.test(s.join(' ')) ? 'organization' : 'person';
    add(
      `alias ${s.join('|')} / ${e.join('|')}`,
      party(kind, sName, { aliases: sAliases }),
      party(kind, eName, { aliases: eAliases }),
      true,
    );
  }
  for (const [s, e] of TYPOS) {
    const kind = /\s/.test(s) && !/Holdings/.test(s) ? 'person' : 'organization';
    add(`typo ${s} / ${e}`, party(kind, s), party(kind, e), true);
  }
  for (const [s, e] of HARD_SAME_PERSON) add(`hard spelling ${s} / ${e}`, person(s), person(e), true);
  for (const [s, e] of HARD_OTHER_PERSON) add(`hard near miss ${s} / ${e}`, person(s), person(e), false);
  for (const [s, e, same] of HARD_ORGS) add(`hard company ${s} / ${e}`, org(s), org(e), same);
  // Corroborated: the same date of birth or nationality, given on one side in another form.
  const CORROBORATED: [string, string, Extra, Extra][] = [
    ['Sergei Korolev', 'Korolyov Sergey', { dob: ['1965-03-12'], countries: ['RU'] }, { dob: ['1965-03-12'], countries: ['RU'] }],
    ['Ivan Petrov', 'Ivan Petrov', { dob: ['1971-04-12'] }, { dob: ['1971'] }],
    ['Ivan Petrov', 'Ivan S. Petrov', { dob: ['1971-04-12'] }, { dob: ['1970', '1971', '1972'] }],
    ['Omar Hassan', 'Omar Hasan', { countries: ['SY'] }, { countries: ['SY', 'LB'] }],
    ['Li Wei', 'Wei Li', { dob: ['1980-07-01'], countries: ['CN'] }, { dob: ['1980-07-01'] }],
    ['Kim Chol', 'KIM Chol', { dob: ['1969-01'] }, { dob: ['1969-01-05'], countries: ['KP'] }],
  ];
  for (const [s, e, xs, xe] of CORROBORATED) add(`corroborated ${s} / ${e}`, person(s, xs), person(e, xe), true);

  // Identifiers alone: another name, the same number.
  const imo = (value: string): PartyIdentifier => ({ scheme: 'imo', value });
  add(
    'vessel renamed, same IMO',
    vessel('Ocean Pride', { ids: [imo('9123456')] }),
    vessel('Sea Glory', { ids: [imo('9123456')] }),
    true,
  );
  add(
    'vessel renamed, same IMO and flag',
    vessel('NORDIC SPIRIT', { ids: [imo('9304667')], flag: 'PA' }),
    vessel('Arctic Wind', { ids: [imo('9304667')], flag: 'PA' }),
    true,
  );
  add(
    'person by passport',
    person('Hamid Reza Tehrani', { ids: [{ scheme: 'passport', value: 'K12345678', country: 'IR' }] }),
    person('Hamidreza Tehrani-Far', { ids: [{ scheme: 'passport', value: 'K12345678', country: 'IR' }] }),
    true,
  );
  add(
    'company by registration',
    org('Northern Lights Trading', { ids: [{ scheme: 'registration', value: '1027700132195' }] }),
    org('Severnoye Siyaniye OOO', { ids: [{ scheme: 'registration', value: '1027700132195' }] }),
    true,
  );
  add(
    'company by tax number, listed under another name',
    org('Alfa Components', { ids: [{ scheme: 'registration', value: '7701234567', country: 'RU' }] }),
    org('Komponenty Plus', { ids: [{ scheme: 'tax_id', value: '7701234567', country: 'RU' }] }),
    true,
  );
  add('vessel by name and flag', vessel('Ocean Star', { flag: 'KM' }), vessel('OCEAN STAR', { flag: 'KM' }), true);
  add(
    'vessel by name and IMO',
    vessel('Lady Maria', { ids: [imo('9187629')] }),
    vessel('LADY MARIA', { ids: [imo('9187629')] }),
    true,
  );
  add(
    'vessel by name, no IMO on the entity',
    vessel('Admiral Nakhimov'),
    vessel('ADMIRAL NAKHIMOV', { ids: [imo('9111111')] }),
    true,
  );
  add('person against an entry of unknown kind', person('Ivan Petrov'), party('other', 'PETROV, Ivan'), true);
  add('company against an entry of unknown kind', org('Technopark LLC'), party('other', 'OOO Technopark'), true);

  // Near misses: a shared surname, a shared first name.
  for (let k = 0; k < SURNAMES.length; k++) {
    const surname = SURNAMES[k] ?? '';
    for (let r = 0; r < 3; r++) {
      const a = FIRST_NAMES[(k + r) % FIRST_NAMES.length] ?? '';
      const b = FIRST_NAMES[(k + r + 5) % FIRST_NAMES.length] ?? '';
      add(`shared surname ${a} / ${b} ${surname}`, person(`${a} ${surname}`), person(`${b} ${surname}`), false);
    }
  }
  for (let k = 0; k < FIRST_NAMES.length; k++) {
    const first = FIRST_NAMES[k] ?? '';
    const a = SURNAMES[k % SURNAMES.length] ?? '';
    const b = SURNAMES[(k + 3) % SURNAMES.length] ?? '';
    add(`shared first name ${first} ${a} / ${b}`, person(`${first} ${a}`), person(`${first} ${b}`), false);
  }
  for (const [s, e] of ORG_NEAR_MISSES) add(`one distinctive word ${s} / ${e}`, org(s), org(e), false);
  for (const [s, e] of ONE_LETTER) add(`one letter ${s} / ${e}`, org(s), org(e), false);
  for (const [s, e] of PERSON_ONE_LETTER) add(`one letter ${s} / ${e}`, person(s), person(e), false);
  for (const [s, e] of PATRONYMIC_CONFLICTS) add(`another middle name ${s} / ${e}`, person(s), person(e), false);

  // The same name, another date of birth.
  const DOBS: [string, string][] = [
    ['1965-03-12', '1982-11-30'],
    ['1971-04-12', '1971-09-03'],
    ['1958', '1990-01-01'],
    ['1980-07-01', '1961-07-01'],
  ];
  for (let k = 0; k < PERSON_SPELLINGS.length; k += 2) {
    const names = PERSON_SPELLINGS[k] ?? [];
    const [da, db] = DOBS[(k / 2) % DOBS.length] ?? ['', ''];
    add(
      `another date of birth ${names[1] ?? ''} ${da} / ${db}`,
      person(names[1] ?? '', { dob: [da] }),
      person(names[2] ?? '', { dob: [db] }),
      false,
    );
  }
  // The same vessel name, another IMO number (names of ships are reused).
  const SHIPS = ['Ocean Star', 'Lady Maria', 'Sea Pearl', 'Nordic Spirit', 'Golden Bay', 'Admiral'];
  SHIPS.forEach((ship, k) =>
    add(
      `vessel ${ship}, another IMO`,
      vessel(ship, { ids: [imo(`91${String(23456 + k)}`)] }),
      vessel(ship.toUpperCase(), { ids: [imo(`93${String(10000 + k * 7)}`)] }),
      false,
    ),
  );
  // Another kind: a company named after a person, a vessel named after one, a person named like a company.
  add('company named after a person', person('Ivan Petrov'), org('Ivan Petrov LLC'), false);
  add('vessel named after a person', person('Admiral Nakhimov'), vessel('ADMIRAL NAKHIMOV'), false);
  add('person against a company', org('Oleg Deripaska Foundation'), person('Oleg Deripaska'), false);
  add('vessel against a company', vessel('Sovcomflot'), org('Sovcomflot PAO'), false);
  add('person against a vessel', person('Maria Petrova'), vessel('MARIA PETROVA'), false);
  add('company against an aircraft', org('Mahan Air'), party('aircraft', 'Mahan Air EP-MMA'), false);
  add('company against a person', org('Alexander Lukashenko'), person('Alexander Lukashenko'), false);
  add('person named like a vessel', person('Sea Glory'), vessel('Sea Glory'), false);

  // Unrelated: each spelling group's subject against another group's entry.
  for (let k = 0; k < PERSON_SPELLINGS.length; k++) {
    const a = PERSON_SPELLINGS[k]?.[0] ?? '';
    const b = PERSON_SPELLINGS[(k + 7) % PERSON_SPELLINGS.length]?.[1] ?? '';
    add(`unrelated ${a} / ${b}`, person(a), person(b), false);
  }
  for (let k = 0; k < ORG_SPELLINGS.length; k++) {
    const a = ORG_SPELLINGS[k]?.[0] ?? '';
    const b = ORG_SPELLINGS[(k + 5) % ORG_SPELLINGS.length]?.[1] ?? '';
    add(`unrelated ${a} / ${b}`, org(a), org(b), false);
  }
  return pairs;
}

export const SCREENING_PAIRS: readonly LabelledPair[] = build();
