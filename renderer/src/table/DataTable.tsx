import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Button, Checkbox, Classes, HTMLSelect, InputGroup, Menu, MenuDivider, MenuItem, Popover } from '@blueprintjs/core';
import { useT } from '../i18n/index.tsx';
import { loadLayout, saveLayout, type TableLayout } from './layout.ts';
import { useDebounced } from '../lib/useDebounced.ts';

export type ColumnFilter = { kind: 'select'; options: { value: string; label: string }[] } | { kind: 'text' };

/** One column of a DataTable: what it shows, how it sorts and filters (in SQL, by the caller). */
export interface DataColumn<Row> {
  id: string;
  header: string;
  size?: number;
  align?: 'right';
  sortable?: boolean;
  filter?: ColumnFilter;
  cell(row: Row): ReactNode;
}

export interface PageRequest {
  sort: { column: string; direction: 'asc' | 'desc' } | null;
  filters: Record<string, string>;
  offset: number;
  limit: number;
}

export interface DataTableProps<Row> {
  /** Names the table for remembered column sizes, visibility and sort. */
  tableId: string;
  label: string;
  columns: DataColumn<Row>[];
  defaultSort: { column: string; direction: 'asc' | 'desc' };
  /** Changes when anything outside the table (a search box) changes the query. */
  queryKey: string;
  /** A new value reloads the rows (after a record was added or removed). */
  reloadKey?: number;
  fetchPage(request: PageRequest): Promise<{ total: number; rows: Row[] }>;
  rowKey(row: Row): string;
  onOpen(row: Row): void;
  countLabel(total: number): string;
  toolbar?: ReactNode;
  /** Shown instead of rows when the query matches nothing. */
  empty(filtered: boolean): ReactNode;
  onFiltersChange?(filters: Record<string, string>): void;
}

const PAGE_SIZE = 100;
const ROW_HEIGHT = 30;
/** A row of the sticky header: the label row, and the filter row when a column has a filter (see app.css). */
const HEAD_ROW_HEIGHT = 32;

