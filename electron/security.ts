/**
 * Window and session hardening. Type-only imports from Electron: these functions take
 * Electron's objects as arguments, so plain Node can test them with stand-ins.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents, WebFrameMain } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../db/shared/csp.ts';
import { APP_URL } from './app-protocol.ts';

export interface AppWindowOptions {
  /** Size, title, colours...: everything but webPreferences, which this module decides. */
  window: Omit<BrowserWindowConstructorOptions, 'webPreferences'>;
  /** The sandboxed preload (dist/electron/preload.cjs). */
  preload: string;
  /** Whether DevTools can be opened (development only). */
  devTools?: boolean;
}

/**
 * Opens a window whose renderer is untrusted: no Node, isolated world, OS sandbox, nothing
 * beyond the preload's bridge. `BrowserWindow` is Electron's class (or a stand-in in tests); the
 * webPreferences are written out here, in the `new BrowserWindow({...})` itself, so that
 * electronegativity (test/electronegativity.test.ts) reads them.
 */
export function createAppWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  opts: AppWindowOptions,
): W {
  // electronegativity: AUXCLICK_JS_CHECK. A middle click on a link asks for a new window, and
  // hardenContents' setWindowOpenHandler denies every new window; navigation is limited to the app page.
  return new BrowserWindow({
    ...opts.window,
    webPreferences: {
      // electronegativity: PRELOAD_JS_CHECK. The preload is Dossier's own bundle (preload.ts), run
      // sandboxed: it exposes the typed bridge and nothing else, and scripts/build-electron.mjs
      // refuses a preload that requires anything but 'electron'.
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // No Chromium PDF viewer, no plugin of any kind: seized PDFs are untrusted and are drawn by
      // pdf.js, inside this sandboxed renderer (renderer/src/pages/evidence/PdfPreview.tsx).
      plugins: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: opts.devTools ?? false,
    },
  });
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is the app's own page: the same scheme, host and path as `appUrl`
 * (app://dossier/index.html). Query and hash may differ, so in-app routes stay allowed; file://
 * URLs, other app:// paths and every other origin are not the app.
 */
export function isAppUrl(url: string, appUrl: string = APP_URL): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  return (
    target.protocol === app.protocol &&
    target.host === app.host &&
    target.username === '' &&
    target.password === '' &&
    target.pathname === app.pathname
  );
}

/** Only the app's top-level page may call into the main process: no subframes, no other URLs. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, appUrl: string = APP_URL): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}

/**
 * The window never leaves the app's page: navigation elsewhere, redirects, new windows and
 * <webview> are refused.
 */
export function hardenContents(contents: WebContents, appUrl: string = APP_URL): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function withoutHeader(headers: Record<string, string[]>, name: string): Record<string, string[]> {
  const lower = name.toLowerCase();
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== lower));
}

/**
 * Dossier needs no browser permission (camera, notifications, geolocation, HID...): every
 * request and check is refused, and every response carries the app's CSP.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = withoutHeader(details.responseHeaders ?? {}, 'Content-Security-Policy');
    // electronegativity: CSP_GLOBAL_CHECK. It reports "Failed to parse CSP" because the value is
    // the constant CONTENT_SECURITY_POLICY (db/shared/csp.ts), not a string literal it can read;
    // test/electron-shell.test.ts checks that policy and that every response carries it.
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
