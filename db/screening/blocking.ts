import { nameWords, type PreparedName } from './match-names.ts';
import { prepareToken, type Token } from './match-tokens.ts';
import { usableIdentifier, type MatchParty } from './party.ts';

/**
 * The blocking keys of the screening run's candidate index: an entity is scored only against the
 * entries that share a key with it. Every pair the matcher can match shares one: a match needs a
 * word of the names paired, and paired words share their canonical form (`w:`), a double-metaphone
 * code (`p:`), a plural's singular (`w:` too), the first or the last four letters of a word of eight or more (`b:`, `e:`: the
 * matcher's typo is one edit in eight letters, which leaves one of the two as it was), or, for a word
 * written as two (Abdulrahman / Abdul Rahman), the two run together (`w:` too); a match on an
 * identifier shares its number (`i:`).
 *
 * Common words (Trading, Group, International, Bank, Al, Bin...) and initials give no key of
 * their own, so a common word alone makes no one a candidate; a name made only of them gives one
 * key of all its words (`c:`). A common first name still gives keys (Ivan, Mohammad): for a person,
 * subjectKeys(...).accepts keeps only the entries that meet two different words of the subject's
 * name, since the matcher pairs two words of a person's name or none (an initial of the entry's
 * standing for one: `n:` keys). A company's or a vessel's name of two distinctive words or more met
 * on one of them is scored only against an entry with a name of one distinctive word (ONE_WORD).
 */

/** The keys of one word, or none for a common word or an initial. */
function wordKeys(t: Token): string[] {
  if (t.common || t.initial) return [];
  const keys = [`w:${t.canon}`];
  if (t.code1.length >= 2) keys.push(`p:${t.code1}`);
  if (t.code2.length >= 2 && t.code2 !== t.code1) keys.push(`p:${t.code2}`);
  // A plural meets its singular (Missiles / Missile), as the matcher pairs them.
  if (t.canon.length >= 5 && t.canon.endsWith('s')) keys.push(`w:${t.canon.slice(0, -1)}`);
  // A typo (one edit in a word of eight letters or more) leaves its first four letters or its last four as they were.
  if (t.canon.length >= 8) keys.push(`b:${t.canon.slice(0, 4)}`, `e:${t.canon.slice(-4)}`);
  return keys;
}

export interface KeyGroup {
  keys: string[];
  /** How many words of the name the group stands for: 2 for two words run together. */
  words: number;
}

/** The keys of a name, by word (and by two adjacent words run together). */
export function blockingKeyGroups(name: string): KeyGroup[] {
  const tokens = nameWords(name).map(prepareToken);
  const groups: KeyGroup[] = [];
  for (const t of tokens) {
    const keys = wordKeys(t);
    if (keys.length) groups.push({ keys, words: 1 });
  }
  for (let k = 0; k + 1 < tokens.length; k++) {
    const a = tokens[k] as Token;
    const b = tokens[k + 1] as Token;
    if (a.initial || b.initial || (a.common && b.common)) continue;
    groups.push({ keys: [`w:${a.canon}${b.canon}`], words: 2 });
  }
  // An initial stands for a word of the other name: J Smith meets John Smith on `n:smith+j`.
  for (const i of tokens) {
    if (!i.initial) continue;
    for (const t of tokens) if (!t.initial && !t.common) groups.push({ keys: [`n:${t.canon}+${i.text}`], words: 2 });
  }
  if (groups.length === 0 && tokens.length) {
    groups.push({
      keys: [
        `c:${tokens
          .map((t) => t.canon)
          .sort()
          .join(' ')}`,
      ],
      words: tokens.length,
    });
  }
  return groups;
}

/** The keys of a name, each once: what the index holds for each name and alias of an entry. */
export function blockingKeys(name: string): string[] {
  return [...new Set(blockingKeyGroups(name).flatMap((g) => g.keys))];
}

/**
 * The keys of a party's identifiers (`i:` and the number): a vessel renamed under the same IMO
 * number shares no name key with its old name. A number too short or without a digit gives none.
 */
export function identifierKeys(party: MatchParty): string[] {
  return [...new Set(party.identifiers.filter(usableIdentifier).map((i) => `i:${i.value}`))];
}

