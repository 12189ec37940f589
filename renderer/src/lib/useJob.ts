import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobState } from '../../../db/api.ts';
import type { JobKind } from '../../../db/shared/domain.ts';
import { call } from './client.ts';

/** How often a running job's state is read. */
const POLL_MS = 200;

export type JobOf<K extends JobKind> = Extract<JobState, { kind: K }>;

function isKind<K extends JobKind>(state: JobState, kind: K): state is JobOf<K> {
  return state.kind === kind;
}

/**
 * Starts a job of one kind and follows it until it ends: its state (with progress) is read
 * through the contract while it runs; `cancel` asks it to stop.
 */
export function useJob<K extends JobKind>(kind: K) {
  const [job, setJob] = useState<JobOf<K> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<string | null>(null);

  const follow = useCallback(
    async (id: string) => {
      while (current.current === id) {
        const state = await call('jobs.get', { id });
        if (current.current !== id || !isKind(state, kind)) return;
        setJob(state);
        if (state.status !== 'running') return;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
    [kind],
  );

  const start = useCallback(
    (input: Record<string, unknown> = {}) => {
      setError(null);
      setJob(null);
      call('jobs.start', { kind, input })
        .then((state) => {
          if (!isKind(state, kind)) return;
          current.current = state.id;
          setJob(state);
          return follow(state.id);
        })
        .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    },
    [kind, follow],
  );

  const cancel = useCallback(() => {
    const id = current.current;
    if (id) call('jobs.cancel', { id }).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, []);

  // Leaving the screen stops following (the job itself runs on, and its result stays readable).
  useEffect(
    () => () => {
      current.current = null;
    },
    [],
  );

  return { job, error, start, cancel };
}
