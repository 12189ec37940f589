import { useCallback, useMemo, useState } from 'react';
import { Button } from '@blueprintjs/core';
import type { CaseListRow, MethodInput } from '../../../../db/api.ts';
import { CASE_SORT_COLUMNS, CASE_STATUSES, PRIORITIES, VIOLATION_TYPES } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate } from '../../lib/router.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, pageInput, RecordTable } from '../../table/RecordTable.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { PriorityTag, StatusTag } from '../../components/Tags.tsx';
import { DateText, DateTimeText } from '../../components/DateText.tsx';
import { ImportButton } from '../import/ImportButton.tsx';

export function CaseListPage({ onNewCase }: { onNewCase(): void }) {
  const t = useT();
  // An imported case shows at once.
  const [reload, setReload] = useState(0);

  const columns = useMemo<DataColumn<CaseListRow>[]>(
    () => [
      {
        id: 'fileNumber',
        header: t('case.field.fileNumber'),
        size: 150,
        cell: (r) => <span className="mono">{r.fileNumber}</span>,
      },
      { id: 'title', header: t('case.field.title'), size: 380, cell: (r) => <span className="cell-title">{r.title}</span> },
      {
        id: 'status',
        header: t('case.field.status'),
        size: 170,
        filter: { kind: 'select', options: CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
        cell: (r) => <StatusTag status={r.status} />,
      },
      {
        id: 'priority',
        header: t('case.field.priority'),
        size: 110,
        filter: { kind: 'select', options: PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })) },
        cell: (r) => <PriorityTag priority={r.priority} />,
      },
      {
        id: 'leadInvestigator',
        header: t('case.field.leadInvestigator'),
        size: 170,
        filter: { kind: 'text' },
        cell: (r) => r.leadInvestigator,
      },
      {
        id: 'violationType',
        header: t('case.field.violationType'),
        size: 200,
        filter: { kind: 'select', options: VIOLATION_TYPES.map((v) => ({ value: v, label: t(`violation.${v}`) })) },
        cell: (r) => (r.violationType ? t(`violation.${r.violationType}`) : <span className="muted">{t('common.none')}</span>),
      },
      {
        id: 'openedOn',
        header: t('case.field.openedOn'),
        size: 120,
        align: 'right',
        cell: (r) => <DateText value={r.openedOn} />,
      },
      {
        id: 'updatedAt',
        header: t('case.field.updatedAt'),
        size: 170,
        align: 'right',
        cell: (r) => <DateTimeText value={r.updatedAt} />,
      },
    ],
    [t],
  );

  const fetchPage = useCallback((req: PageRequest, text: string) => {
    const input: MethodInput<'cases.list'> = pageInput(req, CASE_SORT_COLUMNS);
    const status = choice(req.filters.status, CASE_STATUSES);
    const priority = choice(req.filters.priority, PRIORITIES);
    const violationType = choice(req.filters.violationType, VIOLATION_TYPES);
    if (status) input.status = [status];
    if (priority) input.priority = [priority];
    if (violationType) input.violationType = [violationType];
    if (req.filters.leadInvestigator?.trim()) input.leadInvestigator = req.filters.leadInvestigator.trim();
    if (text) input.text = text;
    return call('cases.list', input);
  }, []);

  const create = <Button intent="primary" icon="add" text={t('cases.new')} onClick={onNewCase} title={`${t('cases.new')} (N)`} />;
  const actions = (
    <div className="imp-list-actions">
      <ImportButton onImported={() => setReload((n) => n + 1)} />
      {create}
    </div>
  );
  return (
    <ListPage className="page-cases" title={t('cases.title')} actions={actions}>
      <RecordTable<CaseListRow>
        tableId="cases"
        reloadKey={reload}
        label={t('cases.title')}
        columns={columns}
        defaultSort={{ column: 'updatedAt', direction: 'desc' }}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'case', id: r.id, tab: 'overview' })}
        countLabel={(count) => t('cases.count', { count })}
        search={{ id: 'case-search', label: t('cases.search'), placeholder: t('cases.searchPlaceholder') }}
        noMatch={{ title: t('cases.noMatch.title'), body: t('cases.noMatch.body') }}
        empty={{
          icon: 'folder-new',
          title: t('cases.empty.title'),
          body: t('cases.empty.body'),
          action: <Button intent="primary" icon="add" text={t('cases.new')} onClick={onNewCase} />,
        }}
      />
    </ListPage>
  );
}
