/**
 * Dates as lists write them, made ISO (whole or partial: 1970-01-15, 1970-01, 1970): ISO itself,
 * day-first numbers (15-01-1970, 15/01/1970, 15.01.1970), month names (15 Jan 1970, January 1970,
 * Mar-22), a bare year, spreadsheet serial numbers (45124 is 2023-07-17), and the loose forms of
 * dates of birth (circa 1970, 1962 to 1964, 1972-08-10 or 1972-08-11, 1963-1964).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Day 0 of spreadsheet serial numbers (Excel and LibreOffice for dates after February 1900). */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validYear(y: number): boolean {
  return y >= 1800 && y <= 2200;
}

function monthOf(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  if (i < 0) return null;
  // A month's name or its three letters (with a dot): "Sept" and "Sept." pass, "Janitor" does not.
  return /^[a-z]{3}\.?$|^(january|february|march|april|may|june|july|august|september|sept|october|november|december)$/i.test(
    word,
  )
    ? i + 1
    : null;
}

function ymd(y: number, m: number | null, d: number | null): string | null {
  if (!validYear(y)) return null;
  if (m === null) return String(y);
  if (m < 1 || m > 12) return null;
  if (d === null) return `${y}-${pad(m)}`;
  return validDay(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** A spreadsheet serial number (days since 1899-12-30) as an ISO date. */
export function serialDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1) return null;
  const iso = new Date(SERIAL_EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10);
  return validYear(Number(iso.slice(0, 4))) ? iso : null;
}

/** One date, or null when the text is not one of the forms above. */
export function parseOneDate(text: string): string | null {
  const t = text
    .trim()
    .replace(/^(?:circa|ca\.?|c\.|approximately|approx\.?|about)\s+/i, '')
    .replace(/[.,]$/, '');
  let m: RegExpExecArray | null;
  // Five digits (with a zero fraction) is a spreadsheet serial; four digits is a year.
  if ((m = /^(\d{5})(?:\.0+)?$/.exec(t))) return serialDate(Number(m[1]));
  if ((m = /^(\d{4})$/.exec(t))) return ymd(Number(m[1]), null, null);
  if ((m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:T[\d:.]+Z?)?$/.exec(t)))
    return ymd(Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3]));
  if ((m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(t))) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t))) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = /^(\d{1,2})[\s-]+([A-Za-z]+\.?)[\s-]+(\d{4})$/.exec(t))) {
    const month = monthOf(m[2] ?? '');
    return month ? ymd(Number(m[3]), month, Number(m[1])) : null;
  }
  if ((m = /^([A-Za-z]+\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(t))) {
    const month = monthOf(m[1] ?? '');
    return month ? ymd(Number(m[3]), month, Number(m[2])) : null;
  }
  if ((m = /^([A-Za-z]+\.?)[\s-]+(\d{4}|\d{2})$/.exec(t))) {
    const month = monthOf(m[1] ?? '');
    const y = Number(m[2]);
    // Two digits (Mar-22, as a spreadsheet shows a listing date): 00-69 this century, 70-99 the last.
    const year = (m[2] ?? '').length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
    return month ? ymd(year, month, null) : null;
  }
  return null;
}

/**
 * Every date a text holds (a date of birth may give several, or a range of years), and whether all
 * of it was understood. A range of years gives each year of it, up to 10.
 */
export function parseDates(text: string): { dates: string[]; understood: boolean } {
  const t = text.trim();
  if (t === '') return { dates: [], understood: true };
  const whole = parseOneDate(t);
  if (whole) return { dates: [whole], understood: true };
  const range = /^(?:circa\s+)?(\d{4})\s*(?:-|–|to)\s*(\d{4})$/i.exec(t);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (validYear(from) && validYear(to) && to > from && to - from < 10) {
      return { dates: Array.from({ length: to - from + 1 }, (_, i) => String(from + i)), understood: true };
    }
  }
  const parts = t.split(/\s+(?:or|to|and)\s+|\s*;\s*|\s*\/\s*/i).filter((p) => p !== '');
  if (parts.length > 1) {
    const dates = parts.map(parseOneDate);
    if (dates.every((d): d is string => d !== null)) return { dates, understood: true };
  }
  return { dates: [], understood: false };
}

/** One date (the first one a text holds), or null. */
export function parseDate(text: string): string | null {
  return parseDates(text).dates[0] ?? null;
}
