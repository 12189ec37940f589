/**
 * The screening matcher: its precision and recall on the labelled set (test/screening-pairs.ts),
 * each reason where it belongs, identifiers alone, kinds, the parties built from real parsed list
 * entries and from Dossier entities, the blocking keys, and its speed.
 */
import { describe, expect, it } from 'vitest';
import { parseCslText } from '../db/screening/csl.ts';
import { countryCode } from '../db/screening/countries.ts';
import {
  ACCEPT,
  blockingKeys,
  identifierKeys,
  identifierScheme,
  MATCH_THRESHOLD,
  ONE_WORD,
  oneWordName,
  matchParties,
  matchPrepared,
  partyOfEntityData,
  partyOfEntry,
  prepareParty,
  REJECT,
  subjectKeys,
  type MatchParty,
  type MatchResult,
} from '../db/screening/match.ts';
import { parseSemaText } from '../db/screening/sema.ts';
import { entityData } from '../db/shared/inputs/entities.ts';
import { cslCsv, semaXml } from './screening-fixtures.ts';
import { org, person, SCREENING_PAIRS, vessel } from './screening-pairs.ts';

const codes = (r: MatchResult | null) => r?.reasons.map((x) => x.code) ?? [];
const imo = (value: string) => ({ scheme: 'imo', value });

