import { Tag, type Intent } from '@blueprintjs/core';
import type { IconName } from '@blueprintjs/icons';
import type { CaseRole, ConveyanceType, EntityKind } from '../../../../db/shared/domain.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { formKeyOf, type FormKey } from './entityForm.ts';

export const KIND_ICONS: Record<FormKey, IconName> = {
  person: 'person',
  organization: 'office',
  address: 'map-marker',
  vessel: 'ship',
  aircraft: 'airplane',
  vehicle: 'drive-time',
  container: 'cube',
  shipment: 'box',
};

/** The kind (a conveyance by its type) as a word on a tag with its icon. */
export function KindTag({ kind, subtype }: { kind: EntityKind; subtype?: ConveyanceType | null | undefined }) {
  const t = useT();
  const key = formKeyOf({ kind, subtype });
  return (
    <Tag minimal icon={KIND_ICONS[key]} className="ent-kind-tag">
      {t(`entity.kind.${key}`)}
    </Tag>
  );
}

const roleIntent: Record<CaseRole, Intent> = {
  subject: 'primary',
  suspect: 'danger',
  exporter: 'warning',
  consignee: 'warning',
  end_user: 'warning',
  freight_forwarder: 'none',
  witness: 'success',
  counsel: 'none',
  other: 'none',
};

/** A role in a case: a word on a colored tag, never color alone. */
export function RoleTag({ role }: { role: CaseRole }) {
  const t = useT();
  return (
    <Tag minimal intent={roleIntent[role]} className="ent-role-tag">
      {t(`entity.role.${role}`)}
    </Tag>
  );
}

const names = new Map<string, Intl.DisplayNames>();
/** The country's name in the user's language, or null when the code is not one. */
export function countryName(locale: string, code: string): string | null {
  if (!/^[A-Za-z]{2}$/.test(code)) return null;
  let dn = names.get(locale);
  if (!dn) {
    dn = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    names.set(locale, dn);
  }
  try {
    return dn.of(code.toUpperCase()) ?? null;
  } catch {
    return null;
  }
}

/** A country: its ISO code, with its name (or only the name on hover, when compact). */
export function CountryText({ code, compact }: { code: string | null | undefined; compact?: boolean }) {
  const { locale } = useLocale();
  if (!code) return null;
  const name = countryName(locale, code);
  if (compact)
    return (
      <abbr className="ent-country mono" title={name ?? undefined}>
        {code}
      </abbr>
    );
  return (
    <span className="ent-country">
      <span className="mono">{code}</span>
      {name && <span className="muted ent-country-name">{name}</span>}
    </span>
  );
}
