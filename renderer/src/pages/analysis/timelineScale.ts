/**
 * The timeline's time scale, in local time: where an event stands, the window shown (zoom and
 * pan), and the axis ticks for a window and a width. Pure: no DOM, no React.
 */

export interface View {
  start: number;
  end: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The narrowest window: an hour; the widest: two centuries (the contract's dates lie in 1900-2200). */
export const MIN_SPAN = HOUR;
export const MAX_SPAN = 200 * 365.25 * DAY;

/** An instant where it is; a calendar date at the middle of that day on this laptop's clock. */
export function eventTime(e: { at: string; precision: 'day' | 'instant' }): number {
  if (e.precision === 'instant') return Date.parse(e.at);
  const [y, m, d] = e.at.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12).getTime();
}

function clampSpan(start: number, end: number, anchor: number): View {
  const span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, end - start));
  const fraction = end > start ? (anchor - start) / (end - start) : 0.5;
  return { start: anchor - span * fraction, end: anchor + span * (1 - fraction) };
}

/** A window holding every time given, with a margin on each side (a week around a single event). */
export function fitView(times: readonly number[]): View {
  if (times.length === 0) {
    const now = Date.now();
    return { start: now - 30 * DAY, end: now + DAY };
  }
  const min = Math.min(...times);
  const max = Math.max(...times);
  const mid = (min + max) / 2;
  const span = Math.max((max - min) * 1.1, 7 * DAY);
  return clampSpan(mid - span / 2, mid + span / 2, mid);
}

/** Zooms by `factor` (below 1: in) keeping the time at `anchor` (0-1 across the window) in place. */
export function zoom(view: View, factor: number, anchor = 0.5): View {
  const at = view.start + (view.end - view.start) * anchor;
  return clampSpan(at - (at - view.start) * factor, at + (view.end - at) * factor, at);
}

/** Moves the window by `fraction` of its width (negative: earlier). */
export function pan(view: View, fraction: number): View {
  const shift = (view.end - view.start) * fraction;
  return { start: view.start + shift, end: view.end + shift };
}

/** The window moved just enough to show `time`, with a tenth of it to spare. */
export function reveal(view: View, time: number): View {
  const span = view.end - view.start;
  if (time < view.start + span * 0.05) return { start: time - span * 0.1, end: time + span * 0.9 };
  if (time > view.end - span * 0.05) return { start: time - span * 0.9, end: time + span * 0.1 };
  return view;
}

export type TickUnit = 'hour' | 'day' | 'month' | 'year';
export interface Tick {
  time: number;
  unit: TickUnit;
}

const STEPS: { unit: TickUnit; step: number; approx: number }[] = [
  ...[1, 3, 6, 12].map((step) => ({ unit: 'hour' as const, step, approx: step * HOUR })),
  ...[1, 2, 7, 14].map((step) => ({ unit: 'day' as const, step, approx: step * DAY })),
  ...[1, 3, 6].map((step) => ({ unit: 'month' as const, step, approx: step * 30.44 * DAY })),
  ...[1, 2, 5, 10, 25, 50, 100].map((step) => ({ unit: 'year' as const, step, approx: step * 365.25 * DAY })),
];

/** Local-time ticks at least `minGap` pixels apart across a window `width` pixels wide. */
export function ticks(view: View, width: number, minGap = 96): Tick[] {
  const span = view.end - view.start;
  if (span <= 0 || width <= 0) return [];
  const choice = STEPS.find((s) => (s.approx / span) * width >= minGap) ?? STEPS[STEPS.length - 1];
  if (!choice) return [];
  const { unit, step } = choice;
  const first = new Date(view.start);
  let d: Date;
  if (unit === 'hour') {
    d = new Date(first.getFullYear(), first.getMonth(), first.getDate(), first.getHours() - (first.getHours() % step));
  } else if (unit === 'day') {
    d = new Date(first.getFullYear(), first.getMonth(), first.getDate());
    // Weeks start on Monday.
    if (step === 7 || step === 14) d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  } else if (unit === 'month') {
    d = new Date(first.getFullYear(), first.getMonth() - (first.getMonth() % step), 1);
  } else {
    d = new Date(first.getFullYear() - (((first.getFullYear() % step) + step) % step), 0, 1);
  }
  const out: Tick[] = [];
  for (let guard = 0; d.getTime() <= view.end && guard < 1000; guard++) {
    if (d.getTime() >= view.start) out.push({ time: d.getTime(), unit });
    if (unit === 'hour') d = new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours() + step);
    else if (unit === 'day') d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + step);
    else if (unit === 'month') d = new Date(d.getFullYear(), d.getMonth() + step, 1);
    else d = new Date(d.getFullYear() + step, 0, 1);
  }
  return out;
}

/** How a tick of each unit is labelled (Intl options; the locale is the app's). */
export const TICK_FORMATS: Record<TickUnit, Intl.DateTimeFormatOptions> = {
  hour: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  day: { day: 'numeric', month: 'short', year: 'numeric' },
  month: { month: 'short', year: 'numeric' },
  year: { year: 'numeric' },
};

/**
 * Rows within a lane so that markers closer than `gap` pixels do not hide each other: each
 * marker goes on the first row free at its place, at most `maxRows` (then the row freed first).
 */
export function stackRows(xs: readonly number[], gap: number, maxRows: number): number[] {
  const lastX: number[] = [];
  return xs.map((x) => {
    let row = lastX.findIndex((last) => x - last >= gap);
    if (row === -1) {
      if (lastX.length < maxRows) row = lastX.length;
      else row = lastX.indexOf(Math.min(...lastX));
    }
    lastX[row] = x;
    return row;
  });
}
