import { Tag } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { routeHref } from '../../lib/router.ts';
import { useQuery } from '../../lib/useQuery.tsx';

/** On an entity's page: its open and confirmed screening hits, a link to them. */
export function ScreeningBadge({ entityId, version }: { entityId: string; version: number }) {
  const t = useT();
  const { data } = useQuery(
    () => call('screening.hits', { entityId, status: ['open', 'confirmed'], limit: 1 }),
    `${entityId}:${version}`,
  );
  if (!data || data.total === 0) return null;
  const confirmed = data.rows[0]?.status === 'confirmed';
  return (
    <a href={routeHref({ page: 'screening', entityId })} className="scr-badge">
      <Tag intent="danger" icon="shield" large={false} minimal={!confirmed}>
        {t('scr.badge', { count: data.total })}
      </Tag>
    </a>
  );
}
