import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, NonIdealState, Spinner, type IconName } from '@blueprintjs/core';
import { useFormat, useT } from '../i18n/index.tsx';
import { refusalOf } from './refusals.ts';
import { ApiError } from './client.ts';

/** Where a read stands: still loading, failed, or there. */
export type Load<T> = { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ready'; data: T };

export interface Query<T> {
  load: Load<T>;
  /** The last data read, of this key or the one before, kept while the next read is under way (undefined until the first arrives). */
  data: T | undefined;
  /** A refresh (or a new key) is under way. */
  fetching: boolean;
  /** Reads again; the answer of an earlier, slower read is ignored. */
  reload(): Promise<void>;
  /** Replaces the data (after a save returned the new record). */
  set(data: T): void;
}

/**
 * The one way the renderer reads: `fetch` runs again whenever `key` changes (the record's id,
 * or the query's parameters joined into a string). Only the newest answer counts, so a slow
 * response to an old key never overwrites a newer one; an unmounted screen takes nothing.
 * `enabled: false` holds the read (a dialog that is closed).
 */
export function useQuery<T>(fetch: () => Promise<T>, key: string, options: { enabled?: boolean } = {}): Query<T> {
  const enabled = options.enabled ?? true;
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [data, setData] = useState<T | undefined>(undefined);
  const [fetching, setFetching] = useState(false);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const latest = useRef(0);
  /** Whatever read is still on its way is stale from now on. */
  const invalidate = useCallback(() => {
    latest.current++;
  }, []);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setFetching(true);
    try {
      const result = await fetchRef.current();
      if (ticket !== latest.current) return;
      setData(result);
      setLoad({ state: 'ready', data: result });
    } catch (err) {
      if (ticket !== latest.current) return;
      setLoad({ state: 'error', error: err instanceof Error ? err : new Error(String(err)) });
    } finally {
      if (ticket === latest.current) setFetching(false);
    }
  }, []);

  useEffect(() => {
    if (!enabled) return;
    // Another key is another record: not shown as loaded until its own answer is there
    // (`data` keeps the last answer, for a search list that keeps its rows while it types).
    setLoad({ state: 'loading' });
    void reload();
    // Unmounted or re-keyed: the answer on its way is for what is no longer shown.
    return invalidate;
  }, [key, enabled, reload, invalidate]);

  const set = useCallback(
    (next: T) => {
      invalidate();
      setData(next);
      setLoad({ state: 'ready', data: next });
      setFetching(false);
    },
    [invalidate],
  );
  return { load, data, fetching, reload, set };
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
  const f = useFormat();
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
      description={notFound ? undefined : refusalOf(load.error, t, f).message}
      action={<Button icon="arrow-left" text={backLabel} onClick={onBack} />}
    />
  );
}
