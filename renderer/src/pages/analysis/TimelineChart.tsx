import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useIntl } from 'react-intl';
import type { TimelineEvent } from '../../../../db/api.ts';
import type { TimelineLane } from '../../../../db/shared/inputs/analysis.ts';
import { useT } from '../../i18n/index.tsx';
import { eventLabel, eventWhen } from './timelineText.ts';
import { eventTime, pan, reveal, stackRows, TICK_FORMATS, ticks, zoom, type View } from './timelineScale.ts';

const LABEL_W = 190;
const ROW_H = 18;
const LANE_PAD = 6;
const MAX_ROWS = 3;
const MARKER = 12;
const DAY = 86_400_000;
/** One press of + or −, one wheel notch. */
const ZOOM_STEP = 1.5;
const WHEEL_STEP = 1.2;
/** One press of ← or →: a fifth of the window. */
const PAN_STEP = 0.2;

export interface LaneCount {
  lane: TimelineLane;
  count: number;
}

interface Props {
  /** The events shown (already filtered), in time order. */
  events: readonly TimelineEvent[];
  lanes: readonly LaneCount[];
  view: View;
  onView(view: View): void;
  onFit(): void;
  onOpen(e: TimelineEvent): void;
  /** The event pointed at or focused, for the detail line; null when none. */
  onShow(e: TimelineEvent | null): void;
}

/**
 * The zoomable, pannable timeline: one lane per type of event, each event a button at its time
 * (a calendar date spans its local day). Wheel, + and − zoom; drag, ← and → pan; 0 fits. On an
 * event, the arrows move to the previous or next event and to the lanes above and below (one tab
 * stop for the whole chart), Enter opens its record.
 */
