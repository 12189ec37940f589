import type { DuplicateReason } from '../../../../db/api.ts';
import type { Format, Translate } from '../../i18n/index.tsx';

/** A merge also keeps the investigator's own words beside the search's reasons. */
export type MergeReason = DuplicateReason | { code: 'note'; text: string };

const SCHEMES = ['imo', 'registration', 'identity_document', 'aircraft', 'plate', 'container', 'transport_document'] as const;

/** One reason of the duplicate search, in the user's language. */
export function reasonText(r: MergeReason, t: Translate, f: Format): string {
  switch (r.code) {
    case 'name_same':
      return t('dup.reason.name_same', { a: r.a, b: r.b });
    case 'name_similar':
      return t('dup.reason.name_similar', { a: r.a, b: r.b, similarity: r.similarity });
    case 'identifier':
      return t('dup.reason.identifier', { scheme: t(`dup.scheme.${schemeOf(r.scheme)}`), value: r.value });
    case 'same_birth_date':
      return t('dup.reason.same_birth_date', { date: f.date(r.date) });
    case 'birth_date_differs':
      return t('dup.reason.birth_date_differs', { a: f.date(r.a), b: f.date(r.b) });
    case 'country_differs':
      return t('dup.reason.country_differs', { a: r.a, b: r.b });
    case 'same_address':
      return t('dup.reason.same_address', { address: r.address });
    case 'note':
      return t('dup.reason.note', { text: r.text });
  }
}

/** The reason in a few words, for a table cell (the full text goes in its title). */
export function reasonShort(r: MergeReason, t: Translate): string {
  switch (r.code) {
    case 'name_similar':
      return t('dup.short.name_similar', { similarity: r.similarity });
    case 'identifier':
      return t('dup.short.identifier', { scheme: t(`dup.scheme.${schemeOf(r.scheme)}`) });
    default:
      return t(`dup.short.${r.code}`);
  }
}

function schemeOf(scheme: string): (typeof SCHEMES)[number] {
  return (SCHEMES as readonly string[]).includes(scheme) ? (scheme as (typeof SCHEMES)[number]) : 'registration';
}

/** Reasons that speak against the pair are shown as warnings. */
export function isAgainst(r: MergeReason): boolean {
  return r.code === 'birth_date_differs' || r.code === 'country_differs';
}
