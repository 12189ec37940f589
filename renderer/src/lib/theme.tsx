import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { Classes } from '@blueprintjs/core';

export type ThemePreference = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'dossier.theme';
const query = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia(query);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

interface ThemeState {
  preference: ThemePreference;
  dark: boolean;
  setPreference(p: ThemePreference): void;
}

const ThemeContext = createContext<ThemeState | null>(null);

/** Light and dark themes, following the operating system unless the user chose one. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [preference, setPref] = useState<ThemePreference>(() => {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  });
  const systemDark = useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
  const dark = preference === 'system' ? systemDark : preference === 'dark';
  useEffect(() => {
    document.body.classList.toggle(Classes.DARK, dark);
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [dark]);
  const setPreference = useCallback((p: ThemePreference) => {
    if (p === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, p);
    setPref(p);
  }, []);
  const state = useMemo(() => ({ preference, dark, setPreference }), [preference, dark, setPreference]);
  return <ThemeContext.Provider value={state}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeState {
  const state = useContext(ThemeContext);
  if (!state) throw new Error('useTheme outside ThemeProvider');
  return state;
}