describe('the labelled set', () => {
  it('matches with recall >= 0.95 at precision >= 0.9', () => {
    expect(SCREENING_PAIRS.length).toBeGreaterThanOrEqual(240);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const p of SCREENING_PAIRS) {
      const r = matchParties(p.subject, p.entry);
      if (r && p.match) tp++;
      else if (r && !p.match) fp++;
      else if (!r && p.match) fn++;
      if (Boolean(r) !== p.match) wrong.push(`${p.match ? 'missed' : 'raised'}: ${p.label}${r ? ` (${r.score})` : ''}`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const positives = SCREENING_PAIRS.filter((p) => p.match).length;
    console.log(
      `screening matcher: ${SCREENING_PAIRS.length} labelled pairs (${positives} matches), precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; wrong: ${wrong.join('; ')}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it('scores every pair within 0-100, hits at or above the threshold', () => {
    for (const p of SCREENING_PAIRS) {
      const r = matchParties(p.subject, p.entry);
      if (!r) continue;
      expect(Number.isInteger(r.score)).toBe(true);
      expect(r.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(r.reasons.length).toBeGreaterThan(0);
    }
  });
});

describe('reasons', () => {
  it('name_exact: the same name, case, punctuation and legal forms aside', () => {
    const r = matchParties(person('Ivan Petrov'), person('IVAN PETROV'));
    expect(r?.score).toBe(90);
    expect(codes(r)).toEqual(['name_exact']);
    expect(codes(matchParties(org('OOO Technopark'), org('Technopark LLC')))).toEqual(['name_exact']);
  });

  it('transliteration: another script, diacritics, transliteration variants', () => {
    const cyrillic = matchParties(person('Сергей Королёв'), person('Sergei Korolev'));
    expect(codes(cyrillic)).toContain('transliteration');
    expect(codes(cyrillic)).not.toContain('name_exact');
    expect(codes(matchParties(person('Αλέξανδρος Παπαδόπουλος'), person('Alexandros Papadopoulos')))).toContain(
      'transliteration',
    );
    expect(codes(matchParties(org('Müller GmbH'), org('Mueller G.m.b.H.')))).toContain('transliteration');
    expect(codes(matchParties(person('Dmitriy Medvedev'), person('Dmitrii Medvedev')))).toEqual(['transliteration']);
  });

  it('name_fuzzy: the same sound, or a typo in a long word', () => {
    const r = matchParties(person('Mohammed Hussein'), person('Muhammad Husain'));
    expect(codes(r)).toContain('name_fuzzy');
    expect(r?.reasons.find((x) => x.code === 'name_fuzzy')?.detail).toContain('mohammed ~ muhammad');
    expect(codes(matchParties(org('Rosoboronexport'), org('Rosoboronexprot')))).toContain('name_fuzzy');
  });

  it('initials, word_order, name_partial', () => {
    const initials = matchParties(person('J. Smith'), person('John Smith'));
    expect(codes(initials)).toContain('initials');
    expect(codes(matchParties(person('V.V. Putin'), person('Vladimir Vladimirovich Putin')))).toContain('initials');
    expect(codes(matchParties(person('Petrov Ivan'), person('Ivan Petrov')))).toEqual(['word_order']);
    const partial = matchParties(person('Ivan Petrov'), person('Ivan Sergeyevich Petrov'));
    expect(codes(partial)).toEqual(['name_partial']);
    expect(partial?.reasons[0]?.detail).toContain('sergeyevich');
  });

  it('alias: the best pair of names wins, on either side, and names it', () => {
    const r = matchParties(
      person('Victor Anatolievich', { aliases: ['Viktor Bout'] }),
      person('Viktor Anatolyevich But', { aliases: ['Victor Bout', 'Boris Sergeevich Dudin'] }),
    );
    expect(r?.subjectName).toBe('Viktor Bout');
    expect(r?.entryName).toBe('Victor Bout');
    expect(codes(r)).toContain('alias');
    expect(r?.reasons.find((x) => x.code === 'alias')?.detail).toMatch(/subject's alias.*entry's alias/);
  });

  it('identifier: alone a match, with the name 100; a vessel under another name with its IMO', () => {
    const renamed = matchParties(
      vessel('Ocean Pride', { ids: [imo('9123456')] }),
      vessel('Sea Glory', { ids: [imo('9123456')] }),
    );
    expect(renamed?.score).toBe(90);
    expect(codes(renamed)).toEqual(['identifier']);
    const both = matchParties(vessel('Sea Glory', { ids: [imo('9123456')] }), vessel('SEA GLORY', { ids: [imo('9123456')] }));
    expect(both?.score).toBe(100);
    const passport = { scheme: 'passport', value: 'K12345678', country: 'IR' };
    expect(matchParties(person('Hamid Tehrani', { ids: [passport] }), person('Ali Karimi', { ids: [passport] }))?.score).toBe(90);
    // The same number issued by another country is another document.
    expect(
      matchParties(person('Hamid Tehrani', { ids: [passport] }), person('Ali Karimi', { ids: [{ ...passport, country: 'IQ' }] })),
    ).toBeNull();
    // Too short to be more than chance.
    expect(
      matchParties(
        org('Alfa', { ids: [{ scheme: 'registration', value: '123' }] }),
        org('Beta', { ids: [{ scheme: 'registration', value: '123' }] }),
      ),
    ).toBeNull();
  });

  it('identifier_differs: the same vessel name under another IMO is another ship', () => {
    expect(
      matchParties(vessel('Ocean Star', { ids: [imo('9123456')] }), vessel('OCEAN STAR', { ids: [imo('9304667')] })),
    ).toBeNull();
    expect(matchParties(vessel('Ocean Star'), vessel('OCEAN STAR', { ids: [imo('9304667')] }))?.score).toBe(90);
  });

  it('dob_same, dob_differs: the same day +10, the same year +5, another date is no match', () => {
    const same = matchParties(person('Ivan Petrov', { dob: ['1971-04-12'] }), person('Ivan Petrov', { dob: ['1971-04-12'] }));
    expect(same?.score).toBe(100);
    expect(codes(same)).toContain('dob_same');
    const year = matchParties(person('Ivan Petrov', { dob: ['1971-04-12'] }), person('Ivan Petrov', { dob: ['1970', '1971'] }));
    expect(year?.score).toBe(95);
    expect(year?.reasons.find((x) => x.code === 'dob_same')?.detail).toContain('the same year');
    expect(
      matchParties(person('Ivan Petrov', { dob: ['1971-04-12'] }), person('Ivan Petrov', { dob: ['1971-09-03'] })),
    ).toBeNull();
    expect(matchParties(person('Ivan Petrov', { dob: ['1971'] }), person('Ivan Petrov', { dob: ['1985-01-01'] }))).toBeNull();
    // A shared passport keeps the hit, and says what disagrees.
    const passport = { scheme: 'passport', value: 'K12345678' };
    const kept = matchParties(
      person('Ivan Petrov', { dob: ['1971-04-12'], ids: [passport] }),
      person('Ivan Petrov', { dob: ['1985-01-01'], ids: [passport] }),
    );
    expect(kept?.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(codes(kept)).toEqual(expect.arrayContaining(['identifier', 'dob_differs']));
  });

  it('country_same, country_differs, flag_same, flag_differs', () => {
    const same = matchParties(person('Ivan Petrov', { countries: ['RU'] }), person('Ivan Petrov', { countries: ['RU', 'BY'] }));
    expect(same?.score).toBe(95);
    expect(codes(same)).toContain('country_same');
    const other = matchParties(person('Ivan Petrov', { countries: ['UA'] }), person('Ivan Petrov', { countries: ['RU'] }));
    expect(other?.score).toBe(80);
    expect(codes(other)).toContain('country_differs');
    expect(codes(matchParties(vessel('Ocean Star', { flag: 'PA' }), vessel('OCEAN STAR', { flag: 'PA' })))).toContain(
      'flag_same',
    );
    const flag = matchParties(vessel('Ocean Star', { flag: 'PA' }), vessel('OCEAN STAR', { flag: 'LR' }));
    expect(flag?.score).toBe(85);
    expect(codes(flag)).toContain('flag_differs');
  });

  it('kind_differs: across kinds only an identifier matches', () => {
    expect(matchParties(person('Ivan Petrov'), org('Ivan Petrov LLC'))).toBeNull();
    expect(matchParties(person('Admiral Nakhimov'), vessel('ADMIRAL NAKHIMOV'))).toBeNull();
    const shipOwner = matchParties(
      vessel('Golden Bay', { ids: [imo('9123456')] }),
      org('Golden Bay Shipping Co', { ids: [{ scheme: 'imo', value: '9123456' }] }),
    );
    expect(shipOwner?.score).toBe(90);
    expect(codes(shipOwner)).toEqual(['identifier', 'kind_differs']);
    // An entry whose kind the list does not say is compared with people and companies by name.
    expect(matchParties(person('Ivan Petrov'), { ...person('PETROV, Ivan'), kind: 'other' })?.score).toBe(90);
  });

  it('near misses: a one-letter change in a short distinctive word, one distinctive word, a shared surname', () => {
    expect(matchParties(org('Ararat'), org('Arafat'))).toBeNull();
    expect(matchParties(org('Ararat Trade LLC'), org('Arafat Trade LLC'))).toBeNull();
    expect(matchParties(org('Ararat Trade LLC'), org('Ararat Logistics LLC'))).toBeNull();
    expect(matchParties(org('Global Tech Solutions'), org('Global Steel Solutions'))).toBeNull();
    expect(matchParties(person('Ivan Petrov'), person('Sergei Petrov'))).toBeNull();
    expect(matchParties(person('Petrov'), person('Ivan Petrov'))).toBeNull();
    expect(matchParties(person('Ivan Ivanovich Petrov'), person('Ivan Nikolaevich Petrov'))).toBeNull();
  });
});

describe('parties', () => {
  it('partyOfEntry: a CSL entry parsed by the import, identifiers normalized, countries made codes', () => {
    const csv = cslCsv([
      {
        _id: '1',
        source: 'Specially Designated Nationals (SDN) - Treasury Department',
        type: 'Individual',
        name: 'PETROV, Ivan Sergeyevich',
        alt_names: 'Iwan Petrow; Иван Петров',
        citizenships: 'RU',
        dates_of_birth: '1971-04-12',
        ids: 'Passport, 71 2345678, RU; Gender, Male; National ID No., 123-456-789, RU; Website, www.example.com',
      },
      {
        _id: '2',
        source: 'Specially Designated Nationals (SDN) - Treasury Department',
        type: 'Vessel',
        name: 'SEA GLORY',
        vessel_flag: 'Panama',
        ids: 'Vessel Registration Identification, IMO 9123456; MMSI, 352001234',
      },
      { _id: '3', source: 'Denied Persons List (DPL) - Bureau of Industry and Security', name: 'John Smith' },
    ]);
    const [individual, ship, untyped] = parseCslText(csv).map((p) => partyOfEntry(p.entry));
    expect(individual).toEqual({
      kind: 'person',
      names: ['PETROV, Ivan Sergeyevich', 'Iwan Petrow', 'Иван Петров'],
      countries: ['RU'],
      datesOfBirth: ['1971-04-12'],
      identifiers: [
        { scheme: 'passport', value: '712345678', country: 'RU' },
        { scheme: 'national_id', value: '123456789', country: 'RU' },
      ],
      flag: null,
    });
    expect(ship?.kind).toBe('vessel');
    expect(ship?.flag).toBe('PA');
    expect(ship?.identifiers).toEqual([
      { scheme: 'imo', value: '9123456' },
      { scheme: 'mmsi', value: '352001234' },
    ]);
    expect(untyped?.kind).toBe('other');
    // The listed ship found under its old name through its IMO number; the Cyrillic alias meets the Latin name.
    expect(matchParties(vessel('Ocean Pride', { ids: [imo('IMO 9123456'.replace(/\D/g, ''))] }), ship as MatchParty)?.score).toBe(
      90,
    );
    const r = matchParties(person('Иван Сергеевич Петров', { dob: ['1971-04-12'] }), individual as MatchParty);
    expect(r?.score).toBe(95);
    expect(codes(r)).toEqual(['transliteration', 'name_fuzzy', 'word_order', 'dob_same']);
  });

  it('partyOfEntry: a SEMA ship and a person, parsed by the import', () => {
    const { entries } = parseSemaText(
      semaXml(
        [
          {
            Country: 'Russia',
            Schedule: '1',
            Item: '1',
            LastName: 'PETROV',
            GivenName: 'Ivan',
            DateOfBirthOrShipBuildDate: '15-01-1970',
          },
          { Country: 'Russia', Schedule: '2', Item: '1', EntityOrShip: 'ARCTIC WIND', ShipIMONumber: '9304667' },
        ],
        'new',
      ),
    );
    const [ivan, wind] = entries.map((p) => partyOfEntry(p.entry));
    expect(ivan?.kind).toBe('person');
    expect(matchParties(person('Ivan Petrov', { dob: ['1970-01-15'] }), ivan as MatchParty)?.score).toBe(100);
    expect(matchParties(vessel('Nordic Spirit', { ids: [imo('9304667')] }), wind as MatchParty)?.score).toBe(90);
  });

  it('partyOfEntityData: Dossier entities as their schemas give them', () => {
    const p = partyOfEntityData(
      entityData.parse({
        kind: 'person',
        givenName: 'Ivan',
        familyName: 'Petrov',
        aliases: ['Iwan Petrow'],
        dateOfBirth: '1971-04-12',
        nationality: 'ru',
        identityDocuments: [{ type: 'passport', number: '71 2345678', country: 'RU' }],
      }),
    );
    expect(p).toEqual({
      kind: 'person',
      names: ['Ivan Petrov', 'Iwan Petrow'],
      countries: ['RU'],
      datesOfBirth: ['1971-04-12'],
      identifiers: [{ scheme: 'passport', value: '712345678', country: 'RU' }],
      flag: null,
    });
    const ship = partyOfEntityData(
      entityData.parse({ kind: 'conveyance', subtype: 'vessel', vesselName: 'Sea Glory', imoNumber: 'IMO 9074729', flag: 'PA' }),
    );
    expect(ship).toMatchObject({
      kind: 'vessel',
      names: ['Sea Glory'],
      identifiers: [{ scheme: 'imo', value: '9074729' }],
      flag: 'PA',
    });
    expect(partyOfEntityData(entityData.parse({ kind: 'address', lines: ['1 Main St'] }))).toBeNull();
  });

  it('countries and identifier schemes as lists write them', () => {
    expect(['ru', 'Russia', 'Russian Federation', 'Russie'].map(countryCode)).toEqual(['RU', 'RU', 'RU', 'RU']);
    expect(['Korea, North', 'Iran (Islamic Republic of)', 'Burma', 'United States', 'EU', 'Atlantis'].map(countryCode)).toEqual([
      'KP',
      'IR',
      'MM',
      'US',
      null,
      null,
    ]);
    expect(
      ['Passport', 'Tax ID No.', 'Registration Number', 'Cedula No.', 'SWIFT/BIC', 'Gender', 'Website', 'Organization Type:'].map(
        identifierScheme,
      ),
    ).toEqual(['passport', 'tax_id', 'registration', 'national_id', 'swift', null, null, null]);
  });
});

describe('blocking keys', () => {
  const nameKeys = (p: MatchParty) => new Set([...p.names.flatMap(blockingKeys), ...identifierKeys(p)]);

  it('every true pair shares a key, nearly all pass the subject rule, most false pairs are not scored', () => {
    let trueShared = 0;
    let trueKept = 0;
    let falseShared = 0;
    let falseKept = 0;
    let unrelated = 0;
    let unrelatedShared = 0;
    const unshared: string[] = [];
    const dropped: string[] = [];
    const positives = SCREENING_PAIRS.filter((p) => p.match);
    const negatives = SCREENING_PAIRS.filter((p) => !p.match);
    for (const p of SCREENING_PAIRS) {
      const entry = nameKeys(p.entry);
      const subject = subjectKeys(p.subject);
      const shared = subject.keys.filter((k) => entry.has(k));
      const verdict = shared.length > 0 ? subject.accepts(shared) : REJECT;
      const kept = verdict === ACCEPT || (verdict === ONE_WORD && oneWordName(prepareParty(p.entry).names));
      if (p.match) {
        if (shared.length) trueShared++;
        else unshared.push(p.label);
        if (kept) trueKept++;
        else if (shared.length) dropped.push(p.label);
      } else {
        if (shared.length) falseShared++;
        if (kept) falseKept++;
        if (p.label.startsWith('unrelated')) {
          unrelated++;
          if (shared.length) unrelatedShared++;
        }
      }
    }
    console.log(
      `blocking: ${trueShared}/${positives.length} true pairs share a key, ${trueKept} pass subjectKeys().accepts (dropped: ${dropped.join('; ')}); false pairs: ${falseShared}/${negatives.length} share a key, ${falseKept} pass; unrelated pairs sharing a key: ${unrelatedShared}/${unrelated}`,
    );
    expect(unshared).toEqual([]);
    expect(trueKept / positives.length).toBeGreaterThanOrEqual(0.97);
    // Near misses share a word by design (a surname, a company's first word); a person needs two.
    expect(falseKept / negatives.length).toBeLessThan(0.5);
    expect(unrelatedShared / unrelated).toBeLessThan(0.1);
  });

  it('common words and initials give no key of their own; a name of common words alone gives one', () => {
    expect(blockingKeys('Global Trading Group LLC')).toEqual(['c:global grup trading']);
    expect(blockingKeys('Ararat Trading LLC')).not.toEqual(expect.arrayContaining(['w:trading']));
    expect(blockingKeys('Ararat Trading LLC').filter((k) => k.startsWith('p:'))).toEqual(['p:ARRT']);
    expect(blockingKeys('J. Smith')).toEqual(expect.arrayContaining(['w:smit', 'n:smit+j']));
    expect(blockingKeys('J. Smith').some((k) => k === 'w:j')).toBe(false);
    // Transliterations meet on the canonical word or the sound.
    const a = new Set(blockingKeys('Сергей Королёв'));
    expect(blockingKeys('Sergey Korolyov').some((k) => a.has(k))).toBe(true);
  });

  it('a person is a candidate on two words of the name, not on a surname alone', () => {
    const subject = subjectKeys(person('Ivan Petrov'));
    const shared = (entry: string) => {
      const keys = new Set(blockingKeys(entry));
      return subject.keys.filter((k) => keys.has(k));
    };
    expect(subject.accepts(shared('Sergei Petrov'))).toBe(REJECT);
    expect(subject.accepts(shared('PETROV, Ivan Sergeyevich'))).toBe(ACCEPT);
    expect(subject.accepts(shared('I. Petrov'))).toBe(ACCEPT);
    expect(subjectKeys(org('Ararat Trade')).accepts(['w:ararat'])).toBe(ACCEPT);
  });

  it('a company of two distinctive words met on one is scored only against an entry named by one', () => {
    const subject = subjectKeys(org('Dragon Components Ltd'));
    const verdict = (entry: string) => {
      const keys = new Set(blockingKeys(entry));
      return subject.accepts(subject.keys.filter((k) => keys.has(k)));
    };
    expect(verdict('Dragon Supply Co')).toBe(ONE_WORD);
    expect(oneWordName(prepareParty(org('Dragon Supply Co')).names)).toBe(false);
    expect(oneWordName(prepareParty(org('Dragon Trading LLC')).names)).toBe(true);
    expect(verdict('Components Dragon GmbH')).toBe(ACCEPT);
    expect(verdict('Phoenix Supply')).toBe(REJECT);
    // A typo keeps the first or the last four letters of a long word: Volimzev / Volimtev.
    expect(subjectKeys(org('Altyn Volimzev LLC')).accepts(blockingKeys('Altyn Volimtev Corp'))).toBe(ACCEPT);
  });
});

describe('speed', () => {
  it('scores prepared pairs by the hundred thousand a second', () => {
    const prepared = SCREENING_PAIRS.map((p) => [prepareParty(p.subject), prepareParty(p.entry)] as const);
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < 1000) {
      for (const [s, e] of prepared) matchPrepared(s, e);
      calls += prepared.length;
    }
    const perSecond = (calls / (performance.now() - start)) * 1000;
    let raw = 0;
    const rawStart = performance.now();
    while (performance.now() - rawStart < 500) {
      for (const p of SCREENING_PAIRS) matchParties(p.subject, p.entry);
      raw += SCREENING_PAIRS.length;
    }
    const rawPerSecond = (raw / (performance.now() - rawStart)) * 1000;
    console.log(
      `screening matcher speed: ${Math.round(perSecond)} matchPrepared calls/s on the labelled pairs (${Math.round(rawPerSecond)}/s for matchParties, preparing both each time)`,
    );
    // A floor far below what this machine does, so that only a real slowdown fails it.
    expect(perSecond).toBeGreaterThan(20_000);
  });
});
