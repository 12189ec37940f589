import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Callout, Checkbox, InputGroup, NonIdealState, Spinner } from '@blueprintjs/core';
import { SEARCH_TYPES, type SearchType } from '../../../../db/shared/inputs/search.ts';
import type { SearchGroup } from '../../../../db/search/query.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { routeHref } from '../../lib/router.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { HIT_ICON, hitRoute } from './hitRoute.ts';
import { Marked } from './Marked.tsx';
import './search.css';

const FEW = 5;
const MANY = 50;

/**
 * One search over every record (search.query): grouped by kind, best first, matched words
 * marked; each hit opens its record. Arrow keys move from the box through the hits.
 */
export function SearchPage({ q: initial }: { q: string }) {
  const t = useT();
  const f = useFormat();
  const [q, setQ] = useState(initial);
  const [types, setTypes] = useState<SearchType[]>([]);
  const [expanded, setExpanded] = useState<SearchType | null>(null);
  const query = useDebounced(q.trim(), 150);
  const key = JSON.stringify([query, types, expanded]);
  const { load, data, fetching } = useQuery(
    () =>
      query
        ? call('search.query', {
            q: query,
            perType: expanded ? MANY : FEW,
            ...(expanded ? { types: [expanded] } : types.length ? { types } : {}),
          })
        : Promise.resolve(null),
    key,
  );
  useEffect(() => setQ(initial), [initial]);
  const list = useRef<HTMLDivElement>(null);

  const move = (e: KeyboardEvent, from: HTMLElement | null) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.search-hit') ?? [])];
    if (links.length === 0) return;
    e.preventDefault();
    const at = from ? links.indexOf(from as HTMLAnchorElement) : -1;
    const next = e.key === 'ArrowDown' ? Math.min(links.length - 1, at + 1) : at - 1;
    if (next < 0) document.getElementById('search-box')?.focus();
    else links[next]?.focus();
  };

  const groups = data?.groups ?? [];
  return (
    <ListPage className="page-search" title={t('search.title')}>
      <div className="search-bar">
        <InputGroup
          id="search-box"
          type="search"
          leftIcon="search"
          autoFocus
          value={q}
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setExpanded(null);
          }}
          onKeyDown={(e) => move(e, null)}
          rightElement={fetching ? <Spinner size={16} /> : undefined}
        />
        <fieldset className="search-types">
          <legend className="bp6-text-muted">{t('search.types')}</legend>
          {SEARCH_TYPES.map((type) => (
            <Checkbox
              key={type}
              inline
              label={t(`search.type.${type}`)}
              checked={types.includes(type)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setExpanded(null);
                setTypes((now) => (on ? [...now, type] : now.filter((x) => x !== type)));
              }}
            />
          ))}
        </fieldset>
      </div>
      {load.state === 'error' && (
        <Callout intent="danger" role="alert">
          {load.error.message}
        </Callout>
      )}
      {!query ? (
        <NonIdealState icon="search" title={t('search.emptyTitle')} description={t('search.emptyText')} />
      ) : load.state === 'ready' && groups.length === 0 ? (
        <NonIdealState icon="search" title={t('search.noneTitle', { q: query })} description={t('search.noneText')} />
      ) : (
        <div className="search-results" ref={list} aria-live="polite">
          {expanded && (
            <Button variant="minimal" icon="arrow-left" text={t('search.allTypes')} onClick={() => setExpanded(null)} />
          )}
          {groups.map((g) => (
            <ResultGroup
              key={g.type}
              group={g}
              count={g.capped ? t('search.countMany', { count: f.number(g.total) }) : f.number(g.total)}
              onMore={g.total > g.hits.length && !expanded ? () => setExpanded(g.type) : null}
              onKeyDown={move}
            />
          ))}
        </div>
      )}
    </ListPage>
  );
}

function ResultGroup(props: {
  group: SearchGroup;
  count: string;
  onMore: (() => void) | null;
  onKeyDown(e: KeyboardEvent, from: HTMLElement): void;
}) {
  const t = useT();
  const g = props.group;
  const id = `search-group-${g.type}`;
  return (
    <section className="search-group" aria-labelledby={id}>
      <h2 id={id}>
        <span className={`bp6-icon bp6-icon-${HIT_ICON[g.type]}`} aria-hidden="true" />
        {t(`search.type.${g.type}`)} <span className="muted num">{props.count}</span>
      </h2>
      <ul>
        {g.hits.map((h) => (
          <li key={h.id}>
            <a className="search-hit" href={routeHref(hitRoute(h))} onKeyDown={(e) => props.onKeyDown(e, e.currentTarget)}>
              <span className="search-hit-title">
                <span>
                  <Marked text={h.title} marks={h.titleMarks} />
                </span>
                {h.caseFileNumber && h.type !== 'case' && <span className="mono muted search-hit-case">{h.caseFileNumber}</span>}
              </span>
              <span className="search-hit-snippet">
                <Marked text={h.snippet.text} marks={h.snippet.marks} />
              </span>
            </a>
          </li>
        ))}
      </ul>
      {props.onMore && (
        <Button
          variant="minimal"
          small
          icon="more"
          text={t('search.more', { type: t(`search.type.${g.type}`) })}
          onClick={props.onMore}
        />
      )}
    </section>
  );
}
