import anyAscii from 'any-ascii';
import { isLegalForm, nameTokens } from '../services/name-folding.ts';
import {
  compareTokens,
  lastTier,
  prepareToken,
  SIM_PAIRED,
  SIM_TRANSLIT,
  TIER_INITIAL,
  TIER_NONE,
  TIER_TRANSLIT,
  type Tier,
  type Token,
} from './match-tokens.ts';

/**
 * Two names compared as the screening matcher does: folded to ASCII words with legal forms out
 * (name-folding.ts), the words of one paired with the words of the other whatever their order,
 * best pairs first, and the name score the weight of what pairs well over the weight of it all.
 * A word that pairs with nothing costs its weight, or a fraction of it when the other name has
 * nothing left unpaired either (a middle name or patronymic one side leaves out; a company's name
 * given in full on one side).
 */

export interface PreparedName {
  raw: string;
  tokens: Token[];
  /** The canonical words in their order, without spaces: "Abdul Rahman" and "Abdulrahman" are one. */
  compact: string;
  /** The name has letters of another script than Latin (Cyrillic, Greek, Arabic...). */
  nonLatin: boolean;
  /** Lower-case letters and digits of the name before folding, to tell `Müller` from `Muller`. */
  letters: string;
  /** Every word is a common one (Global Tech Solutions): such names match on their common words. */
  allCommon: boolean;
}

/** How the two names are compared: people need two words to agree, a company's full name may have more words. */
export type NameRule = 'person' | 'organization';

/** The share of an unpaired word's weight that counts when the other name has every word paired. */
const SURPLUS: Record<NameRule, number> = { person: 0.2, organization: 0.5 };

const NON_LATIN = /(?!\p{Script=Latin})\p{L}/u;

// Greek digraphs any-ascii spells letter by letter (ου as "oy", ευ as "ey", γγ as "gg"), written as names are.
const GREEK_DIGRAPHS: [RegExp, string][] = [
  [/[οό][υύ]/g, 'ou'],
  [/[ΟΌ][υύΥΎ]/g, 'Ou'],
  [/[αά][υύ]/g, 'av'],
  [/[ΑΆ][υύΥΎ]/g, 'Av'],
  [/[εέ][υύ]/g, 'ev'],
  [/[ΕΈ][υύΥΎ]/g, 'Ev'],
  [/γγ/g, 'ng'],
];
const GREEK = /[\u0370-\u03ff]/;
// Cyrillic soft and hard signs, and apostrophes inside a word (O'Brien, Igor'): no word boundary.
const SIGNS = /[ьъЬЪ]|(?<=\p{L})['’ʹʼ`](?=\p{L}|$|\s)/gu;
// Initials written together (V.V. Putin, J.Smith) stand apart; G.m.b.H. and S.A.R.L. are legal forms and stay.
const INITIAL_RUN = /(?<![\p{L}\p{N}])((?:\p{L}\.){2,})/gu;
const INITIAL_GLUED = /(?<![\p{L}\p{N}])(\p{L})\.(?=\p{L}{2})/gu;

/** The words of a name as the matcher and the blocking keys see them (nameTokens, after the fixes above). */
export function nameWords(raw: string): string[] {
  let s = raw.normalize('NFC');
  if (GREEK.test(s)) for (const [re, to] of GREEK_DIGRAPHS) s = s.replace(re, to);
  s = s
    .replace(SIGNS, '')
    .replace(INITIAL_RUN, (run: string) => {
      const letters = run.replace(/\./g, '');
      return isLegalForm(anyAscii(letters).toLowerCase()) ? run : ` ${letters.split('').join(' ')} `;
    })
    .replace(INITIAL_GLUED, '$1. ');
  return nameTokens(s);
}

export function prepareName(raw: string): PreparedName {
  const tokens = nameWords(raw).map(prepareToken);
  return {
    raw,
    tokens,
    compact: tokens.map((t) => t.canon).join(''),
    nonLatin: NON_LATIN.test(raw),
    letters: raw
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ''),
    allCommon: tokens.every((t) => t.common),
  };
}

// The similarity table of the last comparison, kept between calls.
let sims = new Float64Array(144);
let tiers = new Uint8Array(144);
let usedA = new Uint8Array(12);
let usedB = new Uint8Array(12);

export interface TokenPair {
  a: number;
  b: number;
  /** The pair is a word of one name and two of the other run together: the second's index. */
  a2?: number;
  b2?: number;
  sim: number;
  tier: Tier;
}

export interface NameComparison {
  score: number;
  pairs: TokenPair[];
  /** Words of either name paired with nothing. */
  unpairedA: number[];
  unpairedB: number[];
  /** The two names are one once their words are run together. */
  compact: boolean;
}

/**
 * The score of two names, 0 to 1. Given `detail`, fills it with the pairs behind the score; without
 * it (the hot loop) nothing is allocated.
 */
