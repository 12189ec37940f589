import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button, ButtonGroup, Callout, Spinner } from '@blueprintjs/core';
import type { RenderTask } from 'pdfjs-dist';
import { useT } from '../../i18n/index.tsx';
import { openPdf, PdfOpenError, type OpenPdf } from './pdf.ts';
import './pdf-preview.css';

/** 100% is the page's printed size: PDF points (1/72 in) as CSS pixels (1/96 in). */
const CSS_PER_POINT = 96 / 72;
const ZOOMS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 4;
/** Largest canvas drawn, in device pixels: beyond it the page is drawn at a lower resolution. */
const MAX_CANVAS_PIXELS = 4096 * 4096;

type Opened = { state: 'opening' } | { state: 'ready'; pdf: OpenPdf } | { state: 'error'; error: PdfOpenError };

function nextZoom(current: number, direction: 1 | -1): number {
  const steps = direction > 0 ? ZOOMS : [...ZOOMS].reverse();
  return steps.find((z) => (direction > 0 ? z > current + 0.001 : z < current - 0.001)) ?? current;
}

/**
 * A PDF drawn page by page on a canvas by pdf.js (see pdf.ts): previous and next page, page X of
 * Y, zoom in and out, fit to width, all from buttons or the keyboard when the preview has focus.
 */
export function PdfPreview(props: { blob: Blob; name: string }) {
  const t = useT();
  const { blob, name } = props;
  const [opened, setOpened] = useState<Opened>({ state: 'opening' });
  const [page, setPage] = useState(1);
  /** null: fit the width of the preview. */
  const [zoom, setZoom] = useState<number | null>(null);
  const [shownZoom, setShownZoom] = useState(1);
  const [drawError, setDrawError] = useState<string | null>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const keysId = useId();

  useEffect(() => {
    let cancelled = false;
    let pdf: OpenPdf | null = null;
    setOpened({ state: 'opening' });
    setPage(1);
    setZoom(null);
    setDrawError(null);
    blob
      .arrayBuffer()
      .then((buffer) => openPdf(new Uint8Array(buffer)))
      .then(
        (open) => {
          if (cancelled) open.close();
          else {
            pdf = open;
            setOpened({ state: 'ready', pdf: open });
          }
        },
        (err: unknown) => {
          if (!cancelled)
            setOpened({ state: 'error', error: err instanceof PdfOpenError ? err : new PdfOpenError('other', String(err)) });
        },
      );
    return () => {
      cancelled = true;
      pdf?.close();
    };
  }, [blob]);

  // Fit-to-width follows the drawer's width.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, [opened.state]);

  const doc = opened.state === 'ready' ? opened.pdf.doc : null;
  const count = doc?.numPages ?? 0;

  useEffect(() => {
    const target = canvas.current;
    if (!doc || !target || width === 0) return;
    let cancelled = false;
    let task: RenderTask | null = null;
    void (async () => {
      try {
        const pdfPage = await doc.getPage(page);
        if (cancelled) return;
        const natural = pdfPage.getViewport({ scale: CSS_PER_POINT });
        // Fit: the page's width in the preview, less its border.
        const scale = zoom ?? Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, (width - 2) / natural.width));
        const view = pdfPage.getViewport({ scale: scale * CSS_PER_POINT });
        const ratio = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / (view.width * view.height)));
        target.width = Math.max(1, Math.floor(view.width * ratio));
        target.height = Math.max(1, Math.floor(view.height * ratio));
        target.style.width = `${Math.floor(view.width)}px`;
        target.style.height = `${Math.floor(view.height)}px`;
        setShownZoom(scale);
        task = pdfPage.render({
          canvas: target,
          viewport: view,
          transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
        });
        await task.promise;
        if (!cancelled) setDrawError(null);
      } catch (err) {
        if (cancelled || (err instanceof Error && err.name === 'RenderingCancelledException')) return;
        setDrawError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page, zoom, width]);

  const go = useCallback((to: number) => setPage(Math.min(Math.max(1, to), Math.max(1, count))), [count]);
  const zoomBy = useCallback((direction: 1 | -1) => setZoom(nextZoom(zoom ?? shownZoom, direction)), [zoom, shownZoom]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const actions: Record<string, () => void> = {
      PageDown: () => go(page + 1),
      PageUp: () => go(page - 1),
      Home: () => go(1),
      End: () => go(count),
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
      '0': () => setZoom(null),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  if (opened.state === 'opening') return <Spinner size={24} aria-label={t('evidence.pdf.opening')} />;
  if (opened.state === 'error') {
    const { kind, message } = opened.error;
    return (
      <Callout intent={kind === 'other' ? 'danger' : 'warning'} data-testid="pdf-error">
        {kind === 'password'
          ? t('evidence.pdf.password')
          : kind === 'invalid'
            ? t('evidence.pdf.invalid')
            : t('evidence.pdf.failed', { message })}
      </Callout>
    );
  }

  const percent = Math.round(shownZoom * 100);
  return (
    <div className="pdf-preview" data-testid="pdf-preview">
      <div className="pdf-toolbar" role="toolbar" aria-label={t('evidence.pdf.toolbar')}>
        <ButtonGroup>
          <Button
            icon="chevron-left"
            aria-label={t('evidence.pdf.previous')}
            title={t('evidence.pdf.previous')}
            aria-keyshortcuts="PageUp"
            disabled={page <= 1}
            onClick={() => go(page - 1)}
          />
          <Button
            icon="chevron-right"
            aria-label={t('evidence.pdf.next')}
            title={t('evidence.pdf.next')}
            aria-keyshortcuts="PageDown"
            disabled={page >= count}
            onClick={() => go(page + 1)}
          />
        </ButtonGroup>
        <span className="pdf-page-of" aria-live="polite" data-testid="pdf-page-of">
          {t('evidence.pdf.pageOf', { page, count })}
        </span>
        <span className="pdf-zoom num" data-testid="pdf-zoom">
          {t('evidence.pdf.zoomLevel', { percent })}
        </span>
        <ButtonGroup>
          <Button
            icon="zoom-out"
            aria-label={t('evidence.pdf.zoomOut')}
            title={t('evidence.pdf.zoomOut')}
            aria-keyshortcuts="-"
            disabled={shownZoom <= MIN_ZOOM + 0.001}
            onClick={() => zoomBy(-1)}
          />
          <Button
            icon="zoom-in"
            aria-label={t('evidence.pdf.zoomIn')}
            title={t('evidence.pdf.zoomIn')}
            aria-keyshortcuts="+"
            disabled={shownZoom >= MAX_ZOOM - 0.001}
            onClick={() => zoomBy(1)}
          />
          <Button
            icon="zoom-to-fit"
            text={t('evidence.pdf.fitWidth')}
            aria-keyshortcuts="0"
            active={zoom === null}
            onClick={() => setZoom(null)}
          />
        </ButtonGroup>
      </div>
      {drawError && (
        <Callout intent="danger" className="form-callout">
          {t('evidence.pdf.failed', { message: drawError })}
        </Callout>
      )}
      <div
        ref={viewport}
        className="pdf-viewport"
        tabIndex={0}
        role="group"
        aria-label={t('evidence.pdf.viewer', { name })}
        aria-describedby={keysId}
        onKeyDown={onKeyDown}
      >
        <canvas ref={canvas} role="img" aria-label={t('evidence.pdf.page', { page, count, name })} data-testid="pdf-canvas" />
      </div>
      <p id={keysId} className="muted pdf-keys">
        {t('evidence.pdf.keys')}
      </p>
    </div>
  );
}
