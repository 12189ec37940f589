import { useMemo, useState } from 'react';
import { Button, Callout, Card, Icon, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import type { CustodyChain, CustodyEntryView, SeizedItemView } from '../../../../db/api.ts';
import { useFormat, useT, type Translate } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { refusalOf } from '../../lib/refusals.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { MovementDialog } from './MovementDialog.tsx';

type ChainBreak = CustodyChain['breaks'][number];

/** A break in words: the entry, and what does not join it to the one before. */
function breakText(b: ChainBreak, chain: CustodyChain, t: Translate): string {
  const effective = chain.entries.filter((e) => e.effective);
  const index = effective.findIndex((e) => e.id === b.entryId);
  const entry = chain.entries.find((e) => e.id === b.entryId);
  const prev = index > 0 ? effective[index - 1] : undefined;
  const before = prev
    ? { custodian: prev.receivedBy, location: prev.toLocation, at: prev.at }
    : { custodian: chain.origin.custodian, location: chain.origin.location, at: chain.origin.at };
  if (!entry) return b.reason;
  switch (b.field) {
    case 'releasedBy':
      return t('custody.break.releasedBy', { releasedBy: entry.releasedBy, custodian: before.custodian });
    case 'fromLocation':
      return t('custody.break.fromLocation', { from: entry.fromLocation, location: before.location });
    case 'at':
      return prev ? t('custody.break.beforePrevious') : t('custody.break.beforeSeizure');
    case 'correctsEntryId':
      return t('custody.break.correction');
    default:
      return b.reason;
  }
}

/** Moves focus (and the view) to an entry of the timeline. */
function showEntry(id: string) {
  const el = document.getElementById(`custody-entry-${id}`);
  el?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  el?.focus();
}

/**
 * The chain of custody of one seized item: the origin (the seizure), then every entry in chain
 * order; corrections stand next to the entry they replace, which stays on record, struck. Entries
 * are never edited or deleted: a correction is a new entry that names the one it corrects.
 */
export function CustodyPanel(props: { item: SeizedItemView; final: boolean; onChanged(): void }) {
  const t = useT();
  const f = useFormat();
  const { item } = props;
  const { load, set } = useQuery(() => call('custody.chain', { itemId: item.id }), item.id);
  const [dialog, setDialog] = useState<{ correcting: CustodyEntryView | null } | null>(null);

  const chain = load.state === 'ready' ? load.data : null;
  const breaksByEntry = useMemo(() => {
    const map = new Map<string, ChainBreak[]>();
    for (const b of chain?.breaks ?? []) map.set(b.entryId, [...(map.get(b.entryId) ?? []), b]);
    return map;
  }, [chain]);
  const slotOf = useMemo(() => new Map((chain?.entries ?? []).map((e) => [e.id, e.slot])), [chain]);

  const title = t('custody.title', { n: item.itemNumber });
  return (
    <Card compact className="panel custody-panel" role="region" aria-label={title}>
      <div className="panel-head">
        <div>
          <h2 className="panel-title">{title}</h2>
          <div className="custody-item-name">{item.description}</div>
        </div>
        <div className="panel-actions">
          <Button
            intent="primary"
            icon="exchange"
            text={t('custody.record.action')}
            disabled={!chain || props.final}
            title={props.final ? t('custody.record.final') : undefined}
            onClick={() => setDialog({ correcting: null })}
          />
        </div>
      </div>
      {load.state === 'loading' && <Spinner size={24} aria-label={t('common.loading')} />}
      {load.state === 'error' && (
        <Callout intent="danger" role="alert">
          {t('error.generic', { message: refusalOf(load.error, t, f).message })}
        </Callout>
      )}
      {chain && (
        <>
          <ChainStatus chain={chain} final={props.final} />
          {chain.breaks.length > 0 && (
            <Callout
              intent="danger"
              icon="warning-sign"
              title={t('custody.breaks.title', { count: chain.breaks.length })}
              role="alert"
              className="custody-breaks"
            >
              <p>{t('custody.breaks.body')}</p>
              <ul>
                {chain.breaks.map((b, i) => (
                  <li key={`${b.entryId}-${b.field}-${i}`}>
                    <Button
                      variant="minimal"
                      size="small"
                      className="link-button"
                      onClick={() => showEntry(b.entryId)}
                      text={t('custody.entry.label', { n: slotOf.get(b.entryId) ?? '?' })}
                    />{' '}
                    {breakText(b, chain, t)}
                  </li>
                ))}
              </ul>
            </Callout>
          )}
          <div className="custody-origin">
            <span className="custody-marker custody-marker-origin" aria-hidden="true">
              <Icon icon="box" size={12} />
            </span>
            <div>
              <strong>{t('custody.origin.title')}</strong> <DateTimeText value={chain.origin.at} />
              <div>{t('custody.origin.body', { custodian: chain.origin.custodian, location: chain.origin.location })}</div>
            </div>
          </div>
          {chain.entries.length === 0 ? (
            <NonIdealState
              className="custody-empty"
              icon="exchange"
              title={t('custody.empty.title')}
              description={props.final ? t('custody.record.final') : t('custody.empty.body')}
              action={
                props.final ? undefined : (
                  <Button icon="exchange" text={t('custody.record.action')} onClick={() => setDialog({ correcting: null })} />
                )
              }
            />
          ) : (
            <ol className="custody-timeline" aria-label={t('custody.timeline.label')}>
              {chain.entries.map((e) => (
                <EntryItem
                  key={e.id}
                  entry={e}
                  slotOf={slotOf}
                  breaks={(breaksByEntry.get(e.id) ?? []).map((b) => breakText(b, chain, t))}
                  onCorrect={() => setDialog({ correcting: e })}
                />
              ))}
            </ol>
          )}
          <MovementDialog
            chain={chain}
            correcting={dialog?.correcting ?? null}
            isOpen={dialog !== null}
            onClose={() => setDialog(null)}
            onRecorded={(next) => {
              set(next);
              props.onChanged();
            }}
          />
        </>
      )}
    </Card>
  );
}

function ChainStatus({ chain, final }: { chain: CustodyChain; final: boolean }) {
  const t = useT();
  const movements = chain.entries.filter((e) => e.effective).length;
  const corrections = chain.entries.filter((e) => e.correctsEntryId !== null).length;
  return (
    <div className="custody-status" role="status">
      <span>{t('custody.status.movements', { count: movements })}</span>
      {corrections > 0 && <span className="muted">{t('custody.status.corrections', { count: corrections })}</span>}
      {chain.breaks.length === 0 ? (
        <Tag minimal intent="success" icon="tick" className="status-tag">
          {t('custody.status.unbroken')}
        </Tag>
      ) : (
        <Tag intent="danger" icon="warning-sign" className="status-tag">
          {t('custody.status.broken', { count: chain.breaks.length })}
        </Tag>
      )}
      <span className="custody-current">
        {t('custody.status.current', { custodian: chain.current.custodian, location: chain.current.location })}{' '}
        <span className="muted">
          {t('custody.status.since')} <DateTimeText value={chain.current.since} />
        </span>
      </span>
      {final && (
        <Tag minimal className="status-tag">
          {t('custody.status.closed')}
        </Tag>
      )}
    </div>
  );
}

function EntryItem(props: { entry: CustodyEntryView; slotOf: Map<string, number | null>; breaks: string[]; onCorrect(): void }) {
  const t = useT();
  const e = props.entry;
  const superseded = !e.effective;
  const correctsSlot = e.correctsEntryId ? props.slotOf.get(e.correctsEntryId) : null;
  const cls = [
    'custody-entry',
    superseded ? 'is-superseded' : '',
    e.correctsEntryId ? 'is-correction' : '',
    props.breaks.length ? 'is-broken' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li id={`custody-entry-${e.id}`} tabIndex={-1} className={cls} aria-label={t('custody.entry.label', { n: e.slot ?? '?' })}>
      <span className="custody-marker" aria-hidden="true">
        {e.slot ?? '?'}
      </span>
      <div className="custody-body">
        <div className="custody-line">
          <span className="custody-at">
            <DateTimeText value={e.at} />
          </span>
          <Tag minimal className="status-tag">
            {t(`custody.purpose.${e.purpose}`)}
          </Tag>
          {e.correctsEntryId && (
            <Tag minimal intent="primary" className="status-tag" icon="edit">
              {t('custody.entry.correction')}
            </Tag>
          )}
          {e.correctsEntryId && (
            <Button
              variant="minimal"
              size="small"
              className="link-button"
              text={t('custody.entry.corrects', { n: correctsSlot ?? '?' })}
              onClick={() => e.correctsEntryId && showEntry(e.correctsEntryId)}
            />
          )}
          {superseded && (
            <Tag minimal intent="warning" className="status-tag" icon="disable">
              {t('custody.entry.superseded')}
            </Tag>
          )}
          {superseded && e.supersededBy && (
            <Button
              variant="minimal"
              size="small"
              className="link-button"
              text={t('custody.entry.showCorrection')}
              onClick={() => e.supersededBy && showEntry(e.supersededBy)}
            />
          )}
          {props.breaks.length > 0 && (
            <Tag intent="danger" icon="warning-sign" className="status-tag">
              {t('custody.entry.break')}
            </Tag>
          )}
        </div>
        <div className="custody-facts">
          <dl className="custody-route">
            <div>
              <dt>{t('custody.field.releasedBy')}</dt>
              <dd>{e.releasedBy}</dd>
            </div>
            <Icon icon="arrow-right" className="custody-arrow" aria-hidden="true" />
            <div>
              <dt>{t('custody.field.receivedBy')}</dt>
              <dd>{e.receivedBy}</dd>
            </div>
          </dl>
          <dl className="custody-route">
            <div>
              <dt>{t('custody.field.fromLocation')}</dt>
              <dd>{e.fromLocation}</dd>
            </div>
            <Icon icon="arrow-right" className="custody-arrow" aria-hidden="true" />
            <div>
              <dt>{t('custody.field.toLocation')}</dt>
              <dd>{e.toLocation}</dd>
            </div>
          </dl>
        </div>
        {(e.sealNumbers.length > 0 || e.condition) && (
          <dl className="custody-extra">
            {e.sealNumbers.length > 0 && (
              <div>
                <dt>{t('custody.field.sealNumbers')}</dt>
                <dd className="mono">{e.sealNumbers.join(', ')}</dd>
              </div>
            )}
            {e.condition && (
              <div>
                <dt>{t('custody.field.condition')}</dt>
                <dd>{e.condition}</dd>
              </div>
            )}
          </dl>
        )}
        {e.notes && <p className="custody-notes prewrap">{e.notes}</p>}
        {props.breaks.map((b, i) => (
          <div key={i} className="custody-break-reason" role="note">
            <Icon icon="warning-sign" intent="danger" size={12} /> {b}
          </div>
        ))}
        <div className="custody-meta">
          <span className="muted">
            {e.recordedByBadge
              ? t('custody.entry.recordedByBadge', { name: e.recordedBy, badge: e.recordedByBadge })
              : t('custody.entry.recordedBy', { name: e.recordedBy })}{' '}
            <DateTimeText value={e.recordedAt} />
          </span>
          {e.effective && (
            <Button
              variant="minimal"
              size="small"
              icon="edit"
              text={t('custody.correct.action')}
              aria-label={t('custody.correct.actionEntry', { n: e.slot ?? '?' })}
              onClick={props.onCorrect}
            />
          )}
        </div>
      </div>
    </li>
  );
}
