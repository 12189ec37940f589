import type { WhereElseShared } from '../../../../db/api.ts';
import { CASE_ROLES, type CaseRole } from '../../../../db/shared/domain.ts';
import type { Translate } from '../../i18n/index.tsx';

function roleText(role: string, t: Translate): string {
  return (CASE_ROLES as readonly string[]).includes(role)
    ? t(`entity.role.${role as CaseRole}`).toLowerCase()
    : t(`whereElse.role.${role as Exclude<WhereElseShared['theirRoles'][number], CaseRole>}`);
}

/** How `theirs` stands to `ours`: a link out from ours is read from the far end ("Shipped by"). */
function relation(s: WhereElseShared, t: Translate): string {
  if (!s.linkType) return '';
  return s.direction === 'out' ? t(`entity.link.in.${s.linkType}`) : t(`entity.link.out.${s.linkType}`);
}

/** The chip's short text: the other case's entity, and what ties it. */
export function chipText(s: WhereElseShared, t: Translate): string {
  if (s.tie === 'identifier' && s.scheme)
    return t('whereElse.chip.identifier', {
      scheme: t(`whereElse.scheme.${s.scheme}`),
      value: s.value ?? '',
      name: s.theirs.name,
    });
  if (s.tie === 'link') return t('whereElse.chip.link', { name: s.theirs.name, relation: relation(s, t).toLowerCase() });
  return s.theirs.name;
}

/** The whole sentence: what ties the other case, its roles there, the weight it adds. */
export function explainText(s: WhereElseShared, t: Translate): string {
  const roles = s.theirRoles.map((r) => roleText(r, t)).join(', ');
  if (s.tie === 'identifier' && s.scheme)
    return t('whereElse.explain.identifier', {
      theirs: s.theirs.name,
      roles,
      scheme: t(`whereElse.scheme.${s.scheme}`),
      value: s.value ?? '',
      ours: s.ours.name,
      weight: s.weight,
    });
  if (s.tie === 'link')
    return t('whereElse.explain.link', {
      theirs: s.theirs.name,
      roles,
      relation: relation(s, t).toLowerCase(),
      ours: s.ours.name,
      weight: s.weight,
    });
  return t('whereElse.explain.entity', { name: s.theirs.name, roles, weight: s.weight });
}
