import { useCallback, useMemo, useState } from 'react';
import { Button, Tag } from '@blueprintjs/core';
import type { DetentionListRow, MethodInput } from '../../../../db/api.ts';
import { DETENTION_SORT_COLUMNS, DETENTION_STATES } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate } from '../../lib/router.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, pageInput, RecordTable } from '../../table/RecordTable.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { CountryText } from '../../components/CountryText.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { RowLink } from '../../table/RowLink.tsx';
import { today } from '../../lib/dates.ts';
import { OutcomeTag } from './DetentionTags.tsx';
import { DetainDialog } from './DetainDialog.tsx';

/** The detentions of every case (the Detentions page) or of one case (its tab): sorted, filtered and paged in SQL. */
export function DetentionTable({ caseId }: { caseId?: string }) {
  const t = useT();
  const [detainOpen, setDetainOpen] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const todayDate = today();

  const columns = useMemo<DataColumn<DetentionListRow>[]>(() => {
    const all: (DataColumn<DetentionListRow> | null)[] = [
      {
        id: 'detentionNumber',
        header: t('detention.column.number'),
        size: 130,
        cell: (r) => <span className="mono">{r.detentionNumber}</span>,
      },
      caseId
        ? null
        : {
            id: 'case',
            header: t('enf.field.case'),
            size: 130,
            sortable: false,
            cell: (r) => (
              <RowLink route={{ page: 'case', id: r.caseId, tab: 'detentions' }}>
                <span className="mono">{r.caseFileNumber}</span>
              </RowLink>
            ),
          },
      {
        id: 'state',
        header: t('detention.field.outcome'),
        size: 165,
        sortable: false,
        filter: { kind: 'select', options: DETENTION_STATES.map((s) => ({ value: s, label: t(`detention.filter.${s}`) })) },
        cell: (r) => (
          <span className="tags">
            <OutcomeTag outcome={r.outcome} />
            {r.overdue && (
              <Tag minimal intent="danger" icon="warning-sign" className="status-tag">
                {t('enf.overdue')}
              </Tag>
            )}
          </span>
        ),
      },
      {
        id: 'startedAt',
        header: t('detention.field.startedAt'),
        size: 165,
        align: 'right',
        cell: (r) => <DateTimeText value={r.startedAt} />,
      },
      {
        id: 'subject',
        header: t('detention.column.subject'),
        size: 110,
        sortable: false,
        cell: (r) => t(`detention.subject.${r.subject}`),
      },
      {
        id: 'exporter',
        header: t('detention.field.exporter'),
        size: 170,
        sortable: false,
        cell: (r) => r.exporterName ?? <span className="muted">{t('common.none')}</span>,
      },
      {
        id: 'destination',
        header: t('detention.field.destination'),
        size: 105,
        sortable: false,
        cell: (r) => <CountryText code={r.destinationCountry} />,
      },
      {
        id: 'reviewDueOn',
        header: t('detention.field.reviewDueOn'),
        size: 190,
        align: 'right',
        cell: (r) => <DueDate value={r.reviewDueOn} overdue={r.outcome === null && r.reviewDueOn < todayDate} />,
      },
      {
        id: 'place',
        header: t('detention.field.place'),
        size: 200,
        sortable: false,
        cell: (r) => <span title={r.place}>{r.place}</span>,
      },
      {
        id: 'requests',
        header: t('detention.field.awaited'),
        size: 90,
        align: 'right',
        sortable: false,
        cell: (r) => (r.outstandingRequests ? r.outstandingRequests : <span className="muted">{t('common.none')}</span>),
      },
    ];
    return all.filter((c): c is DataColumn<DetentionListRow> => c !== null);
  }, [t, caseId, todayDate]);

  const fetchPage = useCallback(
    (req: PageRequest) => {
      const input: MethodInput<'detentions.list'> = pageInput(req, DETENTION_SORT_COLUMNS);
      if (caseId) input.caseId = caseId;
      const state = choice(req.filters.state, DETENTION_STATES);
      if (state) input.state = state;
      return call('detentions.list', input);
    },
    [caseId],
  );

  const detain = <Button intent="primary" icon="hand" text={t('detentions.new')} onClick={() => setDetainOpen(true)} />;
  const list = (
    <>
      <RecordTable<DetentionListRow>
        tableId={caseId ? 'case-detentions' : 'detentions'}
        label={t('detentions.title')}
        columns={columns}
        defaultSort={{ column: 'startedAt', direction: 'desc' }}
        reloadKey={refresh}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'detention', id: r.id })}
        countLabel={(count) => t('detentions.count', { count })}
        actions={caseId ? detain : undefined}
        noMatch={{ title: t('detentions.noMatch.title'), body: t('detentions.noMatch.body') }}
        empty={{
          icon: 'hand',
          title: caseId ? t('detentions.emptyCase.title') : t('detentions.empty.title'),
          body: t('detentions.empty.body'),
          action: detain,
        }}
      />
      <DetainDialog
        isOpen={detainOpen}
        caseId={caseId}
        onClose={() => setDetainOpen(false)}
        onCreated={(d) => {
          setRefresh((n) => n + 1);
          navigate({ page: 'detention', id: d.id });
        }}
      />
    </>
  );
  return caseId ? (
    list
  ) : (
    <ListPage className="page-detentions" title={t('detentions.title')} actions={detain}>
      {list}
    </ListPage>
  );
}
