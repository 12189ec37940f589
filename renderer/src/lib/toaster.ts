import { OverlayToaster, Position, type Toaster, type ToastProps } from '@blueprintjs/core';

let toaster: Promise<Toaster> | null = null;

/** Short, polite notices (saved, status changed); errors stay under their fields instead. */
export function toast(props: ToastProps): void {
  toaster ??= OverlayToaster.createAsync({ position: Position.BOTTOM_RIGHT, maxToasts: 3 });
  void toaster.then((t) => t.show({ timeout: 3000, ...props }));
}
