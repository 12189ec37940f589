import { useCallback, useMemo, useState } from 'react';
import { Button, InputGroup, NonIdealState } from '@blueprintjs/core';
import type { CaseListRow, MethodInput } from '../../../db/api.ts';
import {
  CASE_SORT_COLUMNS,
  CASE_STATUSES,
  PRIORITIES,
  VIOLATION_TYPES,
  type CaseSortColumn,
  type CaseStatus,
  type Priority,
  type ViolationType,
} from '../../../db/shared/domain.ts';
import { useT } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';
import { navigate } from '../lib/router.ts';
import { useDebounced } from '../lib/useDebounced.ts';
import { DataTable, type DataColumn, type PageRequest } from '../table/DataTable.tsx';
import { PriorityTag, StatusTag } from '../components/Tags.tsx';
import { DateText, DateTimeText } from '../components/DateText.tsx';

function isSortColumn(column: string): column is CaseSortColumn {
  return (CASE_SORT_COLUMNS as readonly string[]).includes(column);
}

export function CaseListPage({ onNewCase }: { onNewCase(): void }) {
  const t = useT();
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 200);

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

  const fetchPage = useCallback(
    (req: PageRequest) => {
      const input: MethodInput<'cases.list'> = { offset: req.offset, limit: req.limit };
      if (req.sort && isSortColumn(req.sort.column)) input.sort = { column: req.sort.column, direction: req.sort.direction };
      const f = req.filters;
      if (f.status) input.status = [f.status as CaseStatus];
      if (f.priority) input.priority = [f.priority as Priority];
      if (f.violationType) input.violationType = [f.violationType as ViolationType];
      if (f.leadInvestigator?.trim()) input.leadInvestigator = f.leadInvestigator.trim();
      if (query) input.text = query;
      return call('cases.list', input);
    },
    [query],
  );

  return (
    <div className="page page-cases">
      <header className="page-header">
        <h1>{t('cases.title')}</h1>
        <Button intent="primary" icon="add" text={t('cases.new')} onClick={onNewCase} title={`${t('cases.new')} (N)`} />
      </header>
      <DataTable<CaseListRow>
        tableId="cases"
        label={t('cases.title')}
        columns={columns}
        defaultSort={{ column: 'updatedAt', direction: 'desc' }}
        queryKey={query}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'case', id: r.id, tab: 'overview' })}
        countLabel={(count) => t('cases.count', { count })}
        toolbar={
          <InputGroup
            id="case-search"
            type="search"
            leftIcon="search"
            className="dt-search"
            aria-label={t('cases.search')}
            placeholder={t('cases.searchPlaceholder')}
            value={text}
            onValueChange={setText}
          />
        }
        empty={(filtered) =>
          filtered ? (
            <NonIdealState icon="search" title={t('cases.noMatch.title')} description={t('cases.noMatch.body')} />
          ) : (
            <NonIdealState
              icon="folder-new"
              title={t('cases.empty.title')}
              description={t('cases.empty.body')}
              action={<Button intent="primary" icon="add" text={t('cases.new')} onClick={onNewCase} />}
            />
          )
        }
      />
    </div>
  );
}
