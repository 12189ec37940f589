/**
 * Runs sandboxed, before the renderer's scripts: it can require 'electron' and nothing else, so
 * scripts/build-electron.mjs bundles it to CJS with the channel names inlined.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { Envelope } from '../db/errors.ts';
import {
  EVIDENCE_CANCEL_CHANNEL,
  EVIDENCE_INGEST_CHANNEL,
  EVIDENCE_PICK_CHANNEL,
  EVIDENCE_PROGRESS_CHANNEL,
  EVIDENCE_READ_CHANNEL,
  INVOKE_CHANNEL,
  MENU_CHANNEL,
  isMenuCommand,
  type DossierBridge,
  type EvidenceBytes,
  type IngestSource,
  type IngestedFile,
  type MenuCommand,
  type PickedFile,
} from './channels.ts';

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

  pickEvidenceFiles: (): Promise<Envelope<PickedFile[]>> =>
    ipcRenderer.invoke(EVIDENCE_PICK_CHANNEL) as Promise<Envelope<PickedFile[]>>,
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  ingestEvidence: (
    ingestId: string,
    source: File | string,
    onProgress?: (bytes: number, total: number) => void,
  ): Promise<Envelope<IngestedFile>> => {
    // Only this preload turns a File into a path, so the main process can trust a 'file' source.
    let from: IngestSource;
    try {
      from =
        typeof source === 'string' ? { kind: 'picked', path: source } : { kind: 'file', path: webUtils.getPathForFile(source) };
    } catch {
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid_input', message: 'source: a File or a path from the dialog', field: 'source' },
      });
    }
    const listener = (_event: IpcRendererEvent, id: unknown, bytes: unknown, total: unknown): void => {
      if (id === ingestId && typeof bytes === 'number' && typeof total === 'number') onProgress?.(bytes, total);
    };
    ipcRenderer.on(EVIDENCE_PROGRESS_CHANNEL, listener);
    const done = ipcRenderer.invoke(EVIDENCE_INGEST_CHANNEL, ingestId, from) as Promise<Envelope<IngestedFile>>;
    return done.finally(() => {
      ipcRenderer.removeListener(EVIDENCE_PROGRESS_CHANNEL, listener);
    });
  },
  cancelIngest: (ingestId: string): Promise<boolean> => ipcRenderer.invoke(EVIDENCE_CANCEL_CHANNEL, ingestId) as Promise<boolean>,
  readEvidence: (id: string): Promise<Envelope<EvidenceBytes>> =>
    ipcRenderer.invoke(EVIDENCE_READ_CHANNEL, id) as Promise<Envelope<EvidenceBytes>>,
};

contextBridge.exposeInMainWorld('dossier', bridge);
