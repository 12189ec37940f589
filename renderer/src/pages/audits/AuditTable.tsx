import { NonIdealState } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';

/** Placeholder until the list is built: every audits (or one case's). */
export function AuditTable({ caseId }: { caseId?: string }) {
  const t = useT();
  return <NonIdealState title={t('nav.audits')} description={caseId ?? ''} />;
}
