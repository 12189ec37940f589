import { NonIdealState } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';

/** Placeholder until the record page is built. */
export function CheckPage({ id }: { id: string }) {
  const t = useT();
  return <NonIdealState title={t('nav.checks')} description={id} />;
}
