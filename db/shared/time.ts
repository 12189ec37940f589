/** Times are stored as UTC ISO 8601 strings; calendar dates as YYYY-MM-DD. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function isoNow(clock: Clock): string {
  return clock().toISOString();
}

/**
 * An instant given with any offset as it is stored: UTC, milliseconds, Z; so that stored
 * instants compare as strings. Every instant field of the contract passes through this.
 */
export function utcInstant(iso: string): string {
  return new Date(iso).toISOString();
}

/**
 * The investigator's calendar date for an instant: "today" on the laptop's clock, so that a case
 * opened at 21:00 in Montréal is opened today, not tomorrow (UTC).
 */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The calendar date of an instant in UTC. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}
