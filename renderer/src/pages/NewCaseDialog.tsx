import { useMemo, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter } from '@blueprintjs/core';
import { Dialog } from '../components/Dialog.tsx';
import { caseCreateInput } from '../../../db/shared/inputs/cases.ts';
import { useT } from '../i18n/index.tsx';
import { ApiError, call } from '../lib/client.ts';
import { navigate } from '../lib/router.ts';
import { toast } from '../lib/toaster.ts';
import { useSettings } from '../lib/settings.tsx';
import { validate, type FieldErrors } from '../lib/validation.ts';
import { CaseFields } from './CaseFields.tsx';
import { emptyCaseForm, inputFromForm, type CaseForm } from './caseForm.ts';

export function NewCaseDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const t = useT();
  const { settings } = useSettings();
  const [form, setForm] = useState<CaseForm>(() => ({ ...emptyCaseForm, agency: settings?.profile?.agency ?? '' }));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string | undefined; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const check = useMemo(() => validate(caseCreateInput, inputFromForm(form), t), [form, t]);
  const errors: FieldErrors = {};
  if (!check.ok) {
    for (const [field, message] of Object.entries(check.errors)) {
      if (submitted || touched.has(field)) errors[field] = message;
    }
  }
  if (serverError?.field && !errors[serverError.field]) errors[serverError.field] = serverError.message;

  const change = (patch: Partial<CaseForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((s) => new Set([...s, ...Object.keys(patch)]));
    setServerError(null);
  };

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      const created = await call('cases.create', check.data);
      toast({ message: t('case.created', { fileNumber: created.fileNumber }), intent: 'success', icon: 'tick' });
      setForm({ ...emptyCaseForm, agency: settings?.profile?.agency ?? '' });
      setTouched(new Set());
      setSubmitted(false);
      onClose();
      navigate({ page: 'case', id: created.id, tab: 'overview' });
    } catch (err) {
      // The typed values stay in the form: nothing is lost when the contract refuses.
      setServerError(err instanceof ApiError ? { field: err.field, message: err.message } : { message: String(err) });
    } finally {
      setSaving(false);
    }
  };

  const lead = settings?.profile?.name;
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={t('newCase.title')} icon="folder-new" className="new-case-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        aria-label={t('newCase.title')}
        noValidate
      >
        <DialogBody>
          <p className="muted">{t('newCase.hint')}</p>
          {serverError && !serverError.field && (
            <Callout intent="danger" role="alert">
              {t('error.generic', { message: serverError.message })}
            </Callout>
          )}
          <CaseFields
            idPrefix="new-case"
            variant="short"
            form={form}
            errors={errors}
            onChange={change}
            leadPlaceholder={lead ? t('case.leadDefault', { name: lead }) : undefined}
          />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={onClose} />
              <Button type="submit" intent="primary" text={saving ? t('common.saving') : t('common.create')} loading={saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