/**
 * The one table of Dossier: @tanstack/react-table for columns, sorting, sizing and visibility
 * (all in manual mode: the query runs in SQL), with rows virtualized and fetched a page at a time.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const t = useT();
  const { tableId, columns, defaultSort, fetchPage } = props;
  const [layout, setLayout] = useState<TableLayout>(() => loadLayout(tableId, defaultSort));
  const [filters, setFilters] = useState<Record<string, string>>({});
  const debouncedFilters = useDebounced(filters, 200);
  const sorting: SortingState = layout.sort ? [{ id: layout.sort.column, desc: layout.sort.direction === 'desc' }] : [];

  useEffect(() => saveLayout(tableId, layout), [tableId, layout]);

  const columnDefs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        // Sorting runs in SQL; an accessor only marks the column sortable for the table.
        accessorFn: () => null,
        size: c.size ?? 150,
        minSize: 60,
        enableSorting: c.sortable !== false,
        enableHiding: true,
        cell: (info) => c.cell(info.row.original),
      })),
    [columns],
  );

  const table = useReactTable<Row>({
    data: [],
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableSortingRemoval: false,
    sortDescFirst: false,
    columnResizeMode: 'onChange',
    state: { sorting, columnSizing: layout.sizing, columnVisibility: layout.visibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      setLayout((l) => ({ ...l, sort: first ? { column: first.id, direction: first.desc ? 'desc' : 'asc' } : null }));
    },
    onColumnSizingChange: (updater) =>
      setLayout((l) => ({ ...l, sizing: typeof updater === 'function' ? updater(l.sizing) : (updater as ColumnSizingState) })),
    onColumnVisibilityChange: (updater) =>
      setLayout((l) => ({
        ...l,
        visibility: typeof updater === 'function' ? updater(l.visibility) : (updater as VisibilityState),
      })),
  });

  // Pages of rows, fetched as the viewport needs them; a new query starts a new generation.
  const pages = useRef(new Map<number, Row[]>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const query = useMemo(
    () => ({ sort: layout.sort, filters: debouncedFilters, key: props.queryKey, reload: props.reloadKey ?? 0 }),
    [layout.sort, debouncedFilters, props.queryKey, props.reloadKey],
  );

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inflight.current.has(page)) return;
      const gen = generation.current;
      inflight.current.add(page);
      fetchPage({ sort: query.sort, filters: query.filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((result) => {
          if (gen !== generation.current) return;
          pages.current.set(page, result.rows);
          setTotal(result.total);
          setError(null);
          rerender();
        })
        .catch((err: unknown) => {
          if (gen === generation.current) setError(err instanceof Error ? err.message : String(err));
        })
        .finally(() => inflight.current.delete(page));
    },
    [fetchPage, query],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    inflight.current = new Set();
    load(0);
  }, [load]);

  const { onFiltersChange } = props;
  useEffect(() => onFiltersChange?.(debouncedFilters), [debouncedFilters, onFiltersChange]);

  // A table without a column filter has no filter row: an empty row would read as a blank record.
  const filterable = columns.some((c) => c.filter);
  const headRows = filterable ? 2 : 1;
  const headHeight = headRows * HEAD_ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total === null) return;
    for (let p = Math.floor(firstIndex / PAGE_SIZE); p <= Math.floor(lastIndex / PAGE_SIZE); p++) load(p);
  }, [firstIndex, lastIndex, total, load]);

  const rowAt = (index: number): Row | undefined => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];

  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [query]);
  const moveTo = (index: number) => {
    if (!total) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + pageRows,
      PageUp: active - pageRows,
      Home: 0,
      End: (total ?? 1) - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(target);
    } else if (e.key === 'Enter') {
      const row = rowAt(active);
      if (row) {
        e.preventDefault();
        props.onOpen(row);
      }
    }
  };

  const visibleColumns = table.getVisibleLeafColumns();
  const width = table.getTotalSize();
  const filtered = Object.values(debouncedFilters).some(Boolean) || props.queryKey !== '';
  const rowId = (index: number) => `${tableId}-row-${index}`;

  const columnsMenu = (
    <Menu aria-label={t('table.columnsMenu')}>
      {table.getAllLeafColumns().map((column) => (
        <li key={column.id} className="dt-column-toggle">
          <Checkbox
            checked={column.getIsVisible()}
            label={String(column.columnDef.header)}
            onChange={column.getToggleVisibilityHandler()}
          />
        </li>
      ))}
      <MenuDivider />
      <MenuItem
        icon="reset"
        text={t('table.resetLayout')}
        onClick={() => setLayout({ sort: defaultSort, sizing: {}, visibility: {} })}
      />
    </Menu>
  );

  return (
    <section className="dt-wrap" aria-label={props.label}>
      <div className="dt-toolbar" role="toolbar" aria-label={props.label}>
        {props.toolbar}
        <span className="dt-spacer" />
        <span className="dt-count" role="status" aria-live="polite">
          {total === null ? t('common.loading') : props.countLabel(total)}
        </span>
        <Popover content={columnsMenu} placement="bottom-end">
          <Button variant="minimal" icon="column-layout" text={t('table.columns')} aria-label={t('table.columnsMenu')} />
        </Popover>
      </div>
      {error && (
        <div className={`dt-error ${Classes.CALLOUT} ${Classes.INTENT_DANGER}`} role="alert">
          {error}
        </div>
      )}
      <div
        className="dt-scroll"
        ref={scrollRef}
        role="grid"
        aria-label={props.label}
        aria-rowcount={(total === 0 ? 1 : (total ?? 0)) + headRows}
        aria-colcount={visibleColumns.length}
        aria-activedescendant={total ? rowId(active) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="dt-head" role="rowgroup" style={{ width }}>
          {table.getHeaderGroups().map((group) => (
            <div className="dt-row dt-header-row" role="row" aria-rowindex={1} key={group.id}>
              {group.headers.map((header) => {
                const spec = columns.find((c) => c.id === header.column.id);
                const sorted = header.column.getIsSorted();
                return (
                  <div
                    key={header.id}
                    role="columnheader"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    className={`dt-cell dt-th${spec?.align === 'right' ? ' dt-right' : ''}`}
                    style={{ width: header.getSize() }}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        className="dt-sort"
                        onClick={header.column.getToggleSortingHandler()}
                        title={String(header.column.columnDef.header)}
                      >
                        <span className="dt-th-label">{flexRender(header.column.columnDef.header, header.getContext())}</span>
                        <span aria-hidden="true" className="dt-sort-mark">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                        </span>
                      </button>
                    ) : (
                      <span className="dt-th-label">{flexRender(header.column.columnDef.header, header.getContext())}</span>
                    )}
                    <div
                      className={`dt-resizer${header.column.getIsResizing() ? ' is-resizing' : ''}`}
                      onMouseDown={header.getResizeHandler()}
                      onTouchStart={header.getResizeHandler()}
                      onDoubleClick={() => header.column.resetSize()}
                      aria-hidden="true"
                    />
                  </div>
                );
              })}
            </div>
          ))}
          {filterable && (
            <div className="dt-row dt-filter-row" role="row" aria-rowindex={2}>
              {visibleColumns.map((column) => {
                const spec = columns.find((c) => c.id === column.id);
                const label = t('table.filterLabel', { column: String(column.columnDef.header) });
                const value = filters[column.id] ?? '';
                const set = (v: string) => setFilters((f) => ({ ...f, [column.id]: v }));
                return (
                  <div key={column.id} role="gridcell" className="dt-cell dt-filter" style={{ width: column.getSize() }}>
                    {spec?.filter?.kind === 'select' && (
                      <HTMLSelect
                        fill
                        minimal
                        aria-label={label}
                        value={value}
                        onChange={(e) => set(e.currentTarget.value)}
                        options={[{ value: '', label: t('common.all') }, ...spec.filter.options]}
                      />
                    )}
                    {spec?.filter?.kind === 'text' && (
                      <InputGroup
                        small
                        fill
                        aria-label={label}
                        placeholder={t('table.filterPlaceholder')}
                        value={value}
                        onValueChange={set}
                      />
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
        {total === 0 ? (
          // A row of its own, so the grid holds only rows (axe: aria-required-children).
          <div role="rowgroup">
            <div role="row" aria-rowindex={headRows + 1}>
              <div role="gridcell" aria-colspan={visibleColumns.length} className="dt-empty">
                {props.empty(filtered)}
              </div>
            </div>
          </div>
        ) : (
          <div className="dt-body" role="rowgroup" style={{ height: virtualizer.getTotalSize(), width }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <div
                  key={row ? props.rowKey(row) : `placeholder-${item.index}`}
                  id={rowId(item.index)}
                  role="row"
                  aria-rowindex={item.index + headRows + 1}
                  aria-selected={item.index === active}
                  className={`dt-row dt-data-row${item.index === active ? ' is-active' : ''}${item.index % 2 ? ' is-odd' : ''}`}
                  style={{ transform: `translateY(${item.start - headHeight}px)`, height: ROW_HEIGHT }}
                  onClick={() => {
                    setActive(item.index);
                    if (row) props.onOpen(row);
                  }}
                >
                  {visibleColumns.map((column) => {
                    const spec = columns.find((c) => c.id === column.id);
                    return (
                      <div
                        key={column.id}
                        role="gridcell"
                        className={`dt-cell${spec?.align === 'right' ? ' dt-right' : ''}`}
                        style={{ width: column.getSize() }}
                      >
                        {row && spec ? (
                          <span className="dt-text">{spec.cell(row)}</span>
                        ) : (
                          <span className={`${Classes.SKELETON} dt-skeleton`}>{t('table.rowLoading')}</span>
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
