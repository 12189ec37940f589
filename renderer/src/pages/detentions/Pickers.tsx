import { useEffect, useState } from 'react';
import { Button, MenuItem } from '@blueprintjs/core';
import { Suggest, type ItemRenderer } from '@blueprintjs/select';
import type { CaseListRow, EntitySummary } from '../../../../db/api.ts';
import type { EntityKind } from '../../../../db/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

/** Search results as the user types: the query runs in SQL (entities.list / cases.list text search). */
function useSearch<T>(query: string, search: (text: string | undefined) => Promise<T[]>, active: boolean): T[] {
  const debounced = useDebounced(query.trim(), 150);
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    if (!active) return;
    let live = true;
    search(debounced || undefined)
      .then((rows) => live && setItems(rows))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
    // `search` is a fresh closure on every render; the query and activity are what matter.
  }, [debounced, active]);
  return items;
}

/** Picks a person or an organization (exporter, consignee, penalized party) by searching entities. */
export function EntityPicker(props: {
  id: string;
  value: EntitySummary | null;
  onChange(value: EntitySummary | null): void;
  kinds?: readonly EntityKind[];
  invalid?: boolean;
  describedBy?: string | undefined;
  clearable?: boolean;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const kinds = props.kinds ?? (['person', 'organization'] as const);
  const items = useSearch<EntitySummary>(
    query,
    async (text) => (await call('entities.list', { text, kind: [...kinds], limit: 20 })).rows,
    open,
  );
  const renderItem: ItemRenderer<EntitySummary> = (item, { handleClick, handleFocus, modifiers }) => (
    <MenuItem
      key={item.id}
      text={item.name}
      label={[t(`enf.entityKind.${item.kind === 'person' ? 'person' : 'organization'}`), item.country ?? ''].filter(Boolean).join(' · ')}
      active={modifiers.active}
      onClick={handleClick}
      onFocus={handleFocus}
      roleStructure="listoption"
    />
  );
  return (
    <Suggest<EntitySummary>
      fill
      items={items}
      selectedItem={props.value}
      query={query}
      onQueryChange={setQuery}
      itemListPredicate={(_q, all) => all}
      itemRenderer={renderItem}
      itemsEqual={(a, b) => a.id === b.id}
      inputValueRenderer={(item) => item.name}
      onItemSelect={(item) => {
        props.onChange(item);
        setQuery('');
      }}
      noResults={<MenuItem disabled text={t('enf.picker.noEntities')} roleStructure="listoption" />}
      popoverProps={{ minimal: true, matchTargetWidth: true, onOpening: () => setOpen(true), onClosed: () => setOpen(false) }}
      inputProps={{
        id: props.id,
        placeholder: t('enf.picker.entityPlaceholder'),
        intent: props.invalid ? 'danger' : 'none',
        leftIcon: 'search',
        ...(props.describedBy ? { 'aria-describedby': props.describedBy, 'aria-invalid': true } : {}),
        rightElement:
          props.value && props.clearable !== false ? (
            <Button variant="minimal" icon="cross" aria-label={t('enf.picker.clear')} title={t('enf.picker.clear')} onClick={() => props.onChange(null)} />
          ) : undefined,
      }}
      resetOnClose
    />
  );
}

export interface CaseRef {
  id: string;
  fileNumber: string;
  title: string;
}

/** Picks the case a new record belongs to (from the lists that span every case). */
export function CasePicker(props: {
  id: string;
  value: CaseRef | null;
  onChange(value: CaseRef | null): void;
  invalid?: boolean;
  describedBy?: string | undefined;
  autoFocus?: boolean;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const items = useSearch<CaseListRow>(query, async (text) => (await call('cases.list', { text, limit: 20 })).rows, open);
  const renderItem: ItemRenderer<CaseRef> = (item, { handleClick, handleFocus, modifiers }) => (
    <MenuItem
      key={item.id}
      text={
        <span className="picker-case">
          <span className="mono">{item.fileNumber}</span> {item.title}
        </span>
      }
      active={modifiers.active}
      onClick={handleClick}
      onFocus={handleFocus}
      roleStructure="listoption"
    />
  );
  return (
    <Suggest<CaseRef>
      fill
      items={items}
      selectedItem={props.value}
      query={query}
      onQueryChange={setQuery}
      itemListPredicate={(_q, all) => all}
      itemRenderer={renderItem}
      itemsEqual={(a, b) => a.id === b.id}
      inputValueRenderer={(item) => `${item.fileNumber} · ${item.title}`}
      onItemSelect={(item) => {
        props.onChange({ id: item.id, fileNumber: item.fileNumber, title: item.title });
        setQuery('');
      }}
      noResults={<MenuItem disabled text={t('enf.picker.noCases')} roleStructure="listoption" />}
      popoverProps={{ minimal: true, matchTargetWidth: true, onOpening: () => setOpen(true), onClosed: () => setOpen(false) }}
      inputProps={{
        id: props.id,
        placeholder: t('enf.picker.casePlaceholder'),
        intent: props.invalid ? 'danger' : 'none',
        leftIcon: 'search',
        autoFocus: props.autoFocus,
        ...(props.describedBy ? { 'aria-describedby': props.describedBy, 'aria-invalid': true } : {}),
      }}
      resetOnClose
    />
  );
}
