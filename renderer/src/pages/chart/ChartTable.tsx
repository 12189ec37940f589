import { useCallback, useMemo } from 'react';
import { NonIdealState } from '@blueprintjs/core';
import { useIntl } from 'react-intl';
import { LINK_CONFIDENCES, LINK_TYPES } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { DateText } from '../../components/DateText.tsx';
import { DataTable, type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { RowLink } from '../../table/RowLink.tsx';
import { CountryText, KindTag } from '../entities/EntityTags.tsx';
import { formKeyOf } from '../entities/entityForm.ts';
import { CHART_KINDS } from './chart-style.ts';
import type { GraphLink, GraphNode } from './chart-model.ts';

type Sort = PageRequest['sort'];

function sorted<Row>(rows: Row[], sort: Sort, keys: Record<string, (r: Row) => string | number>): Row[] {
  const key = sort ? keys[sort.column] : undefined;
  if (!sort || !key) return rows;
  const dir = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
  });
}

/**
 * The chart as two tables, for reading it without a mouse or a canvas: its entities and its links,
 * with the chart's filters applied; each row opens its record (a link, the entity it starts from).
 */
export function ChartTable(props: {
  nodes: readonly GraphNode[];
  links: readonly GraphLink[];
  degree: ReadonlyMap<string, number>;
  roleLabel(role: string): string;
}) {
  const t = useT();
  const intl = useIntl();
  const { nodes, links, degree, roleLabel } = props;
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const nameOf = useCallback((id: string) => byId.get(id)?.name ?? '', [byId]);
  const share = useCallback(
    (l: GraphLink) =>
      l.shareBp === null ? '' : intl.formatNumber(l.shareBp / 10000, { style: 'percent', maximumFractionDigits: 2 }),
    [intl],
  );

  const nodeColumns = useMemo<DataColumn<GraphNode>[]>(
    () => [
      { id: 'name', header: t('chart.table.name'), size: 300, cell: (n) => <span className="cell-title">{n.name}</span> },
      {
        id: 'kind',
        header: t('chart.table.kind'),
        size: 150,
        filter: { kind: 'select', options: CHART_KINDS.map((k) => ({ value: k, label: t(`entity.kind.${k}`) })) },
        cell: (n) => <KindTag kind={n.kind} subtype={n.subtype} />,
      },
      {
        id: 'country',
        header: t('chart.table.country'),
        size: 170,
        // Compact (the name on hover): the muted name would not keep its contrast on the active row.
        cell: (n) => (n.country ? <CountryText code={n.country} compact /> : t('common.none')),
      },
      { id: 'hop', header: t('chart.table.hop'), size: 150, align: 'right', cell: (n) => n.hop },
      { id: 'degree', header: t('chart.table.degree'), size: 80, align: 'right', cell: (n) => degree.get(n.id) ?? 0 },
      {
        id: 'roles',
        header: t('chart.table.roles'),
        size: 260,
        sortable: false,
        cell: (n) => (n.caseRoles.length ? n.caseRoles.map(roleLabel).join(', ') : t('common.none')),
      },
    ],
    [t, degree, roleLabel],
  );

  const linkColumns = useMemo<DataColumn<GraphLink>[]>(
    () => [
      {
        id: 'from',
        header: t('chart.table.from'),
        size: 240,
        cell: (l) => <RowLink route={{ page: 'entity', id: l.fromId }}>{nameOf(l.fromId)}</RowLink>,
      },
      {
        id: 'relation',
        header: t('chart.table.relation'),
        size: 170,
        filter: { kind: 'select', options: LINK_TYPES.map((type) => ({ value: type, label: t(`entity.link.out.${type}`) })) },
        cell: (l) => t(`entity.link.out.${l.type}`),
      },
      {
        id: 'to',
        header: t('chart.table.to'),
        size: 240,
        cell: (l) => <RowLink route={{ page: 'entity', id: l.toId }}>{nameOf(l.toId)}</RowLink>,
      },
      { id: 'share', header: t('chart.table.share'), size: 80, align: 'right', cell: share },
      {
        id: 'confidence',
        header: t('chart.table.confidence'),
        size: 120,
        filter: { kind: 'select', options: LINK_CONFIDENCES.map((c) => ({ value: c, label: t(`entity.link.confidence.${c}`) })) },
        cell: (l) => t(`entity.link.confidence.${l.confidence}`),
      },
      {
        id: 'validFrom',
        header: t('chart.table.validFrom'),
        size: 120,
        align: 'right',
        cell: (l) => <DateText value={l.validFrom} />,
      },
      { id: 'validTo', header: t('chart.table.validTo'), size: 120, align: 'right', cell: (l) => <DateText value={l.validTo} /> },
      { id: 'source', header: t('chart.table.source'), size: 240, cell: (l) => l.source },
    ],
    [t, nameOf, share],
  );

  // The chart is in memory: its tables sort and filter it here, a page at a time.
  const fetchNodes = useCallback(
    async (req: PageRequest) => {
      const kind = req.filters.kind;
      const rows = sorted(
        nodes.filter((n) => !kind || formKeyOf(n) === kind),
        req.sort,
        {
          name: (n) => n.name.toLocaleLowerCase(),
          kind: (n) => formKeyOf(n),
          country: (n) => n.country ?? '',
          hop: (n) => n.hop,
          degree: (n) => degree.get(n.id) ?? 0,
        },
      );
      return { total: rows.length, rows: rows.slice(req.offset, req.offset + req.limit) };
    },
    [nodes, degree],
  );
  const fetchLinks = useCallback(
    async (req: PageRequest) => {
      const { relation, confidence } = req.filters;
      const rows = sorted(
        links.filter((l) => (!relation || l.type === relation) && (!confidence || l.confidence === confidence)),
        req.sort,
        {
          from: (l) => nameOf(l.fromId).toLocaleLowerCase(),
          relation: (l) => l.type,
          to: (l) => nameOf(l.toId).toLocaleLowerCase(),
          share: (l) => l.shareBp ?? -1,
          confidence: (l) => LINK_CONFIDENCES.indexOf(l.confidence),
          validFrom: (l) => l.validFrom ?? '',
          validTo: (l) => l.validTo ?? '9999',
          source: (l) => l.source.toLocaleLowerCase(),
        },
      );
      return { total: rows.length, rows: rows.slice(req.offset, req.offset + req.limit) };
    },
    [links, nameOf],
  );

  const empty = (filtered: boolean) => (
    <NonIdealState icon={filtered ? 'search' : 'graph'} description={t(filtered ? 'chart.table.noMatch' : 'chart.table.empty')} />
  );
  return (
    <div className="chart-tables">
      <DataTable<GraphNode>
        tableId="chart-entities"
        label={t('chart.table.entities')}
        columns={nodeColumns}
        defaultSort={{ column: 'hop', direction: 'asc' }}
        queryKey=""
        fetchPage={fetchNodes}
        rowKey={(n) => n.id}
        onOpen={(n) => navigate({ page: 'entity', id: n.id })}
        countLabel={(count) => t('chart.table.entitiesCount', { count })}
        empty={empty}
      />
      <DataTable<GraphLink>
        tableId="chart-links"
        label={t('chart.table.links')}
        columns={linkColumns}
        defaultSort={{ column: 'from', direction: 'asc' }}
        queryKey=""
        fetchPage={fetchLinks}
        rowKey={(l) => l.id}
        onOpen={(l) => navigate({ page: 'entity', id: l.fromId })}
        countLabel={(count) => t('chart.table.linksCount', { count })}
        empty={empty}
      />
    </div>
  );
}
