/**
 * The renderer's one way into the data: `dossier:invoke` (method, input) -> Envelope, answered by
 * the same dispatcher the CLI and the browser shell use; and the evidence-file channels, which
 * move bytes that do not belong in a JSON envelope. Type-only imports from Electron.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import type { Invoke } from '../db/index.ts';
import { DossierError, type Envelope, type ErrorBody } from '../db/errors.ts';
import { errorLogFile, unexpectedError } from '../db/error-log.ts';
import { blobPath, guessMediaType, ingestFile, SizeMismatchError } from '../db/evidence-store.ts';
import { storedFileRefusal, type Evidence } from '../db/services/evidence.ts';
import {
  EVIDENCE_CANCEL_CHANNEL,
  EVIDENCE_INGEST_CHANNEL,
  EVIDENCE_PICK_CHANNEL,
  EVIDENCE_PROGRESS_CHANNEL,
  EVIDENCE_READ_CHANNEL,
  INVOKE_CHANNEL,
  type EvidenceBytes,
  type IngestedFile,
  type IngestSource,
  type PickedFile,
} from './channels.ts';

export {
  INVOKE_CHANNEL,
  MENU_CHANNEL,
  EVIDENCE_CANCEL_CHANNEL,
  EVIDENCE_INGEST_CHANNEL,
  EVIDENCE_PICK_CHANNEL,
  EVIDENCE_PROGRESS_CHANNEL,
  EVIDENCE_READ_CHANNEL,
} from './channels.ts';

/** Decides whether a frame may call into the main process (see isTrustedSender). */
export type SenderCheck = (frame: WebFrameMain | null) => boolean;

/** Answers one call: refuses untrusted senders and malformed calls before the dispatcher sees them. */
export function answerInvoke(
  invoke: Invoke,
  isTrusted: SenderCheck,
  frame: WebFrameMain | null,
  method: unknown,
  input: unknown,
): Envelope<unknown> {
  if (!isTrusted(frame)) {
    return { ok: false, error: { code: 'unauthorized', message: 'Calls are accepted from the Dossier window only' } };
  }
  if (typeof method !== 'string') {
    return { ok: false, error: { code: 'invalid_input', message: 'method: expected a string', field: 'method' } };
  }
  try {
    return invoke(method, input);
  } catch (err) {
    // The dispatcher answers every fault itself; this is the last guard, which shows no detail either.
    return { ok: false, error: unexpectedError(null, method, input, err, new Date().toISOString()) };
  }
}

function senderFrame(event: IpcMainInvokeEvent): WebFrameMain | null {
  try {
    return event.senderFrame;
  } catch {
    // Electron throws when the frame navigated or was destroyed since it sent the message.
    return null;
  }
}

/** Registers the handler; returns a function that removes it. */
export function registerInvokeHandler(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  invoke: Invoke,
  isTrusted: SenderCheck,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) =>
    answerInvoke(invoke, isTrusted, senderFrame(event), method, input),
  );
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

// ---- Evidence files -------------------------------------------------------------------------

/** The part of WebContents the evidence handlers use. */
export type EvidenceSender = Pick<WebContents, 'id' | 'send' | 'isDestroyed'>;

export interface EvidenceHandlerOptions {
  invoke: Invoke;
  /** The folder of the database file (the evidence store is its `evidence/` subfolder). */
  dataDir: string;
  isTrusted: SenderCheck;
  /** Shows the open-file dialog for the sender's window; resolves to the chosen paths ([] if cancelled). */
  pickFiles(sender: EvidenceSender): Promise<string[]>;
  /** Largest file readEvidence returns (default 100 MB). */
  maxReadBytes?: number;
  /** Least time between two progress events of one copy (default 100 ms); the last one is always sent. */
  progressIntervalMs?: number;
}

export const MAX_PREVIEW_BYTES = 100 * 1024 * 1024;

type Fail = { ok: false; error: ErrorBody };

