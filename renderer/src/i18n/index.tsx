import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { z } from 'zod';
import { en, fr, type MessageId } from './catalog.ts';

export type { MessageId };
export type Locale = 'en' | 'fr';
export type LocalePreference = Locale | 'system';

// Typed as the English catalog: a French catalog missing a key fails the build.
const catalogs: Record<Locale, Record<MessageId, string>> = { en, fr };
export const LOCALES: readonly Locale[] = ['en', 'fr'];

const STORAGE_KEY = 'dossier.locale';

function systemLocale(): Locale {
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function storedPreference(): LocalePreference {
  const v = localStorage.getItem(STORAGE_KEY);
  return v === 'en' || v === 'fr' ? v : 'system';
}

interface LocaleState {
  preference: LocalePreference;
  locale: Locale;
  setPreference(p: LocalePreference): void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [preference, setPref] = useState<LocalePreference>(storedPreference);
  const locale = preference === 'system' ? systemLocale() : preference;
  const setPreference = useCallback((p: LocalePreference) => {
    if (p === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, p);
    setPref(p);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    z.config(locale === 'fr' ? z.locales.fr() : z.locales.en());
  }, [locale]);
  const state = useMemo(() => ({ preference, locale, setPreference }), [preference, locale, setPreference]);
  return (
    <LocaleContext.Provider value={state}>
      <IntlProvider locale={locale} messages={catalogs[locale]} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

export type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/** The one way components get text: every string comes from the catalogs. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((id, values) => intl.formatMessage({ id }, values), [intl]);
}

/** Dates and times: calendar dates as written; instants in local time, UTC on hover. */
export function useFormat() {
  const intl = useIntl();
  return useMemo(
    () => ({
      date: (isoDate: string | null | undefined) =>
        isoDate ? intl.formatDate(`${isoDate}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }) : '',
      dateTime: (iso: string | null | undefined) =>
        iso ? intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : '',
      number: (n: number) => intl.formatNumber(n),
      /** A fraction (0.42) as a whole percentage in the locale (42 %, 42 %). */
      percent: (fraction: number) => intl.formatNumber(fraction, { style: 'percent', maximumFractionDigits: 0 }),
      /** A size in bytes, in the largest unit that keeps it above 1 (1 kB = 1000 B). */
      bytes: (n: number) => {
        const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
        let value = n;
        let i = 0;
        while (value >= 1000 && i < units.length - 1) {
          value /= 1000;
          i += 1;
        }
        return intl.formatNumber(value, {
          style: 'unit',
          unit: units[i],
          unitDisplay: 'narrow',
          maximumFractionDigits: i === 0 ? 0 : 1,
        });
      },
    }),
    [intl],
  );
}

/** Dates, times, numbers and money in the user's locale (useFormat). */
export type Format = ReturnType<typeof useFormat>;