export function TimelineChart({ events, lanes, view, onView, onFit, onOpen, onShow }: Props) {
  const t = useT();
  const intl = useIntl();
  const helpId = useId();
  const chartRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const viewRef = useRef(view);
  viewRef.current = view;
  const widthRef = useRef(width);
  widthRef.current = width;

  useLayoutEffect(() => {
    const el = chartRef.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(100, el.clientWidth - LABEL_W - 2));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A wheel zooms around the pointer; a sideways wheel (or Shift) pans. Not passive: the page must not scroll meanwhile.
  useEffect(() => {
    const el = chartRef.current;
    if (!el) return;
    const onWheel = (ev: WheelEvent) => {
      ev.preventDefault();
      const w = widthRef.current;
      const sideways = Math.abs(ev.deltaX) > Math.abs(ev.deltaY) || ev.shiftKey;
      if (sideways) {
        onView(pan(viewRef.current, ((ev.shiftKey ? ev.deltaY : ev.deltaX) / w) * 0.5));
        return;
      }
      const rect = el.getBoundingClientRect();
      const anchor = Math.min(1, Math.max(0, (ev.clientX - rect.left - LABEL_W) / w));
      onView(zoom(viewRef.current, ev.deltaY > 0 ? WHEEL_STEP : 1 / WHEEL_STEP, anchor));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [onView]);

  const times = useMemo(() => new Map(events.map((e) => [e.id, eventTime(e)])), [events]);
  const timeOf = (e: TimelineEvent) => times.get(e.id) ?? 0;
  const span = view.end - view.start;
  const xOf = (time: number) => ((time - view.start) / span) * width;
  const dayWidth = (DAY / span) * width;

  const laneEvents = useMemo(
    () => lanes.map((l) => ({ ...l, events: events.filter((e) => e.lane === l.lane) })),
    [lanes, events],
  );

  const layout = laneEvents.map((l) => {
    const visible = l.events.filter((e) => {
      const x = xOf(timeOf(e));
      return x >= -dayWidth - MARKER && x <= width + dayWidth + MARKER;
    });
    const rows = stackRows(
      visible.map((e) => xOf(timeOf(e))),
      Math.max(MARKER, dayMarkerWidth(dayWidth)) + 2,
      MAX_ROWS,
    );
    const rowCount = Math.max(1, ...rows.map((r) => r + 1));
    return { ...l, visible, rows, height: LANE_PAD * 2 + rowCount * ROW_H };
  });

  // One tab stop: the event last moved to, else the first one shown.
  const [activeId, setActiveId] = useState<string | null>(null);
  const shownIds = layout.flatMap((l) => l.visible.map((e) => e.id));
  const tabId = activeId && shownIds.includes(activeId) ? activeId : (shownIds[0] ?? null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusNext, setFocusNext] = useState<string | null>(null);
  // Once the event moved to is drawn (the window may have moved to show it), it takes the focus.
  useEffect(() => {
    if (!focusNext) return;
    const b = buttons.current.get(focusNext);
    if (b) {
      b.focus();
      setFocusNext(null);
    }
  }, [focusNext, view]);

  const goTo = (e: TimelineEvent | undefined) => {
    if (!e) return;
    setActiveId(e.id);
    onView(reveal(view, timeOf(e)));
    setFocusNext(e.id);
  };

  const onKeyDown = (ev: KeyboardEvent<HTMLDivElement>) => {
    const id = (ev.target as HTMLElement).dataset.eventId;
    const current = id ? events.find((e) => e.id === id) : undefined;
    const laneIndex = current ? laneEvents.findIndex((l) => l.lane === current.lane) : -1;
    const inLane = laneIndex >= 0 ? (laneEvents[laneIndex]?.events ?? []) : [];
    const at = current ? inLane.findIndex((e) => e.id === current.id) : -1;
    const anchor = current ? Math.min(1, Math.max(0, xOf(timeOf(current)) / width)) : 0.5;
    const handled = (() => {
      switch (ev.key) {
        case '+':
        case '=':
          onView(zoom(view, 1 / ZOOM_STEP, anchor));
          return true;
        case '-':
        case '_':
          onView(zoom(view, ZOOM_STEP, anchor));
          return true;
        case '0':
          onFit();
          return true;
        case 'ArrowLeft':
        case 'ArrowRight': {
          const dir = ev.key === 'ArrowLeft' ? -1 : 1;
          if (current) goTo(inLane[at + dir]);
          else onView(pan(view, dir * PAN_STEP));
          return true;
        }
        case 'ArrowUp':
        case 'ArrowDown': {
          if (!current) return false;
          const target = laneEvents[laneIndex + (ev.key === 'ArrowUp' ? -1 : 1)];
          if (!target || target.events.length === 0) return true;
          const time = timeOf(current);
          goTo(target.events.reduce((best, e) => (Math.abs(timeOf(e) - time) < Math.abs(timeOf(best) - time) ? e : best)));
          return true;
        }
        case 'Home':
        case 'End':
          if (!current) return false;
          goTo(ev.key === 'Home' ? inLane[0] : inLane[inLane.length - 1]);
          return true;
        default:
          return false;
      }
    })();
    if (handled) ev.preventDefault();
  };

  // Drag to pan: from the background, not from an event (whose click opens it).
  const drag = useRef<{ x: number; view: View } | null>(null);
  const onPointerDown = (ev: PointerEvent<HTMLDivElement>) => {
    if (ev.button !== 0 || (ev.target as HTMLElement).closest('button')) return;
    drag.current = { x: ev.clientX, view };
    ev.currentTarget.setPointerCapture(ev.pointerId);
  };
  const onPointerMove = (ev: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const shift = ((ev.clientX - d.x) / width) * (d.view.end - d.view.start);
    onView({ start: d.view.start - shift, end: d.view.end - shift });
  };
  const endDrag = () => {
    drag.current = null;
  };

  const axis = ticks(view, width);
  return (
    <div className="tl-chart-wrap">
      <div
        ref={chartRef}
        className="tl-chart"
        role="group"
        aria-label={t('timeline.chart.label')}
        aria-describedby={helpId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        <div className="tl-axis" aria-hidden="true" style={{ marginLeft: LABEL_W, width }}>
          {axis.map((tk) => (
            <span key={tk.time} className="tl-tick" style={{ left: xOf(tk.time) }}>
              {intl.formatDate(tk.time, TICK_FORMATS[tk.unit])}
            </span>
          ))}
        </div>
        <div className="tl-lanes">
          <div className="tl-grid" aria-hidden="true" style={{ left: LABEL_W, width }}>
            {axis.map((tk) => (
              <span key={tk.time} style={{ left: xOf(tk.time) }} />
            ))}
          </div>
          {layout.map((l) => (
            <div
              key={l.lane}
              className={`tl-lane tl-lane-${l.lane}`}
              role="group"
              aria-label={t('timeline.filter.lane', { lane: t(`timeline.lane.${l.lane}`), count: l.count })}
              style={{ height: l.height }}
            >
              <div className="tl-lane-label" style={{ width: LABEL_W }} aria-hidden="true">
                <span>{t(`timeline.lane.${l.lane}`)}</span>
                <span className="num muted">{l.count}</span>
              </div>
              <div className="tl-track" style={{ width }}>
                {l.visible.map((e, i) => {
                  const x = xOf(timeOf(e));
                  const isDay = e.precision === 'day';
                  const w = isDay ? Math.max(MARKER, dayMarkerWidth(dayWidth)) : MARKER;
                  const label = t('timeline.event.label', { label: eventLabel(e, t, intl), when: eventWhen(e, t, intl) });
                  return (
                    <button
                      key={e.id}
                      type="button"
                      ref={(b) => {
                        if (b) buttons.current.set(e.id, b);
                        else buttons.current.delete(e.id);
                      }}
                      data-event-id={e.id}
                      className={`tl-event${isDay ? ' is-day' : ''}`}
                      style={{ left: x - w / 2, width: w, top: LANE_PAD + (l.rows[i] ?? 0) * ROW_H + (ROW_H - MARKER) / 2 }}
                      tabIndex={e.id === tabId ? 0 : -1}
                      aria-label={label}
                      title={label}
                      onClick={() => onOpen(e)}
                      onFocus={() => {
                        setActiveId(e.id);
                        onShow(e);
                      }}
                      onMouseEnter={() => onShow(e)}
                    />
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      </div>
      <p id={helpId} className="muted tl-help">
        {t('timeline.chart.help')}
      </p>
    </div>
  );
}

/** A day's width in pixels, capped so that a day at a high zoom does not cover the lane. */
function dayMarkerWidth(dayWidth: number): number {
  return Math.min(dayWidth, 400);
}
