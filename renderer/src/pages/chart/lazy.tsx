import { lazy, Suspense } from 'react';
import { Spinner } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';

// cytoscape and fCoSE (some 600 kB) load with the first chart shown, not with the app.
const ChartPage = lazy(() => import('./ChartPage.tsx').then((m) => ({ default: m.ChartPage })));
const LinksTab = lazy(() => import('./LinksTab.tsx').then((m) => ({ default: m.LinksTab })));

function Loading() {
  const t = useT();
  return (
    <div className="page-center">
      <Spinner aria-label={t('chart.loading')} />
    </div>
  );
}

export function LazyChartPage(props: { entityId: string }) {
  return (
    <Suspense fallback={<Loading />}>
      <ChartPage {...props} />
    </Suspense>
  );
}

export function LazyLinksTab(props: { caseId: string; fileNumber: string; title: string }) {
  return (
    <Suspense fallback={<Loading />}>
      <LinksTab {...props} />
    </Suspense>
  );
}