export function compareNames(x: PreparedName, y: PreparedName, rule: NameRule, detail?: NameComparison): number {
  const A = x.tokens;
  const B = y.tokens;
  const n = A.length;
  const m = B.length;
  if (n === 0 || m === 0) return 0;
  if (rule === 'person' && Math.min(n, m) === 1 && Math.max(n, m) > 1) {
    // One word against several: a surname alone is not a person, unless the words run together are one name.
    if (x.compact !== y.compact) return 0;
  }
  if (n !== m && x.compact === y.compact) {
    if (detail) Object.assign(detail, { score: SIM_TRANSLIT, pairs: [], unpairedA: [], unpairedB: [], compact: true });
    return SIM_TRANSLIT;
  }
  if (n * m > sims.length) {
    sims = new Float64Array(n * m);
    tiers = new Uint8Array(n * m);
  }
  if (n > usedA.length) usedA = new Uint8Array(n);
  if (m > usedB.length) usedB = new Uint8Array(m);
  let any = false;
  for (let i = 0; i < n; i++) {
    const a = A[i] as Token;
    for (let j = 0; j < m; j++) {
      const s = compareTokens(a, B[j] as Token);
      sims[i * m + j] = s;
      tiers[i * m + j] = lastTier;
      if (s >= SIM_PAIRED && lastTier !== TIER_INITIAL) any = true;
    }
  }
  if (!any) return 0;
  usedA.fill(0, 0, n);
  usedB.fill(0, 0, m);
  let matched = 0;
  let total = 0;
  let pairedWords = 0;
  let strongWords = 0;
  const pairs: TokenPair[] | null = detail ? [] : null;
  // Greedy: the best remaining pair each time (ties: the heavier pair).
  for (;;) {
    let best = -1;
    let bestSim = 0;
    let bestWeight = 0;
    for (let i = 0; i < n; i++) {
      if (usedA[i]) continue;
      for (let j = 0; j < m; j++) {
        if (usedB[j]) continue;
        const s = sims[i * m + j] ?? 0;
        if (s < SIM_PAIRED && tiers[i * m + j] !== TIER_INITIAL) continue;
        const w = (A[i] as Token).weight + (B[j] as Token).weight;
        if (s > bestSim || (s === bestSim && w > bestWeight)) {
          best = i * m + j;
          bestSim = s;
          bestWeight = w;
        }
      }
    }
    if (best < 0) break;
    const i = Math.floor(best / m);
    const j = best % m;
    usedA[i] = 1;
    usedB[j] = 1;
    const tier = (tiers[best] ?? TIER_NONE) as Tier;
    const w = bestWeight / 2;
    matched += bestSim * w;
    total += w;
    pairedWords++;
    const ta = A[i] as Token;
    const tb = B[j] as Token;
    if (tier !== TIER_INITIAL && !ta.common && !tb.common) strongWords++;
    pairs?.push({ a: i, b: j, sim: bestSim, tier });
  }
  // A word of one name written as two of the other (Abdulrahman / Abdul Rahman), in any order of the rest.
  for (let side = 0; side < 2; side++) {
    const [P, Q, usedP, usedQ] = side === 0 ? [A, B, usedA, usedB] : [B, A, usedB, usedA];
    for (let i = 0; i < P.length; i++) {
      if (usedP[i]) continue;
      const whole = (P[i] as Token).canon;
      for (let j = 0; j + 1 < Q.length; j++) {
        if (usedQ[j] || usedQ[j + 1]) continue;
        const q1 = Q[j] as Token;
        const q2 = Q[j + 1] as Token;
        if (q1.canon.length + q2.canon.length !== whole.length || q1.canon + q2.canon !== whole) continue;
        usedP[i] = 1;
        usedQ[j] = 1;
        usedQ[j + 1] = 1;
        const w = ((P[i] as Token).weight + q1.weight + q2.weight) / 2;
        matched += SIM_TRANSLIT * w;
        total += w;
        pairedWords += 2;
        if (!(P[i] as Token).common) strongWords++;
        pairs?.push(
          side === 0
            ? { a: i, b: j, b2: j + 1, sim: SIM_TRANSLIT, tier: TIER_TRANSLIT }
            : { a: j, a2: j + 1, b: i, sim: SIM_TRANSLIT, tier: TIER_TRANSLIT },
        );
        break;
      }
    }
  }
  if (strongWords === 0 && !(x.allCommon && y.allCommon)) return 0;
  if (rule === 'person' && Math.min(n, m) > 1 && pairedWords < 2) return 0;
  let leftA = 0;
  let leftB = 0;
  for (let i = 0; i < n; i++) if (!usedA[i]) leftA += (A[i] as Token).weight;
  for (let j = 0; j < m; j++) if (!usedB[j]) leftB += (B[j] as Token).weight;
  // Words left on both sides contradict each other; words left on one side only may just be missing on the other.
  const penalty = leftA > 0 && leftB > 0 ? leftA + leftB : SURPLUS[rule] * (leftA + leftB);
  const score = matched / (total + penalty);
  if (detail) {
    const unpairedA: number[] = [];
    const unpairedB: number[] = [];
    for (let i = 0; i < n; i++) if (!usedA[i]) unpairedA.push(i);
    for (let j = 0; j < m; j++) if (!usedB[j]) unpairedB.push(j);
    Object.assign(detail, { score, pairs: pairs ?? [], unpairedA, unpairedB, compact: false });
  }
  return score;
}
