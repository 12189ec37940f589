import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, MenuItem } from '@blueprintjs/core';
import { Suggest, type ItemRenderer } from '@blueprintjs/select';
import { useT } from '../i18n/index.tsx';
import { useDebounced } from '../lib/useDebounced.ts';
import { useQuery } from '../lib/useQuery.tsx';
import type { FieldInput } from './Field.tsx';

export interface PickerItem {
  id: string;
}

export interface SearchPickerProps<T extends PickerItem> {
  /** The input's id and aria wiring, from the Field it stands in. */
  input: FieldInput;
  value: T | null;
  onChange(value: T | null): void;
  /** Runs the search in SQL through the contract; `text` is undefined for "what to offer first". */
  search(text: string | undefined): Promise<T[]>;
  /** Offered before the search results (e.g. the case's own parties), marked as such. */
  preferred?: readonly T[] | undefined;
  /** Not offered (e.g. the entity itself when linking). */
  exclude?: readonly string[] | undefined;
  /** Whether a preferred item matches what was typed (matched in the browser: there are few). */
  matches?(item: T, text: string): boolean;
  text(item: T): string;
  label?(item: T): string | undefined;
  icon?(item: T): ReactNode;
  placeholder: string;
  noResults: string;
  preferredLabel?: string | undefined;
  autoFocus?: boolean | undefined;
  clearable?: boolean | undefined;
}

/**
 * One way to pick a record by searching for it. It never chooses on its own: Enter picks only an
 * item the user moved to with the arrow keys (or clicked), never the first result, and what is
 * chosen is spelled out under the field.
 */
export function SearchPicker<T extends PickerItem>(props: SearchPickerProps<T>) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState<T | null>(null);
  // Set by an arrow key, before the list moves its highlight; cleared when the results change.
  const moved = useRef(false);
  const debounced = useDebounced(query.trim(), 150);
  // The results carry the text they are for: results for other text are never shown.
  const { search } = props;
  const { load, data } = useQuery(async () => ({ for: debounced, rows: await search(debounced || undefined) }), debounced, {
    enabled: open,
  });
  const found = load.state === 'error' ? { for: debounced, rows: [] } : data;

  const text = query.trim();
  const current = found !== undefined && found.for === text ? found.rows : null;
  const preferred = (props.preferred ?? []).filter((p) => !text || (props.matches?.(p, text) ?? true));
  const preferredIds = new Set(preferred.map((p) => p.id));
  const excluded = new Set(props.exclude ?? []);
  const items = [...preferred, ...(current ?? []).filter((f) => !preferredIds.has(f.id))].filter((i) => !excluded.has(i.id));
  const itemsKey = items.map((i) => i.id).join(',');
  useEffect(() => {
    moved.current = false;
    setActive(null);
  }, [itemsKey]);

  const renderItem: ItemRenderer<T> = (item, { handleClick, handleFocus, modifiers, index }) => (
    <MenuItem
      key={item.id}
      roleStructure="listoption"
      active={modifiers.active}
      disabled={modifiers.disabled}
      onClick={handleClick}
      onFocus={handleFocus}
      icon={props.icon?.(item) as never}
      text={
        item === preferred[index ?? -1] && props.preferredLabel ? (
          <span className="picker-preferred">
            {props.text(item)} <span className="muted">· {props.preferredLabel}</span>
          </span>
        ) : (
          props.text(item)
        )
      }
      label={props.label?.(item)}
    />
  );

  const chosen = props.value;
  return (
    <div
      className="search-picker"
      onKeyDownCapture={(e) => {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') moved.current = true;
      }}
      onKeyDown={(e) => {
        // While the list is open, Enter belongs to it (Blueprint picks on key up): it must not
        // also submit the form around the picker, whose refusal would take the focus away first.
        if (e.key === 'Enter' && open) e.preventDefault();
      }}
    >
      <Suggest<T>
        fill
        items={items}
        query={query}
        onQueryChange={(q) => {
          moved.current = false;
          setActive(null);
          setQuery(q);
        }}
        activeItem={active}
        onActiveItemChange={(item) => {
          if (moved.current) setActive(item);
        }}
        selectedItem={chosen}
        onItemSelect={(item) => {
          props.onChange(item);
          setQuery('');
          moved.current = false;
        }}
        itemListPredicate={(_q, all) => all}
        itemsEqual={(a, b) => a.id === b.id}
        itemRenderer={renderItem}
        inputValueRenderer={props.text}
        noResults={
          <MenuItem disabled roleStructure="listoption" text={current === null ? t('common.loading') : props.noResults} />
        }
        popoverProps={{ minimal: true, matchTargetWidth: true, onOpening: () => setOpen(true), onClosed: () => setOpen(false) }}
        resetOnClose
        resetOnQuery={false}
        inputProps={{
          ...props.input,
          leftIcon: 'search',
          placeholder: props.placeholder,
          intent: props.input['aria-invalid'] ? 'danger' : 'none',
          autoFocus: props.autoFocus,
          rightElement:
            chosen && props.clearable !== false ? (
              <Button
                variant="minimal"
                icon="cross"
                aria-label={t('picker.clear', { name: props.text(chosen) })}
                title={t('picker.clear', { name: props.text(chosen) })}
                onClick={() => props.onChange(null)}
              />
            ) : undefined,
        }}
      />
      {chosen && (
        <div className="picker-chosen muted" data-testid={`${props.input.id}-chosen`}>
          {[t('picker.chosen', { name: props.text(chosen) }), props.label?.(chosen)].filter(Boolean).join(' · ')}
        </div>
      )}
    </div>
  );
}
