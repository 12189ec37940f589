import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Callout,
  DialogBody,
  DialogFooter,
  HTMLSelect,
  HTMLTable,
  NonIdealState,
  Tab,
  Tabs,
  TextArea,
} from '@blueprintjs/core';
import { screeningReviewInput } from '../../../../db/shared/inputs/screening.ts';
import { AuditTab } from '../audit/AuditTab.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { useForm } from '../../lib/form.ts';
import type { ScreeningHit, HitStatus } from '../../../../db/services/screening-hits.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { storeEvidenceFile } from '../../lib/evidence.ts';
import { refusalText } from '../../lib/refusals.ts';
import { navigate } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { useJob } from '../../lib/useJob.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { DataTable, type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { RowLink } from '../../table/RowLink.tsx';
import './screening.css';

type StatusFilter = HitStatus | 'all';

/** What the matcher says of a pair (db/screening/match.ts), each in the catalogs' words. */
const REASONS = [
  'name_exact',
  'transliteration',
  'name_fuzzy',
  'initials',
  'word_order',
  'name_partial',
  'alias',
  'identifier',
  'identifier_differs',
  'dob_same',
  'dob_differs',
  'country_same',
  'country_differs',
  'flag_same',
  'flag_differs',
  'kind_differs',
] as const;
type Reason = (typeof REASONS)[number];
const isReason = (code: string): code is Reason => (REASONS as readonly string[]).includes(code);
/** The reasons that count against a match, shown apart. */
const REASON_AGAINST = new Set<string>(['identifier_differs', 'dob_differs', 'country_differs', 'flag_differs', 'kind_differs']);

/**
 * Screening (#/screening): the loaded lists (import a newer edition), every hit with its score and
 * reasons, open ones first; confirm or dismiss each with a reason (audited), screen every entity again.
 */
