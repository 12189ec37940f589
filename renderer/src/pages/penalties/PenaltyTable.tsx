import { useCallback, useMemo, useState } from 'react';
import { Button } from '@blueprintjs/core';
import type { MethodInput, PenaltyListRow } from '../../../../db/api.ts';
import { PENALTY_SORT_COLUMNS, PENALTY_STATUSES } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate } from '../../lib/router.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, pageInput, RecordTable } from '../../table/RecordTable.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { DateText } from '../../components/DateText.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { RowLink } from '../../table/RowLink.tsx';
import { LevelTag, PenaltyStatusTag } from './PenaltyTags.tsx';
import { IssuePenaltyDialog } from './IssuePenaltyDialog.tsx';

/** The currencies the amount column filters by: those an investigator meets most. */
const FILTER_CURRENCIES = ['CAD', 'USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CNY', 'AUD'];

/** The penalties of every case (the Penalties page) or of one case (its tab): sorted, filtered and paged in SQL. */
export function PenaltyTable({ caseId }: { caseId?: string }) {
  const t = useT();
  const [issueOpen, setIssueOpen] = useState(false);
  const [refresh, setRefresh] = useState(0);

  const columns = useMemo<DataColumn<PenaltyListRow>[]>(() => {
    const all: (DataColumn<PenaltyListRow> | null)[] = [
      {
        id: 'noticeNumber',
        header: t('penalty.field.noticeNumber'),
        size: 140,
        cell: (r) => <span className="mono">{r.noticeNumber}</span>,
      },
      caseId
        ? null
        : {
            id: 'case',
            header: t('enf.field.case'),
            size: 130,
            sortable: false,
            cell: (r) => (
              <RowLink route={{ page: 'case', id: r.caseId, tab: 'penalties' }}>
                <span className="mono">{r.caseFileNumber}</span>
              </RowLink>
            ),
          },
      {
        id: 'entity',
        header: t('penalty.field.entity'),
        size: 190,
        sortable: false,
        cell: (r) => <span title={r.entityName}>{r.entityName}</span>,
      },
      {
        id: 'amount',
        header: t('penalty.field.amount'),
        size: 140,
        align: 'right',
        filter: { kind: 'select', options: FILTER_CURRENCIES.map((c) => ({ value: c, label: c })) },
        cell: (r) => (
          <span
            title={r.reducedAmountMinor !== null ? t('penalty.reducedFrom') : undefined}
            className={r.reducedAmountMinor !== null ? 'reduced' : undefined}
          >
            <MoneyText amountMinor={r.effectiveAmountMinor} currency={r.currency} />
          </span>
        ),
      },
      {
        id: 'paid',
        header: t('penalty.field.paid'),
        size: 130,
        align: 'right',
        sortable: false,
        cell: (r) => <MoneyText amountMinor={r.paidMinor} currency={r.currency} />,
      },
      {
        id: 'balance',
        header: t('penalty.field.balance'),
        size: 145,
        align: 'right',
        cell: (r) => (
          <strong className={r.balanceMinor > 0 ? 'balance' : 'balance muted'}>
            <MoneyText amountMinor={r.balanceMinor} currency={r.currency} />
          </strong>
        ),
      },
      {
        id: 'status',
        header: t('penalty.field.status'),
        size: 115,
        filter: { kind: 'select', options: PENALTY_STATUSES.map((s) => ({ value: s, label: t(`penalty.status.${s}`) })) },
        cell: (r) => <PenaltyStatusTag status={r.status} />,
      },
      {
        id: 'dueOn',
        header: t('penalty.field.dueOn'),
        size: 205,
        align: 'right',
        filter: {
          kind: 'select',
          options: [
            { value: 'overdue', label: t('penalty.filter.overdue') },
            { value: 'notOverdue', label: t('penalty.filter.notOverdue') },
          ],
        },
        cell: (r) => <DueDate value={r.dueOn} overdue={r.overdue} />,
      },
      { id: 'level', header: t('penalty.field.level'), size: 110, sortable: false, cell: (r) => <LevelTag level={r.level} /> },
      {
        id: 'assessedOn',
        header: t('penalty.field.assessedOn'),
        size: 115,
        align: 'right',
        cell: (r) => <DateText value={r.assessedOn} />,
      },
    ];
    return all.filter((c): c is DataColumn<PenaltyListRow> => c !== null);
  }, [t, caseId]);

  const fetchPage = useCallback(
    (req: PageRequest) => {
      const input: MethodInput<'penalties.list'> = pageInput(req, PENALTY_SORT_COLUMNS);
      if (caseId) input.caseId = caseId;
      const f = req.filters;
      const status = choice(f.status, PENALTY_STATUSES);
      if (status) input.status = [status];
      if (f.dueOn === 'overdue') input.overdue = true;
      if (f.dueOn === 'notOverdue') input.overdue = false;
      if (f.amount) input.currency = f.amount;
      return call('penalties.list', input);
    },
    [caseId],
  );

  const issue = <Button intent="primary" icon="bank-account" text={t('penalties.new')} onClick={() => setIssueOpen(true)} />;
  const list = (
    <>
      <RecordTable<PenaltyListRow>
        tableId={caseId ? 'case-penalties' : 'penalties'}
        label={t('penalties.title')}
        columns={columns}
        defaultSort={{ column: 'assessedOn', direction: 'desc' }}
        reloadKey={refresh}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'penalty', id: r.id })}
        countLabel={(count) => t('penalties.count', { count })}
        actions={caseId ? issue : undefined}
        noMatch={{ title: t('penalties.noMatch.title'), body: t('penalties.noMatch.body') }}
        empty={{
          icon: 'bank-account',
          title: caseId ? t('penalties.emptyCase.title') : t('penalties.empty.title'),
          body: t('penalties.empty.body'),
          action: issue,
        }}
      />
      <IssuePenaltyDialog
        isOpen={issueOpen}
        caseId={caseId}
        onClose={() => setIssueOpen(false)}
        onIssued={(p) => {
          setRefresh((n) => n + 1);
          navigate({ page: 'penalty', id: p.id });
        }}
      />
    </>
  );
  return caseId ? (
    list
  ) : (
    <ListPage className="page-penalties" title={t('penalties.title')} actions={issue}>
      {list}
    </ListPage>
  );
}
