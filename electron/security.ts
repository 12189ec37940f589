/**
 * Window and session hardening. Type-only imports from Electron: these functions take
 * Electron's objects as arguments, so plain Node can test them with stand-ins.
 */
import type { Session, WebContents, WebFrameMain, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../db/shared/csp.ts';

export interface WebPreferencesOptions {
  /** Whether DevTools can be opened (development only). */
  devTools?: boolean;
}

/** The renderer is untrusted: no Node, isolated world, OS sandbox, nothing beyond the preload's bridge. */
export function secureWebPreferences(preloadPath: string, opts: WebPreferencesOptions = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Chromium's built-in PDF viewer previews PDF evidence (from blob: URLs in an iframe);
    // the CSP keeps object-src 'none', so no page can embed other plugin content.
    plugins: true,
    experimentalFeatures: false,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: opts.devTools ?? false,
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Windows drive paths (file:///C:/...) compare case-insensitively. */
function samePath(a: string, b: string, protocol: string): boolean {
  if (protocol === 'file:' && /^\/[a-z]:\//i.test(a)) return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/**
 * Whether `url` is the app's own page: same scheme, host and path as `appUrl`
 * (the file:// URL of dist/renderer/index.html, or an app:// URL). Query and hash may differ,
 * so in-app routes stay allowed.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  return (
    target.protocol === app.protocol &&
    target.host === app.host &&
    target.username === '' &&
    target.password === '' &&
    samePath(target.pathname, app.pathname, app.protocol)
  );
}

/** Only the app's top-level page may call into the main process: no subframes, no other URLs. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, appUrl: string): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}

/**
 * The window never leaves the app's page: navigation elsewhere, redirects, new windows and
 * <webview> are refused.
 */
export function hardenContents(contents: WebContents, appUrl: string): void {
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
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
