import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../electron/channels.ts';

/**
 * Menu commands that belong to the page in view (File > Export case on a case, File > Print on a
 * case or a seizure): the page registers a handler while it is shown; the latest one registered
 * answers. App asks here first and explains when no page in view can do it.
 */
const handlers = new Map<MenuCommand, (() => void)[]>();

export function useMenuCommand(command: MenuCommand, handler: () => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const run = () => latest.current();
    handlers.set(command, [...(handlers.get(command) ?? []), run]);
    return () => {
      handlers.set(
        command,
        (handlers.get(command) ?? []).filter((h) => h !== run),
      );
    };
  }, [command]);
}

/** Runs the handler of the page in view; false when no page in view has one. */
export function runMenuCommand(command: MenuCommand): boolean {
  const run = handlers.get(command)?.at(-1);
  run?.();
  return run !== undefined;
}
