import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { MethodInput, SeizureListRow } from '../../../../db/api.ts';
import { DISPOSITIONS, SEIZURE_SORT_COLUMNS, type Disposition, type SeizureSortColumn } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate, routeHref } from '../../lib/router.ts';
import { DataTable, type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { DispositionTag, MoneyTotals, ReviewWindow } from './parts.tsx';

function isSortColumn(column: string): column is SeizureSortColumn {
  return (SEIZURE_SORT_COLUMNS as readonly string[]).includes(column);
}

/**
 * The seizure list: across all cases (the Seizures page) or one case (its tab). Sorting, the
 * disposition filter, the text search and paging run in SQL (seizures.list).
 */
export function SeizureTable(props: {
  caseId?: string;
  text: string;
  refreshKey?: number;
  toolbar: ReactNode;
  empty(filtered: boolean): ReactNode;
}) {
  const t = useT();
  const f = useFormat();
  const { caseId, text } = props;
  // The table counts any query key as a filter; this one also changes to refresh, so keep count here.
  const [filtering, setFiltering] = useState(false);
  const onFiltersChange = useCallback(
    (filters: Record<string, string>) => setFiltering(Object.values(filters).some(Boolean)),
    [],
  );

  const columns = useMemo<DataColumn<SeizureListRow>[]>(() => {
    const all: (DataColumn<SeizureListRow> | null)[] = [
      {
        id: 'seizureNumber',
        header: t('seizure.field.seizureNumber'),
        size: 136,
        cell: (r) => <span className="mono">{r.seizureNumber}</span>,
      },
      caseId
        ? null
        : {
            id: 'caseFileNumber',
            header: t('seizure.field.case'),
            size: 128,
            sortable: false,
            cell: (r) => (
              <a
                className="mono"
                href={routeHref({ page: 'case', id: r.caseId, tab: 'seizures' })}
                onClick={(e) => e.stopPropagation()}
              >
                {r.caseFileNumber}
              </a>
            ),
          },
      {
        id: 'seizedAt',
        header: t('seizure.field.seizedAt'),
        size: 172,
        align: 'right',
        cell: (r) => <DateTimeText value={r.seizedAt} />,
      },
      { id: 'place', header: t('seizure.field.place'), size: caseId ? 260 : 173, sortable: false, cell: (r) => r.place },
      {
        id: 'disposition',
        header: t('seizure.field.disposition'),
        size: 130,
        filter: { kind: 'select', options: DISPOSITIONS.map((d) => ({ value: d, label: t(`seizure.disposition.${d}`) })) },
        cell: (r) => <DispositionTag disposition={r.disposition} />,
      },
      {
        id: 'itemCount',
        header: t('seizure.field.itemCount'),
        size: 72,
        align: 'right',
        sortable: false,
        cell: (r) => f.number(r.itemCount),
      },
      {
        id: 'totals',
        header: t('seizure.field.totalValue'),
        size: 160,
        align: 'right',
        sortable: false,
        cell: (r) => <MoneyTotals totals={r.totals} />,
      },
      {
        id: 'reviewWindowEndsOn',
        header: t('seizure.field.reviewWindowEndsOn'),
        size: caseId ? 210 : 190,
        align: 'right',
        cell: (r) => <ReviewWindow endsOn={r.reviewWindowEndsOn} disposition={r.disposition} />,
      },
    ];
    return all.filter((c): c is DataColumn<SeizureListRow> => c !== null);
  }, [t, f, caseId]);

  const fetchPage = useCallback(
    (req: PageRequest) => {
      const input: MethodInput<'seizures.list'> = { offset: req.offset, limit: req.limit };
      if (caseId) input.caseId = caseId;
      if (req.sort && isSortColumn(req.sort.column)) input.sort = { column: req.sort.column, direction: req.sort.direction };
      if (req.filters.disposition) input.disposition = [req.filters.disposition as Disposition];
      if (text) input.text = text;
      return call('seizures.list', input);
    },
    [caseId, text],
  );

  return (
    <DataTable<SeizureListRow>
      tableId={caseId ? 'case-seizures' : 'seizures'}
      label={t('seizures.title')}
      columns={columns}
      defaultSort={{ column: 'seizedAt', direction: 'desc' }}
      queryKey={`${text}:${props.refreshKey ?? 0}`}
      fetchPage={fetchPage}
      rowKey={(r) => r.id}
      onOpen={(r) => navigate({ page: 'seizure', id: r.id })}
      countLabel={(count) => t('seizures.count', { count })}
      toolbar={props.toolbar}
      empty={() => props.empty(filtering || text !== '')}
      onFiltersChange={onFiltersChange}
    />
  );
}
