import { NonIdealState } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';

/** Placeholder until the record page is built. */
export function AuditPage({ id }: { id: string }) {
  const t = useT();
  return <NonIdealState title={t('nav.audits')} description={id} />;
}
