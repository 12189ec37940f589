import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { caseCreateInput } from '../../../../db/shared/inputs/cases.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { navigate } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { useSettings } from '../../lib/settings.tsx';
import { CaseFields } from './CaseFields.tsx';
import { emptyCaseForm, inputFromForm, type CaseForm } from './caseForm.ts';

export function NewCaseDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const t = useT();
  const { settings } = useSettings();
  const form = useForm({
    schema: caseCreateInput,
    initial: (): CaseForm => ({ ...emptyCaseForm, agency: settings?.profile?.agency ?? '' }),
    input: inputFromForm,
    save: async (data) => {
      const created = await call('cases.create', data);
      toast({ message: t('case.created', { fileNumber: created.fileNumber }), intent: 'success', icon: 'tick' });
      onClose();
      navigate({ page: 'case', id: created.id, tab: 'overview' });
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (isOpen) reset();
  }, [isOpen, reset]);

  const lead = settings?.profile?.name;
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={t('newCase.title')} icon="folder-new" className="new-case-dialog">
      <form aria-label={t('newCase.title')} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('newCase.hint')}</p>
          <FormRefusal refusal={form.refusal} />
          <CaseFields
            idPrefix="new-case"
            variant="short"
            form={form.values}
            errors={form.errors}
            onChange={form.set}
            leadPlaceholder={lead ? t('case.leadDefault', { name: lead }) : undefined}
          />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={onClose} />
              <Button
                type="submit"
                intent="primary"
                text={form.saving ? t('common.saving') : t('common.create')}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
