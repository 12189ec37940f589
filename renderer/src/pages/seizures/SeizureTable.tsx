import { useCallback, useMemo, type ReactNode } from 'react';
import type { MethodInput, SeizureListRow } from '../../../../db/api.ts';
import { DISPOSITIONS, SEIZURE_SORT_COLUMNS } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate, routeHref } from '../../lib/router.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, pageInput, RecordTable, type RecordTableProps } from '../../table/RecordTable.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { DispositionTag, MoneyTotals, ReviewWindow } from './parts.tsx';

/**
 * The seizure list: across all cases (the Seizures page) or one case (its tab). Sorting, the
 * disposition filter, the text search and paging run in SQL (seizures.list).
 */
export function SeizureTable(props: {
  caseId?: string;
  reloadKey?: number;
  actions?: ReactNode;
  empty: RecordTableProps<SeizureListRow>['empty'];
}) {
  const t = useT();
  const f = useFormat();
  const { caseId } = props;

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
    (req: PageRequest, text: string) => {
      const input: MethodInput<'seizures.list'> = pageInput(req, SEIZURE_SORT_COLUMNS);
      if (caseId) input.caseId = caseId;
      const disposition = choice(req.filters.disposition, DISPOSITIONS);
      if (disposition) input.disposition = [disposition];
      if (text) input.text = text;
      return call('seizures.list', input);
    },
    [caseId],
  );

  return (
    <RecordTable<SeizureListRow>
      tableId={caseId ? 'case-seizures' : 'seizures'}
      label={t('seizures.title')}
      columns={columns}
      defaultSort={{ column: 'seizedAt', direction: 'desc' }}
      reloadKey={props.reloadKey}
      fetchPage={fetchPage}
      rowKey={(r) => r.id}
      onOpen={(r) => navigate({ page: 'seizure', id: r.id })}
      countLabel={(count) => t('seizures.count', { count })}
      actions={props.actions}
      search={{
        id: caseId ? 'case-seizure-search' : 'seizure-search',
        label: t('seizures.search'),
        placeholder: t('seizures.searchPlaceholder'),
      }}
      noMatch={{ title: t('seizures.noMatch.title'), body: t('seizures.noMatch.body') }}
      empty={props.empty}
    />
  );
}
