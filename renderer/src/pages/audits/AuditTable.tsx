import { useCallback, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Icon } from '@blueprintjs/core';
import type { AuditListRow, MethodInput } from '../../../../db/api.ts';
import { AUDIT_OUTCOMES, AUDIT_SORT_COLUMNS, AUDIT_STATUSES } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate } from '../../lib/router.ts';
import { today } from '../../lib/dates.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, pageInput, RecordTable } from '../../table/RecordTable.tsx';
import { RowLink } from '../../table/RowLink.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { DateText } from '../../components/DateText.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { AuditOutcomeTag, AuditStatusTag } from './AuditTags.tsx';
import { NotifyAuditDialog } from './NotifyAuditDialog.tsx';

/** Whether an audit's report is still owed and past its due date. */
export function reportOverdue(a: { status: string; reportDueOn: string }, todayDate: string): boolean {
  return (a.status === 'notified' || a.status === 'on_site') && a.reportDueOn < todayDate;
}

/** The compliance audits of every case (the Compliance audits page) or of one case: sorted, filtered and paged in SQL. */
export function AuditTable({ caseId }: { caseId?: string }) {
  const t = useT();
  const [notifyOpen, setNotifyOpen] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const todayDate = today();

  const columns = useMemo<DataColumn<AuditListRow>[]>(() => {
    const none = <span className="muted">{t('common.none')}</span>;
    const all: (DataColumn<AuditListRow> | null)[] = [
      {
        id: 'auditNumber',
        header: t('compliance.column.number'),
        size: 126,
        cell: (r) => <span className="mono">{r.auditNumber}</span>,
      },
      caseId
        ? null
        : {
            id: 'case',
            header: t('enf.field.case'),
            size: 134,
            sortable: false,
            cell: (r) => (
              <RowLink route={{ page: 'case', id: r.caseId, tab: 'verifications' }}>
                <span className="mono">{r.caseFileNumber}</span>
              </RowLink>
            ),
          },
      {
        id: 'party',
        header: t('compliance.field.party'),
        size: caseId ? 200 : 108,
        sortable: false,
        cell: (r) => (
          <RowLink route={{ page: 'entity', id: r.partyId }}>
            <span title={r.partyName}>{r.partyName}</span>
          </RowLink>
        ),
      },
      {
        id: 'period',
        header: t('compliance.column.period'),
        size: 84,
        sortable: false,
        cell: (r) => <ShortPeriod from={r.periodFrom} to={r.periodTo} />,
      },
      {
        id: 'notifiedOn',
        header: t('compliance.column.notifiedOn'),
        size: 104,
        align: 'right',
        cell: (r) => <DateText value={r.notifiedOn} />,
      },
      {
        id: 'reportDueOn',
        header: t('compliance.field.reportDueOn'),
        size: 114,
        align: 'right',
        cell: (r) =>
          r.status === 'reported' || r.status === 'cancelled' ? (
            <span className="muted">
              <DateText value={r.reportDueOn} />
            </span>
          ) : (
            <DueDate value={r.reportDueOn} overdue={reportOverdue(r, todayDate)} />
          ),
      },
      {
        id: 'status',
        header: t('compliance.field.status'),
        size: 82,
        filter: { kind: 'select', options: AUDIT_STATUSES.map((s) => ({ value: s, label: t(`compliance.status.${s}`) })) },
        cell: (r) => <AuditStatusTag status={r.status} />,
      },
      {
        id: 'outcome',
        header: t('compliance.field.outcome'),
        size: 108,
        sortable: false,
        filter: { kind: 'select', options: AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`compliance.outcome.${o}`) })) },
        cell: (r) => (r.outcome ? <AuditOutcomeTag outcome={r.outcome} short /> : none),
      },
      {
        id: 'findings',
        header: t('compliance.column.findings'),
        size: caseId ? 92 : 84,
        align: 'right',
        sortable: false,
        cell: (r) => (r.findingCount ? r.findingCount : none),
      },
      {
        id: 'openActions',
        header: t('compliance.column.openActions'),
        size: caseId ? 112 : 108,
        align: 'right',
        sortable: false,
        cell: (r) =>
          r.openActions ? (
            <span className="tags">
              {r.overdue && !reportOverdue(r, todayDate) && (
                <Icon icon="warning-sign" intent="danger" title={t('compliance.actionOverdue')} />
              )}
              {r.openActions}
            </span>
          ) : (
            none
          ),
      },
    ];
    return all.filter((c): c is DataColumn<AuditListRow> => c !== null);
  }, [t, caseId, todayDate]);

  const fetchPage = useCallback(
    (req: PageRequest) => {
      const input: MethodInput<'complianceAudits.list'> = pageInput(req, AUDIT_SORT_COLUMNS);
      if (caseId) input.caseId = caseId;
      const status = choice(req.filters.status, AUDIT_STATUSES);
      if (status) input.status = status;
      const outcome = choice(req.filters.outcome, AUDIT_OUTCOMES);
      if (outcome) input.outcome = outcome;
      return call('complianceAudits.list', input);
    },
    [caseId],
  );

  const notify = <Button intent="primary" icon="clipboard" text={t('compliance.new')} onClick={() => setNotifyOpen(true)} />;
  const list = (
    <>
      <RecordTable<AuditListRow>
        tableId={caseId ? 'case-audits' : 'audits'}
        label={t('compliance.title')}
        columns={columns}
        defaultSort={{ column: 'notifiedOn', direction: 'desc' }}
        reloadKey={refresh}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'audit', id: r.id })}
        countLabel={(count) => t('compliance.count', { count })}
        actions={caseId ? notify : undefined}
        noMatch={{ title: t('compliance.noMatch.title'), body: t('compliance.noMatch.body') }}
        empty={{
          icon: 'clipboard',
          title: caseId ? t('compliance.emptyCase.title') : t('compliance.empty.title'),
          body: t('compliance.empty.body'),
          action: notify,
        }}
      />
      <NotifyAuditDialog
        isOpen={notifyOpen}
        caseId={caseId}
        onClose={() => setNotifyOpen(false)}
        onCreated={(a) => {
          setRefresh((n) => n + 1);
          navigate({ page: 'audit', id: a.id });
        }}
      />
    </>
  );
  return caseId ? (
    list
  ) : (
    <ListPage className="page-audits" title={t('compliance.title')} actions={notify}>
      {list}
    </ListPage>
  );
}

/** A period of records audited: from one date to another, in the locale. */
export function PeriodText({ from, to }: { from: string; to: string }) {
  return (
    <span className="period">
      <DateText value={from} /> – <DateText value={to} />
    </span>
  );
}

/** A period in a list: whole years as years (2024, 2022–2024), else months; the exact dates on hover. */
function ShortPeriod({ from, to }: { from: string; to: string }) {
  const intl = useIntl();
  const f = useFormat();
  const whole = from.slice(5) === '01-01' && to.slice(5) === '12-31';
  const month = (d: string) => intl.formatDate(`${d}T00:00:00Z`, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const [a, b] = whole ? [from.slice(0, 4), to.slice(0, 4)] : [month(from), month(to)];
  return (
    <span className="period" title={`${f.date(from)} – ${f.date(to)}`}>
      {a === b ? a : whole ? `${a}–${b}` : `${a} – ${b}`}
    </span>
  );
}
