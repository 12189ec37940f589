/**
 * Runs sandboxed, before the renderer's scripts: it can require 'electron' and nothing else, so
 * scripts/build-electron.mjs bundles it to CJS with the channel names inlined.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope } from '../db/errors.ts';
import { INVOKE_CHANNEL, MENU_CHANNEL, isMenuCommand, type DossierBridge, type MenuCommand } from './channels.ts';

const bridge: DossierBridge = {
  invoke: (method: string, input?: unknown): Promise<Envelope<unknown>> =>
    ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<Envelope<unknown>>,
  onMenu: (callback: (command: MenuCommand) => void): (() => void) => {
    const listener = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) callback(command);
    };
    ipcRenderer.on(MENU_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, listener);
    };
  },
  platform: process.platform,
};

contextBridge.exposeInMainWorld('dossier', bridge);
