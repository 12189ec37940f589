/**
 * The Electron main process, kept thin: the policy lives in security.ts, ipc.ts, menu.ts and
 * native.ts, the data behind openCore (the same dispatcher as the CLI and the browser shell).
 * Bundled by scripts/build-electron.mjs to dist/electron/main.cjs (package.json "main").
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, safeStorage, session } from 'electron';
import { openCore, type Core } from '../db/index.ts';
import { loadOrCreateSafeKey } from './device-key.ts';
import { APP_NAME, DB_FILE_NAME } from '../db/paths.ts';
import { MENU_CHANNEL, type MenuCommand } from './channels.ts';
import { registerEvidenceHandlers, registerInvokeHandler } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { explainOpenError, resolveNativeBinding } from './native.ts';
import { APP_SCHEME, APP_SCHEMES, APP_URL, appProtocolHandler } from './app-protocol.ts';
import { createAppWindow, hardenContents, hardenSession, isTrustedSender } from './security.ts';

const isDev = !app.isPackaged;
const appDir = app.getAppPath();
const rendererDir = path.join(appDir, 'dist', 'renderer');
const indexHtml = path.join(rendererDir, 'index.html');
const preloadFile = path.join(appDir, 'dist', 'electron', 'preload.cjs');
/** The page is served from app://dossier/ (app-protocol.ts), never from file://. */
const appUrl = APP_URL;

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Tells the user why Dossier stops, in one box, and exits: no stack trace. */
function fail(message: string): void {
  dialog.showErrorBox(`${APP_NAME} cannot continue`, message);
  closeDatabase();
  app.exit(1);
}

function closeDatabase(): void {
  const open = core;
  core = null;
  open?.close();
}

function backgroundColor(): string {
  return nativeTheme.shouldUseDarkColors ? '#1c2127' : '#f6f7f9';
}

function sendMenuCommand(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  target?.webContents.send(MENU_CHANNEL, command);
}

function createWindow(): void {
  const win = createAppWindow(BrowserWindow, {
    window: {
      title: APP_NAME,
      width: 1280,
      height: 800,
      minWidth: 960,
      minHeight: 600,
      show: false,
      backgroundColor: backgroundColor(),
    },
    preload: preloadFile,
    devTools: isDev,
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  // The renderer refuses to unload while a form has unsaved changes (beforeunload): ask here,
  // in the user's language, whether to close anyway.
  win.webContents.on('will-prevent-unload', (event) => {
    const fr = app.getLocale().toLowerCase().startsWith('fr');
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: fr ? ['Quitter sans enregistrer', 'Rester'] : ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: APP_NAME,
      message: fr ? 'Des modifications ne sont pas enregistrées.' : 'Some changes are not saved.',
      detail: fr ? 'Si vous quittez maintenant, elles seront perdues.' : 'If you leave now, they are lost.',
    });
    if (choice === 0) event.preventDefault();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win
    .loadURL(appUrl)
    .catch((err: unknown) => fail(`${APP_NAME}'s window could not load ${appUrl} (${indexHtml}): ${messageOf(err)}`));
}

async function start(): Promise<void> {
  if (!fs.existsSync(indexHtml)) {
    fail(`${indexHtml} is missing. ${isDev ? 'Run `npm run build` first.' : 'Reinstall Dossier.'}`);
    return;
  }
  const file = path.resolve(process.env.DOSSIER_DB || path.join(app.getPath('userData'), DB_FILE_NAME));
  const nativeBinding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: appDir,
    platform: process.platform,
    arch: process.arch,
  });
  try {
    // Worker threads cannot start from inside the asar archive: the worker is unpacked beside it.
    const jobWorkerFile = path
      .join(appDir, 'dist', 'electron', 'job-worker.cjs')
      .replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    const keyDir = process.env.DOSSIER_KEY_DIR || app.getPath('userData');
    const device = loadOrCreateSafeKey(keyDir, safeStorage);
    core = await openCore(file, { ...(nativeBinding ? { nativeBinding } : {}), jobWorkerFile, keyDir, device });
  } catch (err) {
    fail(explainOpenError(err, file, app.isPackaged));
    return;
  }

  hardenSession(session.defaultSession);
  // Only the built renderer, read from dist/renderer (inside app.asar when installed).
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
  const { invoke } = core;
  registerInvokeHandler(ipcMain, invoke, (frame) => isTrustedSender(frame, appUrl));
  registerEvidenceHandlers(ipcMain, {
    invoke,
    dataDir: core.dataDir,
    isTrusted: (frame) => isTrustedSender(frame, appUrl),
    pickFiles: async (sender) => {
      const options: Electron.OpenDialogOptions = { title: 'Attach evidence files', properties: ['openFile', 'multiSelections'] };
      const owner = BrowserWindow.getAllWindows().find((w) => w.webContents.id === sender.id);
      const picked = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? [] : picked.filePaths;
    },
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, isDev, appName: APP_NAME, send: sendMenuCommand })),
  );
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion() });
  nativeTheme.on('updated', () => mainWindow?.setBackgroundColor(backgroundColor()));
  createWindow();
}

process.on('uncaughtException', (err) => {
  console.error(err);
  fail(`${APP_NAME} stopped on an unexpected error: ${messageOf(err)}`);
});

app.setName(APP_NAME);
const userData = process.env.DOSSIER_USER_DATA;
if (userData) app.setPath('userData', path.resolve(userData));
app.enableSandbox();
// Before `ready`, or the scheme is not standard and secure (see APP_SCHEMES).
protocol.registerSchemesAsPrivileged(APP_SCHEMES);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every web contents, not only the main window's, stays on the app's page.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, appUrl));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', closeDatabase);
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fail(`${APP_NAME} could not start: ${messageOf(err)}`));
}
