import { doubleMetaphone } from 'double-metaphone';
import { jaroWinkler, skeleton } from '../services/name-folding.ts';

/**
 * The words of names as the screening matcher compares them, one pair at a time. Each word is
 * prepared once (its transliteration-canonical form and its double-metaphone codes), and two
 * words compare in tiers, strongest first: the same word; the same canonical form (a
 * transliteration or spelling variant: Mueller / Müller, Korolyov / Korolev, Dmitriy / Dmitri,
 * Sergey / Sergei, Petrow / Petroff / Petrov); the same sound with few edits (Mohammed / Muhammad,
 * Aleksandr / Alexander); an initial (J / John); a typo in a long word. A one-letter difference in
 * a short word that sounds different (Ararat / Arafat) is none of these.
 */

export const TIER_NONE = 0;
export const TIER_EXACT = 1;
export const TIER_TRANSLIT = 2;
export const TIER_PHONETIC = 3;
export const TIER_FUZZY = 4;
export const TIER_INITIAL = 5;
export type Tier = 0 | 1 | 2 | 3 | 4 | 5;

export const SIM_TRANSLIT = 0.95;
export const SIM_PHONETIC = 0.9;
export const SIM_INITIAL = 0.8;
/** Below this, two words are not paired at all. */
export const SIM_PAIRED = 0.75;

/**
 * Words that say little of who is named: the generic words of company names and the particles of
 * personal names. They weigh less, and give no blocking key of their own (a name made of nothing
 * else gives one key of them all).
 */
const COMMON_WORDS = new Set([
  // companies
  'the',
  'and',
  'of',
  'for',
  'joint',
  'stock',
  'liability',
  'trade',
  'trading',
  'traders',
  'group',
  'international',
  'intl',
  'global',
  'industries',
  'industry',
  'industrial',
  'services',
  'service',
  'solutions',
  'systems',
  'technologies',
  'technology',
  'tech',
  'logistics',
  'holding',
  'holdings',
  'enterprise',
  'enterprises',
  'import',
  'export',
  'general',
  'engineering',
  'investment',
  'investments',
  'development',
  'management',
  'partners',
  'resources',
  'energy',
  'shipping',
  'marine',
  'maritime',
  'electronics',
  'commercial',
  'bank',
  'factory',
  'plant',
  'scientific',
  'research',
  'production',
  'institute',
  'center',
  'centre',
  // people
  'al',
  'el',
  'bin',
  'ibn',
  'bint',
  'abu',
  'abd',
  'ben',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'der',
  'van',
  'von',
  'la',
  'le',
  'mr',
  'mrs',
  'ms',
  'dr',
  'jr',
  'sr',
]);

export interface Token {
  /** Lower-case ASCII (any-ascii folded). */
  text: string;
  /** Transliteration variants made one (see canonical). */
  canon: string;
  /** Double-metaphone codes, primary and alternate. */
  code1: string;
  code2: string;
  /** The consonant skeleton of the canonical form (name-folding's): words that differ only in vowels share it. */
  skeleton: string;
  /** How much the word counts in a name: its length (at most 10), less for common words. */
  weight: number;
  initial: boolean;
  common: boolean;
}

/**
 * One spelling for the usual transliteration and spelling variants of a word, on both sides:
 * umlauts written out (ue, oe, ae), sch / sh, tch / ch, ks / x, kh / h, dh / d, ph / f, w / v, j / y / i,
 * yo and io / e inside a word (Fyodor / Fiodor / Fedor), yu / iu, ou / u, a hard c / k (Victor /
 * Viktor), ts / c (Kontsern / Concern), the endings -iy / -ii / -ij / -i and -off / -ov, doubled
 * letters.
 */
export function canonical(word: string): string {
  if (word.length < 2) return word;
  const w = word
    .replace(/ue/g, 'u')
    .replace(/oe/g, 'o')
    .replace(/ae/g, 'a')
    .replace(/t?sch/g, 'sh')
    .replace(/tch/g, 'ch')
    .replace(/cks|ks|x/g, 'x')
    .replace(/kh/g, 'h')
    .replace(/dh/g, 'd')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/tz/g, 'ts')
    .replace(/ff$/, 'v')
    .replace(/j/g, 'y')
    .replace(/(?<=.)yo/g, 'e')
    .replace(/(?<=[^aeiou])io(?=[^aeiou])/g, 'e')
    .replace(/y/g, 'i')
    .replace(/ou/g, 'u')
    .replace(/c(?![eih])/g, 'k')
    .replace(/ts/g, 'c');
  return w.replace(/(.)\1+/g, '$1');
}

// Preparing a word is the costly part (regular expressions, double metaphone); the same words come
// back all the time (first names, surnames, company words), so they are kept, up to a bound.
const prepared = new Map<string, Token>();
const PREPARED_MAX = 200_000;

