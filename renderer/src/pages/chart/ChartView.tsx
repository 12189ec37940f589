import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Callout,
  HTMLSelect,
  Menu,
  MenuItem,
  NonIdealState,
  Popover,
  SegmentedControl,
  Spinner,
} from '@blueprintjs/core';
import { useIntl } from 'react-intl';
import type { EntityLink, EntitySummary } from '../../../../db/api.ts';
import { CASE_ROLES } from '../../../../db/shared/domain.ts';
import { GRAPH_CASE_PARTIES, GRAPH_DEFAULT_NODES } from '../../../../db/shared/inputs/graph.ts';
import { useFormat, useLocale, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { navigate } from '../../lib/router.ts';
import { useTheme } from '../../lib/theme.tsx';
import { toast } from '../../lib/toaster.ts';
import { refusalOf } from '../../lib/refusals.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { AddLinkDialog } from '../entities/AddLinkDialog.tsx';
import { formKeyOf } from '../entities/entityForm.ts';
import {
  addLink,
  collapse,
  degrees,
  expand,
  isEnded,
  modelOf,
  NO_FILTER,
  visibleOf,
  type ChartFilter,
  type ChartModel,
  type Graph,
  type GraphLink,
  type GraphNode,
} from './chart-model.ts';
import { ChartFilters } from './ChartFilters.tsx';
import { ChartLegend } from './ChartLegend.tsx';
import { ChartPanel, type PathState } from './ChartPanel.tsx';
import { ChartTable } from './ChartTable.tsx';
import { LinkChart, type ChartEdgeView, type ChartNodeView, type Direction, type LinkChartHandle } from './LinkChart.tsx';
import './chart.css';

export type ChartSource = { kind: 'case'; caseId: string } | { kind: 'entity'; entityId: string };

const SYMMETRIC = new Set(['same_as', 'associated']);
const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function graphLinkOf(l: EntityLink): GraphLink {
  const { id, type, fromId, toId, shareBp, confidence, validFrom, validTo, source } = l;
  return { id, type, fromId, toId, shareBp, confidence, validFrom, validTo, source };
}

/**
 * The link chart of a case or of an entity: the chart (or its tables), its filters and tools, the
 * selection panel and the legend. Loads the neighbourhood, then keeps what is expanded, collapsed
 * or drawn on it in memory until the depth changes.
 */
export function ChartView(props: {
  source: ChartSource;
  /** Names the chart in its exports. */
  title: string;
  fileBase: string;
  onEmptyAction?: () => void;
}) {
  const t = useT();
  const f = useFormat();
  const intl = useIntl();
  const { locale } = useLocale();
  const { dark } = useTheme();
  const { source } = props;
  const sourceKey = source.kind === 'case' ? `case:${source.caseId}` : `entity:${source.entityId}`;
  // The contract's defaults: the case's parties and their neighbours; two links around an entity.
  const [hops, setHops] = useState(source.kind === 'case' ? 1 : 2);
  const { load, reload } = useQuery<Graph>(
    () =>
      source.kind === 'case'
        ? call('graph.case', { caseId: source.caseId, hops })
        : call('graph.entity', { entityId: source.entityId, hops }),
    `${sourceKey}:${hops}`,
  );
  const [model, setModel] = useState<ChartModel | null>(null);
  // Each answer loaded is a new chart, laid out afresh (expansions and drawn links change the model, not this).
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (load.state !== 'ready') return;
    setModel(modelOf(load.data));
    setGeneration((g) => g + 1);
  }, [load]);

  const [filter, setFilter] = useState<ChartFilter>(NO_FILTER);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [selected, setSelected] = useState<string[]>([]);
  const [path, setPath] = useState<PathState>(null);
  const [linkFrom, setLinkFrom] = useState<string | null>(null);
  const [drawn, setDrawn] = useState<{ from: GraphNode; to: GraphNode } | null>(null);
  const [grownFrom, setGrownFrom] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const chart = useRef<LinkChartHandle>(null);
  const todayDate = useMemo(() => today(), []);

  const roleLabel = useCallback(
    (role: string) =>
      (CASE_ROLES as readonly string[]).includes(role)
        ? t(`entity.role.${role as (typeof CASE_ROLES)[number]}`)
        : (GRAPH_CASE_PARTIES as readonly string[]).includes(role)
          ? t(`chart.party.${role as (typeof GRAPH_CASE_PARTIES)[number]}`)
          : role,
    [t],
  );
  const shareText = useCallback(
    (l: GraphLink) =>
      l.shareBp === null ? '' : intl.formatNumber(l.shareBp / 10000, { style: 'percent', maximumFractionDigits: 2 }),
    [intl],
  );
  const edgeLabel = useCallback(
    (l: GraphLink) => {
      const words = t(`entity.link.out.${l.type}`).toLocaleLowerCase(locale);
      return l.shareBp === null ? words : `${words} ${shareText(l)}`;
    },
    [t, locale, shareText],
  );
  /** The link as read from one of its ends. */
  const relation = useCallback(
    (l: GraphLink, side: string) => {
      const words = t(`entity.link.${l.fromId === side || SYMMETRIC.has(l.type) ? 'out' : 'in'}.${l.type}`);
      return l.shareBp === null ? words : `${words} ${shareText(l)}`;
    },
    [t, shareText],
  );

  const shown = useMemo(() => (model ? visibleOf(model, filter) : { nodes: [], links: [] }), [model, filter]);
  const degree = useMemo(() => degrees(shown.links), [shown.links]);
  const allDegree = useMemo(() => degrees(model ? [...model.links.values()] : []), [model]);
  const nodeById = useMemo(() => new Map(model ? [...model.nodes] : []), [model]);
  const hidden = useMemo(() => {
    const nodes = new Set(model ? model.nodes.keys() : []);
    for (const n of shown.nodes) nodes.delete(n.id);
    const links = new Set(model ? model.links.keys() : []);
    for (const l of shown.links) links.delete(l.id);
    return { nodes, links };
  }, [model, shown]);

  const nodeViews = useMemo<ChartNodeView[]>(
    () =>
      model
        ? [...model.nodes.values()].map((n) => {
            const d = allDegree.get(n.id) ?? 0;
            return {
              id: n.id,
              key: formKeyOf(n),
              label: n.name,
              seed: n.hop === 0,
              // Where labels would overlap, the case's own entities first, then people, companies and
              // addresses before shipments and conveyances, the best connected first.
              rank: (n.hop === 0 ? 10_000 : 0) + (['person', 'organization', 'address'].includes(n.kind) ? 1000 : 0) + d,
              title: [n.name, t(`entity.kind.${formKeyOf(n)}`), ...n.caseRoles.map(roleLabel)].join(' · '),
            };
          })
        : [],
    [model, allDegree, t, roleLabel],
  );
  const edgeViews = useMemo<ChartEdgeView[]>(
    () =>
      model
        ? [...model.links.values()].map((l) => ({
            id: l.id,
            from: l.fromId,
            to: l.toId,
            label: edgeLabel(l),
            confidence: l.confidence,
            ended: isEnded(l, todayDate),
            symmetric: SYMMETRIC.has(l.type),
          }))
        : [],
    [model, edgeLabel, todayDate],
  );

  const clearPath = useCallback(() => {
    chart.current?.clearPath();
    setPath(null);
  }, []);

  const toggleExpand = useCallback(
    async (id: string) => {
      if (!model || busy) return;
      const node = model.nodes.get(id);
      if (!node) return;
      clearPath();
      if (model.expansions.has(id)) {
        setModel(collapse(model, id));
        toast({ message: t('chart.collapsed', { name: node.name }), icon: 'collapse-all' });
        return;
      }
      setBusy(id);
      try {
        const around = await call('graph.entity', { entityId: id, hops: 1, maxNodes: GRAPH_DEFAULT_NODES });
        const next = expand(model, id, around);
        setGrownFrom(id);
        setModel(next.model);
        toast({
          message: around.truncated
            ? t('chart.expandedCut', { count: around.nodes.length, name: node.name })
            : t('chart.expanded', { count: next.added.nodes.length, name: node.name }),
          icon: 'expand-all',
        });
      } catch (err) {
        toast({ message: refusalOf(err, t, f).message, intent: 'danger' });
      } finally {
        setBusy(null);
      }
    },
    [model, busy, clearPath, t, f],
  );

  const startDrawing = useCallback(
    (fromId: string, toId: string) => {
      const from = nodeById.get(fromId);
      const to = nodeById.get(toId);
      setLinkFrom(null);
      if (from && to && from.id !== to.id) setDrawn({ from, to });
    },
    [nodeById],
  );

  const showPath = useCallback(() => {
    const [a, b] = selected;
    if (!a || !b || !chart.current) return;
    const found = chart.current.showPath(a, b);
    setPath(found ?? 'none');
  }, [selected]);

  const exportAs = (format: 'png' | 'svg') => {
    if (!chart.current) return;
    const filename = `${props.fileBase}-${todayDate}.${format}`;
    if (format === 'png') download(chart.current.png(), filename);
    else {
      const caption = t('chart.export.caption', {
        title: props.title,
        nodes: shown.nodes.length,
        links: shown.links.length,
        date: f.date(todayDate),
      });
      download(new Blob([chart.current.svg(props.title, caption)], { type: 'image/svg+xml;charset=utf-8' }), filename);
    }
    toast({ message: t('chart.exported', { filename }), icon: 'export' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const c = chart.current;
    if (!c || e.ctrlKey || e.metaKey || e.altKey) return;
    const last = selected[selected.length - 1];
    const direction = ARROWS[e.key];
    let handled = true;
    if (direction) c.move(direction, e.shiftKey);
    else if (e.key === 'Enter') {
      if (linkFrom && last) startDrawing(linkFrom, last);
      else if (last) navigate({ page: 'entity', id: last });
    } else if (e.key === 'e' || e.key === 'E') {
      if (last) void toggleExpand(last);
    } else if (e.key === 'l' || e.key === 'L') {
      if (last) setLinkFrom(last);
    } else if (e.key === 'p' || e.key === 'P') showPath();
    else if (e.key === '+' || e.key === '=') c.zoomBy(1.25);
    else if (e.key === '-' || e.key === '_') c.zoomBy(0.8);
    else if (e.key === 'f' || e.key === 'F') c.fit();
    else if (e.key === 'Escape') {
      if (linkFrom) setLinkFrom(null);
      else if (path) clearPath();
      else c.select([]);
    } else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  useEffect(() => {
    if (view === 'chart') chart.current?.fit();
  }, [view]);

  if (load.state !== 'ready' && !model)
    return load.state === 'loading' ? (
      <div className="page-center">
        <Spinner aria-label={t('chart.loading')} />
      </div>
    ) : (
      <NonIdealState
        icon="error"
        title={t('error.title')}
        description={load.state === 'error' ? refusalOf(load.error, t, f).message : undefined}
        action={<Button icon="refresh" text={t('common.retry')} onClick={() => void reload()} />}
      />
    );
  if (!model) return null;
  const totalNodes = model.nodes.size;
  const totalLinks = model.links.size;

  if (totalNodes === 0 && source.kind === 'case')
    return (
      <div className="tab-panel chart-empty">
        <NonIdealState
          icon="graph"
          title={t('chart.empty.title')}
          description={t('chart.empty.body')}
          action={
            props.onEmptyAction && (
              <Button intent="primary" icon="people" text={t('chart.empty.action')} onClick={props.onEmptyAction} />
            )
          }
        />
      </div>
    );

  const selectedNodes = selected.map((id) => model.nodes.get(id)).filter((n): n is GraphNode => n !== undefined);
  const depthChoices = source.kind === 'case' ? [0, 1, 2, 3, 4] : [1, 2, 3, 4];
  const filteredCount =
    shown.nodes.length === totalNodes && shown.links.length === totalLinks
      ? t('chart.count', { nodes: totalNodes, links: totalLinks })
      : t('chart.countFiltered', {
          nodes: shown.nodes.length,
          links: shown.links.length,
          allNodes: totalNodes,
          allLinks: totalLinks,
        });

  const help = (
    <div className="chart-help" role="note" aria-label={t('chart.help.title')}>
      <h4>{t('chart.help.title')}</h4>
      <p>{t('chart.help.tab')}</p>
      <ul>
        {(
          [
            'chart.help.arrows',
            'chart.help.shiftArrows',
            'chart.help.enter',
            'chart.help.expand',
            'chart.help.link',
            'chart.help.path',
            'chart.help.zoom',
            'chart.help.escape',
          ] as const
        ).map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <p>{t('chart.help.mouse')}</p>
      <p>{t('chart.help.table')}</p>
    </div>
  );

  return (
    <div className="chart-view">
      <div className="chart-toolbar" role="toolbar" aria-label={t('chart.toolbar')}>
        <SegmentedControl
          small
          aria-label={t('chart.view')}
          value={view}
          onValueChange={(v) => setView(v === 'table' ? 'table' : 'chart')}
          options={[
            { value: 'chart', label: t('chart.view.chart') },
            { value: 'table', label: t('chart.view.table') },
          ]}
        />
        <label className="chart-depth">
          <span className="muted">{t('chart.depth')}</span>
          <HTMLSelect
            minimal
            value={hops}
            onChange={(e) => {
              setSelected([]);
              setPath(null);
              setHops(Number(e.currentTarget.value));
            }}
            options={depthChoices.map((h) => ({ value: h, label: t('chart.depth.value', { hops: h }) }))}
          />
        </label>
        <ChartFilters filter={filter} onChange={setFilter} />
        <span className="dt-spacer" />
        <span className="dt-count" role="status">
          {filteredCount}
        </span>
        <ButtonGroup>
          <Button
            small
            icon="zoom-to-fit"
            aria-label={t('chart.fit')}
            title={t('chart.fit')}
            onClick={() => chart.current?.fit()}
            disabled={view !== 'chart'}
          />
          <Button
            small
            icon="zoom-in"
            aria-label={t('chart.zoomIn')}
            title={t('chart.zoomIn')}
            onClick={() => chart.current?.zoomBy(1.25)}
            disabled={view !== 'chart'}
          />
          <Button
            small
            icon="zoom-out"
            aria-label={t('chart.zoomOut')}
            title={t('chart.zoomOut')}
            onClick={() => chart.current?.zoomBy(0.8)}
            disabled={view !== 'chart'}
          />
        </ButtonGroup>
        <Popover
          placement="bottom-end"
          content={
            <Menu aria-label={t('chart.export')}>
              <MenuItem icon="media" text={t('chart.export.png')} onClick={() => exportAs('png')} />
              <MenuItem icon="draw" text={t('chart.export.svg')} onClick={() => exportAs('svg')} />
            </Menu>
          }
        >
          <Button small icon="export" endIcon="caret-down" text={t('chart.export')} disabled={view !== 'chart'} />
        </Popover>
        <Popover content={help} placement="bottom-end">
          <Button small icon="help" text={t('chart.help')} />
        </Popover>
      </div>
      {model.truncated && (
        <Callout compact intent="warning" icon="warning-sign" className="chart-callout">
          {t('chart.truncated', { count: totalNodes })}
        </Callout>
      )}
      {linkFrom && (
        <Callout compact intent="primary" icon="new-link" className="chart-callout chart-linking" role="status">
          {t('chart.linking', { name: nodeById.get(linkFrom)?.name ?? '' })}{' '}
          <Button small variant="minimal" text={t('chart.linking.cancel')} onClick={() => setLinkFrom(null)} />
        </Callout>
      )}
      <div className={`chart-body${view === 'table' ? ' is-table' : ''}`}>
        <div className="chart-main" hidden={view !== 'chart'}>
          <LinkChart
            key={generation}
            ref={chart}
            nodes={nodeViews}
            edges={edgeViews}
            hiddenNodes={hidden.nodes}
            hiddenEdges={hidden.links}
            dark={dark}
            grownFrom={grownFrom}
            linkingFrom={linkFrom}
            label={t('chart.canvas', { nodes: shown.nodes.length, links: shown.links.length })}
            describedBy="chart-help-text"
            onSelect={(ids) => {
              setSelected(ids);
              if (path) clearPath();
            }}
            onToggleExpand={(id) => void toggleExpand(id)}
            onTapNode={(id) => {
              if (!linkFrom) return false;
              if (id !== linkFrom) startDrawing(linkFrom, id);
              return true;
            }}
            onDraw={startDrawing}
            onStartLinking={setLinkFrom}
            onKeyDown={onKeyDown}
            tooltip={(kind, id) => (kind === 'node' ? nodeTip(id) : edgeTip(id))}
            drawLabel={(name) => t('chart.draw', { name })}
          />
          {shown.links.length === 0 && totalLinks > 0 && (
            <NonIdealState
              className="chart-none-shown"
              icon="filter"
              title={t('chart.noneShown.title')}
              description={t('chart.noneShown.body')}
            />
          )}
          <p id="chart-help-text" className="chart-visually-hidden">
            {t('chart.help.tab')} {t('chart.help.arrows')}. {t('chart.help.enter')}. {t('chart.help.expand')}.{' '}
            {t('chart.help.link')}. {t('chart.help.path')}. {t('chart.help.zoom')}.
          </p>
        </div>
        {view === 'table' && (
          <div className="chart-main">
            <ChartTable nodes={shown.nodes} links={shown.links} degree={degree} roleLabel={roleLabel} />
          </div>
        )}
        <aside className="chart-side" hidden={view !== 'chart'}>
          <ChartPanel
            selected={selectedNodes}
            links={shown.links}
            nodeById={nodeById}
            expanded={new Set(model.expansions.keys())}
            path={path}
            busy={busy}
            ofCase={source.kind === 'case'}
            roleLabel={roleLabel}
            relation={relation}
            onToggleExpand={(id) => void toggleExpand(id)}
            onDraw={(id) => {
              setLinkFrom(id);
              chart.current?.focus();
            }}
            onSelect={(id) => {
              chart.current?.select([id]);
              chart.current?.focus();
            }}
            onShowPath={showPath}
            onClearPath={clearPath}
          />
          <ChartLegend dark={dark} />
        </aside>
      </div>
      {drawn && (
        <AddLinkDialog
          isOpen
          entity={drawn.from}
          other={summaryOf(drawn.to)}
          onClose={() => setDrawn(null)}
          onLinked={(link) => {
            setDrawn(null);
            setModel((m) => (m ? addLink(m, graphLinkOf(link)) : m));
          }}
        />
      )}
    </div>
  );

  function nodeTip(id: string) {
    const n = model?.nodes.get(id);
    if (!n) return null;
    return (
      <>
        <strong>{n.name}</strong>
        <div className="muted">{[t(`entity.kind.${formKeyOf(n)}`), n.country].filter(Boolean).join(' · ')}</div>
        {n.caseRoles.length > 0 && <div>{n.caseRoles.map(roleLabel).join(', ')}</div>}
        <div className="muted">{t(model?.expansions.has(id) ? 'chart.tooltip.collapse' : 'chart.tooltip.expand')}</div>
      </>
    );
  }

  function edgeTip(id: string) {
    const l = model?.links.get(id);
    if (!l) return null;
    const from = model?.nodes.get(l.fromId)?.name ?? '';
    const to = model?.nodes.get(l.toId)?.name ?? '';
    return (
      <>
        <strong>
          {from} — {t(`entity.link.out.${l.type}`).toLocaleLowerCase(locale)} — {to}
        </strong>
        {l.shareBp !== null && <div>{t('chart.tooltip.share', { share: shareText(l) })}</div>}
        <div>{t(`entity.link.confidence.${l.confidence}`)}</div>
        {(l.validFrom || l.validTo) && (
          <div>
            {t('chart.tooltip.dates', { from: l.validFrom ? f.date(l.validFrom) : '…', to: l.validTo ? f.date(l.validTo) : '…' })}
            {isEnded(l, todayDate) && ` · ${t('chart.tooltip.ended')}`}
          </div>
        )}
        <div className="muted">{t('chart.tooltip.source', { source: l.source })}</div>
      </>
    );
  }
}

function summaryOf(n: GraphNode): EntitySummary {
  return { id: n.id, kind: n.kind, subtype: n.subtype, name: n.name, country: n.country };
}
