import { navigate } from '../../lib/router.ts';
import { ChartView } from './ChartView.tsx';

/** The case's Links tab: the chart of its entities and the parties of its records. */
export function LinksTab({ caseId, fileNumber, title }: { caseId: string; fileNumber: string; title: string }) {
  return (
    <div className="tab-panel chart-tab">
      <ChartView
        source={{ kind: 'case', caseId }}
        title={`${fileNumber} · ${title}`}
        fileBase={`chart-${fileNumber}`}
        onEmptyAction={() => navigate({ page: 'case', id: caseId, tab: 'subjects' })}
      />
    </div>
  );
}
