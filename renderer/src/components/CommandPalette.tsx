import { useMemo, useState } from 'react';
import { Menu, MenuItem, MenuDivider } from '@blueprintjs/core';
import { Omnibar, type ItemListRenderer, type ItemRenderer } from '@blueprintjs/select';
import type { CaseListRow } from '../../../db/api.ts';
import { useT, type MessageId } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';
import { useDebounced } from '../lib/useDebounced.ts';
import { useQuery } from '../lib/useQuery.tsx';
import { StatusTag } from './Tags.tsx';

export interface PaletteAction {
  id: string;
  label: string;
  hint?: string;
  run(): void;
}

type Item = { kind: 'action'; action: PaletteAction } | { kind: 'case'; row: CaseListRow };

/** Ctrl+K: jump to any case by number or title, or run any command. */
export function CommandPalette(props: {
  isOpen: boolean;
  onClose(): void;
  actions: PaletteAction[];
  onOpenCase(id: string): void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), 120);
  const { load, data } = useQuery(
    () => call('cases.list', { text: debounced || undefined, limit: 8 }).then((r) => r.rows),
    debounced,
    { enabled: props.isOpen },
  );
  const failed = load.state === 'error';

  // Commands are matched here as the user types; cases are matched in SQL (cases.list text search).
  const items = useMemo<Item[]>(() => {
    const q = query.trim().toLowerCase();
    const actions = props.actions.filter((a) => !q || a.label.toLowerCase().includes(q));
    const cases = failed ? [] : (data ?? []);
    return [...actions.map((action): Item => ({ kind: 'action', action })), ...cases.map((row): Item => ({ kind: 'case', row }))];
  }, [props.actions, data, failed, query]);

  // Keep a valid active item as results arrive, so Enter always opens what is highlighted.
  const [active, setActive] = useState<Item | null>(null);
  const itemKey = (i: Item) => (i.kind === 'action' ? `a:${i.action.id}` : `c:${i.row.id}`);
  const activeItem = active && items.some((i) => itemKey(i) === itemKey(active)) ? active : (items[0] ?? null);

  const renderItem: ItemRenderer<Item> = (item, { handleClick, handleFocus, modifiers }) => {
    if (!modifiers.matchesPredicate) return null;
    const node =
      item.kind === 'action' ? (
        <MenuItem
          key={item.action.id}
          icon="key-command"
          text={item.action.label}
          label={item.action.hint}
          active={modifiers.active}
          onClick={handleClick}
          onFocus={handleFocus}
          roleStructure="listoption"
        />
      ) : (
        <MenuItem
          key={item.row.id}
          icon="folder-close"
          text={
            <span className="palette-case">
              <span className="mono">{item.row.fileNumber}</span> {item.row.title}
            </span>
          }
          labelElement={<StatusTag status={item.row.status} />}
          active={modifiers.active}
          onClick={handleClick}
          onFocus={handleFocus}
          roleStructure="listoption"
        />
      );
    return node;
  };

  // Commands first, then cases, each under its heading.
  const renderList: ItemListRenderer<Item> = ({ filteredItems, renderItem: render, itemsParentRef, menuProps }) => {
    const section = (kind: Item['kind'], title: MessageId) => {
      const list = filteredItems.filter((i) => i.kind === kind);
      return list.length ? [<MenuDivider key={`h-${kind}`} title={t(title)} />, ...list.map(render)] : [];
    };
    const rows = [...section('action', 'palette.section.actions'), ...section('case', 'palette.section.cases')];
    return (
      <Menu ulRef={itemsParentRef} {...menuProps}>
        {rows.length ? rows : <MenuItem disabled text={t('palette.noResults')} roleStructure="listoption" />}
      </Menu>
    );
  };

  return (
    <Omnibar<Item>
      isOpen={props.isOpen}
      onClose={() => {
        setQuery('');
        props.onClose();
      }}
      items={items}
      query={query}
      onQueryChange={setQuery}
      itemRenderer={renderItem}
      itemListRenderer={renderList}
      itemListPredicate={(_q, all) => all}
      noResults={<MenuItem disabled text={t('palette.noResults')} roleStructure="listoption" />}
      inputProps={{ placeholder: t('palette.placeholder'), 'aria-label': t('header.palette') }}
      resetOnSelect
      activeItem={activeItem}
      onActiveItemChange={(item) => setActive(item)}
      itemsEqual={(a, b) => itemKey(a) === itemKey(b)}
      onItemSelect={(item) => {
        setQuery('');
        props.onClose();
        if (item.kind === 'action') item.action.run();
        else props.onOpenCase(item.row.id);
      }}
    />
  );
}
