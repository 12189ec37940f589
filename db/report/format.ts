/**
 * Dates, times, money and sizes as a printed report shows them. A printed page has no time zone:
 * instants are shown in UTC and say so. Money is exact: integer minor units become a decimal
 * string, which Intl formats digit for digit (never a float).
 */
import { minorDigits } from '../shared/inputs/money.ts';
import type { ReportLocale } from './messages.ts';

const TAGS: Record<ReportLocale, string> = { en: 'en-CA', fr: 'fr-CA' };

export interface Formats {
  /** A calendar date (YYYY-MM-DD): "Mar 15, 2026" / "15 mars 2026". */
  date(day: string | null | undefined): string;
  /** A UTC instant: "Mar 15, 2026, 14:05 UTC" / "15 mars 2026, 14 h 05 UTC". */
  instant(iso: string | null | undefined): string;
  /** A UTC instant on two lines, date then time (for narrow table cells). */
  stacked(iso: string | null | undefined): string;
  /** Either, as the value looks (a timeline event is a day or an instant). */
  when(value: string): string;
  money(amountMinor: number | bigint, currency: string): string;
  integer(n: number | bigint): string;
  /** "1.4 MB", with the exact count beside it elsewhere. */
  size(bytes: number): string;
  country(code: string | null | undefined): string;
}

export function decimalString(amountMinor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const negative = amountMinor < 0n;
  const units = (negative ? -amountMinor : amountMinor).toString().padStart(digits + 1, '0');
  const whole = digits ? units.slice(0, -digits) : units;
  const fraction = digits ? units.slice(-digits) : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function formats(locale: ReportLocale): Formats {
  const tag = TAGS[locale];
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' });
  const clock = new Intl.DateTimeFormat(tag, { timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' });
  const ints = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const one = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const regions = new Intl.DisplayNames([tag], { type: 'region', fallback: 'code' });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const none = '—';
  const date = (d: string | null | undefined) => (d ? day.format(new Date(`${d.slice(0, 10)}T00:00:00Z`)) : none);
  const instant = (iso: string | null | undefined) => (iso ? `${time.format(new Date(iso))} UTC` : none);
  return {
    date,
    instant,
    stacked: (iso) => (iso ? `${date(iso)}\n${clock.format(new Date(iso))} UTC` : none),
    when: (value) => (value.length === 10 ? date(value) : instant(value)),
    money(amountMinor, currency) {
      let nf = moneyFormats.get(currency);
      if (!nf) {
        nf = new Intl.NumberFormat(tag, { style: 'currency', currency, currencyDisplay: 'code' });
        moneyFormats.set(currency, nf);
      }
      // Intl formats a decimal string exactly (ECMA-402 NumberFormat v3); the cast is only for its types.
      return nf.format(decimalString(BigInt(amountMinor), currency) as unknown as number);
    },
    integer: (n) => ints.format(n),
    size(bytes) {
      const units = locale === 'fr' ? ['o', 'Ko', 'Mo', 'Go', 'To'] : ['B', 'KB', 'MB', 'GB', 'TB'];
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
      }
      return `${unit === 0 ? ints.format(value) : one.format(value)} ${units[unit]}`;
    },
    country: (code) => (code ? `${regions.of(code) ?? code} (${code})` : none),
  };
}
