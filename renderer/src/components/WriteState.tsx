import { useEffect, useState } from 'react';
import { Tag, Tooltip } from '@blueprintjs/core';
import { useT } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';
import { useQuery } from '../lib/useQuery.tsx';

/**
 * Says in the header, at once, when nothing can be saved: the file is open read-only, or it was
 * found damaged. Asked again every minute (a check job may find damage while the app is open).
 */
export function WriteState() {
  const t = useT();
  const [minute, setMinute] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setMinute((m) => m + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  const refused = useQuery(() => call('settings.paths', {}), `write-state-${minute}`).data?.writesRefused ?? null;
  if (!refused) return null;
  return (
    <Tooltip content={t(`header.writes.${refused}.help`)} placement="bottom">
      <Tag intent={refused === 'damaged' ? 'danger' : 'warning'} icon={refused === 'damaged' ? 'error' : 'lock'} role="status">
        {t(`header.writes.${refused}`)}
      </Tag>
    </Tooltip>
  );
}
