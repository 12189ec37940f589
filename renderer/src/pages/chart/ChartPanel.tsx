import { AnchorButton, Button, Icon } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';
import { routeHref } from '../../lib/router.ts';
import { CountryText, KindTag, KIND_ICONS } from '../entities/EntityTags.tsx';
import { formKeyOf } from '../entities/entityForm.ts';
import type { GraphLink, GraphNode } from './chart-model.ts';

export type PathState = { nodes: string[]; links: string[] } | 'none' | null;

interface Props {
  selected: readonly GraphNode[];
  links: readonly GraphLink[];
  nodeById: ReadonlyMap<string, GraphNode>;
  expanded: ReadonlySet<string>;
  path: PathState;
  busy: string | null;
  /** A case's chart starts from its own entities, whose roles say why they are there. */
  ofCase: boolean;
  roleLabel(role: string): string;
  /** The link as read from `fromSide`: "Owns 51 %", "Owned by". */
  relation(link: GraphLink, fromSide: string): string;
  onToggleExpand(id: string): void;
  onDraw(id: string): void;
  onSelect(id: string): void;
  onShowPath(): void;
  onClearPath(): void;
}

/** What is selected on the chart, what can be done with it, and the shortest path between two. */
export function ChartPanel(props: Props) {
  const t = useT();
  const { selected, nodeById } = props;
  const path = props.path && props.path !== 'none' ? props.path : null;
  const one = selected.length === 1 ? selected[0] : undefined;
  return (
    <section className="chart-selection" aria-label={t('chart.panel')} aria-live="polite">
      <h3 className="chart-side-title">{t('chart.panel')}</h3>
      {selected.length === 0 && <p className="muted chart-side-text">{t('chart.panel.none')}</p>}
      {one && <One {...props} node={one} />}
      {selected.length === 2 && (
        <div className="chart-two">
          <p className="chart-side-text">{t('chart.panel.two')}</p>
          <ol className="chart-two-list">
            {selected.map((n) => (
              <li key={n.id}>
                <Icon icon={KIND_ICONS[formKeyOf(n)]} size={12} className="muted" aria-hidden />
                {n.name}
              </li>
            ))}
          </ol>
          <div className="chart-actions">
            <Button small intent="primary" icon="route" text={t('chart.panel.showPath')} onClick={props.onShowPath} />
            {props.path && <Button small icon="cross" text={t('chart.panel.clearPath')} onClick={props.onClearPath} />}
          </div>
        </div>
      )}
      {selected.length > 2 && <p className="muted chart-side-text">{t('chart.panel.many', { count: selected.length })}</p>}
      {props.path === 'none' && <p className="chart-side-text">{t('chart.panel.noPath')}</p>}
      {path && (
        <div className="chart-path">
          <h4 className="chart-side-subtitle">
            {t('chart.panel.path')} · {t('chart.panel.pathLength', { count: path.links.length })}
          </h4>
          <ol className="chart-path-list">
            {path.nodes.map((id, i, all) => {
              const node = nodeById.get(id);
              const step = i < all.length - 1 && path ? props.links.find((l) => l.id === path.links[i]) : undefined;
              return (
                <li key={id}>
                  <a href={routeHref({ page: 'entity', id })}>{node?.name ?? id}</a>
                  {step && <div className="muted chart-path-step">↓ {props.relation(step, id)}</div>}
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}

function One(props: Props & { node: GraphNode }) {
  const t = useT();
  const { node } = props;
  const own = props.links.filter((l) => l.fromId === node.id || l.toId === node.id);
  const expanded = props.expanded.has(node.id);
  return (
    <div className="chart-one">
      <div className="chart-one-name">
        <a href={routeHref({ page: 'entity', id: node.id })} className="cell-title">
          {node.name}
        </a>
      </div>
      <div className="chart-one-facts">
        <KindTag kind={node.kind} subtype={node.subtype} />
        {node.country && <CountryText code={node.country} />}
      </div>
      {!(props.ofCase && node.hop === 0) && (
        <div className="muted chart-side-text">{t('chart.panel.hop', { hop: node.hop })}</div>
      )}
      {node.caseRoles.length > 0 && (
        <div className="chart-side-text">
          <span className="muted">{t('chart.panel.roles')}: </span>
          {node.caseRoles.map(props.roleLabel).join(', ')}
        </div>
      )}
      <div className="chart-actions">
        <Button
          small
          icon={expanded ? 'collapse-all' : 'expand-all'}
          text={expanded ? t('chart.panel.collapse') : t('chart.panel.expand')}
          loading={props.busy === node.id}
          onClick={() => props.onToggleExpand(node.id)}
        />
        <Button small icon="new-link" text={t('chart.panel.drawLink')} onClick={() => props.onDraw(node.id)} />
        <AnchorButton
          small
          icon="document-open"
          href={routeHref({ page: 'entity', id: node.id })}
          text={t('chart.panel.openRecord')}
        />
      </div>
      <h4 className="chart-side-subtitle">{t('chart.panel.links', { count: own.length })}</h4>
      <ul className="chart-one-links">
        {own.slice(0, 40).map((l) => {
          const otherId = l.fromId === node.id ? l.toId : l.fromId;
          const other = props.nodeById.get(otherId);
          return (
            <li key={l.id}>
              <span className="muted">{props.relation(l, node.id)}</span>{' '}
              <button
                type="button"
                className="chart-link-button"
                aria-label={t('chart.panel.goTo', { name: other?.name ?? '' })}
                onClick={() => props.onSelect(otherId)}
              >
                {other?.name}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
