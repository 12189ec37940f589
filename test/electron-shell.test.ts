/**
 * The Electron shell under plain Node: Electron's objects are replaced by small recorders
 * (Electron cannot run here); Dossier's own code — the dispatcher, SQLite, the bundles — is real.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { builtinModules } from 'node:module';
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  MenuItemConstructorOptions,
  OnHeadersReceivedListenerDetails,
  HeadersReceivedResponse,
  Session,
  WebContents,
  WebFrameMain,
  WindowOpenHandlerResponse,
} from 'electron';
import { openCore, type Core } from '../db/index.ts';
import { CONTENT_SECURITY_POLICY } from '../db/shared/csp.ts';
import { createAppWindow, hardenContents, hardenSession, isAppUrl, isTrustedSender } from '../electron/security.ts';
import {
  APP_SCHEMES,
  APP_URL,
  appProtocolHandler,
  appResponseHeaders,
  contentTypeOf,
  resolveAppRequest,
} from '../electron/app-protocol.ts';
import { INVOKE_CHANNEL, MENU_CHANNEL, registerInvokeHandler } from '../electron/ipc.ts';
import { buildMenuTemplate, NEW_CASE_ACCELERATOR } from '../electron/menu.ts';
import { explainOpenError, resolveNativeBinding } from '../electron/native.ts';
import { MENU_COMMANDS, type MenuCommand } from '../electron/channels.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const indexHtml = path.join(repo, 'dist', 'renderer', 'index.html');
/** Where the page used to be loaded from; now just another URL that is not the app. */
const FILE_URL = pathToFileURL(indexHtml).href;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-electron-test-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

// ---- Stand-ins for Electron objects ------------------------------------------------------

type Listener = (...args: unknown[]) => void;

interface FakeEvent {
  url?: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function fakeEvent(url?: string): FakeEvent {
  return {
    ...(url === undefined ? {} : { url }),
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

class FakeWebContents {
  readonly listeners = new Map<string, Listener[]>();
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }

  /** Emits like Electron does; returns whether a listener prevented the default. */
  emit(event: string, ...args: unknown[]): boolean {
    const e = fakeEvent(typeof args[0] === 'string' ? args[0] : undefined);
    for (const listener of this.listeners.get(event) ?? []) listener(e, ...args.slice(1));
    return e.defaultPrevented;
  }
}

type HeadersListener = (details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void;

class FakeSession {
  requestHandler: ((contents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  checkHandler: ((...args: unknown[]) => boolean) | null = null;
  deviceHandler: ((...args: unknown[]) => boolean) | null = null;
  headersListener: HeadersListener | null = null;

  setPermissionRequestHandler(handler: FakeSession['requestHandler']): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['deviceHandler']): void {
    this.deviceHandler = handler;
  }
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener;
    },
  };
}

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, ...args) from `frame` would get. */
  async call(channel: string, frame: WebFrameMain | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const event = { senderFrame: frame } as unknown as IpcMainInvokeEvent;
    return handler(event, ...args);
  }
}

function fakeFrame(url: string, parent: WebFrameMain | null = null): WebFrameMain {
  return { url, parent } as unknown as WebFrameMain;
}

// ---- Window and session hardening --------------------------------------------------------

describe('createAppWindow', () => {
  class RecordingWindow {
    constructor(readonly options: BrowserWindowConstructorOptions) {}
  }
  const open = (devTools?: boolean) =>
    createAppWindow(RecordingWindow, {
      window: { title: 'Dossier', width: 1280, show: false },
      preload: '/app/dist/electron/preload.cjs',
      ...(devTools === undefined ? {} : { devTools }),
    }).options;

  it('isolates and sandboxes the renderer, with no plugin (no Chromium PDF viewer)', () => {
    const options = open();
    expect(options).toMatchObject({ title: 'Dossier', width: 1280, show: false });
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: false,
    });
    expect(open(true).webPreferences?.devTools).toBe(true);
  });

  it('does not let the caller pass webPreferences of its own', () => {
    const sneaky = { title: 'x', webPreferences: { nodeIntegration: true } } as unknown as BrowserWindowConstructorOptions;
    const options = createAppWindow(RecordingWindow, { window: sneaky, preload: '/p' }).options;
    expect(options.webPreferences?.nodeIntegration).toBe(false);
  });
});

