import { useCallback, useMemo, useRef, useState } from 'react';
import { Button, Drawer, DrawerSize, HTMLTable } from '@blueprintjs/core';
import type { AuditEntry, MethodInput } from '../../../../db/api.ts';
import { auditedTables, type RecordType } from '../../../../db/shared/records.ts';
import { useT, type MessageId } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, pageInput, RecordTable } from '../../table/RecordTable.tsx';
import { DateTimeText } from '../../components/DateText.tsx';

const RECORD_TYPES = Object.keys(auditedTables) as RecordType[];
const AUDIT_SORT_COLUMNS = ['seq'] as const;

export function recordLabelId(type: string): MessageId {
  return (RECORD_TYPES as string[]).includes(type) ? (`record.${type as RecordType}` as const) : 'record.case';
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Who changed what and when, for one case or one record: filterable, with values side by side. */
export function AuditTab(props: { caseId?: string; recordType?: RecordType; recordId?: string }) {
  const t = useT();
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  /** The filters and search of the rows shown last: the export writes the same rows. */
  const shown = useRef<{ filters: Record<string, string>; text: string }>({ filters: {}, text: '' });

  const filtersToInput = useCallback(
    (filters: Record<string, string>, text: string) => {
      const input: MethodInput<'audit.exportCsv'> = {};
      if (props.caseId) input.caseId = props.caseId;
      if (props.recordType) input.recordType = props.recordType;
      if (props.recordId) input.recordId = props.recordId;
      const recordType = choice(filters.recordType, RECORD_TYPES);
      if (recordType) input.recordType = recordType;
      if (filters.actor?.trim()) input.actor = filters.actor.trim();
      if (filters.method?.trim()) input.method = filters.method.trim();
      if (text) input.text = text;
      return input;
    },
    [props.caseId, props.recordType, props.recordId],
  );

  const columns = useMemo<DataColumn<AuditEntry>[]>(
    () => [
      { id: 'seq', header: t('audit.field.seq'), size: 80, align: 'right', cell: (r) => r.seq },
      {
        id: 'at',
        header: t('audit.field.at'),
        size: 180,
        sortable: false,
        align: 'right',
        cell: (r) => <DateTimeText value={r.at} />,
      },
      {
        id: 'actor',
        header: t('audit.field.actor'),
        size: 190,
        sortable: false,
        filter: { kind: 'text' },
        cell: (r) => (r.actorBadge ? `${r.actor} (${r.actorBadge})` : r.actor),
      },
      {
        id: 'method',
        header: t('audit.field.method'),
        size: 190,
        sortable: false,
        filter: { kind: 'text' },
        cell: (r) => <span className="mono">{r.method}</span>,
      },
      {
        id: 'recordType',
        header: t('audit.field.recordType'),
        size: 170,
        sortable: false,
        filter: props.recordType
          ? undefined
          : { kind: 'select', options: RECORD_TYPES.map((type) => ({ value: type, label: t(recordLabelId(type)) })) },
        cell: (r) => t(recordLabelId(r.recordType)),
      },
      {
        id: 'changes',
        header: t('audit.field.changes'),
        size: 380,
        sortable: false,
        cell: (r) =>
          r.before === null ? (
            <em>{t('audit.created')}</em>
          ) : r.after === null ? (
            <em>{t('audit.removed')}</em>
          ) : (
            r.changes.map((c) => c.field).join(', ')
          ),
      },
    ],
    [t, props.recordType],
  );

  const fetchPage = useCallback(
    (req: PageRequest, text: string) => {
      shown.current = { filters: req.filters, text };
      const input: MethodInput<'audit.list'> = { ...filtersToInput(req.filters, text), ...pageInput(req, AUDIT_SORT_COLUMNS) };
      return call('audit.list', input);
    },
    [filtersToInput],
  );

  const exportCsv = async () => {
    const { filename, csv } = await call('audit.exportCsv', filtersToInput(shown.current.filters, shown.current.text));
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    toast({ message: t('audit.exported', { filename }), icon: 'export' });
  };

  return (
    <div className="tab-panel audit-tab">
      <RecordTable<AuditEntry>
        tableId="audit"
        label={t('audit.title')}
        columns={columns}
        defaultSort={{ column: 'seq', direction: 'desc' }}
        fetchPage={fetchPage}
        rowKey={(r) => String(r.seq)}
        onOpen={setSelected}
        countLabel={(count) => t('audit.count', { count })}
        search={{ id: 'audit-search', label: t('audit.search'), placeholder: t('audit.searchPlaceholder') }}
        tools={<Button icon="export" text={t('audit.export')} onClick={() => void exportCsv()} />}
        noMatch={{ title: t('audit.noMatch.title'), body: t('audit.noMatch.body') }}
        empty={{ icon: 'history', title: t('audit.empty.title'), body: t('audit.empty.body') }}
      />
      <Drawer
        isOpen={selected !== null}
        onClose={() => setSelected(null)}
        title={selected ? t('audit.details', { seq: selected.seq }) : ''}
        icon="history"
        size={DrawerSize.STANDARD}
      >
        {selected && (
          <div className="drawer-body">
            <dl className="facts facts-wide">
              <dt>{t('audit.field.at')}</dt>
              <dd>
                <DateTimeText value={selected.at} />
              </dd>
              <dt>{t('audit.field.actor')}</dt>
              <dd>{selected.actorBadge ? `${selected.actor} (${selected.actorBadge})` : selected.actor}</dd>
              <dt>{t('audit.field.method')}</dt>
              <dd className="mono">{selected.method}</dd>
              <dt>{t('audit.field.recordType')}</dt>
              <dd>{t(recordLabelId(selected.recordType))}</dd>
              <dt>{t('audit.field.recordId')}</dt>
              <dd className="mono">{selected.recordId}</dd>
            </dl>
            {selected.changes.length === 0 ? (
              <p className="muted">{t('audit.noChanges')}</p>
            ) : (
              <HTMLTable compact striped className="changes-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.column.field')}</th>
                    <th scope="col">{t('audit.column.before')}</th>
                    <th scope="col">{t('audit.column.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {selected.changes.map((c) => (
                    <tr key={c.field}>
                      <th scope="row" className="mono">
                        {c.field}
                      </th>
                      <td className="before">{show(c.before)}</td>
                      <td className="after">{show(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </HTMLTable>
            )}
          </div>
        )}
      </Drawer>
    </div>
  );
}
