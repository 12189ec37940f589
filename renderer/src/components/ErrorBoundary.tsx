import { Component, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Callout, TextArea } from '@blueprintjs/core';
import { useT } from '../i18n/index.tsx';

/** What was typed into one text field, recorded as it was typed. */
interface Typed {
  label: string;
  value: string;
}

interface Props {
  /** Changes when the user navigates: a new screen starts without the old error. */
  resetKey?: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

function labelOf(el: HTMLInputElement | HTMLTextAreaElement): string {
  const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.placeholder ?? el.id;
  return label.replace(/\*$/, '').trim() || el.id;
}

/**
 * Keeps the app alive when a screen or a dialog fails: instead of a blank window, one sentence
 * saying what happened, what the user had typed (recorded while typing, so it survives the
 * failure) to copy, and a way to try again. React's synthetic events cross portals, so the text
 * typed into a dialog opened from this screen is recorded too.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };
  private typed = new Map<string, Typed>();
  private lastKey: string | undefined = this.props.resetKey;

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    console.error('Dossier: a screen failed', error);
  }

  override componentDidUpdate(): void {
    if (this.props.resetKey !== this.lastKey) {
      this.lastKey = this.props.resetKey;
      this.typed.clear();
      if (this.state.error) this.setState({ error: null });
    }
  }

  private record = (e: FormEvent<HTMLDivElement>): void => {
    const el = e.target;
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
    if (el instanceof HTMLInputElement && ['password', 'file', 'checkbox', 'radio'].includes(el.type)) return;
    const key = el.id || el.name || labelOf(el);
    if (el.value === '') this.typed.delete(key);
    else this.typed.set(key, { label: labelOf(el), value: el.value });
  };

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <ScreenFailed error={this.state.error} typed={[...this.typed.values()]} onRetry={() => this.setState({ error: null })} />
      );
    }
    return (
      <div className="error-boundary" onInputCapture={this.record}>
        {this.props.children}
      </div>
    );
  }
}

function ScreenFailed({ error, typed, onRetry }: { error: Error; typed: Typed[]; onRetry(): void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const text = typed.map((f) => `${f.label}: ${f.value}`).join('\n');
  return (
    <div className="screen-failed" role="alert">
      <Callout intent="danger" icon="error" title={t('failure.title')}>
        <p>{t('failure.sentence', { message: error.message })}</p>
        {typed.length > 0 && (
          <>
            <p>{t('failure.typedKept')}</p>
            <TextArea aria-label={t('failure.typed')} readOnly fill rows={Math.min(8, typed.length + 1)} value={text} />
          </>
        )}
        <div className="screen-failed-actions">
          <Button intent="primary" icon="refresh" text={t('failure.retry')} onClick={onRetry} />
          {typed.length > 0 && (
            <Button
              icon={copied ? 'tick' : 'clipboard'}
              text={t(copied ? 'failure.copied' : 'failure.copy')}
              onClick={() => {
                void navigator.clipboard?.writeText(text).then(() => setCopied(true));
              }}
            />
          )}
        </div>
      </Callout>
    </div>
  );
}
