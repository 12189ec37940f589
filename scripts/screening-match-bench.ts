/**
 * The screening matcher's speed, as the screening run will use it: a synthetic list of 30,000
 * entries (people with patronymics and aliases, companies, vessels) indexed on their blocking keys
 * in memory, then subjects scored against the entries that share a key with them. Prints the
 * candidates per subject, matchPrepared calls per second and the hits.
 *
 *   npx tsx scripts/screening-match-bench.ts [entries] [subjects]
 */
import {
  blockingKeys,
  identifierKeys,
  matchPrepared,
  prepareParty,
  subjectKeys,
  ACCEPT,
  ONE_WORD,
  oneWordName,
  type MatchParty,
  type PreparedParty,
} from '../db/screening/match.ts';

const ENTRIES = Number(process.argv[2] ?? 30_000);
const SUBJECTS = Number(process.argv[3] ?? 20_000);

const FIRST =
  'Ivan Sergei Alexei Dmitri Nikolai Andrei Pavel Mikhail Yuri Boris Oleg Viktor Anna Elena Olga Maria Natalia Irina Tatiana Svetlana Mohammed Ali Hassan Omar Ahmad Reza Hamid Karim Li Wei Zhang Chen Kim Park John James Robert Michael David Peter Jürgen Hans Pierre Jean Ahmet Mehmet Yusuf Ibrahim Mustafa Fatima Aisha Leila'.split(
    ' ',
  );
const LAST =
  'Petrov Ivanov Smirnov Kuznetsov Popov Volkov Sokolov Lebedev Novikov Morozov Kozlov Pavlov Semenov Golubev Vinogradov Bogdanov Vorobyov Fedorov Mikhailov Belyaev Tarasov Belov Komarov Orlov Kiselev Makarov Andreev Kovalev Ilyin Gusev Titov Kuzmin Kudryavtsev Baranov Kulikov Alekseev Stepanov Yakovlev Sorokin Sergeev Romanov Zakharov Borisov Korolev Gerasimov Ponomarev Grigoriev Lazarev Medvedev Ershov Nikitin Sobolev Ryabov Polyakov Tsvetkov Danilov Zhukov Frolov Zhuravlev Nikolaev Krylov Maximov Sidorov Osipov Belousov Fedotov Dorofeev Egorov Matveev Bobrov Dmitriev Kalinin Anisimov Petukhov Antonov Timofeev Nikiforov Veselov Filippov Markov Bolshakov Sukhanov Mironov Shiryaev Aleksandrov Konovalov Shestakov Kazakov Efimov Denisov Gromov Fomin Davydov Melnikov Shcherbakov Blinov Kolesnikov Karpov Afanasiev Vlasov Maslov Isakov Tikhonov Aksenov Gavrilov Rodionov Kotov Gorbunov Kudryashov Bykov Zuev Tretyakov Savelyev Panov Rybakov Suvorov Abramov Voronov Mukhin Arkhipov Trofimov Martynov Emelyanov Gorshkov Chernov Ovchinnikov Seleznev Panfilov Kopylov Mikheev Galkin Nazarov Lobanov Lukin Belyakov Potapov Nekrasov Khokhlov Zhdanov Naumov Shilov Vorontsov Ermakov Drozdov Ignatiev Savin Loginov Safonov Kapustin Kirillov Moiseev Eliseev Koshelev Kostin Gorbachev Orekhov Efremov Isaev Evdokimov Kalashnikov Kabanov Noskov Yudin Kulagin Lapin Prokhorov Nesterov Kharitonov Agafonov Muravyov Laptev Filatov Hussein Rahimi Tehrani Karimi Hosseini Mohammadi Ahmadi Rezaei Moradi Wang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Smith Johnson Williams Brown Jones Miller Davis Garcia Rodriguez Wilson Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir'.split(
    ' ',
  );
const WORDS =
  'Ararat Alfa Nord Sibir Volga Ural Baltic Arctic Polar Orion Zenit Granit Almaz Kristall Vostok Zapad Titan Atlas Delta Sigma Omega Vector Impuls Signal Raduga Zvezda Rubin Sapfir Topaz Elektron Progress Kometa Strela Sokol Berkut Yastreb Albatros Neptun Triton Pegas Feniks Avrora Aurora Horizon Meridian Pacific Atlantic Eastern Western Northern Southern Golden Silver Crystal Diamond Emerald Phoenix Dragon Falcon Eagle Lion Tiger Star Sun Moon Ocean River Mountain Forest Stone Iron Steel Copper Energy Power Tech Micro Nano Quantum Laser Optic Radar Sonar Aero Avia Auto Moto Agro Bio Chem Pharm Med Fin Invest Capital Trust Credit Bank Trade Export Import Logistics Shipping Marine Transport Cargo Freight'.split(
    ' ',
  );
