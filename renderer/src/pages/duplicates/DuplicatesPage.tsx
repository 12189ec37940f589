import { useCallback, useMemo, useState } from 'react';
import { Button, Callout, HTMLTable, NonIdealState } from '@blueprintjs/core';
import type { DuplicatePair, EntityMerge } from '../../../../db/api.ts';
import type { ConveyanceType, EntityKind } from '../../../../db/shared/domain.ts';

type EntityKindLabel = EntityKind | ConveyanceType;
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { useJob } from '../../lib/useJob.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { toast } from '../../lib/toaster.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { DataTable, type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { RowLink } from '../../table/RowLink.tsx';
import { MergeDialog } from './MergeDialog.tsx';
import { isAgainst, reasonShort, reasonText } from './reasonText.ts';
import { toastMerged } from './undoMerge.tsx';
import './duplicates.css';

/**
 * Possible duplicates (#/duplicates): what the last search found, best first, each pair with the
 * reasons it was proposed; merge one into the other (undoable), or say they are not the same.
 */
export function DuplicatesPage() {
  const t = useT();
  const f = useFormat();
  const { job, error, start, cancel } = useJob('duplicates');
  const [reload, setReload] = useState(0);
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const [foundAt, setFoundAt] = useState<string | null>(null);
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const running = job?.status === 'running';
  const jobKey = job?.status === 'done' ? job.id : '';

  const distinct = useAction(
    async (pair: DuplicatePair) => {
      await call('entities.markDistinct', { aId: pair.a.id, bId: pair.b.id });
      toast({ message: t('dup.markedDistinct', { a: pair.a.name, b: pair.b.name }), intent: 'primary', icon: 'disable' });
      refresh();
    },
    { toastRefusal: true },
  );

  const columns = useMemo<DataColumn<DuplicatePair>[]>(
    () => [
      {
        id: 'score',
        header: t('dup.field.score'),
        size: 60,
        align: 'right',
        sortable: false,
        cell: (r) => <span className="num">{r.score}</span>,
      },
      {
        id: 'a',
        header: t('dup.field.a'),
        size: 220,
        sortable: false,
        cell: (r) => <RowLink route={{ page: 'entity', id: r.a.id }}>{r.a.name}</RowLink>,
      },
      {
        id: 'b',
        header: t('dup.field.b'),
        size: 220,
        sortable: false,
        cell: (r) => <RowLink route={{ page: 'entity', id: r.b.id }}>{r.b.name}</RowLink>,
      },
      {
        id: 'kind',
        header: t('dup.field.kind'),
        size: 100,
        sortable: false,
        cell: (r) => t(`entity.kind.${(r.a.subtype ?? r.a.kind) as EntityKindLabel}`),
      },
      {
        id: 'reasons',
        header: t('dup.field.reasons'),
        size: 300,
        sortable: false,
        cell: (r) => (
          <span className="dup-reason-cell">
            {r.reasons.map((x, i) => (
              <span key={i} className={isAgainst(x) ? 'dup-chip against' : 'dup-chip'} title={reasonText(x, t, f)}>
                {reasonShort(x, t)}
              </span>
            ))}
          </span>
        ),
      },
      {
        id: 'actions',
        header: t('dup.field.actions'),
        size: 250,
        sortable: false,
        cell: (r) => (
          <span className="row-actions">
            <Button small icon="git-merge" text={t('dup.merge')} onClick={() => setMerging(r)} />
            <Button
              small
              minimal
              icon="disable"
              text={t('dup.notSame')}
              loading={distinct.pending?.[0] === r}
              onClick={() => void distinct.act(r)}
            />
          </span>
        ),
      },
    ],
    [t, f, distinct],
  );

  const fetchPage = useCallback(async (req: PageRequest) => {
    const page = await call('duplicates.list', { offset: req.offset, limit: req.limit });
    setFoundAt(page.foundAt);
    return page;
  }, []);

  const result = job?.status === 'done' ? job.result : null;
  return (
    <ListPage
      className="page-duplicates"
      title={t('dup.title')}
      actions={<Button intent="primary" icon="search-template" text={t('dup.find')} disabled={running} onClick={() => start()} />}
    >
      <p className="muted dup-intro">{t('dup.intro')}</p>
      {running && job && <JobProgress job={job} onCancel={cancel} />}
      {error && (
        <Callout intent="danger" role="alert">
          {error}
        </Callout>
      )}
      {job?.status === 'cancelled' && (
        <Callout intent="warning" role="status">
          {t('dup.cancelled')}
        </Callout>
      )}
      {job?.status === 'failed' && (
        <Callout intent="danger" role="alert">
          {t('job.failed', { message: job.error ?? '' })}
        </Callout>
      )}
      {result && (
        <Callout intent="success" icon="tick-circle" role="status" className="dup-result">
          {t('dup.result', {
            candidates: result.candidates,
            entities: f.number(result.entities),
            seconds: (result.ms / 1000).toFixed(1),
            skipped: result.commonNamesSkipped,
          })}
        </Callout>
      )}
      {foundAt && (
        <p className="muted dup-found-at">
          {t('dup.foundAt')} <DateTimeText value={foundAt} />
        </p>
      )}
      <DataTable<DuplicatePair>
        tableId="duplicates"
        label={t('dup.title')}
        columns={columns}
        defaultSort={{ column: 'score', direction: 'desc' }}
        queryKey={jobKey}
        reloadKey={reload}
        fetchPage={fetchPage}
        rowKey={(r) => `${r.a.id}:${r.b.id}`}
        onOpen={(r) => setMerging(r)}
        countLabel={(count) => t('dup.count', { count })}
        empty={() =>
          foundAt ? (
            <NonIdealState icon="tick-circle" title={t('dup.emptyTitle')} description={t('dup.emptyText')} />
          ) : (
            <NonIdealState
              icon="search-template"
              title={t('dup.neverTitle')}
              description={t('dup.neverText')}
              action={
                <Button intent="primary" icon="search-template" text={t('dup.find')} disabled={running} onClick={() => start()} />
              }
            />
          )
        }
      />
      <RecentMerges reloadKey={reload} onChanged={refresh} />
      <MergeDialog
        pair={merging}
        onClose={() => setMerging(null)}
        onMerged={(m) => {
          toastMerged(m, t, f, refresh);
          refresh();
        }}
      />
    </ListPage>
  );
}

/** The latest merges, each with Undo while it stands. */
function RecentMerges({ reloadKey, onChanged }: { reloadKey: number; onChanged(): void }) {
  const t = useT();
  const f = useFormat();
  const merges = useQuery(() => call('entities.merges', { limit: 20 }), `merges:${reloadKey}`);
  const undo = useAction(async (m: EntityMerge) => {
    await call('entities.unmerge', { id: m.id });
    toast({ message: t('dup.undone', { goes: m.mergedName }), intent: 'primary', icon: 'undo' });
    onChanged();
  });
  if (merges.load.state !== 'ready' || merges.load.data.length === 0) return null;
  return (
    <section className="dup-merges" aria-labelledby="dup-merges-title">
      <h2 id="dup-merges-title">{t('dup.recent')}</h2>
      {undo.refusal && (
        <Callout intent="danger" role="alert">
          {undo.refusal.message}
        </Callout>
      )}
      <HTMLTable compact className="dup-merges-table">
        <thead>
          <tr>
            <th scope="col">{t('dup.field.when')}</th>
            <th scope="col">{t('dup.field.stays')}</th>
            <th scope="col">{t('dup.field.goes')}</th>
            <th scope="col">{t('dup.field.by')}</th>
            <th scope="col">{t('dup.field.state')}</th>
          </tr>
        </thead>
        <tbody>
          {merges.load.data.map((m) => (
            <tr key={m.id}>
              <td>{f.dateTime(m.mergedAt)}</td>
              <td>
                <RowLink route={{ page: 'entity', id: m.survivorId }}>{m.survivorName}</RowLink>
              </td>
              <td>
                <RowLink route={{ page: 'entity', id: m.mergedId }}>{m.mergedName}</RowLink>
              </td>
              <td>{m.mergedBy}</td>
              <td>
                {m.undoneAt ? (
                  <span className="muted">{t('dup.undoneOn', { when: f.dateTime(m.undoneAt), by: m.undoneBy ?? '' })}</span>
                ) : (
                  <Button
                    small
                    icon="undo"
                    text={t('dup.undo')}
                    loading={undo.pending?.[0] === m}
                    onClick={() => void undo.act(m)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
    </section>
  );
}
