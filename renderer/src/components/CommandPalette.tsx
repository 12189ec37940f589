import { useMemo, useState } from 'react';
import { Menu, MenuItem, MenuDivider } from '@blueprintjs/core';
import { Omnibar, type ItemListRenderer, type ItemRenderer } from '@blueprintjs/select';
import type { SearchHit } from '../../../db/search/query.ts';
import { useT, type MessageId } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';
import { useDebounced } from '../lib/useDebounced.ts';
import { useQuery } from '../lib/useQuery.tsx';
import { navigate, routeHref } from '../lib/router.ts';
import { HIT_ICON, hitRoute } from '../pages/search/hitRoute.ts';
import { Marked } from '../pages/search/Marked.tsx';

export interface PaletteAction {
  id: string;
  label: string;
  hint?: string;
  run(): void;
}

type Item = { kind: 'action'; action: PaletteAction } | { kind: 'hit'; hit: SearchHit } | { kind: 'all'; q: string };

/** Ctrl+K: jump to any record (the one search, a few of each kind), search everywhere, or run any command. */
export function CommandPalette(props: { isOpen: boolean; onClose(): void; actions: PaletteAction[] }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), 120);
  const { load, data } = useQuery(
    () =>
      debounced
        ? call('search.query', { q: debounced, perType: 3 }).then((r) => r.groups.flatMap((g) => g.hits))
        : Promise.resolve([]),
    debounced,
    { enabled: props.isOpen },
  );
  const failed = load.state === 'error';

  // Commands are matched here as the user types; records by the search (search.query).
  const items = useMemo<Item[]>(() => {
    const q = query.trim();
    const actions = props.actions.filter((a) => !q || a.label.toLowerCase().includes(q.toLowerCase()));
    const hits = failed || !q ? [] : (data ?? []);
    return [
      ...actions.map((action): Item => ({ kind: 'action', action })),
      ...hits.map((hit): Item => ({ kind: 'hit', hit })),
      ...(q ? [{ kind: 'all', q } as const] : []),
    ];
  }, [props.actions, data, failed, query]);

  // Keep a valid active item as results arrive, so Enter always opens what is highlighted.
  const [active, setActive] = useState<Item | null>(null);
  const itemKey = (i: Item) => (i.kind === 'action' ? `a:${i.action.id}` : i.kind === 'hit' ? `h:${i.hit.id}` : 'all');
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
      ) : item.kind === 'hit' ? (
        <MenuItem
          key={item.hit.id}
          icon={HIT_ICON[item.hit.type]}
          href={routeHref(hitRoute(item.hit))}
          text={
            <span className={item.hit.type === 'case' ? 'palette-case palette-hit' : 'palette-hit'}>
              <Marked text={item.hit.title} marks={item.hit.titleMarks} />
            </span>
          }
          label={
            item.hit.type === 'case' ? t('search.type.case') : (item.hit.caseFileNumber ?? t(`search.type.${item.hit.type}`))
          }
          active={modifiers.active}
          onClick={handleClick}
          onFocus={handleFocus}
          roleStructure="listoption"
        />
      ) : (
        <MenuItem
          key="all"
          icon="search"
          text={t('palette.searchAll', { q: item.q })}
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
    const all = filteredItems.filter((i) => i.kind === 'all').map(render);
    const rows = [...section('action', 'palette.section.actions'), ...section('hit', 'palette.section.records'), ...all];
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
        else if (item.kind === 'hit') navigate(hitRoute(item.hit));
        else navigate({ page: 'search', q: item.q });
      }}
    />
  );
}