export interface SubjectKeys {
  /** Every key of the subject's names and identifiers, to look up in the index. */
  keys: string[];
  /**
   * Whether an entry that shares these keys (of `keys`, each once) with the subject is worth
   * scoring: ACCEPT, REJECT, or ONE_WORD (worth it only if the entry has a short name, oneWordName).
   */
  accepts(shared: Iterable<string>): Verdict;
  /** accepts, for keys given by their place in `keys`: the first `length` of `at` (the screening run's hot loop). */
  acceptsAt(at: ArrayLike<number>, length: number): Verdict;
}

export const REJECT = 0;
export const ACCEPT = 1;
/**
 * A company's or a vessel's name of two distinctive words or more met on one word only: worth
 * scoring only against an entry that has a name of one distinctive word (the name given in full
 * on one side, Almaz / Almaz Antey Air Defence Concern). Two names of two distinctive words each
 * that share one differ by a distinctive word (Ocean Star / Ocean Glory), which the matcher does
 * not match; a list's frequent words (Dragon, Components, Supply) would otherwise make every
 * company named with one of them a candidate of hundreds of entries.
 */
export const ONE_WORD = 2;
export type Verdict = typeof REJECT | typeof ACCEPT | typeof ONE_WORD;

/** The entry has a name of one distinctive word at most: a ONE_WORD verdict is worth scoring. */
export function oneWordName(names: readonly PreparedName[]): boolean {
  return names.some((n) => n.tokens.filter((t) => !t.common && !t.initial).length <= 1);
}

/** A subject's keys, and the rule that keeps the candidates the matcher could match. */
export function subjectKeys(subject: MatchParty): SubjectKeys {
  const person = subject.kind === 'person';
  const keys = new Set<string>(identifierKeys(subject));
  // The groups of every name in one array: each group's name and weight in words; each key, its groups.
  const groupName: number[] = [];
  const groupWords: number[] = [];
  const needed: number[] = [];
  const where = new Map<string, number[]>();
  subject.names.forEach((name, n) => {
    const groups = blockingKeyGroups(name);
    // Each word with the initial of another, to meet an entry that gives that other word as an initial.
    const words = nameWords(name)
      .map(prepareToken)
      .filter((t) => !t.initial && !t.common);
    for (const a of words) {
      for (const b of words) if (a !== b) groups.push({ keys: [`n:${a.canon}+${b.text.charAt(0)}`], words: 2 });
    }
    const distinct = groups.filter((g) => g.words === 1).length;
    needed.push(Math.min(2, Math.max(1, distinct)));
    for (const g of groups) {
      const at = groupName.length;
      groupName.push(n);
      groupWords.push(g.words);
      for (const key of g.keys) {
        keys.add(key);
        const list = where.get(key);
        if (list) list.push(at);
        else where.set(key, [at]);
      }
    }
  });
  // Each key by its place in `keys`: the groups it stands for, or that it is enough alone (an identifier, a name of common words).
  const list = [...keys];
  const place = new Map(list.map((k, i) => [k, i]));
  const groupsAt = list.map((k) => where.get(k) ?? []);
  const alone = Uint8Array.from(list, (k) => (k.startsWith('i:') || k.startsWith('c:') ? 1 : 0));
  // Which groups the current call has met (stamped with the call's number) and the words met per name.
  const metOn = new Uint32Array(groupName.length);
  const count = new Float64Array(needed.length);
  let call = 0;
  const acceptsAt = (at: ArrayLike<number>, length: number): Verdict => {
    call++;
    count.fill(0);
    let oneWord = false;
    for (let k = 0; k < length; k++) {
      const key = at[k] ?? 0;
      if (alone[key]) return ACCEPT;
      for (const g of groupsAt[key] ?? []) {
        if (metOn[g] === call) continue;
        metOn[g] = call;
        const n = groupName[g] ?? 0;
        const c = (count[n] = (count[n] ?? 0) + (groupWords[g] ?? 0));
        if (c >= (needed[n] ?? 1)) return ACCEPT;
        if (!person) oneWord = true;
      }
    }
    return oneWord ? ONE_WORD : REJECT;
  };
  return {
    keys: list,
    acceptsAt,
    accepts(shared) {
      const at: number[] = [];
      for (const key of shared) {
        const i = place.get(key);
        if (i !== undefined) at.push(i);
      }
      return acceptsAt(at, at.length);
    },
  };
}
