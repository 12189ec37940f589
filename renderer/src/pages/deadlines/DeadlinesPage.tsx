import { useCallback, useMemo, useState } from 'react';
import { Button, Switch } from '@blueprintjs/core';
import type { Deadline, MethodInput } from '../../../../db/api.ts';
import { DEADLINE_KINDS } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate } from '../../lib/router.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, RecordTable } from '../../table/RecordTable.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { DateText } from '../../components/DateText.tsx';
import { RowLink } from '../../table/RowLink.tsx';
import { DaysLeft, DeadlineRecordLink, deadlineLabel, openDeadline } from './deadlineText.tsx';

/**
 * Everything due across all cases (#/deadlines): detention reviews, information requests,
 * technical assessments, penalty payments and windows, seizure review windows, limitation
 * periods. Overdue on top, then the soonest; the order is the contract's (SQL), so no column sorts.
 */
export function DeadlinesPage() {
  const t = useT();
  const [includeDone, setIncludeDone] = useState(false);
  const [overdue, setOverdue] = useState<number | null>(null);

  const columns = useMemo<DataColumn<Deadline>[]>(
    () => [
      {
        id: 'dueOn',
        header: t('deadline.field.dueOn'),
        size: 120,
        align: 'right',
        sortable: false,
        cell: (r) => <DateText value={r.dueOn} />,
      },
      {
        id: 'daysLeft',
        header: t('deadline.field.daysLeft'),
        size: 150,
        align: 'right',
        sortable: false,
        cell: (r) => <DaysLeft deadline={r} />,
      },
      {
        id: 'kind',
        header: t('deadline.field.kind'),
        size: 210,
        sortable: false,
        filter: { kind: 'select', options: DEADLINE_KINDS.map((k) => ({ value: k, label: t(`deadline.kind.${k}`) })) },
        cell: (r) => t(`deadline.kind.${r.kind}`),
      },
      {
        id: 'what',
        header: t('deadline.field.what'),
        size: 400,
        sortable: false,
        cell: (r) => <span className="cell-title">{deadlineLabel(r, t)}</span>,
      },
      {
        id: 'case',
        header: t('enf.field.case'),
        size: 150,
        sortable: false,
        cell: (r) => (
          <span title={r.caseTitle}>
            <RowLink route={{ page: 'case', id: r.caseId, tab: 'overview' }}>
              <span className="mono">{r.caseFileNumber}</span>
            </RowLink>
          </span>
        ),
      },
      {
        id: 'record',
        header: t('deadline.field.record'),
        size: 170,
        sortable: false,
        cell: (r) =>
          r.recordType === 'case' ? (
            <span className="muted">{t(`deadline.recordType.${r.recordType}`)}</span>
          ) : (
            <DeadlineRecordLink deadline={r}>
              <span className="mono">{r.reference}</span>
            </DeadlineRecordLink>
          ),
      },
    ],
    [t],
  );

  const fetchPage = useCallback(
    async (req: PageRequest) => {
      const input: MethodInput<'deadlines.list'> = { includeDone, offset: req.offset, limit: req.limit };
      const kind = choice(req.filters.kind, DEADLINE_KINDS);
      if (kind) input.kind = [kind];
      const page = await call('deadlines.list', input);
      setOverdue(page.overdueTotal);
      return page;
    },
    [includeDone],
  );

  return (
    <ListPage className="page-deadlines" title={t('deadlines.title')}>
      <RecordTable<Deadline>
        tableId="deadlines"
        label={t('deadlines.title')}
        columns={columns}
        defaultSort={{ column: 'dueOn', direction: 'asc' }}
        fetchPage={fetchPage}
        rowKey={(r) => `${r.kind}:${r.recordId}`}
        onOpen={(r) => void openDeadline(r)}
        countLabel={(count) => (overdue ? t('deadlines.countOverdue', { count, overdue }) : t('deadlines.count', { count }))}
        actions={
          <>
            <p className="muted toolbar-note">{t('deadlines.order')}</p>
            <Switch
              className="toolbar-switch"
              checked={includeDone}
              label={t('deadlines.includeDone')}
              onChange={(e) => setIncludeDone(e.currentTarget.checked)}
            />
          </>
        }
        noMatch={{ title: t('deadlines.noMatch.title'), body: t('deadlines.noMatch.body') }}
        empty={{
          icon: 'calendar',
          title: t('deadlines.empty.title'),
          body: t('deadlines.empty.body'),
          action: <Button icon="folder-close" text={t('deadlines.empty.action')} onClick={() => navigate({ page: 'cases' })} />,
        }}
      />
    </ListPage>
  );
}
