/**
 * The renderer's one way into the data: `dossier:invoke` (method, input) -> Envelope, answered by
 * the same dispatcher the CLI and the browser shell use. Type-only imports from Electron.
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import type { Invoke } from '../db/index.ts';
import type { Envelope } from '../db/errors.ts';
import { INVOKE_CHANNEL } from './channels.ts';

export { INVOKE_CHANNEL, MENU_CHANNEL } from './channels.ts';

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
    return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
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
