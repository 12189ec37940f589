import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Button, DialogBody, DialogFooter } from '@blueprintjs/core';
import { Dialog } from '../components/Dialog.tsx';
import { useT } from '../i18n/index.tsx';
import { proceedTo, setNavigationBlocker } from './router.ts';

/** A form on screen with what the user typed and has not saved. */
interface Guard {
  dirty(): boolean;
  /** Saves; true when the contract accepted it (a refusal shows under its field and keeps the form). */
  save(): Promise<boolean>;
}

const guards = new Set<Guard>();
let pending: string | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function dirtyGuard(): Guard | undefined {
  return [...guards].find((g) => g.dirty());
}

setNavigationBlocker((target) => {
  if (!dirtyGuard()) return false;
  pending = target;
  emit();
  return true;
});

window.addEventListener('beforeunload', (e) => {
  // Reload, closing the tab or the window: the browser (or Electron's main process) asks.
  if (dirtyGuard()) e.preventDefault();
});

/** Registers a detail form: leaving it with unsaved changes asks to save, discard or stay. */
export function useUnsavedChanges(dirty: boolean, save: () => Promise<boolean>): void {
  const state = useRef({ dirty, save });
  state.current = { dirty, save };
  useEffect(() => {
    const guard: Guard = { dirty: () => state.current.dirty, save: () => state.current.save() };
    guards.add(guard);
    return () => {
      guards.delete(guard);
    };
  }, []);
}

function usePending(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pending,
  );
}

/** The question asked when leaving a form with unsaved changes; mounted once, in the app frame. */
export function UnsavedChangesPrompt() {
  const t = useT();
  const target = usePending();
  const [saving, setSaving] = useState(false);
  const close = () => {
    pending = null;
    emit();
  };
  const leave = (to: string) => {
    close();
    proceedTo(to);
  };
  return (
    <Dialog isOpen={target !== null} onClose={close} title={t('unsaved.title')} icon="warning-sign" className="unsaved-dialog">
      <DialogBody>
        <p>{t('unsaved.body')}</p>
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text={t('unsaved.stay')} onClick={close} autoFocus />
            <Button intent="danger" variant="outlined" text={t('unsaved.discard')} onClick={() => target && leave(target)} />
            <Button
              intent="primary"
              icon="floppy-disk"
              loading={saving}
              text={t('unsaved.save')}
              onClick={() => {
                const to = target;
                const guard = dirtyGuard();
                if (!to || !guard) return;
                setSaving(true);
                void guard
                  .save()
                  .then((saved) => (saved ? leave(to) : close()))
                  .finally(() => setSaving(false));
              }}
            />
          </>
        }
      />
    </Dialog>
  );
}