export function ScreeningPage({ entityId }: { entityId?: string | undefined }) {
  const t = useT();
  const f = useFormat();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [listId, setListId] = useState('');
  const [minScore, setMinScore] = useState(0);
  const [reload, setReload] = useState(0);
  const [reviewing, setReviewing] = useState<{ hit: ScreeningHit; decision: 'confirmed' | 'dismissed' } | null>(null);
  const [view, setView] = useState<'hits' | 'decisions'>('hits');
  const screening = useJob('screen');
  const importing = useJob('importList');
  const lists = useQuery(() => call('lists.list', {}), `lists:${reload}`);
  useEffect(() => {
    if (screening.job?.status === 'done') setReload((n) => n + 1);
  }, [screening.job?.status]);
  const imported = importing.job?.status === 'done' ? importing.job.result : null;
  useEffect(() => {
    if (!imported) return;
    if (imported.imported)
      toast({
        message: t('scr.imported', {
          name: imported.imported.list.name,
          added: imported.imported.added,
          changed: imported.imported.changed,
          removed: imported.imported.removed,
          hits: f.number(imported.screening?.hits ?? 0),
        }),
        intent: 'success',
      });
    else if (imported.refusal) toast({ message: refusalText(imported.refusal, t, f), intent: 'danger', timeout: 0 });
    setReload((n) => n + 1);
  }, [imported, t, f]);

  const columns = useMemo<DataColumn<ScreeningHit>[]>(
    () => [
      {
        id: 'score',
        header: t('scr.field.score'),
        size: 64,
        align: 'right',
        sortable: false,
        cell: (h) => <span className="num">{h.score}</span>,
      },
      {
        id: 'subject',
        header: t('scr.field.subject'),
        size: 220,
        sortable: false,
        cell: (h) => <RowLink route={{ page: 'entity', id: h.entityId }}>{h.entityName}</RowLink>,
      },
      { id: 'entry', header: t('scr.field.entry'), size: 220, sortable: false, cell: (h) => h.entryName },
      {
        id: 'list',
        header: t('scr.field.list'),
        size: 200,
        sortable: false,
        cell: (h) => <span title={h.entryKey}>{h.listName}</span>,
      },
      {
        id: 'reasons',
        header: t('scr.field.reasons'),
        size: 280,
        sortable: false,
        cell: (h) => (
          <span className="scr-reasons">
            {h.reasons.map((r, i) => (
              <span key={i} className={`scr-chip${REASON_AGAINST.has(r.code) ? ' scr-chip-against' : ''}`} title={r.detail}>
                {isReason(r.code) ? t(`scr.reason.${r.code}`) : r.code}
              </span>
            ))}
          </span>
        ),
      },
      {
        id: 'status',
        header: t('scr.field.status'),
        size: 200,
        sortable: false,
        cell: (h) =>
          h.status === 'open' ? (
            // The row opens the entity: a decision taken here stays here.
            <span className="row-actions" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
              <Button
                small
                intent="danger"
                text={t('scr.confirm')}
                onClick={() => setReviewing({ hit: h, decision: 'confirmed' })}
              />
              <Button
                small
                variant="minimal"
                text={t('scr.dismiss')}
                onClick={() => setReviewing({ hit: h, decision: 'dismissed' })}
              />
            </span>
          ) : (
            <span title={h.review ? `${h.review.reason} — ${h.review.decidedBy}, ${f.dateTime(h.review.decidedAt)}` : undefined}>
              {t(`scr.status.${h.status}`)}
            </span>
          ),
      },
    ],
    [t, f],
  );

  const fetchPage = useCallback(
    (req: PageRequest) =>
      call('screening.hits', {
        offset: req.offset,
        limit: req.limit,
        minScore,
        ...(status === 'all' ? {} : { status: [status] }),
        ...(listId ? { listId } : {}),
        ...(entityId ? { entityId } : {}),
      }),
    [minScore, status, listId, entityId],
  );

  const loaded = lists.load.state === 'ready' ? lists.load.data : [];
  return (
    <ListPage
      className="page-screening"
      title={t('scr.title')}
      actions={
        <>
          <ImportListButton importing={importing} />
          <Button
            intent="primary"
            icon="shield"
            text={t('scr.screenAll')}
            disabled={screening.job?.status === 'running' || importing.job?.status === 'running' || loaded.length === 0}
            onClick={() => screening.start({})}
          />
        </>
      }
    >
      {importing.job?.status === 'running' && <JobProgress job={importing.job} onCancel={importing.cancel} />}
      {screening.job?.status === 'running' && <JobProgress job={screening.job} onCancel={screening.cancel} />}
      {screening.job?.status === 'done' && screening.job.result && (
        <Callout intent="success" role="status">
          {t('scr.screened', { screened: f.number(screening.job.result.screened), hits: f.number(screening.job.result.hits) })}
        </Callout>
      )}
      {loaded.length > 0 && (
        <HTMLTable compact className="scr-lists" aria-label={t('scr.lists')}>
          <thead>
            <tr>
              <th scope="col">{t('scr.field.list')}</th>
              <th scope="col">{t('scr.field.entries')}</th>
              <th scope="col">{t('scr.field.file')}</th>
              <th scope="col">{t('scr.field.imported')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.map((l) => (
              <tr key={l.id}>
                <td>{l.name}</td>
                <td className="num">{f.number(l.entries)}</td>
                <td>
                  {l.fileName}{' '}
                  <span className="mono muted" title={l.fileSha256}>
                    {l.fileSha256.slice(0, 12)}…
                  </span>
                </td>
                <td>
                  {f.dateTime(l.importedAt)} · {l.importedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      <Tabs
        id="screening-view"
        selectedTabId={view}
        onChange={(id) => setView(id === 'decisions' ? 'decisions' : 'hits')}
        renderActiveTabPanelOnly
      >
        <Tab
          id="hits"
          title={t('scr.hits')}
          panel={
            <>
              <div className="scr-filters">
                <label className="bp6-label bp6-inline">
                  {t('scr.field.status')}
                  <HTMLSelect value={status} onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}>
                    {(['open', 'confirmed', 'dismissed', 'all'] as const).map((s) => (
                      <option key={s} value={s}>
                        {t(`scr.status.${s}`)}
                      </option>
                    ))}
                  </HTMLSelect>
                </label>
                <label className="bp6-label bp6-inline">
                  {t('scr.field.list')}
                  <HTMLSelect value={listId} onChange={(e) => setListId(e.currentTarget.value)}>
                    <option value="">{t('scr.allLists')}</option>
                    {loaded.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                  </HTMLSelect>
                </label>
                <label className="bp6-label bp6-inline">
                  {t('scr.minScore')}
                  <HTMLSelect value={String(minScore)} onChange={(e) => setMinScore(Number(e.currentTarget.value))}>
                    {[0, 70, 80, 90].map((n) => (
                      <option key={n} value={n}>
                        {n === 0 ? t('scr.anyScore') : `≥ ${n}`}
                      </option>
                    ))}
                  </HTMLSelect>
                </label>
              </div>
              <DataTable<ScreeningHit>
                tableId="screening"
                label={t('scr.hits')}
                columns={columns}
                defaultSort={{ column: 'score', direction: 'desc' }}
                queryKey={JSON.stringify([status, listId, minScore, entityId])}
                reloadKey={reload}
                fetchPage={fetchPage}
                rowKey={(h) => `${h.entityId}:${h.listId}:${h.entryKey}`}
                onOpen={(h) => navigate({ page: 'entity', id: h.entityId })}
                countLabel={(count) => t('scr.count', { count })}
                empty={() => (
                  <NonIdealState
                    icon="shield"
                    title={loaded.length ? t('scr.emptyTitle') : t('scr.noListsTitle')}
                    description={loaded.length ? t('scr.emptyText') : t('scr.noListsText')}
                  />
                )}
              />
            </>
          }
        />
        <Tab id="decisions" title={t('scr.decisions')} panel={<AuditTab recordType="screening_review" />} />
      </Tabs>
      {reviewing && (
        <ReviewDialog
          {...reviewing}
          onClose={() => setReviewing(null)}
          onDone={() => {
            setReviewing(null);
            setReload((n) => n + 1);
          }}
        />
      )}
    </ListPage>
  );
}

interface ReviewForm {
  reason: string;
}

function ReviewDialog(props: { hit: ScreeningHit; decision: 'confirmed' | 'dismissed'; onClose(): void; onDone(): void }) {
  const t = useT();
  const h = props.hit;
  const form = useForm({
    schema: screeningReviewInput,
    initial: (): ReviewForm => ({ reason: '' }),
    input: (v) => ({ entityId: h.entityId, listId: h.listId, entryKey: h.entryKey, decision: props.decision, reason: v.reason }),
    save: async (data) => {
      await call('screening.review', data);
      toast({
        message: t(props.decision === 'confirmed' ? 'scr.confirmedToast' : 'scr.dismissedToast', { name: h.entityName }),
        intent: 'primary',
      });
      props.onDone();
    },
  });
  const { errors, values } = form;
  const title = t(props.decision === 'confirmed' ? 'scr.confirmTitle' : 'scr.dismissTitle');
  return (
    <Dialog isOpen onClose={props.onClose} title={title} icon="shield">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p>{t('scr.reviewIntro', { subject: h.entityName, entry: h.entryName, list: h.listName, score: h.score })}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="scr-reason" label={t('scr.reason')} error={errors.reason} required>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={3}
                autoFocus
                value={values.reason}
                onChange={(e) => form.set({ reason: e.currentTarget.value })}
                intent={errors.reason ? 'danger' : 'none'}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent={props.decision === 'confirmed' ? 'danger' : 'primary'}
                loading={form.saving}
                text={t(props.decision === 'confirmed' ? 'scr.confirm' : 'scr.dismiss')}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}

/** Import a list file (CSL CSV or SEMA XML): copied into the store, read by the importList job (its progress on the page). */
function ImportListButton({ importing }: { importing: ReturnType<typeof useJob<'importList'>> }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".csv,.xml,text/csv,application/xml"
        className="scr-file"
        aria-label={t('scr.importList')}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (!file) return;
          setBusy(true);
          storeEvidenceFile(file, () => undefined)
            .done.then((s) => importing.start({ sha256: s.sha256, size: s.size, fileName: file.name }))
            .catch((err: unknown) => toast({ message: err instanceof Error ? err.message : String(err), intent: 'danger' }))
            .finally(() => setBusy(false));
          e.currentTarget.value = '';
        }}
      />
      <Button
        icon="import"
        text={t('scr.importList')}
        loading={busy || importing.job?.status === 'running'}
        onClick={() => input.current?.click()}
      />
    </>
  );
}
