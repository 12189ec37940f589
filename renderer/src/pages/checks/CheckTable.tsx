import { NonIdealState } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';

/** Placeholder until the list is built: every checks (or one case's). */
export function CheckTable({ caseId }: { caseId?: string }) {
  const t = useT();
  return <NonIdealState title={t('nav.checks')} description={caseId ?? ''} />;
}
