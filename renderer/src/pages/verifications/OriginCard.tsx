import { useEffect, useState } from 'react';
import { Card } from '@blueprintjs/core';
import type { RecordOrigin } from '../../../../db/api.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { RowLink } from '../../table/RowLink.tsx';

/** On a detention, a seizure or a penalty: the inspection or the audit it was made from (nothing when none). */
export function OriginCard({ recordType, id }: { recordType: 'detention' | 'seizure' | 'penalty'; id: string }) {
  const t = useT();
  const [origin, setOrigin] = useState<RecordOrigin | null>(null);
  useEffect(() => {
    let live = true;
    call('verifications.origin', { recordType, id }).then(
      (o) => live && setOrigin(o),
      () => live && setOrigin(null),
    );
    return () => {
      live = false;
    };
  }, [recordType, id]);
  if (!origin) return null;
  return (
    <Card compact className="panel origin-card">
      <h2 className="panel-title">{t('origin.title')}</h2>
      <p>
        {t(origin.type === 'inspection' ? 'origin.inspection' : 'origin.audit')}{' '}
        <RowLink route={origin.type === 'inspection' ? { page: 'inspection', id: origin.id } : { page: 'audit', id: origin.id }}>
          <span className="mono">{origin.number}</span>
        </RowLink>
      </p>
    </Card>
  );
}
