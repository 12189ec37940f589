/**
 * Money arrives as integer minor units with an ISO 4217 code. It is turned into an exact decimal
 * string (never a float) and formatted by Intl, which formats decimal strings exactly.
 */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function decimalString(amountMinor: number, currency: string): `${number}` {
  const digits = minorDigits(currency);
  const negative = amountMinor < 0;
  const units = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = digits ? units.slice(0, -digits) : units;
  const fraction = digits ? units.slice(-digits) : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}` as `${number}`;
}

export function formatMoney(locale: string, amountMinor: number, currency: string): string {
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' });
  return nf.format(decimalString(amountMinor, currency));
}

/**
 * Parses what a user typed ("1 234,50", "1,234.50", "1234") into minor units, or null when it is
 * not an amount in this currency. The last "." or "," is the decimal mark, unless it is followed by
 * exactly three digits in a currency with fewer decimals: then it groups thousands.
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const cleaned = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(cleaned) || /[.,]{2}|[.,]$/.test(cleaned)) return null;
  const last = Math.max(cleaned.lastIndexOf('.'), cleaned.lastIndexOf(','));
  let whole = cleaned;
  let fraction = '';
  if (last >= 0) {
    const tail = cleaned.slice(last + 1);
    const groupsOnly = tail.length === 3 && digits < 3;
    if (!groupsOnly) {
      whole = cleaned.slice(0, last);
      fraction = tail;
    }
  }
  const grouping = whole.match(/[.,]/g);
  if (grouping && !/^\d{1,3}([.,]\d{3})*$/.test(whole)) return null;
  if (fraction.length > digits) return null;
  const value = Number(whole.replace(/[.,]/g, '') + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

/** Currencies offered first in pickers; the rest of ISO 4217 follows. */
const COMMON_CURRENCIES = [
  'CAD',
  'USD',
  'EUR',
  'GBP',
  'CNY',
  'JPY',
  'CHF',
  'HKD',
  'AED',
  'TRY',
  'RUB',
  'INR',
  'SGD',
  'KRW',
  'AUD',
];
export const CURRENCIES: readonly string[] = [
  ...COMMON_CURRENCIES,
  ...Intl.supportedValuesOf('currency').filter((c) => !COMMON_CURRENCIES.includes(c)),
];

/**
 * Minor units of what was typed: undefined when empty, null when it is not an amount in that
 * currency (or the currency is not one), else the integer count of minor units (never a float).
 */
export function amountOf(text: string, currency: string): number | null | undefined {
  if (text.trim() === '') return undefined;
  if (!/^[A-Z]{3}$/.test(currency)) return null;
  try {
    return parseMoney(text, currency);
  } catch {
    return null;
  }
}
