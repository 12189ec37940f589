import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, InputGroup } from '@blueprintjs/core';
import { Dialog } from '../components/Dialog.tsx';
import { profileSchema } from '../../../db/shared/inputs/settings.ts';
import { useT } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';
import { useForm } from '../lib/form.ts';
import { useSettings } from '../lib/settings.tsx';
import { Field } from '../components/Field.tsx';
import { FormRefusal } from '../components/FormRefusal.tsx';

/** Asked once, at first start: who is acting, for the audit trail and custody entries. */
export function ProfileDialog() {
  const t = useT();
  const { settings, reload } = useSettings();
  const isOpen = settings !== null && settings.profile === null;
  const form = useForm({
    schema: profileSchema,
    initial: { name: '', badge: '', agency: '' },
    input: (v) => v,
    save: async (profile) => {
      await call('settings.update', { profile });
      await reload();
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (isOpen) reset();
  }, [isOpen, reset]);

  return (
    <Dialog
      isOpen={isOpen}
      title={t('profile.firstStart.title')}
      icon="person"
      isCloseButtonShown={false}
      canEscapeKeyClose={false}
      canOutsideClickClose={false}
    >
      <form aria-label={t('settings.profile')} {...form.formProps}>
        <DialogBody>
          <p>{t('profile.firstStart.body')}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="first-profile-name" label={t('settings.profile.name')} error={form.errors.name} required>
            {(input) => <InputGroup {...input} autoFocus value={form.values.name} onValueChange={(name) => form.set({ name })} />}
          </Field>
          <Field id="first-profile-badge" label={t('settings.profile.badge')} error={form.errors.badge}>
            {(input) => <InputGroup {...input} value={form.values.badge} onValueChange={(badge) => form.set({ badge })} />}
          </Field>
          <Field id="first-profile-agency" label={t('settings.profile.agency')} error={form.errors.agency}>
            {(input) => <InputGroup {...input} value={form.values.agency} onValueChange={(agency) => form.set({ agency })} />}
          </Field>
          <p className="muted">{t('profile.firstStart.later')}</p>
        </DialogBody>
        <DialogFooter
          actions={<Button type="submit" intent="primary" text={t('profile.firstStart.save')} loading={form.saving} />}
        />
      </form>
    </Dialog>
  );
}
