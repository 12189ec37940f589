import { NonIdealState } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';

/** Placeholder until the list is built: every inspections (or one case's). */
export function InspectionTable({ caseId }: { caseId?: string }) {
  const t = useT();
  return <NonIdealState title={t('nav.inspections')} description={caseId ?? ''} />;
}