describe('hardenContents', () => {
  const contents = new FakeWebContents();
  hardenContents(contents as unknown as WebContents, APP_URL);

  it('refuses navigation away from the app page', () => {
    expect(contents.emit('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emit('will-navigate', FILE_URL)).toBe(true);
    expect(contents.emit('will-navigate', 'app://dossier/assets/x.html')).toBe(true);
    expect(contents.emit('will-navigate', 'app://other/index.html')).toBe(true);
    expect(contents.emit('will-navigate', 'app://user@dossier/index.html')).toBe(true);
    expect(contents.emit('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(contents.emit('will-navigate', 'not a url')).toBe(true);
    expect(contents.emit('will-redirect', 'https://example.com/')).toBe(true);
  });

  it('allows the app page itself, with any route in query or hash', () => {
    expect(contents.emit('will-navigate', APP_URL)).toBe(false);
    expect(contents.emit('will-navigate', `${APP_URL}#/cases/123`)).toBe(false);
    expect(contents.emit('will-navigate', `${APP_URL}?page=cases`)).toBe(false);
  });

  it('denies new windows and webviews', () => {
    const details = {
      url: 'https://example.com/',
      frameName: '',
      features: '',
      disposition: 'new-window',
    } as unknown as HandlerDetails;
    expect(contents.openHandler?.(details)).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ ...details, url: APP_URL })).toEqual({ action: 'deny' });
    expect(contents.emit('will-attach-webview', undefined, {}, { src: APP_URL })).toBe(true);
  });
});

describe('hardenSession', () => {
  const ses = new FakeSession();
  hardenSession(ses as unknown as Session);

  it('refuses every permission request and check', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      ses.requestHandler?.({} as WebContents, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(ses.checkHandler?.(null, 'media', 'file://', {})).toBe(false);
    expect(ses.deviceHandler?.({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });

  it('sets the app CSP on every response, replacing any other', () => {
    let response: HeadersReceivedResponse | undefined;
    const details = {
      url: APP_URL,
      resourceType: 'mainFrame',
      responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
    } as unknown as OnHeadersReceivedListenerDetails;
    ses.headersListener?.(details, (r) => {
      response = r;
    });
    expect(response?.responseHeaders).toEqual({
      'X-Other': ['1'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('renderer/index.html', () => {
  it('carries the same CSP in its meta tag (the header is what workers follow)', () => {
    const html = fs.readFileSync(path.join(repo, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    // frame-ancestors is ignored in a meta tag; the header carries it.
    const expected = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'));
    expect(meta?.split(/;\s*/)).toEqual(expected);
  });

  it('lets pdf.js run its worker and WebAssembly decoders, and nothing frame or eval JavaScript', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|blob:[^;]*;.*script|script-src[^;]*blob:/);
  });
});

describe('isTrustedSender', () => {
  it('trusts the main frame of the app page only', () => {
    const main = fakeFrame(`${APP_URL}#/cases`);
    expect(APP_URL).toBe('app://dossier/index.html');
    expect(isTrustedSender(main)).toBe(true);
    expect(isTrustedSender(fakeFrame(`${APP_URL}?page=cases#/x`), APP_URL)).toBe(true);
    expect(isTrustedSender(fakeFrame(APP_URL, main), APP_URL)).toBe(false);
    expect(isTrustedSender(fakeFrame('https://example.com/'), APP_URL)).toBe(false);
    expect(isTrustedSender(fakeFrame(FILE_URL), APP_URL)).toBe(false);
    expect(isTrustedSender(fakeFrame('file:///tmp/index.html'), APP_URL)).toBe(false);
    expect(isTrustedSender(fakeFrame(''), APP_URL)).toBe(false);
    expect(isTrustedSender(null, APP_URL)).toBe(false);
  });

  it('is the app page by scheme, host and path', () => {
    expect(isAppUrl('app://dossier/index.html#/x')).toBe(true);
    expect(isAppUrl('app://dossier/')).toBe(false);
    expect(isAppUrl('app://dossier/assets/index.js')).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('app://dossier:8080/index.html')).toBe(false);
    expect(isAppUrl('apps://dossier/index.html')).toBe(false);
    expect(isAppUrl('http://dossier/index.html')).toBe(false);
  });
});

// ---- The app:// protocol -----------------------------------------------------------------

describe('resolveAppRequest', () => {
  const root = path.resolve('/opt/Dossier/resources/app.asar/dist/renderer');
  const file = (...parts: string[]) => path.join(root, ...parts);

  it('maps app://dossier/ paths to files of the renderer folder, with their type', () => {
    expect(resolveAppRequest('app://dossier/index.html', root)).toEqual({
      ok: true,
      file: file('index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://dossier/', root)).toMatchObject({ ok: true, file: file('index.html') });
    expect(resolveAppRequest('app://dossier/assets/index-abc.js?v=1#x', root)).toEqual({
      ok: true,
      file: file('assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://dossier/assets/a%20b.css', root)).toMatchObject({
      ok: true,
      file: file('assets', 'a b.css'),
    });
    expect(resolveAppRequest('app://dossier/assets/x.wasm', root, 'HEAD')).toMatchObject({ contentType: 'application/wasm' });
  });

  it('refuses whatever would leave the renderer folder', () => {
    for (const url of [
      'app://dossier/..%2f..%2fpackage.json',
      'app://dossier/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://dossier/%2F%2E%2E%2Fmain.cjs',
    ]) {
      expect(resolveAppRequest(url, root), url).toMatchObject({ ok: false, status: 404 });
    }
    // The URL parser folds `..` and `%2e%2e` segments into the path first: they stay inside the folder.
    expect(resolveAppRequest('app://dossier/../../../etc/passwd', root)).toMatchObject({ ok: true, file: file('etc', 'passwd') });
    expect(resolveAppRequest('app://dossier/%2e%2e/%2E%2E/package.json', root)).toMatchObject({
      ok: true,
      file: file('package.json'),
    });
    for (const url of ['app://dossier/..%5c..%5cmain.cjs', 'app://dossier/index.html%00.png', 'app://dossier/%E0%A4%A']) {
      expect(resolveAppRequest(url, root), url).toMatchObject({ ok: false, status: 400 });
    }
  });

  it('answers only GET and HEAD, for the dossier host', () => {
    expect(resolveAppRequest('app://dossier/index.html', root, 'POST')).toMatchObject({ ok: false, status: 405 });
    expect(resolveAppRequest('app://other/index.html', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppRequest('app://user:pw@dossier/index.html', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppRequest('file:///etc/passwd', root)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppRequest('not a url', root)).toMatchObject({ ok: false, status: 400 });
  });

  it('types files by extension, bytes when unknown', () => {
    expect(contentTypeOf('a/pdf.worker.min-x.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a/b.SVG')).toBe('image/svg+xml');
    expect(contentTypeOf('a/78-EUC-H.bcmap')).toBe('application/octet-stream');
    expect(contentTypeOf('a/noext')).toBe('application/octet-stream');
  });

  it('registers one standard, secure, fetchable scheme, without CORS or a CSP bypass', () => {
    expect(APP_SCHEMES).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });
});

describe('appProtocolHandler', () => {
  let root: string;
  let handle: (request: Request) => Promise<Response>;
  beforeAll(() => {
    root = path.join(tmp, 'protocol', 'dist', 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Dossier</title>');
    fs.writeFileSync(path.join(root, 'assets', 'index-1.js'), 'console.log(1)');
    fs.writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'outside the renderer folder');
    handle = appProtocolHandler(root);
  });
  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  it('serves the page and its assets with their type, the CSP and nosniff', async () => {
    const page = await get('app://dossier/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Dossier</title>');
    expect(Object.fromEntries(page.headers)).toEqual(
      Object.fromEntries(Object.entries(appResponseHeaders('text/html; charset=utf-8')).map(([k, v]) => [k.toLowerCase(), v])),
    );
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://dossier/assets/index-1.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const head = await get('app://dossier/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for missing files, folders and the world outside, without saying more', async () => {
    for (const url of [
      'app://dossier/missing.js',
      'app://dossier/assets',
      'app://dossier/assets/',
      'app://dossier/%2e%2e/secret.txt',
      'app://dossier/..%2fsecret.txt',
      'app://elsewhere/index.html',
    ]) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(await r.text(), url).toBe('Not found');
      expect(r.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await get('app://dossier/index.html', 'POST')).status).toBe(405);
    expect((await get('app://dossier/a%00b')).status).toBe(400);
  });
});

// ---- IPC against a real database ---------------------------------------------------------

describe('registerInvokeHandler', () => {
  let core: Core;
  const ipc = new FakeIpcMain();
  const trusted = fakeFrame(APP_URL);

  beforeAll(async () => {
    core = await openCore(path.join(tmp, 'ipc', 'dossier.db'), { actor: { name: 'Test Investigator', badge: 'T-1' } });
    registerInvokeHandler(ipc as unknown as IpcMain, core.invoke, (frame) => isTrustedSender(frame, APP_URL));
  });
  afterAll(() => core.close());

  const count = (table: string): number => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('registers the one channel', () => {
    expect(INVOKE_CHANNEL).toBe('dossier:invoke');
    expect(MENU_CHANNEL).toBe('dossier:menu');
    expect([...ipc.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
  });

  it('dispatches a real call from the app window', async () => {
    const reply = await ipc.call(INVOKE_CHANNEL, trusted, 'cases.create', { title: 'Diverted lathe controllers' });
    expect(reply).toMatchObject({ ok: true, result: { title: 'Diverted lathe controllers' } });
    expect(count('cases')).toBe(1);
    const listed = await ipc.call(INVOKE_CHANNEL, trusted, 'cases.get', {
      id: (reply as { result: { id: string } }).result.id,
    });
    expect(listed).toMatchObject({ ok: true, result: { title: 'Diverted lathe controllers' } });
  });

  it('refuses untrusted senders and writes nothing', async () => {
    const cases = count('cases');
    const audit = count('audit_log');
    const senders = [
      fakeFrame(APP_URL, trusted), // a subframe of the app page
      fakeFrame('https://example.com/'),
      fakeFrame(pathToFileURL(path.join(tmp, 'index.html')).href),
      fakeFrame(FILE_URL), // the built page, but from file:// rather than app://
      null, // frame gone
    ];
    for (const frame of senders) {
      const reply = await ipc.call(INVOKE_CHANNEL, frame, 'cases.create', { title: 'Planted case' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(count('cases')).toBe(cases);
    expect(count('audit_log')).toBe(audit);
  });

  it('answers malformed calls with envelopes', async () => {
    expect(await ipc.call(INVOKE_CHANNEL, trusted, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'method' },
    });
    expect(await ipc.call(INVOKE_CHANNEL, trusted, 'cases.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await ipc.call(INVOKE_CHANNEL, trusted, 'cases.create', { title: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('can be removed', () => {
    const other = new FakeIpcMain();
    const dispose = registerInvokeHandler(other as unknown as IpcMain, core.invoke, () => true);
    dispose();
    expect(other.handlers.size).toBe(0);
  });
});

// ---- Native binding and open errors ------------------------------------------------------

describe('resolveNativeBinding', () => {
  const base = { resourcesPath: '/opt/Dossier/resources', appPath: '/src/dossier', platform: 'linux', arch: 'x64' };

  it('uses the shipped Electron build when packaged', () => {
    expect(resolveNativeBinding({ ...base, isPackaged: true, exists: () => false })).toBe(
      path.join('/opt/Dossier/resources', 'native', 'better_sqlite3.node'),
    );
  });

  it('uses native/electron/<platform>-<arch> in a checkout when it was built', () => {
    const seen: string[] = [];
    const exists = (file: string): boolean => {
      seen.push(file);
      return true;
    };
    const expected = path.join('/src/dossier', 'native', 'electron', 'linux-x64', 'better_sqlite3.node');
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists })).toBe(expected);
    expect(seen).toEqual([expected]);
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists: () => false })).toBeUndefined();
  });

  it('checks the real file system by default', () => {
    const appPath = path.join(tmp, 'checkout');
    const ctx = { ...base, appPath, platform: 'darwin', arch: 'arm64', isPackaged: false };
    expect(resolveNativeBinding(ctx)).toBeUndefined();
    const dir = path.join(appPath, 'native', 'electron', 'darwin-arm64');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), '');
    expect(resolveNativeBinding(ctx)).toBe(path.join(dir, 'better_sqlite3.node'));
  });
});

describe('explainOpenError', () => {
  it('passes on a too-new database as one paragraph, without a stack', async () => {
    const file = path.join(tmp, 'newer', 'dossier.db');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const raw = new Database(file);
    raw.pragma('user_version = 9999');
    raw.close();
    const err: unknown = await openCore(file).then(
      (core) => {
        core.close();
        return null;
      },
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'database_too_new' });
    const text = explainOpenError(err, file, true);
    expect(text).toContain('newer Dossier');
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('explains a better-sqlite3 built for the wrong runtime', () => {
    const err = new Error(
      "The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 140.",
    );
    expect(explainOpenError(err, '/d.db', false)).toContain('npm run build:electron-native');
    expect(explainOpenError(err, '/d.db', false)).toContain('built for module version 115, this Electron needs 140');
    expect(explainOpenError(err, '/d.db', true)).toContain('Reinstall Dossier');
    expect(explainOpenError(new Error('disk I/O error'), '/d.db', true)).toBe(
      'Dossier could not open its database /d.db: disk I/O error',
    );
  });
});

// ---- Menu --------------------------------------------------------------------------------

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

type ClickArgs = Parameters<NonNullable<MenuItemConstructorOptions['click']>>;
const clickArgs = [{}, undefined, {}] as unknown as ClickArgs;

describe('buildMenuTemplate', () => {
  it('has File > New case on Ctrl/Cmd+N, sent to the renderer', () => {
    const sent: MenuCommand[] = [];
    const items = flatten(buildMenuTemplate({ platform: 'linux', isDev: false, appName: 'Dossier', send: (c) => sent.push(c) }));
    const newCase = items.find((i) => i.id === 'new-case');
    expect(newCase?.accelerator).toBe('CmdOrCtrl+N');
    expect(NEW_CASE_ACCELERATOR).toBe('CmdOrCtrl+N');
    for (const id of ['new-case', 'shortcuts', 'check', 'palette']) items.find((i) => i.id === id)?.click?.(...clickArgs);
    expect(sent).toEqual(['new-case', 'shortcuts', 'check', 'palette']);
  });

  it('has one menu item for every menu command the renderer knows, File > Export, Print, Import and Verify among them', () => {
    const sent: MenuCommand[] = [];
    const items = flatten(buildMenuTemplate({ platform: 'win32', isDev: false, appName: 'Dossier', send: (c) => sent.push(c) }));
    const file = buildMenuTemplate({ platform: 'win32', isDev: false, appName: 'Dossier', send: () => undefined }).find(
      (m) => m.label === '&File',
    );
    const fileIds = flatten((file?.submenu ?? []) as MenuItemConstructorOptions[]).map((i) => i.id);
    expect(fileIds).toEqual(expect.arrayContaining(['new-case', 'export-case', 'print', 'import-package', 'verify-package']));
    for (const command of MENU_COMMANDS) {
      const matching = items.filter((i) => i.id === command);
      expect(matching, command).toHaveLength(1);
      matching[0]?.click?.(...clickArgs);
    }
    expect(sent).toEqual([...MENU_COMMANDS]);
    expect(items.find((i) => i.id === 'print')?.accelerator).toBe('CmdOrCtrl+P');
    expect(items.find((i) => i.id === 'export-case')?.accelerator).toBe('CmdOrCtrl+Shift+E');
  });

  it('has the usual roles, and developer tools only in development', () => {
    const roles = (isDev: boolean, platform: NodeJS.Platform) =>
      flatten(buildMenuTemplate({ platform, isDev, appName: 'Dossier', send: () => undefined })).map((i) => i.role);
    const prod = roles(false, 'win32');
    for (const role of [
      'quit',
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'zoomIn',
      'zoomOut',
      'resetZoom',
      'togglefullscreen',
      'minimize',
      'about',
    ]) {
      expect(prod).toContain(role);
    }
    expect(prod).not.toContain('toggleDevTools');
    expect(prod).not.toContain('reload');
    const dev = roles(true, 'linux');
    expect(dev).toContain('toggleDevTools');
    expect(dev).toContain('reload');
  });

  it('follows macOS conventions on macOS', () => {
    const template = buildMenuTemplate({ platform: 'darwin', isDev: false, appName: 'Dossier', send: () => undefined });
    expect(template[0]?.label).toBe('Dossier');
    const labels = flatten(template).map((i) => i.label ?? '');
    expect(labels.some((l) => l.includes('&'))).toBe(false);
    expect(flatten(template).map((i) => i.role)).toContain('hideOthers');
  });
});

// ---- Bundles -----------------------------------------------------------------------------

describe('scripts/build-electron.mjs', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = path.join(tmp, 'bundle');
    execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-electron.mjs'), '--outdir', outdir], {
      cwd: repo,
      stdio: 'pipe',
    });
  }, 60_000);

  const requiresOf = (code: string): string[] => [
    ...new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? '')),
  ];

  it('bundles main with only electron, better-sqlite3, pdfkit and Node built-ins left to require', () => {
    const main = fs.readFileSync(path.join(outdir, 'main.cjs'), 'utf8');
    // pdfkit reads its own data files beside its code, so it ships as a package (electron-builder.yml).
    const external = requiresOf(main).filter((name) => !name.startsWith('node:') && !builtinModules.includes(name));
    expect(external.sort()).toEqual(['better-sqlite3', 'electron', 'pdfkit']);
    expect(main).not.toContain('// cli/main.ts');
    expect(main).not.toContain('// cli/server.ts');
    expect(main).toContain('// db/contract.ts');
  });

  it('bundles a preload that requires nothing but electron and exposes the bridge', async () => {
    const code = fs.readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    expect(requiresOf(code)).toEqual(['electron']);

    // Run the real bundle as a sandboxed preload would: `require` knows 'electron' only.
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const rendererListeners = new Map<string, Listener[]>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, result: null });
        },
        on: (channel: string, listener: Listener) => {
          rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]);
        },
        removeListener: (channel: string, listener: Listener) => {
          rendererListeners.set(
            channel,
            (rendererListeners.get(channel) ?? []).filter((l) => l !== listener),
          );
        },
      },
    };
    const sandboxRequire = (name: string): unknown => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, process: { platform: 'linux' } });

    const bridge = exposed.get('dossier') as {
      invoke(method: string, input?: unknown): Promise<unknown>;
      onMenu(cb: (command: string) => void): () => void;
      platform: string;
    };
    expect([...exposed.keys()]).toEqual(['dossier']);
    expect(bridge.platform).toBe('linux');
    await expect(bridge.invoke('cases.list', { limit: 5 })).resolves.toEqual({ ok: true, result: null });
    expect(invoked).toEqual([['dossier:invoke', 'cases.list', { limit: 5 }]]);

    const commands: string[] = [];
    const off = bridge.onMenu((c) => commands.push(c));
    for (const listener of rendererListeners.get('dossier:menu') ?? []) {
      listener({}, 'new-case');
      listener({}, 'rm -rf');
    }
    off();
    expect(commands).toEqual(['new-case']);
    expect(rendererListeners.get('dossier:menu')).toEqual([]);
  });
});

