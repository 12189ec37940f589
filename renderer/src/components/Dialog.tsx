import { Dialog as BlueprintDialog, type DialogProps } from '@blueprintjs/core';
import { ErrorBoundary } from './ErrorBoundary.tsx';

/** Blueprint's dialog with an error boundary inside: a failing dialog says so and keeps what was typed. */
export function Dialog({ children, ...props }: DialogProps) {
  return (
    <BlueprintDialog {...props}>
      <ErrorBoundary>{children}</ErrorBoundary>
    </BlueprintDialog>
  );
}
