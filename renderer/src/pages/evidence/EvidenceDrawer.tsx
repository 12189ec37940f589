import { useEffect, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, Drawer, DrawerSize, Spinner, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { Evidence } from '../../../../db/api.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ApiError, call } from '../../lib/client.ts';
import { evidenceObjectUrl, previewKind } from '../../lib/evidence.ts';
import { toast } from '../../lib/toaster.ts';
import { DateTimeText } from '../../components/DateText.tsx';
import { Field } from '../../components/Field.tsx';

const PREVIEW_LIMIT = 100 * 1000 * 1000;

type Preview = { state: 'none' } | { state: 'loading' } | { state: 'ready'; url: string } | { state: 'error'; message: string };

/** One evidence file: its metadata and SHA-256, a preview for images and PDFs, download, retire. */
export function EvidenceDrawer(props: { evidence: Evidence | null; onClose(): void; onChanged(e: Evidence): void }) {
  const t = useT();
  const f = useFormat();
  const e = props.evidence;
  const [preview, setPreview] = useState<Preview>({ state: 'none' });
  const [retireOpen, setRetireOpen] = useState(false);

  const kind = e ? previewKind(e.mediaType) : null;
  const previewable = e !== null && kind !== null && e.size <= PREVIEW_LIMIT;
  const id = e?.id;
  const mediaType = e?.mediaType;
  useEffect(() => {
    if (!id || !mediaType || !previewable) {
      setPreview({ state: 'none' });
      return;
    }
    let url: string | null = null;
    let live = true;
    setPreview({ state: 'loading' });
    evidenceObjectUrl(id, mediaType)
      .then((u) => {
        url = u;
        if (live) setPreview({ state: 'ready', url: u });
        else URL.revokeObjectURL(u);
      })
      .catch((err: unknown) => live && setPreview({ state: 'error', message: err instanceof Error ? err.message : String(err) }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, mediaType, previewable]);

  return (
    <Drawer
      isOpen={e !== null}
      onClose={props.onClose}
      title={e?.originalName ?? t('evidence.details')}
      icon="document"
      size={DrawerSize.STANDARD}
    >
      {e && (
        <div className="drawer-body">
          <dl className="facts facts-wide">
            <dt>{t('evidence.field.sha256')}</dt>
            <dd className="mono sha" data-testid="evidence-sha256">
              {e.sha256}
            </dd>
            <dt>{t('evidence.field.size')}</dt>
            <dd className="num">
              {f.bytes(e.size)} ({f.number(e.size)} B)
            </dd>
            <dt>{t('evidence.field.mediaType')}</dt>
            <dd>{e.mediaType}</dd>
            <dt>{t('evidence.field.subject')}</dt>
            <dd>{t(`evidence.subject.${e.subjectType}`)}</dd>
            <dt>{t('evidence.field.acquiredAt')}</dt>
            <dd>
              <DateTimeText value={e.acquiredAt} />
            </dd>
            <dt>{t('evidence.field.acquiredBy')}</dt>
            <dd>{e.acquiredBy}</dd>
            <dt>{t('evidence.field.acquiredFrom')}</dt>
            <dd>{e.acquiredFrom}</dd>
            <dt>{t('evidence.field.addedAt')}</dt>
            <dd>
              <DateTimeText value={e.addedAt} />
            </dd>
            <dt>{t('evidence.field.addedBy')}</dt>
            <dd>
              {e.addedBy}
              {e.addedByBadge ? ` (${e.addedByBadge})` : ''}
            </dd>
            <dt>{t('evidence.field.description')}</dt>
            <dd className="prewrap">{e.description}</dd>
          </dl>
          {e.retiredAt && (
            <Callout intent="warning" icon="archive" className="form-callout">
              <div>{t('evidence.retiredOn', { when: f.dateTime(e.retiredAt), who: e.retiredBy ?? '' })}</div>
              <div className="prewrap">{e.retiredReason}</div>
            </Callout>
          )}
          <div className="drawer-actions">
            <Button icon="download" text={t('evidence.download')} onClick={() => void download(e, preview)} />
            {!e.retiredAt && <Button icon="archive" text={t('evidence.retire')} onClick={() => setRetireOpen(true)} />}
          </div>
          <h3 className="panel-title">{t('evidence.preview')}</h3>
          <div className="preview">
            {kind === null ? (
              <p className="muted">{t('evidence.noPreview')}</p>
            ) : e.size > PREVIEW_LIMIT ? (
              <p className="muted">{t('evidence.tooLargeToPreview')}</p>
            ) : preview.state === 'loading' ? (
              <Spinner size={24} aria-label={t('common.loading')} />
            ) : preview.state === 'error' ? (
              <Callout intent="danger">{t('evidence.previewFailed', { message: preview.message })}</Callout>
            ) : preview.state === 'ready' && kind === 'image' ? (
              <img src={preview.url} alt={e.description || e.originalName} />
            ) : preview.state === 'ready' && kind === 'pdf' ? (
              <iframe src={preview.url} title={e.originalName} />
            ) : null}
          </div>
          <RetireDialog isOpen={retireOpen} evidence={e} onClose={() => setRetireOpen(false)} onRetired={props.onChanged} />
        </div>
      )}
    </Drawer>
  );
}

/** Saves the file under its original name: from the preview's bytes, or fetched on demand. */
async function download(e: Evidence, preview: Preview): Promise<void> {
  const url = preview.state === 'ready' ? preview.url : await evidenceObjectUrl(e.id, e.mediaType);
  const a = document.createElement('a');
  a.href = url;
  a.download = e.originalName;
  a.click();
  if (preview.state !== 'ready') setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function RetireDialog(props: { isOpen: boolean; evidence: Evidence; onClose(): void; onRetired(e: Evidence): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!reason.trim()) {
      setError(t('validation.required'));
      return;
    }
    try {
      const next = await call('evidence.retire', { id: props.evidence.id, reason });
      toast({ message: t('evidence.retired'), intent: 'warning', icon: 'archive' });
      setReason('');
      setError(null);
      props.onClose();
      props.onRetired(next);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={t('evidence.retireTitle')} icon="archive">
      <form
        noValidate
        aria-label={t('evidence.retireTitle')}
        onSubmit={(ev) => {
          ev.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          <p className="muted">{t('evidence.retireHint')}</p>
          <Field id="retire-reason" label={t('evidence.field.retiredReason')} error={error ?? undefined} required>
            <TextArea
              id="retire-reason"
              fill
              rows={3}
              autoFocus
              value={reason}
              onChange={(ev) => setReason(ev.currentTarget.value)}
            />
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="warning" text={t('evidence.retireConfirm')} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
