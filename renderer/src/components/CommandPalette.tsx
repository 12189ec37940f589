import { Fragment, useEffect, useMemo, useState } from 'react';
import { MenuItem, MenuDivider } from '@blueprintjs/core';
import { Omnibar, type ItemRenderer } from '@blueprintjs/select';
import type { CaseListRow } from '../../../db/api.ts';
import { useT } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';
import { useDebounced } from '../lib/useDebounced.ts';
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
  const [cases, setCases] = useState<CaseListRow[]>([]);

  useEffect(() => {
    if (!props.isOpen) return;
    let live = true;
    call('cases.list', { text: debounced || undefined, limit: 8 })
      .then((r) => live && setCases(r.rows))
      .catch(() => live && setCases([]));
    return () => {
      live = false;
    };
  }, [debounced, props.isOpen]);

  const items = useMemo<Item[]>(() => {
    const q = debounced.toLowerCase();
    const actions = props.actions.filter((a) => !q || a.label.toLowerCase().includes(q));
    return [
      ...actions.map((action): Item => ({ kind: 'action', action })),
      ...cases.map((row): Item => ({ kind: 'case', row })),
    ];
  }, [props.actions, cases, debounced]);

  const renderItem: ItemRenderer<Item> = (item, { handleClick, handleFocus, modifiers, index }) => {
    if (!modifiers.matchesPredicate) return null;
    const previous = index === undefined || index === 0 ? undefined : items[index - 1];
    const header =
      index === 0 || (previous && previous.kind !== item.kind) ? (
        <MenuDivider title={t(item.kind === 'action' ? 'palette.section.actions' : 'palette.section.cases')} />
      ) : null;
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
    return header ? <Fragment key={`g-${item.kind}`}>{header}{node}</Fragment> : node;
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
      itemListPredicate={(_q, all) => all}
      noResults={<MenuItem disabled text={t('palette.noResults')} roleStructure="listoption" />}
      inputProps={{ placeholder: t('palette.placeholder'), 'aria-label': t('header.palette') }}
      resetOnSelect
      onItemSelect={(item) => {
        setQuery('');
        props.onClose();
        if (item.kind === 'action') item.action.run();
        else props.onOpenCase(item.row.id);
      }}
    />
  );
}