function failure(code: ErrorBody['code'], message: string, field?: string): Fail {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

const UNTRUSTED = failure('unauthorized', 'Calls are accepted from the Dossier window only');
const INGEST_ID_RE = /^[\w.:-]{1,100}$/;

function isIngestSource(value: unknown): value is IngestSource {
  if (!value || typeof value !== 'object') return false;
  const { kind, path: p } = value as Record<string, unknown>;
  return (kind === 'picked' || kind === 'file') && typeof p === 'string';
}

function envelopeOfError(err: unknown, dataDir: string, channel: string): Fail {
  if (err instanceof DossierError) return { ok: false, error: err.toBody() };
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return failure('not_found', 'path: the file no longer exists', 'path');
  if (code === 'EACCES' || code === 'EPERM') return failure('unauthorized', 'path: Dossier may not read this file', 'path');
  return { ok: false, error: unexpectedError(errorLogFile(dataDir), channel, null, err, new Date().toISOString()) };
}

/**
 * Evidence over IPC: the dialog, copying a file into the store with progress and cancellation,
 * and reading a stored file for a preview. The renderer names files by path, but a path is only
 * copied if the dialog returned it, or if the preload read it from a File object (which web
 * content cannot forge): a compromised page cannot make Dossier copy an arbitrary file.
 */
export function registerEvidenceHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  opts: EvidenceHandlerOptions,
): () => void {
  const picked = new Set<string>();
  const running = new Map<string, AbortController>();
  const maxRead = opts.maxReadBytes ?? MAX_PREVIEW_BYTES;
  const interval = opts.progressIntervalMs ?? 100;
  const key = (sender: EvidenceSender, ingestId: string) => `${sender.id}\u0000${ingestId}`;

  ipcMain.handle(EVIDENCE_PICK_CHANNEL, async (event: IpcMainInvokeEvent): Promise<Envelope<PickedFile[]>> => {
    if (!opts.isTrusted(senderFrame(event))) return UNTRUSTED;
    try {
      const paths = await opts.pickFiles(event.sender);
      const files: PickedFile[] = [];
      for (const p of paths) {
        const resolved = path.resolve(p);
        const stat = await fsp.stat(resolved);
        if (!stat.isFile()) continue;
        picked.add(resolved);
        files.push({ path: resolved, name: path.basename(resolved), size: stat.size, mediaType: guessMediaType(resolved) });
      }
      return { ok: true, result: files };
    } catch (err) {
      return envelopeOfError(err, opts.dataDir, EVIDENCE_PICK_CHANNEL);
    }
  });

  ipcMain.handle(
    EVIDENCE_INGEST_CHANNEL,
    async (event: IpcMainInvokeEvent, ingestId: unknown, source: unknown): Promise<Envelope<IngestedFile>> => {
      if (!opts.isTrusted(senderFrame(event))) return UNTRUSTED;
      if (typeof ingestId !== 'string' || !INGEST_ID_RE.test(ingestId)) {
        return failure('invalid_input', 'ingestId: 1 to 100 letters, digits or . _ : -', 'ingestId');
      }
      if (!isIngestSource(source) || source.path === '') {
        return failure('invalid_input', 'path: a file from the dialog or dropped on the window', 'path');
      }
      const file = path.resolve(source.path);
      if (source.kind === 'picked' && !picked.has(file)) {
        return failure('unauthorized', 'path: choose the file in the dialog or drop it on the window', 'path');
      }
      const sender = event.sender;
      const k = key(sender, ingestId);
      if (running.has(k)) return failure('conflict', `ingestId: ${ingestId} is already running`, 'ingestId');
      const controller = new AbortController();
      running.set(k, controller);
      try {
        const stat = await fsp.stat(file);
        if (!stat.isFile()) return failure('invalid_input', 'path: not a file (a folder?)', 'path');
        const total = stat.size;
        let last = 0;
        const progress = (bytes: number) => {
          if (sender.isDestroyed()) {
            controller.abort();
            return;
          }
          const now = Date.now();
          if (bytes < total && now - last < interval) return;
          last = now;
          sender.send(EVIDENCE_PROGRESS_CHANNEL, ingestId, bytes, total);
        };
        progress(0);
        const ingested = await ingestFile(file, opts.dataDir, { signal: controller.signal, onProgress: progress });
        const name = path.basename(file);
        return { ok: true, result: { ...ingested, originalName: name, mediaType: guessMediaType(name) } };
      } catch (err) {
        if (controller.signal.aborted) return failure('cancelled', 'The copy was cancelled: nothing was added');
        if (err instanceof SizeMismatchError) {
          return failure('conflict', 'path: the file changed while it was being copied; try again', 'path');
        }
        return envelopeOfError(err, opts.dataDir, EVIDENCE_INGEST_CHANNEL);
      } finally {
        running.delete(k);
      }
    },
  );

  ipcMain.handle(EVIDENCE_CANCEL_CHANNEL, (event: IpcMainInvokeEvent, ingestId: unknown): boolean => {
    if (!opts.isTrusted(senderFrame(event)) || typeof ingestId !== 'string') return false;
    const controller = running.get(key(event.sender, ingestId));
    controller?.abort();
    return controller !== undefined;
  });

  ipcMain.handle(EVIDENCE_READ_CHANNEL, async (event: IpcMainInvokeEvent, id: unknown): Promise<Envelope<EvidenceBytes>> => {
    if (!opts.isTrusted(senderFrame(event))) return UNTRUSTED;
    const env = opts.invoke('evidence.get', { id });
    if (!env.ok) return env;
    const evidence = env.result as Evidence;
    if (evidence.size > maxRead) {
      return failure(
        'invalid_input',
        `id: ${evidence.originalName} is too large to preview (${evidence.size} bytes; at most ${maxRead})`,
        'id',
      );
    }
    let bytes: Buffer;
    try {
      bytes = await fsp.readFile(blobPath(opts.dataDir, evidence.sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return { ok: false, error: storedFileRefusal(evidence, 'missing').toBody() };
      return envelopeOfError(err, opts.dataDir, EVIDENCE_READ_CHANNEL);
    }
    if (bytes.length !== evidence.size || createHash('sha256').update(bytes).digest('hex') !== evidence.sha256) {
      return { ok: false, error: storedFileRefusal(evidence, 'altered').toBody() };
    }
    return {
      ok: true,
      result: { id: evidence.id, originalName: evidence.originalName, mediaType: evidence.mediaType, size: evidence.size, bytes },
    };
  });

  return () => {
    for (const controller of running.values()) controller.abort();
    for (const channel of [EVIDENCE_PICK_CHANNEL, EVIDENCE_INGEST_CHANNEL, EVIDENCE_CANCEL_CHANNEL, EVIDENCE_READ_CHANNEL]) {
      ipcMain.removeHandler(channel);
    }
  };
}
