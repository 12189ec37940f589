import type { EntitySummary } from '../../../db/api.ts';
import type { EntityKind } from '../../../db/shared/domain.ts';
import { useT } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';
import { KIND_ICONS } from '../pages/entities/EntityTags.tsx';
import { formKeyOf } from '../pages/entities/entityForm.ts';
import type { FieldInput } from './Field.tsx';
import { SearchPicker } from './SearchPicker.tsx';

/** Folds case and accents, for matching a few preferred names in the browser. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The one entity picker: finds an entity by the words of its name, aliases or identifiers
 * (entities.list's text search, in SQL), optionally among some kinds, offering `preferred` ones
 * (the case's parties) first.
 */
export function EntityPicker(props: {
  input: FieldInput;
  value: EntitySummary | null;
  onChange(value: EntitySummary | null): void;
  kinds?: readonly EntityKind[] | undefined;
  exclude?: readonly string[] | undefined;
  preferred?: readonly EntitySummary[] | undefined;
  autoFocus?: boolean | undefined;
  clearable?: boolean | undefined;
}) {
  const t = useT();
  const kinds = props.kinds;
  return (
    <SearchPicker<EntitySummary>
      {...props}
      search={async (text) =>
        (
          await call('entities.list', {
            limit: 20,
            ...(text ? { text } : { sort: { column: 'updatedAt', direction: 'desc' } }),
            ...(kinds ? { kind: [...kinds] } : {}),
          })
        ).rows
      }
      matches={(item, text) => fold(item.name).includes(fold(text))}
      text={(item) => item.name}
      label={(item) => [t(`entity.kind.${formKeyOf(item)}`), item.country ?? ''].filter(Boolean).join(' · ')}
      icon={(item) => KIND_ICONS[formKeyOf(item)]}
      placeholder={t('entity.picker.placeholder')}
      noResults={t('entity.picker.none')}
      preferredLabel={t('picker.inCase')}
    />
  );
}
