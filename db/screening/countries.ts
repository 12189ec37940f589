import anyAscii from 'any-ascii';

/**
 * Countries as lists write them, made ISO 3166 alpha-2: a code as it is (`ru` is RU), a name in
 * English or French as Intl names it (`Russia`, `Russie`), and the other names lists use
 * (`Russian Federation`, `Korea, North`, `Iran (Islamic Republic of)`, `Burma`).
 */

const OTHER_NAMES: Record<string, string> = {
  'russian federation': 'RU',
  'north korea': 'KP',
  'korea north': 'KP',
  'democratic peoples republic of korea': 'KP',
  'korea democratic peoples republic of': 'KP',
  dprk: 'KP',
  'south korea': 'KR',
  'korea south': 'KR',
  'republic of korea': 'KR',
  'korea republic of': 'KR',
  'iran islamic republic of': 'IR',
  'islamic republic of iran': 'IR',
  'syrian arab republic': 'SY',
  burma: 'MM',
  'united states of america': 'US',
  usa: 'US',
  uk: 'GB',
  'great britain': 'GB',
  'czech republic': 'CZ',
  turkey: 'TR',
  'viet nam': 'VN',
  laos: 'LA',
  'lao peoples democratic republic': 'LA',
  'democratic republic of the congo': 'CD',
  'congo democratic republic of the': 'CD',
  'republic of the congo': 'CG',
  'ivory coast': 'CI',
  'cote divoire': 'CI',
  'venezuela bolivarian republic of': 'VE',
  'bolivia plurinational state of': 'BO',
  'tanzania united republic of': 'TZ',
  'moldova republic of': 'MD',
  'palestinian territories': 'PS',
  palestine: 'PS',
  'hong kong': 'HK',
  macau: 'MO',
  taiwan: 'TW',
  'united arab emirates': 'AE',
  uae: 'AE',
  kosovo: 'XK',
  crimea: 'UA',
};

// Codes Intl names that are not countries (as in db/shared/inputs/identifiers.ts), Kosovo (XK) kept.
const NOT_COUNTRIES = /^(EU|EZ|UN|ZZ|Q[M-Z]|X[A-JL-Z])$/;

function key(text: string): string {
  return anyAscii(text)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

let byName: Map<string, string> | null = null;

function names(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(OTHER_NAMES));
  const displays = ['en', 'fr'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.test(code)) continue;
      for (const d of displays) {
        const name = d.of(code);
        if (!name) continue;
        // "Myanmar (Burma)", "Congo - Kinshasa": the whole name and each of its parts.
        for (const n of [name, ...name.split(/\s*[()]\s*|\s+-\s+/)]) {
          const k = key(n);
          if (k && !byName.has(k)) byName.set(k, code);
        }
      }
    }
  }
  return byName;
}

/** The alpha-2 code of a country as written, or null when it is not one we know. */
export function countryCode(text: string): string | null {
  const t = text.trim();
  if (/^[A-Za-z]{2}$/.test(t)) {
    const code = t.toUpperCase();
    return NOT_COUNTRIES.test(code) ? null : code;
  }
  const k = key(t);
  return names().get(k) ?? names().get(k.replace(/^the /, '')) ?? null;
}
