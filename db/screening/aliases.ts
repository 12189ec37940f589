import { cleanLine, distinct } from './entry.ts';

/**
 * Names written as free text (SEMA's Aliases, and names that carry their own alternates):
 * `Ivan PETROV, Iwan Petrow; a.k.a. Ivan Petroff`, `Bank Rossiya (a.k.a. Rossiya JSC)`,
 * `Russian: Банк Россия`. Split on `;` and on commas between names (not inside brackets or
 * quotes, and not before a legal form: `Acme, Ltd.` stays one name), labels such as `a.k.a.`,
 * `also known as`, `ALIAS:` or `Russian:` taken off.
 */

// Words that are a legal form, never a name of their own: the comma before them is part of the name.
const LEGAL_FORM =
  /^(?:(?:ltd|limited|llc|l\.l\.c|inc|incorporated|corp|corporation|co|company|plc|llp|lp|jsc|ojsc|cjsc|pjsc|oao|ooo|zao|pao|gmbh|ag|kg|sa|s\.a|sarl|s\.a\.r\.l|srl|s\.r\.l|bv|b\.v|nv|n\.v|spa|s\.p\.a|fze|fzco|fzc|pte|pvt|sdn|bhd|et al)\.?\s*)+$/i;

// a.k.a., aka, f.k.a., n.k.a., also known as, formerly known as (each a whole word), ALIAS: and Nickname:
// (with their colon), and a language or script named before a colon (Russian:, Belarusian:, Chinese script:).
const LABEL =
  /^(?:(?:a\.?\s?k\.?\s?a\.?|f\.?\s?k\.?\s?a\.?|n\.?\s?k\.?\s?a\.?|also known as|formerly known as)(?=[\s:]|$)\s*:?\s*|(?:alias(?:es)?|nickname)\s*:\s*|\p{L}+(?:\s\p{L}+)?\s*:\s*)/iu;

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '"': '"' };

/**
 * The text split at each separator outside brackets and straight double quotes. Guillemets and
 * curly quotes do not protect a separator: lists leave them unbalanced (`АО «АБ «РОССИЯ»`).
 */
function splitTopLevel(text: string, separators: string): string[] {
  const parts: string[] = [];
  const stack: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const top = stack.at(-1);
    if (top !== undefined && ch === CLOSE[top]) stack.pop();
    // An opening bracket or quote counts only if it closes later on.
    else if (ch in CLOSE && text.indexOf(CLOSE[ch] ?? '', i + 1) > i) stack.push(ch);
    else if (stack.length === 0 && separators.includes(ch)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A name without its label, unbalanced brackets and stray punctuation at its ends. */
function bare(name: string): string {
  let s = cleanLine(name);
  for (let before = ''; before !== s;) {
    before = s;
    s = s.replace(LABEL, '').trim();
    if (/^\(.*\)$/.test(s) && !s.slice(1, -1).includes('(')) s = s.slice(1, -1).trim();
    const opens = (s.match(/\(/g) ?? []).length;
    const closes = (s.match(/\)/g) ?? []).length;
    if (closes > opens && s.endsWith(')')) s = s.slice(0, -1).trim();
    if (opens > closes && s.startsWith('(')) s = s.slice(1).trim();
    s = s.replace(/^[\s,;:.-]+|[\s,;:]+$/g, '');
  }
  return s;
}

/** `X (a.k.a. Y)` and `X (also known as Y)`: the name and the names in brackets that a label introduces. */
function unbracket(text: string): string[] {
  const out: string[] = [];
  const rest = text.replace(
    /\(\s*((?:a\.?\s?k\.?\s?a\.?|f\.?\s?k\.?\s?a\.?|also known as|formerly known as)[^()]*)\)?/giu,
    (_m, inner: string) => {
      out.push(...inner.split(/;/));
      return ' ';
    },
  );
  return [rest, ...out];
}

/** Aliases written as one text: each alias once, cleaned, in their order. */
export function splitAliases(text: string | undefined): string[] {
  const names: string[] = [];
  // A semicolon always ends an alias, whatever brackets or quotes are open (they are often left unbalanced).
  for (const piece of cleanLine(text).split(';')) {
    for (const part of unbracket(piece)) {
      const commaParts = splitTopLevel(part, ',');
      // Rejoin a legal form with the name before it: "Acme, Ltd." is one name.
      const joined: string[] = [];
      for (const c of commaParts) {
        const prev = joined.length - 1;
        if (prev >= 0 && LEGAL_FORM.test(c.trim())) joined[prev] = `${joined[prev] ?? ''},${c}`;
        else joined.push(c);
      }
      names.push(...joined.map(bare));
    }
  }
  return distinct(names);
}

/**
 * A name field that may carry alternates (`Bank Rossiya (a.k.a. Rossiya JSC)`, `ООО "Ромашка"/ Romashka LLC`):
 * the name first, then its alternates. A slash splits only with a space beside it and outside brackets,
 * so `MEC Steel Mills (Hmaw Bi/Pyi/Ywama)` stays whole.
 */
export function splitName(text: string | undefined): string[] {
  const names: string[] = [];
  for (const part of unbracket(cleanLine(text))) {
    for (const alt of splitTopLevel(part.replace(/\s+\/\s*|\s*\/\s+/g, '\u0000'), '\u0000')) names.push(bare(alt));
  }
  return distinct(names);
}
