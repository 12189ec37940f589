import { useCallback, useMemo, useState } from 'react';
import { Button } from '@blueprintjs/core';
import type { InspectionListRow, MethodInput } from '../../../../db/api.ts';
import { INSPECTION_RESULTS, INSPECTION_SORT_COLUMNS, INSPECTION_STATUSES } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate } from '../../lib/router.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, pageInput, RecordTable } from '../../table/RecordTable.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { RowLink } from '../../table/RowLink.tsx';
import { InspectionResultTag, InspectionStatusTag } from './InspectionTags.tsx';
import { RecordInspectionDialog } from './RecordInspectionDialog.tsx';
import '../detentions/enforcement.css';
import './inspections.css';

/** The inspections of every case (the Inspections page) or of one case (its Verifications tab): sorted, filtered and paged in SQL. */
export function InspectionTable({ caseId }: { caseId?: string }) {
  const t = useT();
  const [recording, setRecording] = useState(false);
  const [refresh, setRefresh] = useState(0);

  const columns = useMemo<DataColumn<InspectionListRow>[]>(() => {
    const all: (DataColumn<InspectionListRow> | null)[] = [
      {
        id: 'inspectionNumber',
        header: t('inspection.column.number'),
        size: 130,
        cell: (r) => <span className="mono">{r.inspectionNumber}</span>,
      },
      caseId
        ? null
        : {
            id: 'case',
            header: t('enf.field.case'),
            size: 130,
            sortable: false,
            cell: (r) => (
              <RowLink route={{ page: 'case', id: r.caseId, tab: 'verifications' }}>
                <span className="mono">{r.caseFileNumber}</span>
              </RowLink>
            ),
          },
      {
        // One column for where it stands: the result once completed, else the status; its filter takes either.
        id: 'outcome',
        header: t('inspection.column.outcome'),
        size: 165,
        sortable: false,
        filter: {
          kind: 'select',
          options: [
            ...INSPECTION_STATUSES.map((s) => ({ value: s, label: t(`inspection.status.${s}`) })),
            ...INSPECTION_RESULTS.map((r) => ({
              value: r,
              label: t('inspection.filter.result', { result: t(`inspection.result.${r}`) }),
            })),
          ],
        },
        cell: (r) => (r.result ? <InspectionResultTag result={r.result} /> : <InspectionStatusTag status={r.status} />),
      },
      {
        id: 'inspectedAt',
        header: t('inspection.field.inspectedAt'),
        size: 160,
        align: 'right',
        cell: (r) => <DateTimeText value={r.inspectedAt} />,
      },
      {
        id: 'place',
        header: t('inspection.field.place'),
        size: 180,
        sortable: false,
        cell: (r) => (
          <span title={`${t(`inspection.placeKind.${r.placeKind}`)} · ${r.place}`}>
            <span className="insp-place-kind">{t(`inspection.placeKind.${r.placeKind}`)}</span>
            {r.place}
          </span>
        ),
      },
      {
        id: 'shipmentReference',
        header: t('inspection.column.shipment'),
        size: 120,
        sortable: false,
        cell: (r) =>
          r.shipmentReference ? (
            <span className="mono">{r.shipmentReference}</span>
          ) : (
            <span className="muted">{t('common.none')}</span>
          ),
      },
      {
        id: 'exporter',
        header: t('inspection.field.exporter'),
        size: 160,
        sortable: false,
        cell: (r) => r.exporterName ?? <span className="muted">{t('common.none')}</span>,
      },
      {
        id: 'selection',
        header: t('inspection.column.selection'),
        size: 135,
        sortable: false,
        cell: (r) => t(`inspection.selection.${r.selection}`),
      },
      {
        id: 'officer',
        header: t('inspection.field.officer'),
        size: 130,
        sortable: false,
        cell: (r) => <span title={r.officer}>{r.officer}</span>,
      },
    ];
    return all.filter((c): c is DataColumn<InspectionListRow> => c !== null);
  }, [t, caseId]);

  const fetchPage = useCallback(
    (req: PageRequest) => {
      const input: MethodInput<'inspections.list'> = pageInput(req, INSPECTION_SORT_COLUMNS);
      if (caseId) input.caseId = caseId;
      const status = choice(req.filters.outcome, INSPECTION_STATUSES);
      if (status) input.status = status;
      const result = choice(req.filters.outcome, INSPECTION_RESULTS);
      if (result) input.result = result;
      return call('inspections.list', input);
    },
    [caseId],
  );

  const record = (
    <Button intent="primary" icon="search-template" text={t('inspections.new')} onClick={() => setRecording(true)} />
  );
  const list = (
    <>
      <RecordTable<InspectionListRow>
        tableId={caseId ? 'case-inspections' : 'inspections'}
        label={t('nav.inspections')}
        columns={columns}
        defaultSort={{ column: 'inspectedAt', direction: 'desc' }}
        reloadKey={refresh}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'inspection', id: r.id })}
        countLabel={(count) => t('inspections.count', { count })}
        actions={caseId ? record : undefined}
        noMatch={{ title: t('inspections.noMatch.title'), body: t('inspections.noMatch.body') }}
        empty={{
          icon: 'search-template',
          title: caseId ? t('inspections.emptyCase.title') : t('inspections.empty.title'),
          body: t('inspections.empty.body'),
          action: record,
        }}
      />
      <RecordInspectionDialog
        isOpen={recording}
        caseId={caseId}
        onClose={() => setRecording(false)}
        onCreated={(i) => {
          setRefresh((n) => n + 1);
          navigate({ page: 'inspection', id: i.id });
        }}
      />
    </>
  );
  return caseId ? (
    list
  ) : (
    <ListPage className="page-inspections" title={t('nav.inspections')} actions={record}>
      {list}
    </ListPage>
  );
}
