import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Settings } from '../../../db/api.ts';
import { call } from './client.ts';

interface SettingsState {
  settings: Settings | null;
  error: Error | null;
  reload(): Promise<void>;
}

const SettingsContext = createContext<SettingsState | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const reload = useCallback(async () => {
    try {
      setSettings(await call('settings.get', {}));
      setError(null);
    } catch (err) {
      setError(err as Error);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const state = useMemo(() => ({ settings, error, reload }), [settings, error, reload]);
  return <SettingsContext.Provider value={state}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  const state = useContext(SettingsContext);
  if (!state) throw new Error('useSettings outside SettingsProvider');
  return state;
}
