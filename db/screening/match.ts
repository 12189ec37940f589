import { compareNames, prepareName, type NameComparison, type NameRule, type PreparedName } from './match-names.ts';
import { TIER_EXACT, TIER_FUZZY, TIER_INITIAL, TIER_PHONETIC, TIER_TRANSLIT } from './match-tokens.ts';
import { usableIdentifier, type MatchParty, type PartyIdentifier, type PartyKind } from './party.ts';

export { partyOfEntityData, partyOfEntry, identifierScheme, identifierValue } from './party.ts';
export type { MatchParty, PartyIdentifier, PartyKind } from './party.ts';
export {
  ACCEPT,
  blockingKeyGroups,
  blockingKeys,
  identifierKeys,
  ONE_WORD,
  oneWordName,
  REJECT,
  subjectKeys,
  type SubjectKeys,
  type Verdict,
} from './blocking.ts';

/**
 * The screening matcher's scoring core: how well a subject (a Dossier entity) matches a list
 * entry, 0 to 100, with the reasons. Pure: no database. The screening run prepares each entry
 * once (prepareParty), gathers an entity's candidates through the blocking keys (blocking.ts) and
 * scores each pair with matchPrepared.
 *
 * The score: the best pair of names (every name and alias of one against every one of the other)
 * scores 100 × its name score − 10 (90 for the same name); an identifier both carry (IMO number,
 * passport, registration...) makes 90 on its own, 100 with the name. Then corroboration: the same
 * date of birth +10 (the same year +5), another −30; a shared country +5, disjoint countries −10
 * for people and organizations; the same flag +5, another −5; another IMO number for vessels
 * −35 (vessel names are reused). A shared identifier keeps the pair a hit (80 at least) whatever
 * disagrees, the reasons saying what does. People are compared with individuals, organizations
 * with entities, vessels with vessels, aircraft with aircraft (an entry of unknown kind with people
 * and organizations); across kinds only an identifier matches.
 */

/** A pair scoring less than this is no match. */
export const MATCH_THRESHOLD = 70;

export interface MatchReason {
  /**
   * name_exact, transliteration, name_fuzzy, initials, word_order, name_partial, alias,
   * identifier, identifier_differs, dob_same, dob_differs, country_same, country_differs,
   * flag_same, flag_differs, kind_differs.
   */
  code: string;
  detail: string;
}

export interface MatchResult {
  score: number;
  subjectName: string;
  entryName: string;
  reasons: MatchReason[];
}

interface DateParts {
  iso: string;
  year: number;
  month: number | null;
  day: number | null;
}

/** A party with what comparing it needs worked out once: its names' words, codes, dates, identifiers. */
export interface PreparedParty {
  party: MatchParty;
  names: PreparedName[];
  dates: DateParts[];
  countries: Set<string>;
  identifiers: PartyIdentifier[];
}

function dateParts(iso: string): DateParts | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso.trim());
  if (!m) return null;
  return { iso, year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
}

export function prepareParty(party: MatchParty): PreparedParty {
  return {
    party,
    names: party.names.map(prepareName).filter((n) => n.tokens.length > 0),
    dates: party.datesOfBirth.map(dateParts).filter((d): d is DateParts => d !== null),
    countries: new Set(party.countries),
    identifiers: party.identifiers.filter((i) => usableIdentifier(i)),
  };
}

// --- Identifiers ------------------------------------------------------------------------------

/** Schemes that name one thing under several labels: an identity document, a company's numbers. */
const FAMILY: Record<string, string> = {
  passport: 'document',
  national_id: 'document',
  identity_document: 'document',
  drivers_licence: 'document',
  residence_permit: 'document',
  visa: 'document',
  registration: 'company',
  tax_id: 'company',
};
const family = (scheme: string) => FAMILY[scheme] ?? scheme;

function sameIdentifier(a: PartyIdentifier, b: PartyIdentifier): boolean {
  if (a.value !== b.value) return false;
  if (a.country && b.country && a.country !== b.country) return false;
  const fa = family(a.scheme);
  const fb = family(b.scheme);
  // A number of no known scheme meets any scheme, when it is long enough not to be chance.
  return fa === fb || ((fa === 'other' || fb === 'other') && a.value.length >= 6);
}

// --- Kinds ------------------------------------------------------------------------------------

/** How names of these two kinds are compared, or null when only an identifier can match them. */
function nameRule(a: PartyKind, b: PartyKind): NameRule | null {
  if (a === b) return a === 'person' ? 'person' : 'organization';
  if (a === 'other' && (b === 'person' || b === 'organization')) return b === 'person' ? 'person' : 'organization';
  if (b === 'other' && (a === 'person' || a === 'organization')) return a === 'person' ? 'person' : 'organization';
  return null;
}

