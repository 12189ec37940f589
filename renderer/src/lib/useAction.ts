import { useCallback, useRef, useState } from 'react';
import { useFormat, useT } from '../i18n/index.tsx';
import { refusalOf, type Refusal } from './refusals.ts';
import { toast } from './toaster.ts';

/**
 * The one way to run a contract write from a button rather than a form (a status move, a
 * removal): what is running (its arguments, for the button that shows it), the contract's last
 * refusal in the user's language, and no second run while one is under way. `toastRefusal`
 * shows a refusal as a toast, for an action whose screen has no place for it.
 */
export function useAction<A extends unknown[]>(
  run: (...args: A) => Promise<void>,
  options: { toastRefusal?: boolean } = {},
): { pending: A | null; refusal: Refusal | null; act(...args: A): Promise<boolean>; clear(): void } {
  const t = useT();
  const f = useFormat();
  const [pending, setPending] = useState<A | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const running = useRef(false);
  const runRef = useRef(run);
  runRef.current = run;
  const toastRefusal = options.toastRefusal ?? false;
  const act = useCallback(
    async (...args: A): Promise<boolean> => {
      if (running.current) return false;
      running.current = true;
      setPending(args);
      try {
        await runRef.current(...args);
        setRefusal(null);
        return true;
      } catch (err) {
        const r = refusalOf(err, t, f);
        if (toastRefusal) toast({ message: t('error.generic', { message: r.message }), intent: 'danger' });
        else setRefusal(r);
        return false;
      } finally {
        running.current = false;
        setPending(null);
      }
    },
    [t, f, toastRefusal],
  );
  const clear = useCallback(() => setRefusal(null), []);
  return { pending, refusal, act, clear };
}