export function prepareToken(text: string): Token {
  const known = prepared.get(text);
  if (known) return known;
  const canon = canonical(text);
  const initial = text.length === 1;
  const common = COMMON_WORDS.has(text);
  const [code1, code2] = initial ? ['', ''] : doubleMetaphone(text);
  const base = initial ? 1 : Math.min(text.length, 10);
  const token: Token = {
    text,
    canon,
    code1,
    code2,
    skeleton: skeleton(canon),
    weight: common ? base * 0.3 : base,
    initial,
    common,
  };
  if (prepared.size >= PREPARED_MAX) prepared.clear();
  prepared.set(text, token);
  return token;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Two words may sound alike from their first letters: the same, two vowels, or g / k (Gaddafi / Qadhafi). */
function sameStart(a: string, b: string): boolean {
  if (a === b) return true;
  if (VOWELS.has(a) && VOWELS.has(b)) return true;
  return (a === 'g' && b === 'k') || (a === 'k' && b === 'g');
}

// Rows of the edit-distance table, kept between calls (words are cut to this length).
const MAX_WORD = 40;
const rowPrev2 = new Int32Array(MAX_WORD + 1);
const rowPrev = new Int32Array(MAX_WORD + 1);
const rowCur = new Int32Array(MAX_WORD + 1);

/** The optimal-string-alignment distance (edits, an adjacent swap being one), or max + 1 once it is more than max. */
export function editDistance(a: string, b: string, max: number): number {
  const n = Math.min(a.length, MAX_WORD);
  const m = Math.min(b.length, MAX_WORD);
  if (Math.abs(n - m) > max) return max + 1;
  let p2 = rowPrev2;
  let p = rowPrev;
  let c = rowCur;
  for (let j = 0; j <= m; j++) p[j] = j;
  for (let i = 1; i <= n; i++) {
    c[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min((p[j] ?? 0) + 1, (c[j - 1] ?? 0) + 1, (p[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, (p2[j - 2] ?? 0) + 1);
      c[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = p2;
    p2 = p;
    p = c;
    c = t;
  }
  return p[m] ?? max + 1;
}

/** How many edits two words that sound the same may differ by, by the shorter one's length. */
function phoneticEdits(length: number): number {
  if (length < 4) return 0;
  if (length < 6) return 1;
  if (length < 9) return 2;
  return 3;
}

/** The tier of the last compareTokens (kept out of its return value so that the hot loop allocates nothing). */
export let lastTier: Tier = TIER_NONE;

/** The similarity of two words (0 to 1) and, in lastTier, how they compare. */
export function compareTokens(a: Token, b: Token): number {
  if (a.text === b.text) {
    lastTier = TIER_EXACT;
    return 1;
  }
  if (a.canon === b.canon) {
    lastTier = TIER_TRANSLIT;
    return SIM_TRANSLIT;
  }
  if (a.initial || b.initial) {
    lastTier = a.text.charCodeAt(0) === b.text.charCodeAt(0) ? TIER_INITIAL : TIER_NONE;
    return lastTier === TIER_INITIAL ? SIM_INITIAL : 0;
  }
  const ca = a.canon;
  const cb = b.canon;
  const shorter = Math.min(ca.length, cb.length);
  if (Math.abs(ca.length - cb.length) === 1 && shorter >= 4) {
    const [s, l] = ca.length < cb.length ? [ca, cb] : [cb, ca];
    // Ivanov / Ivanova, Sokolovsky / Sokolovskaya: a man and a woman of one family, not one person.
    if (l.endsWith('a') && l.startsWith(s) && /(ov|ev|in|ski)$/.test(s)) {
      lastTier = TIER_NONE;
      return 0;
    }
    // A plural: Missiles / Missile, Systems / System.
    if (l.endsWith('s') && l.startsWith(s)) {
      lastTier = TIER_PHONETIC;
      return SIM_PHONETIC;
    }
  }
  const edits = phoneticEdits(shorter);
  if (edits > 0 && sameStart(ca.charAt(0), cb.charAt(0))) {
    const sameCode = a.code1.length >= 2 && (a.code1 === b.code1 || a.code1 === b.code2 || a.code2 === b.code1);
    const sameSkeleton = a.skeleton === b.skeleton;
    if (sameCode || (sameSkeleton && shorter >= 6)) {
      const d = editDistance(ca, cb, edits);
      // The same sound and the same consonants (Mohammed / Muhammad), or one edit (Mikhail / Michail);
      // the same consonants and one edit in a long word (Zawahiri / Zawahry), which metaphone may not see.
      if (d <= edits && ((sameCode && (sameSkeleton || d <= 1)) || (sameSkeleton && d <= 1))) {
        lastTier = TIER_PHONETIC;
        return SIM_PHONETIC;
      }
    }
  }
  // A typo: one edit in eight letters at most, the similarity falling fast with each edit.
  const typos = Math.floor(shorter / 8);
  if (typos > 0) {
    const d = editDistance(ca, cb, typos);
    if (d <= typos && jaroWinkler(ca, cb) >= 0.85) {
      lastTier = TIER_FUZZY;
      return 1 - (2 * d) / shorter;
    }
  }
  lastTier = TIER_NONE;
  return 0;
}
