import { useEffect, useState } from 'react';
import { MenuItem } from '@blueprintjs/core';
import { Suggest } from '@blueprintjs/select';
import type { EntityListRow } from '../../../../db/api.ts';
import type { EntityKind } from '../../../../db/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { KIND_ICONS } from './EntityTags.tsx';
import { formKeyOf } from './entityForm.ts';

/**
 * Finds an entity by the words of its name, aliases or identifiers (entities.list's text search,
 * in SQL), optionally among some kinds only; arrow keys and Enter pick one.
 */
export function EntityPicker(props: {
  id: string;
  kinds?: readonly EntityKind[] | undefined;
  /** Entities not to offer (the entity itself, when linking). */
  exclude?: readonly string[];
  selected: EntityListRow | null;
  onSelect(e: EntityListRow | null): void;
  intent?: 'danger' | 'none';
  describedBy?: string | undefined;
  autoFocus?: boolean;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), 150);
  const [items, setItems] = useState<EntityListRow[]>([]);
  const [loading, setLoading] = useState(false);
  const kindsKey = props.kinds?.join(',') ?? '';

  useEffect(() => {
    let live = true;
    setLoading(true);
    const kinds = kindsKey ? (kindsKey.split(',') as EntityKind[]) : null;
    const input = { text: debounced, limit: 12, ...(kinds ? { kind: kinds } : {}) };
    call('entities.list', debounced ? input : { ...input, sort: { column: 'updatedAt', direction: 'desc' } })
      .then((r) => live && setItems(r.rows))
      .catch(() => live && setItems([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [debounced, kindsKey]);

  const shown = items.filter((i) => !props.exclude?.includes(i.id));
  return (
    <Suggest<EntityListRow>
      fill
      items={shown}
      query={query}
      onQueryChange={setQuery}
      selectedItem={props.selected}
      onItemSelect={(item) => props.onSelect(item)}
      inputValueRenderer={(item) => item.name}
      itemsEqual={(a, b) => a.id === b.id}
      resetOnClose={false}
      openOnKeyDown
      popoverProps={{ minimal: true, matchTargetWidth: true }}
      inputProps={{
        id: props.id,
        leftIcon: 'search',
        placeholder: t('entity.picker.placeholder'),
        intent: props.intent ?? 'none',
        autoFocus: props.autoFocus,
        ...(props.describedBy ? { 'aria-describedby': props.describedBy } : {}),
      }}
      noResults={<MenuItem disabled roleStructure="listoption" text={loading ? t('common.loading') : t('entity.picker.none')} />}
      itemRenderer={(item, { handleClick, handleFocus, modifiers, ref }) =>
        modifiers.matchesPredicate ? (
          <MenuItem
            key={item.id}
            ref={ref}
            roleStructure="listoption"
            active={modifiers.active}
            disabled={modifiers.disabled}
            onClick={handleClick}
            onFocus={handleFocus}
            icon={KIND_ICONS[formKeyOf(item)]}
            text={item.name}
            label={[t(`entity.kind.${formKeyOf(item)}`), item.country ?? ''].filter(Boolean).join(' · ')}
          />
        ) : null
      }
    />
  );
}
