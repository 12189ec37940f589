import { useEffect, useRef, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, Drawer, DrawerSize, Spinner, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { Evidence } from '../../../../db/api.ts';
import { evidenceRetireInput } from '../../../../db/shared/inputs/evidence.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { evidenceBlob, previewKind } from '../../lib/evidence.ts';
import { useForm } from '../../lib/form.ts';
import { refusalOf } from '../../lib/refusals.ts';
import { toast } from '../../lib/toaster.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { PdfPreview } from './PdfPreview.tsx';

const PREVIEW_LIMIT = 100 * 1000 * 1000;

type Preview =
  { state: 'none' } | { state: 'loading' } | { state: 'ready'; url: string; blob: Blob } | { state: 'error'; message: string };

/** One evidence file: its metadata and SHA-256, a preview for images and PDFs, download, retire. */
export function EvidenceDrawer(props: { evidence: Evidence | null; onClose(): void; onChanged(e: Evidence): void }) {
  const t = useT();
  const f = useFormat();
  const e = props.evidence;
  const [retireOpen, setRetireOpen] = useState(false);

  const kind = e ? previewKind(e.mediaType) : null;
  const previewable = e !== null && kind !== null && e.size <= PREVIEW_LIMIT;
  const id = e?.id ?? '';
  const mediaType = e?.mediaType ?? '';

  // Every object URL made for a preview is revoked once it is not the one shown: another file, the drawer closed or gone.
  const urls = useRef(new Set<string>());
  const read = useQuery(
    async () => {
      // Checked against its SHA-256 on the way: an altered file is refused, never previewed.
      const blob = await evidenceBlob(id, mediaType);
      const url = URL.createObjectURL(blob);
      urls.current.add(url);
      return { id, url, blob };
    },
    previewable ? id : '',
    { enabled: previewable },
  );
  const current = previewable && read.data?.id === id && urls.current.has(read.data.url) ? read.data : undefined;
  const shown = current?.url;
  useEffect(() => {
    for (const url of urls.current)
      if (url !== shown) {
        URL.revokeObjectURL(url);
        urls.current.delete(url);
      }
  }, [shown]);
  useEffect(() => {
    const made = urls.current;
    return () => {
      for (const url of made) URL.revokeObjectURL(url);
      made.clear();
    };
  }, []);
  const preview: Preview = !previewable
    ? { state: 'none' }
    : current
      ? { state: 'ready', url: current.url, blob: current.blob }
      : read.load.state === 'error'
        ? { state: 'error', message: refusalOf(read.load.error, t, f).message }
        : { state: 'loading' };

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
              // Drawn by pdf.js in this sandboxed page, not by a browser plugin: seized PDFs are untrusted.
              <PdfPreview blob={preview.blob} name={e.originalName} />
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
  const url = preview.state === 'ready' ? preview.url : URL.createObjectURL(await evidenceBlob(e.id, e.mediaType));
  const a = document.createElement('a');
  a.href = url;
  a.download = e.originalName;
  a.click();
  if (preview.state !== 'ready') setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function RetireDialog(props: { isOpen: boolean; evidence: Evidence; onClose(): void; onRetired(e: Evidence): void }) {
  const t = useT();
  const form = useForm({
    schema: evidenceRetireInput,
    initial: { reason: '' },
    input: (v) => ({ id: props.evidence.id, reason: v.reason }),
    save: async (data) => {
      const next = await call('evidence.retire', data);
      toast({ message: t('evidence.retired'), intent: 'warning', icon: 'archive' });
      props.onClose();
      props.onRetired(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={t('evidence.retireTitle')} icon="archive">
      <form aria-label={t('evidence.retireTitle')} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('evidence.retireHint')}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="retire-reason" label={t('evidence.field.retiredReason')} error={form.errors.reason} required>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={3}
                autoFocus
                value={form.values.reason}
                onChange={(ev) => form.set({ reason: ev.currentTarget.value })}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="warning" text={t('evidence.retireConfirm')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