const FORMS = ['LLC', 'OOO', 'JSC', 'Ltd', 'Co., Ltd.', 'GmbH', 'FZE', 'Trading LLC', 'Group', 'Industries', 'International'];

// A small deterministic generator (mulberry32), so that every run measures the same data.
let seed = 42;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

function randomParty(): MatchParty {
  const r = rand();
  if (r < 0.6) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const father = pick(FIRST);
    const names = [`${first} ${father}ovich ${last}`];
    for (let k = Math.floor(rand() * 4); k > 0; k--) names.push(`${last} ${pick(FIRST)}`);
    const year = 1940 + Math.floor(rand() * 60);
    return {
      kind: 'person',
      names,
      countries: [pick(['RU', 'IR', 'CN', 'SY', 'BY', 'KP'])],
      datesOfBirth: [String(year)],
      identifiers: [],
      flag: null,
    };
  }
  if (r < 0.9) {
    const base = `${pick(WORDS)} ${rand() < 0.6 ? pick(WORDS) : ''}`.trim();
    const names = [`${base} ${pick(FORMS)}`];
    for (let k = Math.floor(rand() * 3); k > 0; k--) names.push(`${pick(WORDS)} ${pick(WORDS)} ${pick(FORMS)}`);
    return {
      kind: 'organization',
      names,
      countries: [pick(['RU', 'IR', 'CN', 'AE', 'TR', 'HK'])],
      datesOfBirth: [],
      identifiers: [],
      flag: null,
    };
  }
  const imo = String(9_000_000 + Math.floor(rand() * 999_999));
  return {
    kind: 'vessel',
    names: [`${pick(WORDS)} ${pick(WORDS)}`],
    countries: [],
    datesOfBirth: [],
    identifiers: [{ scheme: 'imo', value: imo }],
    flag: pick(['PA', 'LR', 'KM', 'IR']),
  };
}

const t0 = performance.now();
const entries: PreparedParty[] = [];
const index = new Map<string, number[]>();
for (let k = 0; k < ENTRIES; k++) {
  const p = randomParty();
  entries.push(prepareParty(p));
  for (const key of new Set([...p.names.flatMap(blockingKeys), ...identifierKeys(p)])) {
    const list = index.get(key);
    if (list) list.push(k);
    else index.set(key, [k]);
  }
}
const t1 = performance.now();
const subjects: MatchParty[] = [];
for (let k = 0; k < SUBJECTS; k++) subjects.push(randomParty());
let calls = 0;
let hits = 0;
let matchMs = 0;
let prepMs = 0;
let sharing = 0;
for (let s = 0; s < subjects.length; s++) {
  const p = subjects[s] as MatchParty;
  const a = performance.now();
  const subject = prepareParty(p);
  const keys = subjectKeys(p);
  const shared = new Map<number, string[]>();
  for (const key of keys.keys) {
    for (const e of index.get(key) ?? []) {
      const list = shared.get(e);
      if (list) list.push(key);
      else shared.set(e, [key]);
    }
  }
  sharing += shared.size;
  const candidates: number[] = [];
  for (const [e, set] of shared) {
    const verdict = keys.accepts(set);
    if (verdict === ACCEPT || (verdict === ONE_WORD && oneWordName((entries[e] as PreparedParty).names))) candidates.push(e);
  }
  const b = performance.now();
  for (const e of candidates) if (matchPrepared(subject, entries[e] as PreparedParty)) hits++;
  const c = performance.now();
  prepMs += b - a;
  matchMs += c - b;
  calls += candidates.length;
}
const largest = [...index.entries()].sort((x, y) => y[1].length - x[1].length).slice(0, 5);
console.log(
  `${ENTRIES} entries prepared and indexed in ${(t1 - t0).toFixed(0)} ms (${index.size} keys; largest ${largest
    .map(([k, v]) => `${k} ${v.length}`)
    .join(', ')})`,
);
console.log(
  `${SUBJECTS} subjects: ${(sharing / SUBJECTS).toFixed(0)} entries sharing a key each, ${(calls / SUBJECTS).toFixed(0)} candidates each after subjectKeys().accepts, ${calls} matchPrepared calls in ${(matchMs / 1000).toFixed(1)} s = ${Math.round(
    (calls / matchMs) * 1000,
  )} calls/s; preparing subjects and gathering candidates ${(prepMs / 1000).toFixed(1)} s; ${hits} hits`,
);