// ---- Packaging ---------------------------------------------------------------------------

describe('electron-builder.yml', () => {
  // Read and checked by electron-builder's own code: its YAML parser and its schema validation
  // (which refuses a misspelt fuse name).
  const builder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
  const lib = createRequire(builder.resolve('app-builder-lib/package.json'));
  const yaml = lib('js-yaml') as { load(text: string): unknown };
  const { validateConfiguration } = lib('./out/util/config/config.js') as {
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = lib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = yaml.load(fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('flips the hardening fuses, asar integrity included', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    expect(config.asar).toBe(true);
  });

  it('is a configuration electron-builder accepts, and a wrong fuse name is not', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...(config.electronFuses as object), runAsNodes: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});

// ---- The bundled main process, driven by a stand-in for the electron module ---------------

/**
 * A CommonJS stand-in for `require('electron')`: records what main.cjs does, then plays a short
 * session (page loaded, IPC calls, a menu click, a navigation attempt, quit) and prints the record.
 */
const FAKE_ELECTRON = String.raw`
const { EventEmitter } = require('node:events');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const appDir = process.env.FAKE_APP_DIR;
const record = { paths: {}, windows: [], errors: [], sent: [], ipc: [], navigation: [], schemes: [], served: [] };
const ipcHandlers = new Map();
const protocolHandlers = new Map();
let menu = null;
let readyAsked = false;

function finish(code) {
  process.stdout.write(JSON.stringify(record) + '\n');
  process.exit(code);
}

const app = new EventEmitter();
Object.assign(app, {
  isPackaged: false,
  getAppPath: () => appDir,
  setName: (name) => { record.name = name; },
  setPath: (key, value) => { record.paths[key] = value; },
  getPath: (key) => { if (!record.paths[key]) throw new Error('no path ' + key); return record.paths[key]; },
  enableSandbox: () => { record.sandbox = true; },
  requestSingleInstanceLock: () => true,
  whenReady: () => { readyAsked = true; return Promise.resolve(); },
  setAboutPanelOptions: (options) => { record.about = options; },
  getVersion: () => '0.1.0',
  quit: () => { record.quit = true; app.emit('will-quit'); finish(0); },
  exit: (code) => { record.exitCode = code; finish(code); },
});

const windows = [];
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    const contents = new EventEmitter();
    contents.setWindowOpenHandler = (handler) => { contents.openHandler = handler; };
    contents.send = (channel, ...args) => record.sent.push([channel, ...args]);
    this.webContents = contents;
    this.entry = { options, shown: false };
    record.windows.push(this.entry);
    windows.push(this);
    app.emit('web-contents-created', {}, contents);
  }
  static getFocusedWindow() { return null; }
  static getAllWindows() { return windows; }
  show() { this.entry.shown = true; }
  setBackgroundColor() {}
  isMinimized() { return false; }
  focus() {}
  loadFile(file) {
    record.loadedFile = file;
    return Promise.reject(new Error('the window must load app://dossier/, not a file'));
  }
  loadURL(url) {
    this.entry.loaded = url;
    setImmediate(() => play(this).catch((err) => { record.playError = String(err); finish(2); }));
    return Promise.resolve();
  }
}

/** What the page would get for url, through the registered app:// handler. */
async function fetchApp(url, method = 'GET') {
  const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
  if (!handler) return { url, status: 'no handler' };
  const response = await handler(new Request(url, { method }));
  const body = await response.text();
  return { url, status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), body: body.slice(0, 60) };
}

async function play(win) {
  win.emit('ready-to-show');
  const handler = ipcHandlers.get('dossier:invoke');
  const appUrl = win.entry.loaded;
  const fileUrl = pathToFileURL(path.join(appDir, 'dist', 'renderer', 'index.html')).href;
  for (const url of [appUrl, 'app://dossier/assets/app.js', 'app://dossier/%2e%2e/%2e%2e/package.json', 'app://dossier/missing.css']) {
    record.served.push(await fetchApp(url));
  }
  const main = { url: appUrl + '#/cases', parent: null };
  const call = async (frame, ...args) => record.ipc.push(await handler({ senderFrame: frame }, ...args));
  await call(main, 'cases.create', { title: 'Created over IPC' });
  await call({ url: appUrl, parent: main }, 'cases.create', { title: 'From a subframe' });
  await call(main, 'cases.list', {});
  await call({ url: fileUrl, parent: null }, 'cases.create', { title: 'From file://' });
  const find = (items) => {
    for (const item of items) {
      if (item.id === 'new-case') return item;
      const inner = Array.isArray(item.submenu) ? find(item.submenu) : null;
      if (inner) return inner;
    }
    return null;
  };
  find(menu.template).click();
  for (const url of ['https://example.com/', fileUrl, appUrl]) {
    const event = { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    win.webContents.emit('will-navigate', event);
    record.navigation.push([url, event.defaultPrevented]);
  }
  record.windowOpen = win.webContents.openHandler({ url: 'https://example.com/' });
  app.quit();
}

const session = {
  defaultSession: {
    setPermissionRequestHandler: () => { record.permissions = true; },
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
    webRequest: { onHeadersReceived: () => { record.csp = true; } },
  },
};

const protocol = {
  registerSchemesAsPrivileged: (schemes) => record.schemes.push({ schemes, beforeReady: !readyAsked }),
  handle: (scheme, handler) => protocolHandlers.set(scheme, handler),
};

module.exports = {
  app,
  BrowserWindow,
  protocol,
  session,
  dialog: { showErrorBox: (title, content) => record.errors.push({ title, content }) },
  ipcMain: { handle: (channel, fn) => ipcHandlers.set(channel, fn), removeHandler: (channel) => ipcHandlers.delete(channel) },
  Menu: { buildFromTemplate: (template) => ({ template }), setApplicationMenu: (m) => { menu = m; } },
  nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
  // As on Linux without a keyring: the device key falls back to its user-only file.
  safeStorage: {
    isEncryptionAvailable: () => false,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString: () => { throw new Error('no encryption'); },
    decryptString: () => { throw new Error('no encryption'); },
  },
};
`;

interface MainRecord {
  name?: string;
  paths: Record<string, string>;
  sandbox?: boolean;
  windows: {
    options: { width: number; height: number; show: boolean; webPreferences: Record<string, unknown> };
    shown: boolean;
    loaded?: string;
  }[];
  errors: { title: string; content: string }[];
  sent: unknown[][];
  ipc: { ok: boolean; result?: unknown; error?: { code: string } }[];
  navigation: [string, boolean][];
  schemes: { schemes: unknown; beforeReady: boolean }[];
  served: { url: string; status: number | string; type?: string | null; csp?: string | null; body?: string }[];
  loadedFile?: string;
  playError?: string;
  windowOpen?: unknown;
  exitCode?: number;
  quit?: boolean;
  permissions?: boolean;
  csp?: boolean;
}

describe('dist main.cjs under a stand-in electron module', () => {
  let root: string;
  let mainCjs: string;

  beforeAll(() => {
    // main.cjs requires 'electron', 'better-sqlite3' and 'pdfkit' by name: each resolves from <root>/node_modules.
    root = path.join(tmp, 'main-run');
    const appDir = path.join(root, 'app');
    fs.mkdirSync(path.join(appDir, 'dist', 'renderer'), { recursive: true });
    fs.mkdirSync(path.join(appDir, 'dist', 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(appDir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Dossier</title>');
    fs.writeFileSync(path.join(appDir, 'dist', 'renderer', 'assets', 'app.js'), 'document.title = "Dossier";');
    fs.writeFileSync(path.join(appDir, 'package.json'), '{"name":"not-to-be-served"}');
    fs.mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'index.js'), FAKE_ELECTRON);
    fs.symlinkSync(
      path.join(repo, 'node_modules', 'better-sqlite3'),
      path.join(root, 'node_modules', 'better-sqlite3'),
      'junction',
    );
    fs.symlinkSync(path.join(repo, 'node_modules', 'pdfkit'), path.join(root, 'node_modules', 'pdfkit'), 'junction');
    const outdir = path.join(appDir, 'dist', 'electron');
    execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-electron.mjs'), '--outdir', outdir], { stdio: 'pipe' });
    mainCjs = path.join(outdir, 'main.cjs');
  }, 60_000);

  function runMain(env: Record<string, string>): { status: number | null; record: MainRecord } {
    const result = spawnSync(process.execPath, [mainCjs], {
      env: { ...process.env, FAKE_APP_DIR: path.join(root, 'app'), DOSSIER_DB: '', ...env },
      encoding: 'utf8',
      timeout: 90_000,
    });
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    return { status: result.status, record: JSON.parse(line) as MainRecord };
  }

  it('opens the database in DOSSIER_USER_DATA, shows a hardened window and serves IPC', () => {
    const userData = path.join(root, 'user-data');
    const { status, record } = runMain({ DOSSIER_USER_DATA: userData });
    expect(record.errors).toEqual([]);
    expect(status).toBe(0);
    expect(record.name).toBe('Dossier');
    expect(record.sandbox).toBe(true);
    expect(record.paths.userData).toBe(userData);
    expect(record.windows).toHaveLength(1);
    const [win] = record.windows;
    expect(win?.options).toMatchObject({ width: 1280, height: 800, show: false });
    expect(win?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      plugins: false,
    });
    expect(win?.options.webPreferences.preload).toBe(path.join(root, 'app', 'dist', 'electron', 'preload.cjs'));
    expect(record.playError).toBeUndefined();
    expect(record.loadedFile).toBeUndefined();
    expect(win?.loaded).toBe('app://dossier/index.html');
    expect(record.schemes).toEqual([{ schemes: APP_SCHEMES, beforeReady: true }]);
    // The app:// handler main.cjs registered, on the renderer folder only.
    expect(record.served).toEqual([
      {
        url: 'app://dossier/index.html',
        status: 200,
        type: 'text/html; charset=utf-8',
        csp: CONTENT_SECURITY_POLICY,
        body: '<!doctype html><title>Dossier</title>',
      },
      {
        url: 'app://dossier/assets/app.js',
        status: 200,
        type: 'text/javascript; charset=utf-8',
        csp: CONTENT_SECURITY_POLICY,
        body: 'document.title = "Dossier";',
      },
      expect.objectContaining({ url: 'app://dossier/%2e%2e/%2e%2e/package.json', status: 404, body: 'Not found' }),
      expect.objectContaining({ url: 'app://dossier/missing.css', status: 404 }),
    ]);
    expect(win?.shown).toBe(true);
    expect(record.permissions && record.csp).toBe(true);

    expect(record.ipc[0]).toMatchObject({ ok: true, result: { title: 'Created over IPC' } });
    expect(record.ipc[1]).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(record.ipc[2]).toMatchObject({ ok: true });
    expect(record.ipc[3]).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(record.sent).toEqual([['dossier:menu', 'new-case']]);
    expect(record.navigation).toEqual([
      ['https://example.com/', true],
      [expect.stringMatching(/^file:/), true],
      ['app://dossier/index.html', false],
    ]);
    expect(record.windowOpen).toEqual({ action: 'deny' });
    expect(record.quit).toBe(true);

    // The write reached the file, and the database was closed cleanly (no WAL left behind).
    const file = path.join(userData, 'dossier.db');
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true });
    const titles = db.prepare('SELECT title FROM cases').all() as { title: string }[];
    db.close();
    expect(titles).toEqual([{ title: 'Created over IPC' }]);
  });

  it('explains a database it cannot open in one box and exits without a window', () => {
    const file = path.join(root, 'too-new.db');
    const raw = new Database(file);
    raw.pragma('user_version = 9999');
    raw.close();
    const { status, record } = runMain({ DOSSIER_USER_DATA: path.join(root, 'user-data-2'), DOSSIER_DB: file });
    expect(status).toBe(1);
    expect(record.exitCode).toBe(1);
    expect(record.windows).toEqual([]);
    expect(record.errors).toHaveLength(1);
    expect(record.errors[0]?.content).toContain('newer Dossier');
    expect(record.errors[0]?.content).not.toMatch(/\n\s+at /);
  });
});
