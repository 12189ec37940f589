/**
 * The IPC surface between the renderer and the main process. No runtime imports: the preload
 * bundle inlines these constants, and the renderer may import the types.
 */
import type { Envelope } from '../db/errors.ts';

/** ipcRenderer.invoke(INVOKE_CHANNEL, method, input) -> Envelope: the one way into the data. */
export const INVOKE_CHANNEL = 'dossier:invoke';

/** main -> renderer: a menu command (webContents.send(MENU_CHANNEL, command)). */
export const MENU_CHANNEL = 'dossier:menu';

export const MENU_COMMANDS = [
  'new-case',
  'export-case',
  'print',
  'import-package',
  'verify-package',
  'palette',
  'shortcuts',
  'check',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** What the preload exposes as `window.dossier`. */
export interface DossierBridge extends EvidenceBridge {
  invoke(method: string, input?: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenu(callback: (command: MenuCommand) => void): () => void;
  platform: NodeJS.Platform;
}

// ---- Evidence files (see registerEvidenceHandlers in ipc.ts) ------------------------------

/** invoke() -> Envelope<PickedFile[]>: the open-file dialog; the chosen files may then be ingested. */
export const EVIDENCE_PICK_CHANNEL = 'dossier:evidence-pick';
/** invoke(ingestId, IngestSource) -> Envelope<IngestedFile>: copies a file into the evidence store. */
export const EVIDENCE_INGEST_CHANNEL = 'dossier:evidence-ingest';
/** invoke(ingestId) -> boolean: stops that copy (its ingest answers `cancelled`). */
export const EVIDENCE_CANCEL_CHANNEL = 'dossier:evidence-cancel';
/** main -> renderer: (ingestId, bytesCopied, totalBytes) while a copy runs. */
export const EVIDENCE_PROGRESS_CHANNEL = 'dossier:evidence-progress';
/** invoke(evidenceId) -> Envelope<EvidenceBytes>: a file's bytes for a preview (capped). */
export const EVIDENCE_READ_CHANNEL = 'dossier:evidence-read';

/** A file the investigator chose in the dialog. */
export interface PickedFile {
  path: string;
  /** The file name, to pass as originalName. */
  name: string;
  size: number;
  /** Guessed from the extension. */
  mediaType: string;
}

/**
 * What the preload sends to ingest: a path the dialog returned, or the path of a File object
 * (dropped on the window, or from an <input type=file>) that the preload resolved itself.
 */
export type IngestSource = { kind: 'picked'; path: string } | { kind: 'file'; path: string };

/** A file now in the evidence store: pass these to `evidence.attach` (with caseId...). */
export interface IngestedFile {
  sha256: string;
  size: number;
  originalName: string;
  mediaType: string;
}

export interface EvidenceBytes {
  id: string;
  originalName: string;
  mediaType: string;
  size: number;
  /** The file's bytes, checked against its SHA-256. */
  bytes: Uint8Array;
}

/** Evidence functions of `window.dossier` (desktop app only). */
export interface EvidenceBridge {
  /** Shows the open-file dialog (several files allowed); [] when cancelled. */
  pickEvidenceFiles(): Promise<Envelope<PickedFile[]>>;
  /** The path of a dropped File ('' for a File made in JavaScript). */
  pathForFile(file: File): string;
  /**
   * Copies a file into the evidence store: a dropped File, or a path from pickEvidenceFiles.
   * `ingestId` is the caller's name for this copy (for progress and cancelIngest).
   */
  ingestEvidence(
    ingestId: string,
    source: File | string,
    onProgress?: (bytes: number, total: number) => void,
  ): Promise<Envelope<IngestedFile>>;
  /** Stops a running copy: its ingestEvidence answers { ok: false, error: { code: 'cancelled' } }. */
  cancelIngest(ingestId: string): Promise<boolean>;
  /** An evidence file's bytes, for previews (images, PDF); refused above 100 MB or if altered. */
  readEvidence(id: string): Promise<Envelope<EvidenceBytes>>;
}