// --- Names ------------------------------------------------------------------------------------

interface BestNames {
  score: number;
  i: number;
  j: number;
}

function bestNames(s: PreparedParty, e: PreparedParty, rule: NameRule): BestNames | null {
  let best = 0;
  let bi = -1;
  let bj = -1;
  for (let i = 0; i < s.names.length && best < 1; i++) {
    const sn = s.names[i] as PreparedName;
    for (let j = 0; j < e.names.length; j++) {
      const score = compareNames(sn, e.names[j] as PreparedName, rule);
      // Ties go to the earlier names: the name itself before an alias.
      if (score > best) {
        best = score;
        bi = i;
        bj = j;
        if (score === 1) break;
      }
    }
  }
  return bi < 0 ? null : { score: best, i: bi, j: bj };
}

const words = (name: PreparedName, idx: number[]) => idx.map((k) => name.tokens[k]?.text ?? '').join(' ');

function nameReasons(sn: PreparedName, en: PreparedName, rule: NameRule): MatchReason[] {
  const c: NameComparison = { score: 0, pairs: [], unpairedA: [], unpairedB: [], compact: false };
  compareNames(sn, en, rule, c);
  const both = `${sn.raw} / ${en.raw}`;
  if (c.compact) return [{ code: 'transliteration', detail: `${both}: the same words, run together` }];
  const reasons: MatchReason[] = [];
  const tierPairs = (tier: number) =>
    c.pairs
      .filter((p) => p.tier === tier)
      .map(
        (p) => `${words(sn, p.a2 === undefined ? [p.a] : [p.a, p.a2])} ~ ${words(en, p.b2 === undefined ? [p.b] : [p.b, p.b2])}`,
      )
      .join(', ');
  const allExact = c.pairs.every((p) => p.tier === TIER_EXACT) && c.unpairedA.length === 0 && c.unpairedB.length === 0;
  const translitTokens = tierPairs(TIER_TRANSLIT);
  // The same ASCII words, but one name written in another script, or with diacritics the other lacks.
  const scriptOrMarks =
    sn.nonLatin !== en.nonLatin || (sn.letters !== en.letters && (/[^\x00-\x7f]/.test(sn.raw) || /[^\x00-\x7f]/.test(en.raw)));
  const order = [...c.pairs].sort((p, q) => p.a - q.a);
  const reordered = order.some((p, k) => k > 0 && p.b < (order[k - 1]?.b ?? 0));
  if (allExact && !scriptOrMarks && !reordered) reasons.push({ code: 'name_exact', detail: both });
  if (translitTokens || scriptOrMarks) {
    reasons.push({ code: 'transliteration', detail: translitTokens ? `${both} (${translitTokens})` : both });
  }
  const fuzzy = [tierPairs(TIER_PHONETIC), tierPairs(TIER_FUZZY)].filter(Boolean).join(', ');
  if (fuzzy) reasons.push({ code: 'name_fuzzy', detail: `${both} (${fuzzy}; name score ${c.score.toFixed(2)})` });
  const initials = tierPairs(TIER_INITIAL);
  if (initials) reasons.push({ code: 'initials', detail: `${both} (${initials})` });
  if (reordered) reasons.push({ code: 'word_order', detail: both });
  if (c.unpairedA.length || c.unpairedB.length) {
    const left = [words(sn, c.unpairedA), words(en, c.unpairedB)].filter(Boolean).join(' / ');
    reasons.push({ code: 'name_partial', detail: `${both}: ${left} on one side only` });
  }
  return reasons;
}

// --- Dates of birth -----------------------------------------------------------------------------

/** 2: the same day; 1: compatible (the same year, and month where both give one); -1: the same year, another day; -2: another year. */
function compareDates(a: DateParts, b: DateParts): number {
  if (a.year !== b.year) return -2;
  if (a.month !== null && b.month !== null && a.month !== b.month) return -1;
  if (a.day !== null && b.day !== null) return a.day === b.day && a.month === b.month ? 2 : -1;
  return 1;
}

// --- The match ----------------------------------------------------------------------------------

