/**
 * The IPC surface between the renderer and the main process. No runtime imports: the preload
 * bundle inlines these constants, and the renderer may import the types.
 */
import type { Envelope } from '../db/errors.ts';

/** ipcRenderer.invoke(INVOKE_CHANNEL, method, input) -> Envelope: the one way into the data. */
export const INVOKE_CHANNEL = 'dossier:invoke';

/** main -> renderer: a menu command (webContents.send(MENU_CHANNEL, command)). */
export const MENU_CHANNEL = 'dossier:menu';

export const MENU_COMMANDS = ['new-case', 'palette', 'shortcuts', 'check'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** What the preload exposes as `window.dossier`. */
export interface DossierBridge {
  invoke(method: string, input?: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenu(callback: (command: MenuCommand) => void): () => void;
  platform: NodeJS.Platform;
}
