/** The application menu. Commands reach the renderer as `dossier:menu` messages (see channels.ts). */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './channels.ts';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development build: adds Reload and Toggle Developer Tools. */
  isDev: boolean;
  appName: string;
  /** Delivers a command to the renderer (webContents.send(MENU_CHANNEL, command)). */
  send: (command: MenuCommand) => void;
}

export const NEW_CASE_ACCELERATOR = 'CmdOrCtrl+N';
export const EXPORT_ACCELERATOR = 'CmdOrCtrl+Shift+E';
export const PRINT_ACCELERATOR = 'CmdOrCtrl+P';
export const SHORTCUTS_ACCELERATOR = 'CmdOrCtrl+/';
/** The renderer binds mod+K too; the menu accelerator takes the key first and sends the same command. */
export const PALETTE_ACCELERATOR = 'CmdOrCtrl+K';

export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = opts.platform === 'darwin';
  // `&` marks the Alt-key mnemonic on Windows and Linux; macOS menus have none.
  const m = (label: string): string => (isMac ? label.replace(/&/g, '') : label);
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label: m(label),
    id: cmd,
    ...(accelerator ? { accelerator } : {}),
    click: () => opts.send(cmd),
  });
  const about: MenuItemConstructorOptions = { role: 'about', label: `About ${opts.appName}` };

  const appMenu: MenuItemConstructorOptions = {
    label: opts.appName,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: m('&File'),
    submenu: [
      command('&New Case…', 'new-case', NEW_CASE_ACCELERATOR),
      { type: 'separator' },
      command('&Export Case…', 'export-case', EXPORT_ACCELERATOR),
      command('&Print or Save as PDF', 'print', PRINT_ACCELERATOR),
      { type: 'separator' },
      command('&Import Package…', 'import-package'),
      command('&Verify Package…', 'verify-package'),
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: opts.platform === 'win32' ? 'E&xit' : '&Quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: m('&Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemConstructorOptions] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  const devItems: MenuItemConstructorOptions[] = opts.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  const viewMenu: MenuItemConstructorOptions = {
    label: m('&View'),
    submenu: [
      command('Command &Palette…', 'palette', PALETTE_ACCELERATOR),
      { type: 'separator' },
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: m('&Window'),
    submenu: isMac
      ? [
          { role: 'minimize' },
          { role: 'zoom' },
          { type: 'separator' },
          { role: 'front' },
          { type: 'separator' },
          { role: 'window' },
        ]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: m('&Help'),
    role: 'help',
    submenu: [
      command('&Keyboard Shortcuts…', 'shortcuts', SHORTCUTS_ACCELERATOR),
      command('&Check Database', 'check'),
      ...(isMac ? [] : [{ type: 'separator' } satisfies MenuItemConstructorOptions, about]),
    ],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
