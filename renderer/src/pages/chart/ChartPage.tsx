import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate, routeHref } from '../../lib/router.ts';
import { RecordFallback, useQuery } from '../../lib/useQuery.tsx';
import { highestMarking, useShowMarking } from '../../lib/marking.tsx';
import { KindTag } from '../entities/EntityTags.tsx';
import { ChartView } from './ChartView.tsx';

/** An entity's link chart (`#/chart/<entityId>`): its neighbourhood, two links deep by default. */
export function ChartPage({ entityId }: { entityId: string }) {
  const t = useT();
  const { load } = useQuery(() => call('entities.get', { id: entityId }), entityId);
  useShowMarking(load.state === 'ready' ? highestMarking(load.data.cases.map((c) => c.securityMarking)) : null);
  if (load.state !== 'ready')
    return <RecordFallback load={load} icon="graph" backLabel={t('entity.back')} onBack={() => navigate({ page: 'entities' })} />;
  const e = load.data.entity;
  const slug =
    e.name
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'entity';
  return (
    <div className="page page-chart">
      <header className="page-header">
        <div>
          <a href={routeHref({ page: 'entity', id: e.id })} className="back-link">
            {t('chart.back', { name: e.name })}
          </a>
          <div className="case-title-row">
            <KindTag kind={e.kind} subtype={'subtype' in e ? e.subtype : null} />
            <h1>{t('chart.entityTitle', { name: e.name })}</h1>
          </div>
        </div>
      </header>
      <ChartView
        key={e.id}
        source={{ kind: 'entity', entityId: e.id }}
        title={t('chart.entityTitle', { name: e.name })}
        fileBase={`chart-${slug}`}
      />
    </div>
  );
}
