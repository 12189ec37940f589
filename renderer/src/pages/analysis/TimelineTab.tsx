import { useCallback, useMemo, useState } from 'react';
import { Button, ButtonGroup, Callout, Checkbox, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useIntl } from 'react-intl';
import type { CaseTimeline, Evidence, TimelineEvent } from '../../../../db/api.ts';
import { TIMELINE_LANES, type TimelineLane } from '../../../../db/shared/inputs/analysis.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { refusalOf } from '../../lib/refusals.ts';
import { navigate } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { useAction } from '../../lib/useAction.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { DataTable, type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { EvidenceDrawer } from '../evidence/EvidenceDrawer.tsx';
import { TimelineChart, type LaneCount } from './TimelineChart.tsx';
import { eventLabel, eventWhen, timelineCsv } from './timelineText.ts';
import { eventTime, fitView, pan, zoom, type View } from './timelineScale.ts';
import './analysis.css';

/** A case's timeline tab: the chart, the same events as a table for the keyboard, and the CSV export. */
export function TimelineTab({ caseId }: { caseId: string }) {
  const t = useT();
  const f = useFormat();
  const { load } = useQuery(() => call('cases.timeline', { caseId }), caseId);
  if (load.state === 'loading') return <Spinner size={24} aria-label={t('common.loading')} />;
  if (load.state === 'error')
    return (
      <Callout intent="danger" role="alert">
        {t('timeline.error', { message: refusalOf(load.error, t, f).message })}
      </Callout>
    );
  return <Timeline key={caseId} data={load.data} />;
}

function Timeline({ data }: { data: CaseTimeline }) {
  const t = useT();
  const intl = useIntl();
  const [hidden, setHidden] = useState<ReadonlySet<TimelineLane>>(new Set());
  const [shown, setShown] = useState<TimelineEvent | null>(null);
  const [evidence, setEvidence] = useState<Evidence | null>(null);

  const counts = useMemo(() => {
    const n = new Map<TimelineLane, number>();
    for (const e of data.events) n.set(e.lane, (n.get(e.lane) ?? 0) + 1);
    return TIMELINE_LANES.filter((l) => n.has(l)).map((lane) => ({ lane, count: n.get(lane) ?? 0 }));
  }, [data]);
  const events = useMemo(() => data.events.filter((e) => !hidden.has(e.lane)), [data, hidden]);
  const lanes = useMemo<LaneCount[]>(() => counts.filter((c) => !hidden.has(c.lane)), [counts, hidden]);
  const fit = useCallback(() => fitView(events.map(eventTime)), [events]);
  const [view, setView] = useState<View>(() => fitView(data.events.map(eventTime)));

  const open = useAction(
    async (e: TimelineEvent) => {
      const r = e.record;
      switch (r.type) {
        case 'case':
          return navigate({ page: 'case', id: r.id, tab: 'overview' });
        case 'seizure':
          return navigate({ page: 'seizure', id: r.id, itemId: r.itemId });
        case 'detention':
          return navigate({ page: 'detention', id: r.id });
        case 'penalty':
          return navigate({ page: 'penalty', id: r.id });
        case 'entity':
          return navigate({ page: 'entity', id: r.id });
        case 'end_use_check':
          return navigate({ page: 'check', id: r.id });
        case 'inspection':
          return navigate({ page: 'inspection', id: r.id });
        case 'compliance_audit':
          return navigate({ page: 'audit', id: r.id });
        case 'evidence':
          setEvidence(await call('evidence.get', { id: r.id }));
      }
    },
    { toastRefusal: true },
  );

  const exportCsv = () => {
    const csv = timelineCsv(events, data.securityMarking, t, intl);
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const filename = `timeline-${data.fileNumber.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}.csv`;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    toast({ message: t('timeline.exported', { filename }), icon: 'export' });
  };

  const toggle = (lane: TimelineLane) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(lane)) next.delete(lane);
      else next.add(lane);
      return next;
    });

  if (data.events.length === 0) {
    return (
      <div className="tab-panel tl-tab">
        <NonIdealState icon="timeline-events" title={t('timeline.empty.title')} description={t('timeline.empty.body')} />
      </div>
    );
  }

  return (
    <div className="tab-panel tl-tab">
      <div className="tl-filters-row">
        <fieldset className="tl-filters">
          <legend>{t('timeline.filter.label')}</legend>
          {counts.map((c) => (
            <Checkbox
              key={c.lane}
              inline
              className={`tl-filter tl-lane-${c.lane}`}
              checked={!hidden.has(c.lane)}
              onChange={() => toggle(c.lane)}
              label={t('timeline.filter.lane', { lane: t(`timeline.lane.${c.lane}`), count: c.count })}
            />
          ))}
        </fieldset>
      </div>
      <div className="tl-toolbar">
        <ButtonGroup>
          <Button
            icon="chevron-left"
            aria-label={t('timeline.earlier')}
            title={t('timeline.earlier')}
            onClick={() => setView((v) => pan(v, -0.2))}
          />
          <Button
            icon="zoom-out"
            aria-label={t('timeline.zoomOut')}
            title={t('timeline.zoomOut')}
            onClick={() => setView((v) => zoom(v, 1.5))}
          />
          <Button
            icon="zoom-in"
            aria-label={t('timeline.zoomIn')}
            title={t('timeline.zoomIn')}
            onClick={() => setView((v) => zoom(v, 1 / 1.5))}
          />
          <Button
            icon="chevron-right"
            aria-label={t('timeline.later')}
            title={t('timeline.later')}
            onClick={() => setView((v) => pan(v, 0.2))}
          />
          <Button icon="zoom-to-fit" text={t('timeline.fit')} onClick={() => setView(fit())} />
        </ButtonGroup>
        <span className="muted" aria-live="polite">
          {t('timeline.chart.range', {
            from: intl.formatDate(view.start, { dateStyle: 'medium' }),
            to: intl.formatDate(view.end, { dateStyle: 'medium' }),
          })}
        </span>
        <span className="tl-spacer" />
        <Button icon="export" text={t('timeline.export')} onClick={exportCsv} disabled={events.length === 0} />
      </div>
      {data.truncated && (
        <Callout intent="warning" compact>
          {t('timeline.truncated', { max: data.events.length })}
        </Callout>
      )}
      <div className="tl-detail">
        {shown ? (
          <span className="tl-detail-event">
            <Tag minimal className={`tl-swatch tl-lane-${shown.lane}`}>
              {t(`timeline.lane.${shown.lane}`)}
            </Tag>
            <span className="num">{eventWhen(shown, t, intl)}</span>
            <span>{eventLabel(shown, t, intl)}</span>
          </span>
        ) : (
          <span className="muted">{t('timeline.detail.hint')}</span>
        )}
      </div>
      {events.length === 0 ? (
        <NonIdealState icon="filter" title={t('timeline.noMatch.title')} description={t('timeline.noMatch.body')} />
      ) : (
        <TimelineChart
          events={events}
          lanes={lanes}
          view={view}
          onView={setView}
          onFit={() => setView(fit())}
          onOpen={(e) => void open.act(e)}
          onShow={setShown}
        />
      )}
      <EventTable events={events} filterKey={[...hidden].sort().join(',')} onOpen={(e) => void open.act(e)} />
      <EvidenceDrawer evidence={evidence} onClose={() => setEvidence(null)} onChanged={setEvidence} />
    </div>
  );
}

