import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { SECURITY_MARKINGS, type SecurityMarking } from '../../../db/shared/domain.ts';

type Setter = (m: SecurityMarking | null) => void;
const MarkingContext = createContext<{ marking: SecurityMarking | null; set: Setter } | null>(null);

/** The open case's security marking, shown in the header for as long as the case is on screen. */
export function MarkingProvider({ children }: { children: ReactNode }) {
  const [marking, set] = useState<SecurityMarking | null>(null);
  return <MarkingContext.Provider value={{ marking, set }}>{children}</MarkingContext.Provider>;
}

export function useMarking(): SecurityMarking | null {
  return useContext(MarkingContext)?.marking ?? null;
}

export function useShowMarking(marking: SecurityMarking | null): void {
  const ctx = useContext(MarkingContext);
  const set = ctx?.set;
  useEffect(() => {
    set?.(marking);
    return () => set?.(null);
  }, [marking, set]);
}

/** The most restrictive of several markings (an entity in several cases carries the highest). */
export function highestMarking(markings: readonly SecurityMarking[]): SecurityMarking | null {
  let best: SecurityMarking | null = null;
  for (const m of markings) if (best === null || SECURITY_MARKINGS.indexOf(m) > SECURITY_MARKINGS.indexOf(best)) best = m;
  return best;
}
