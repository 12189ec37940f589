import { useCallback, useMemo, type KeyboardEvent, type MouseEvent } from 'react';
import { Callout, Card, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import type { IconName } from '@blueprintjs/icons';
import type { WhereElseCase, WhereElseResult, WhereElseTruncation } from '../../../../db/api.ts';
import { WHERE_ELSE_TIES, type WhereElseTie } from '../../../../db/shared/inputs/analysis.ts';
import { useFormat, useT, type Translate } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { refusalOf } from '../../lib/refusals.ts';
import { navigate, routeHref } from '../../lib/router.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { DataTable, type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { StatusTag } from '../../components/Tags.tsx';
import { chipText, explainText } from './whereElseText.ts';
import './analysis.css';

/** Chips shown in a row before "+N": the rest are in the row's title and on the case. */
const CHIPS_SHOWN = 2;
const ROW = 30;
/** The table's toolbar and its two header rows (DataTable's sticky head). */
const CHROME = 40 + 64;

const TIE_ICONS: Record<WhereElseTie, IconName> = { entity: 'people', identifier: 'id-number', link: 'link' };

function truncationText(x: WhereElseTruncation, t: Translate): string {
  return t(`whereElse.truncated.${x.step}`, { limit: x.limit, name: x.entity?.name ?? '' });
}

/**
 * "Where else": the other cases tied to this case (or to this entity), strongest first, each with
 * what it shares as chips that open the entity of the other case.
 */
export function WhereElsePanel(props: { caseId: string } | { entityId: string }) {
  const t = useT();
  const f = useFormat();
  const forCase = 'caseId' in props;
  const key = forCase ? props.caseId : props.entityId;
  const { load } = useQuery<WhereElseResult>(
    () => ('caseId' in props ? call('cases.whereElse', { caseId: key }) : call('entities.whereElse', { entityId: key })),
    `${forCase ? 'case' : 'entity'}:${key}`,
  );
  const data = load.state === 'ready' ? load.data : null;
  const results = useMemo(() => data?.results ?? [], [data]);

  const columns = useMemo<DataColumn<WhereElseCase>[]>(
    () => [
      {
        id: 'case',
        header: t('whereElse.column.case'),
        size: 230,
        filter: { kind: 'text' },
        cell: (r) => (
          <a
            href={routeHref({ page: 'case', id: r.case.id, tab: 'overview' })}
            className="we-case"
            title={t('whereElse.caseTitle', { number: r.case.fileNumber, title: r.case.title, date: f.date(r.case.openedOn) })}
            onClick={keepKeys}
            onKeyDown={keepKeys}
          >
            <span className="mono">{r.case.fileNumber}</span> {r.case.title}
          </a>
        ),
      },
      { id: 'score', header: t('whereElse.column.score'), size: 78, align: 'right', cell: (r) => r.score },
      {
        id: 'shared',
        header: t('whereElse.column.shared'),
        size: 340,
        sortable: false,
        filter: { kind: 'select', options: WHERE_ELSE_TIES.map((tie) => ({ value: tie, label: t(`whereElse.tie.${tie}`) })) },
        cell: (r) => <SharedChips row={r} />,
      },
      {
        id: 'status',
        header: t('whereElse.column.status'),
        size: 130,
        sortable: false,
        cell: (r) => <StatusTag status={r.case.status} />,
      },
    ],
    [t, f],
  );

  const fetchPage = useCallback(
    (req: PageRequest) => {
      const text = (req.filters.case ?? '').trim().toLowerCase();
      const tie = req.filters.shared ?? '';
      let rows = results.filter(
        (r) =>
          (!text || `${r.case.fileNumber} ${r.case.title}`.toLowerCase().includes(text)) &&
          (!tie || r.shared.some((s) => s.tie === tie)),
      );
      const dir = req.sort?.direction === 'asc' ? 1 : -1;
      const column = req.sort?.column ?? 'score';
      if (column !== 'score' || dir === 1) {
        const value = (r: WhereElseCase) => (column === 'case' ? r.case.fileNumber : String(r.score).padStart(6, '0'));
        rows = [...rows].sort((a, b) => (value(a) < value(b) ? -dir : value(a) > value(b) ? dir : 0));
      }
      return Promise.resolve({ total: rows.length, rows: rows.slice(req.offset, req.offset + req.limit) });
    },
    [results],
  );

  const titleId = forCase ? 'where-else-case-title' : 'where-else-entity-title';
  return (
    <Card compact className="panel we-panel" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 className="panel-title" id={titleId}>
          {t('whereElse.title')}
        </h2>
      </div>
      <p className="muted we-help">{forCase ? t('whereElse.help') : t('whereElse.helpEntity')}</p>
      {load.state === 'loading' && <Spinner size={20} aria-label={t('common.loading')} />}
      {load.state === 'error' && (
        <Callout intent="danger" role="alert">
          {t('whereElse.error', { message: refusalOf(load.error, t, f).message })}
        </Callout>
      )}
      {data &&
        data.truncated.map((x, i) => (
          <Callout key={i} intent="warning" compact className="we-truncated">
            {truncationText(x, t)}
          </Callout>
        ))}
      {data && data.results.length === 0 && (
        <NonIdealState
          className="we-empty"
          icon="search-around"
          title={forCase ? t('whereElse.empty.title') : t('whereElse.emptyEntity.title')}
          description={forCase ? t('whereElse.empty.body') : t('whereElse.emptyEntity.body')}
        />
      )}
      {data && data.results.length > 0 && (
        <>
          <div className="we-table" style={{ height: CHROME + ROW * Math.min(Math.max(results.length, 3), 10) + 4 }}>
            <DataTable<WhereElseCase>
              tableId={forCase ? 'where-else-case' : 'where-else-entity'}
              label={t('whereElse.title')}
              columns={columns}
              defaultSort={{ column: 'score', direction: 'desc' }}
              queryKey=""
              reloadKey={results.length}
              fetchPage={fetchPage}
              rowKey={(r) => r.case.id}
              onOpen={(r) => navigate({ page: 'case', id: r.case.id, tab: 'overview' })}
              countLabel={(count) => t('whereElse.count', { count })}
              empty={() => (
                <NonIdealState icon="search" title={t('whereElse.noMatch.title')} description={t('whereElse.noMatch.body')} />
              )}
            />
          </div>
          {data.total > data.results.length && (
            <p className="muted we-more">{t('whereElse.more', { shown: data.results.length, total: data.total })}</p>
          )}
        </>
      )}
    </Card>
  );
}

/** A link inside a grid row keeps its keys and clicks to itself (like RowLink): the grid's open the row's case. */
function keepKeys(e: KeyboardEvent<HTMLElement> | MouseEvent<HTMLElement>) {
  e.stopPropagation();
}

function SharedChips({ row }: { row: WhereElseCase }) {
  const t = useT();
  const shown = row.shared.slice(0, CHIPS_SHOWN);
  const rest = row.shared.length - shown.length;
  return (
    <span className="we-chips">
      {shown.map((s, i) => {
        const explain = explainText(s, t);
        return (
          <a
            key={i}
            href={routeHref({ page: 'entity', id: s.theirs.id })}
            className="we-chip"
            title={explain}
            aria-label={explain}
            onClick={keepKeys}
            onKeyDown={keepKeys}
          >
            <Tag minimal icon={TIE_ICONS[s.tie]} intent={s.tie === 'entity' ? 'primary' : 'none'}>
              {chipText(s, t)}
            </Tag>
          </a>
        );
      })}
      {rest > 0 && (
        <Tag
          minimal
          className="we-more-chips"
          title={t('whereElse.moreShared.title', {
            count: rest,
            items: row.shared
              .slice(CHIPS_SHOWN)
              .map((s) => chipText(s, t))
              .join('; '),
          })}
        >
          {t('whereElse.moreShared', { count: rest })}
        </Tag>
      )}
    </span>
  );
}