/** The same events, filtered alike, as a table: every one reachable with the arrows and Enter. */
function EventTable(props: { events: readonly TimelineEvent[]; filterKey: string; onOpen(e: TimelineEvent): void }) {
  const t = useT();
  const intl = useIntl();
  const { events } = props;
  const columns = useMemo<DataColumn<TimelineEvent>[]>(
    () => [
      {
        id: 'at',
        header: t('timeline.column.at'),
        size: 240,
        align: 'right',
        cell: (e) => <time dateTime={e.at}>{eventWhen(e, t, intl)}</time>,
      },
      {
        id: 'lane',
        header: t('timeline.column.lane'),
        size: 170,
        sortable: false,
        cell: (e) => (
          <Tag minimal className={`tl-swatch tl-lane-${e.lane}`}>
            {t(`timeline.lane.${e.lane}`)}
          </Tag>
        ),
      },
      { id: 'event', header: t('timeline.column.event'), size: 560, sortable: false, cell: (e) => eventLabel(e, t, intl) },
      {
        id: 'record',
        header: t('timeline.column.record'),
        size: 130,
        sortable: false,
        cell: (e) => t(`record.${e.record.type}`),
      },
    ],
    [t, intl],
  );
  const fetchPage = useCallback(
    (req: PageRequest) => {
      const rows = req.sort?.direction === 'desc' ? [...events].reverse() : events;
      return Promise.resolve({ total: rows.length, rows: rows.slice(req.offset, req.offset + req.limit) });
    },
    [events],
  );
  return (
    <div className="tl-table">
      <DataTable<TimelineEvent>
        tableId="timeline"
        label={t('timeline.table.label')}
        columns={columns}
        defaultSort={{ column: 'at', direction: 'asc' }}
        queryKey={props.filterKey}
        fetchPage={fetchPage}
        rowKey={(e) => e.id}
        onOpen={props.onOpen}
        countLabel={(count) => t('timeline.count', { count })}
        empty={() => <NonIdealState icon="filter" title={t('timeline.noMatch.title')} description={t('timeline.noMatch.body')} />}
      />
    </div>
  );
}
