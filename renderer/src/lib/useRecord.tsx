import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, NonIdealState, Spinner, type IconName } from '@blueprintjs/core';
import { useT } from '../i18n/index.tsx';
import { ApiError } from './client.ts';

/** Where loading one record stands: still loading, failed, or there. */
export type Load<T> = { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ready'; data: T };

/**
 * Loads one record with `fetch`, again whenever `key` (usually the record's id) changes.
 * `set` replaces the loaded record (after a save); `reload` fetches it again.
 */
export function useRecord<T>(
  fetch: () => Promise<T>,
  key: string,
): { load: Load<T>; set: (data: T) => void; reload: () => Promise<void> } {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const reload = useCallback(async () => {
    try {
      setLoad({ state: 'ready', data: await fetchRef.current() });
    } catch (err) {
      setLoad({ state: 'error', error: err as Error });
    }
  }, []);
  // A new key (another record) loads again.
  useEffect(() => {
    setLoad({ state: 'loading' });
    void reload();
  }, [key, reload]);
  const set = useCallback((data: T) => setLoad({ state: 'ready', data }), []);
  return { load, set, reload };
}

/** What a record page shows until its record is there: a spinner, or why it could not be loaded with a way back. */
export function RecordFallback({
  load,
  icon,
  backLabel,
  onBack,
}: {
  load: Exclude<Load<unknown>, { state: 'ready' }>;
  /** Shown when the record does not exist. */
  icon: IconName;
  backLabel: string;
  onBack: () => void;
}) {
  const t = useT();
  if (load.state === 'loading')
    return (
      <div className="page-center">
        <Spinner aria-label={t('common.loading')} />
      </div>
    );
  const notFound = load.error instanceof ApiError && load.error.code === 'not_found';
  return (
    <NonIdealState
      icon={notFound ? icon : 'error'}
      title={notFound ? t('error.notFound') : t('error.title')}
      description={notFound ? undefined : load.error.message}
      action={<Button icon="arrow-left" text={backLabel} onClick={onBack} />}
    />
  );
}
