import type { ColumnSizingState, VisibilityState } from '@tanstack/react-table';

/** What a table remembers between sessions: sort, column widths and hidden columns. */
export interface TableLayout {
  sort: { column: string; direction: 'asc' | 'desc' } | null;
  sizing: ColumnSizingState;
  visibility: VisibilityState;
}

const key = (tableId: string) => `dossier.table.${tableId}`;

export function loadLayout(tableId: string, defaultSort: TableLayout['sort']): TableLayout {
  try {
    const raw = localStorage.getItem(key(tableId));
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<TableLayout>;
      return {
        sort: parsed.sort ?? defaultSort,
        sizing: parsed.sizing ?? {},
        visibility: parsed.visibility ?? {},
      };
    }
  } catch {
    // A corrupt layout is not worth an error: fall back to the default.
  }
  return { sort: defaultSort, sizing: {}, visibility: {} };
}

export function saveLayout(tableId: string, layout: TableLayout): void {
  localStorage.setItem(key(tableId), JSON.stringify(layout));
}
