import { useCallback, useState, type JSX, type ReactNode } from 'react';
import { InputGroup, NonIdealState, type IconName } from '@blueprintjs/core';
import { useDebounced } from '../lib/useDebounced.ts';
import { DataTable, type DataTableProps, type PageRequest } from './DataTable.tsx';

/** The page and sort of a list method's input, the sort kept only when the method knows its column. */
export function pageInput<C extends string>(
  req: PageRequest,
  sortColumns: readonly C[],
): { offset: number; limit: number; sort?: { column: C; direction: 'asc' | 'desc' } } {
  const column = req.sort?.column;
  const known = (c: string | undefined): c is C => c !== undefined && (sortColumns as readonly string[]).includes(c);
  return known(column) && req.sort
    ? { offset: req.offset, limit: req.limit, sort: { column, direction: req.sort.direction } }
    : { offset: req.offset, limit: req.limit };
}

/** One choice of a select filter, checked against the method's own list of values. */
export function choice<V extends string>(value: string | undefined, values: readonly V[]): V | undefined {
  return value !== undefined && (values as readonly string[]).includes(value) ? (value as V) : undefined;
}

/** What a record table adds to the DataTable's own props. */
interface RecordTableOwnProps<Row> {
  /** Reads a page; `text` is the search box's words (debounced), '' when there is no search box or it is empty. */
  fetchPage(request: PageRequest, text: string): Promise<{ total: number; rows: Row[] }>;
  /** A search box in the toolbar, searched in SQL. */
  search?: { id: string; label: string; placeholder: string };
  /** Buttons before the search box (the record's "new" action on a case tab). */
  actions?: ReactNode;
  /** Tools after the search box (an export of what the table shows). */
  tools?: ReactNode;
  /** What the list says when no record exists yet, and what to do next. */
  empty: { icon: IconName; title: string; body?: string; action?: JSX.Element };
  /** What it says when a search or a filter matches nothing; a table with neither needs none. */
  noMatch?: { title: string; body: string };
}

export type RecordTableProps<Row> = Omit<DataTableProps<Row>, 'fetchPage' | 'queryKey' | 'toolbar' | 'empty'> &
  RecordTableOwnProps<Row>;

/**
 * The one record table of the list screens: the DataTable, with its search box, its two empty
 * states and the page and sort of the method's input built the same way for every record type.
 */
export function RecordTable<Row>(props: RecordTableProps<Row>) {
  const { fetchPage, search, actions, tools, empty, noMatch, ...table } = props;
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 200);
  const fetch = useCallback((req: PageRequest) => fetchPage(req, query), [fetchPage, query]);
  return (
    <DataTable<Row>
      {...table}
      queryKey={query}
      fetchPage={fetch}
      toolbar={
        actions || search || tools ? (
          <>
            {actions}
            {search && (
              <InputGroup
                id={search.id}
                type="search"
                leftIcon="search"
                className="dt-search"
                aria-label={search.label}
                placeholder={search.placeholder}
                value={text}
                onValueChange={setText}
              />
            )}
            {tools}
          </>
        ) : undefined
      }
      empty={(filtered) =>
        filtered && noMatch ? (
          <NonIdealState icon="search" title={noMatch.title} description={noMatch.body} />
        ) : (
          <NonIdealState icon={empty.icon} title={empty.title} description={empty.body} action={empty.action} />
        )
      }
    />
  );
}
