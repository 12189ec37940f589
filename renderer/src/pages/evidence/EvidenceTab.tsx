import { useCallback, useMemo, useState } from 'react';
import { Button, Switch, Tag } from '@blueprintjs/core';
import type { Evidence, MethodInput } from '../../../../db/api.ts';
import { EVIDENCE_SORT_COLUMNS } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { pageInput, RecordTable } from '../../table/RecordTable.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { AttachDialog } from './AttachDialog.tsx';
import { EvidenceDrawer } from './EvidenceDrawer.tsx';

/** The case's evidence files: attach (dialog or drop), list, preview, retire. */
export function EvidenceTab({ caseId }: { caseId: string }) {
  const t = useT();
  const f = useFormat();
  const [includeRetired, setIncludeRetired] = useState(false);
  const [attachFiles, setAttachFiles] = useState<File[] | null>(null);
  const [selected, setSelected] = useState<Evidence | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [dragging, setDragging] = useState(false);

  const columns = useMemo<DataColumn<Evidence>[]>(
    () => [
      {
        id: 'originalName',
        header: t('evidence.field.originalName'),
        size: 280,
        cell: (r) => <span className="cell-title">{r.originalName}</span>,
      },
      {
        id: 'mediaType',
        header: t('evidence.field.mediaType'),
        size: 170,
        sortable: false,
        cell: (r) => <span className="muted">{r.mediaType}</span>,
      },
      { id: 'size', header: t('evidence.field.size'), size: 100, align: 'right', cell: (r) => f.bytes(r.size) },
      {
        id: 'sha256',
        header: t('evidence.field.sha256'),
        size: 190,
        sortable: false,
        cell: (r) => (
          <span className="mono" title={r.sha256}>
            {r.sha256.slice(0, 16)}…
          </span>
        ),
      },
      {
        id: 'acquiredAt',
        header: t('evidence.field.acquiredAt'),
        size: 170,
        align: 'right',
        cell: (r) => <DateTimeText value={r.acquiredAt} />,
      },
      {
        id: 'addedAt',
        header: t('evidence.field.addedAt'),
        size: 170,
        align: 'right',
        cell: (r) => <DateTimeText value={r.addedAt} />,
      },
      { id: 'addedBy', header: t('evidence.field.addedBy'), size: 160, sortable: false, cell: (r) => r.addedBy },
      {
        id: 'status',
        header: t('evidence.field.status'),
        size: 100,
        sortable: false,
        cell: (r) =>
          r.retiredAt ? (
            <Tag minimal intent="warning">
              {t('evidence.state.retired')}
            </Tag>
          ) : (
            <Tag minimal intent="success">
              {t('evidence.state.active')}
            </Tag>
          ),
      },
    ],
    [t, f],
  );

  const fetchPage = useCallback(
    (req: PageRequest) => {
      const input: MethodInput<'evidence.list'> = { caseId, includeRetired, ...pageInput(req, EVIDENCE_SORT_COLUMNS) };
      return call('evidence.list', input);
    },
    [caseId, includeRetired],
  );

  const attach = <Button intent="primary" icon="paperclip" text={t('evidence.attach')} onClick={() => setAttachFiles([])} />;
  return (
    <div
      className={`tab-panel evidence-tab${dragging ? ' is-dragging' : ''}`}
      onDragEnter={(e) => {
        if (e.dataTransfer.types.includes('Files')) setDragging(true);
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        if (e.dataTransfer.files.length) setAttachFiles(Array.from(e.dataTransfer.files));
      }}
    >
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {t('evidence.dropHere')}
        </div>
      )}
      <RecordTable<Evidence>
        tableId="evidence"
        label={t('evidence.title')}
        columns={columns}
        defaultSort={{ column: 'addedAt', direction: 'desc' }}
        reloadKey={refresh}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={setSelected}
        countLabel={(count) => t('evidence.count', { count })}
        actions={
          <>
            {attach}
            <Switch
              className="toolbar-switch"
              checked={includeRetired}
              label={t('evidence.showRetired')}
              onChange={(e) => setIncludeRetired(e.currentTarget.checked)}
            />
          </>
        }
        empty={{ icon: 'paperclip', title: t('evidence.empty.title'), body: t('evidence.empty.body'), action: attach }}
      />
      <AttachDialog
        caseId={caseId}
        files={attachFiles ?? []}
        isOpen={attachFiles !== null}
        onClose={() => setAttachFiles(null)}
        onAttached={() => setRefresh((n) => n + 1)}
      />
      <EvidenceDrawer
        evidence={selected}
        onClose={() => setSelected(null)}
        onChanged={(next) => {
          setSelected(next);
          setRefresh((n) => n + 1);
        }}
      />
    </div>
  );
}
