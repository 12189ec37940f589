import anyAscii from 'any-ascii';

/**
 * Names as the duplicate search compares them. SQLite's remove_diacritics leaves ø, ß, ł and æ
 * alone and knows no Cyrillic; any-ascii folds every script to ASCII ("Королёв" → "Korolyov",
 * "Straße" → "Strasse", "Łukasz" → "Lukasz"). Legal forms (LLC, OOO, GmbH, S.A....) say nothing of
 * who a company is, and the order of words does not either ("PETROV Alexander").
 */

/** Legal forms of companies, folded to ASCII and without dots: "S.A.R.L." is "sarl", "ООО" is "ooo". */
const LEGAL_FORMS = new Set([
  'llc',
  'ooo',
  'oao',
  'zao',
  'pao',
  'ao',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'tov',
  'pat',
  'chp',
  'gmbh',
  'ag',
  'kg',
  'ug',
  'ohg',
  'mbh',
  'sa',
  'sarl',
  'sas',
  'sasu',
  'eurl',
  'snc',
  'sca',
  'sci',
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'llp',
  'lp',
  'pte',
  'pvt',
  'bv',
  'nv',
  'spa',
  'srl',
  'sl',
  'slu',
  'oy',
  'oyj',
  'ab',
  'as',
  'asa',
  'aps',
  'kft',
  'sro',
  'doo',
  'dd',
  'ad',
  'ead',
  'ood',
  'fze',
  'fzco',
  'fzc',
  'fzllc',
  'dmcc',
  'bhd',
  'sdn',
  'tbk',
  'pt',
  'kk',
  'youxiangongsi',
  'gongsi',
]);

/** The word (lower-case ASCII, no dots) is a legal form: "llc", "ooo", "sarl". */
export function isLegalForm(word: string): boolean {
  return LEGAL_FORMS.has(word);
}

/** Lower-case ASCII words of a name, legal forms left out (unless nothing else is left). */
export function nameTokens(name: string): string[] {
  const ascii = anyAscii(name.normalize('NFC')).toLowerCase().replace(/\./g, '').replace(/&/g, ' ');
  const words = ascii.split(/[^a-z0-9]+/).filter(Boolean);
  const kept = words.filter((w) => !LEGAL_FORMS.has(w));
  return kept.length ? kept : words;
}

/** The name folded, its words sorted: one string for "Müller GmbH" and "MUELLER gmbh", or "Aleksandr Petrov" and "PETROV Aleksandr". */
export function foldedName(name: string): string {
  return nameTokens(name)
    .map((w) => w.replace(/ue/g, 'u').replace(/oe/g, 'o').replace(/ae/g, 'a'))
    .sort()
    .join(' ');
}

/**
 * A word's consonant skeleton, so that transliterations of one name meet: "Aleksandr" and
 * "Alexander" are both "alxndr", "Mueller" and "Müller" "mlr", "Petroff" and "Petrov" "ptrv".
 * It only gathers candidates; they are scored on the folded names afterwards.
 */
export function skeleton(word: string): string {
  const w = word
    .replace(/ks/g, 'x')
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/t?sch/g, 'sh')
    .replace(/tch/g, 'ch')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/j/g, 'y')
    .replace(/ff$/, 'v');
  const head = w.charAt(0);
  const rest = w
    .slice(1)
    .replace(/[aeiouy]/g, '')
    .replace(/(.)\1+/g, '$1');
  return head + rest;
}

/** The key that gathers candidates: the skeletons of the name's words, sorted. */
export function blockingKey(name: string): string {
  return nameTokens(name).map(skeleton).sort().join(' ');
}

/** Jaro-Winkler similarity (0 to 1) of two strings. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aHit = new Array<boolean>(a.length).fill(false);
  const bHit = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - range); j < Math.min(b.length, i + range + 1); j++) {
      if (bHit[j] || a[i] !== b[j]) continue;
      aHit[i] = true;
      bHit[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aHit[i]) continue;
    while (!bHit[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
