import { useCallback, useMemo, useState } from 'react';
import { Button } from '@blueprintjs/core';
import type { CheckListRow, MethodInput } from '../../../../db/api.ts';
import { CHECK_OUTCOMES, CHECK_SORT_COLUMNS, CHECK_STATUSES } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate } from '../../lib/router.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, pageInput, RecordTable } from '../../table/RecordTable.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { DateText } from '../../components/DateText.tsx';
import { CountryText } from '../../components/CountryText.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { RowLink } from '../../table/RowLink.tsx';
import { CheckOutcomeTag, CheckStatusTag } from './CheckTags.tsx';
import { RequestCheckDialog } from './RequestCheckDialog.tsx';
import './checks.css';

/** The end-use checks of every case (the End-use checks page) or of one case (its Verifications tab): sorted, filtered and paged in SQL. */
export function CheckTable({ caseId }: { caseId?: string }) {
  const t = useT();
  const [requestOpen, setRequestOpen] = useState(false);
  const [refresh, setRefresh] = useState(0);

  const columns = useMemo<DataColumn<CheckListRow>[]>(() => {
    const all: (DataColumn<CheckListRow> | null)[] = [
      {
        id: 'checkNumber',
        header: t('check.column.number'),
        size: 130,
        cell: (r) => <span className="mono">{r.checkNumber}</span>,
      },
      caseId
        ? null
        : {
            id: 'case',
            header: t('enf.field.case'),
            size: 128,
            sortable: false,
            cell: (r) => (
              <RowLink route={{ page: 'case', id: r.caseId, tab: 'verifications' }}>
                <span className="mono">{r.caseFileNumber}</span>
              </RowLink>
            ),
          },
      {
        id: 'checkType',
        header: t('check.field.type'),
        size: 76,
        sortable: false,
        cell: (r) => <span title={t(`check.type.${r.checkType}`)}>{t(`check.typeShort.${r.checkType}`)}</span>,
      },
      {
        id: 'status',
        header: t('check.field.status'),
        size: 92,
        filter: { kind: 'select', options: CHECK_STATUSES.map((s) => ({ value: s, label: t(`check.status.${s}`) })) },
        cell: (r) => <CheckStatusTag status={r.status} />,
      },
      {
        id: 'outcome',
        header: t('check.field.outcome'),
        size: 120,
        sortable: false,
        filter: { kind: 'select', options: CHECK_OUTCOMES.map((o) => ({ value: o, label: t(`check.outcome.${o}`) })) },
        cell: (r) => <CheckOutcomeTag outcome={r.outcome} />,
      },
      {
        id: 'party',
        header: t('check.field.party'),
        size: 132,
        sortable: false,
        cell: (r) => (
          <RowLink route={{ page: 'entity', id: r.partyId }}>
            <span title={r.partyName}>{r.partyName}</span>
          </RowLink>
        ),
      },
      {
        id: 'country',
        header: t('check.field.country'),
        size: 74,
        sortable: false,
        cell: (r) => <CountryText code={r.country} />,
      },
      {
        id: 'requestedOn',
        header: t('check.field.requestedOn'),
        size: 110,
        align: 'right',
        cell: (r) => <DateText value={r.requestedOn} />,
      },
      {
        id: 'scheduledOn',
        header: t('check.field.scheduledOn'),
        size: 190,
        align: 'right',
        cell: (r) => <DueDate value={r.scheduledOn} overdue={r.overdue} />,
      },
      {
        id: 'partyRole',
        header: t('check.field.partyRole'),
        size: 110,
        sortable: false,
        cell: (r) => t(`check.partyRole.${r.partyRole}`),
      },
    ];
    return all.filter((c): c is DataColumn<CheckListRow> => c !== null);
  }, [t, caseId]);

  const fetchPage = useCallback(
    (req: PageRequest) => {
      const input: MethodInput<'checks.list'> = pageInput(req, CHECK_SORT_COLUMNS);
      if (caseId) input.caseId = caseId;
      const status = choice(req.filters.status, CHECK_STATUSES);
      if (status) input.status = status;
      const outcome = choice(req.filters.outcome, CHECK_OUTCOMES);
      if (outcome) input.outcome = outcome;
      return call('checks.list', input);
    },
    [caseId],
  );

  const request = <Button intent="primary" icon="endorsed" text={t('checks.new')} onClick={() => setRequestOpen(true)} />;
  const list = (
    <>
      <RecordTable<CheckListRow>
        tableId={caseId ? 'case-checks' : 'checks'}
        label={t('nav.checks')}
        columns={columns}
        defaultSort={{ column: 'requestedOn', direction: 'desc' }}
        reloadKey={refresh}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'check', id: r.id })}
        countLabel={(count) => t('checks.count', { count })}
        actions={caseId ? request : undefined}
        noMatch={{ title: t('checks.noMatch.title'), body: t('checks.noMatch.body') }}
        empty={{
          icon: 'endorsed',
          title: caseId ? t('checks.emptyCase.title') : t('checks.empty.title'),
          body: t('checks.empty.body'),
          action: request,
        }}
      />
      <RequestCheckDialog
        isOpen={requestOpen}
        caseId={caseId}
        onClose={() => setRequestOpen(false)}
        onCreated={(c) => {
          setRefresh((n) => n + 1);
          navigate({ page: 'check', id: c.id });
        }}
      />
    </>
  );
  return caseId ? (
    list
  ) : (
    <ListPage className="page-checks" title={t('nav.checks')} actions={request}>
      {list}
    </ListPage>
  );
}