/** The match of a prepared subject and a prepared entry, or null below MATCH_THRESHOLD. */
export function matchPrepared(s: PreparedParty, e: PreparedParty): MatchResult | null {
  const rule = nameRule(s.party.kind, e.party.kind);
  const sharedId = s.identifiers.length && e.identifiers.length ? findSharedIdentifier(s, e) : null;
  const names = rule ? bestNames(s, e, rule) : null;
  const nameScore = names && names.score > 0 ? 100 * names.score - 10 : 0;
  // Corroboration adds 15 at most: a name further below the threshold neither matches nor explains a match.
  const namesCount = nameScore + 15 >= MATCH_THRESHOLD;
  if (!sharedId && !namesCount) return null;
  const reasons: MatchReason[] = [];
  let score = nameScore;
  let subjectName = s.party.names[0] ?? '';
  let entryName = e.party.names[0] ?? '';
  if (names && rule && namesCount) {
    const sn = s.names[names.i] as PreparedName;
    const en = e.names[names.j] as PreparedName;
    subjectName = sn.raw;
    entryName = en.raw;
    reasons.push(...nameReasons(sn, en, rule));
    if (names.i > 0 || names.j > 0) {
      const which = [names.i > 0 ? `the subject's alias "${sn.raw}"` : '', names.j > 0 ? `the entry's alias "${en.raw}"` : '']
        .filter(Boolean)
        .join(' and ');
      reasons.push({ code: 'alias', detail: `through ${which}` });
    }
  }
  if (sharedId) {
    score = nameScore >= MATCH_THRESHOLD ? 100 : 90;
    reasons.push({ code: 'identifier', detail: `${sharedId.scheme} ${sharedId.value}` });
    if (!rule) reasons.push({ code: 'kind_differs', detail: `${s.party.kind} / ${e.party.kind}` });
  } else if (s.party.kind === 'vessel' && e.party.kind === 'vessel') {
    const a = s.identifiers.find((i) => i.scheme === 'imo');
    const b = e.identifiers.find((i) => i.scheme === 'imo');
    if (a && b && a.value !== b.value) {
      score -= 35;
      reasons.push({ code: 'identifier_differs', detail: `IMO ${a.value} / ${b.value}` });
    }
  }
  score += corroboration(s, e, reasons);
  const final = Math.max(0, Math.min(100, Math.round(score)));
  // An identifier both carry stays a hit whatever else disagrees: the reasons say what does.
  const kept = sharedId ? Math.max(final, MATCH_THRESHOLD + 10) : final;
  return kept >= MATCH_THRESHOLD ? { score: kept, subjectName, entryName, reasons } : null;
}

function findSharedIdentifier(s: PreparedParty, e: PreparedParty): PartyIdentifier | null {
  for (const a of s.identifiers) for (const b of e.identifiers) if (sameIdentifier(a, b)) return a;
  return null;
}

function corroboration(s: PreparedParty, e: PreparedParty, reasons: MatchReason[]): number {
  let delta = 0;
  if (s.dates.length && e.dates.length) {
    let best = -3;
    let pair: [string, string] = ['', ''];
    for (const a of s.dates) {
      for (const b of e.dates) {
        const c = compareDates(a, b);
        if (c > best) {
          best = c;
          pair = [a.iso, b.iso];
        }
      }
    }
    if (best === 2) {
      delta += 10;
      reasons.push({ code: 'dob_same', detail: pair[0] });
    } else if (best === 1) {
      delta += 5;
      reasons.push({ code: 'dob_same', detail: `${pair[0]} / ${pair[1]} (the same year)` });
    } else {
      delta -= 30;
      reasons.push({ code: 'dob_differs', detail: `${pair[0]} / ${pair[1]}` });
    }
  }
  const kinds = [s.party.kind, e.party.kind];
  if (s.countries.size && e.countries.size && !kinds.includes('vessel') && !kinds.includes('aircraft')) {
    const shared = [...s.countries].filter((c) => e.countries.has(c));
    if (shared.length) {
      delta += 5;
      reasons.push({ code: 'country_same', detail: shared.join(', ') });
    } else {
      delta -= 10;
      reasons.push({ code: 'country_differs', detail: `${[...s.countries].join(', ')} / ${[...e.countries].join(', ')}` });
    }
  }
  const fa = s.party.flag;
  const fb = e.party.flag;
  if (fa && fb) {
    if (fa === fb) {
      delta += 5;
      reasons.push({ code: 'flag_same', detail: fa });
    } else {
      delta -= 5;
      reasons.push({ code: 'flag_differs', detail: `${fa} / ${fb}` });
    }
  }
  return delta;
}

/** matchPrepared on parties not prepared (each call prepares both: prepare once when scoring many). */
export function matchParties(subject: MatchParty, entry: MatchParty): MatchResult | null {
  return matchPrepared(prepareParty(subject), prepareParty(entry));
}
