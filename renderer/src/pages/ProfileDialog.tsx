import { useMemo, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, InputGroup } from '@blueprintjs/core';
import { Dialog } from '../components/Dialog.tsx';
import { profileSchema } from '../../../db/shared/inputs/settings.ts';
import { useT } from '../i18n/index.tsx';
import { ApiError, call } from '../lib/client.ts';
import { useSettings } from '../lib/settings.tsx';
import { validate } from '../lib/validation.ts';
import { Field } from '../components/Field.tsx';

/** Asked once, at first start: who is acting, for the audit trail and custody entries. */
export function ProfileDialog() {
  const t = useT();
  const { settings, reload } = useSettings();
  const [profile, setProfile] = useState({ name: '', badge: '', agency: '' });
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const check = useMemo(() => validate(profileSchema, profile, t), [profile, t]);
  const errors = submitted && !check.ok ? check.errors : {};
  const isOpen = settings !== null && settings.profile === null;

  const save = async () => {
    setSubmitted(true);
    if (!check.ok) return;
    try {
      await call('settings.update', { profile: check.data });
      await reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Dialog
      isOpen={isOpen}
      title={t('profile.firstStart.title')}
      icon="person"
      isCloseButtonShown={false}
      canEscapeKeyClose={false}
      canOutsideClickClose={false}
    >
      <form
        noValidate
        aria-label={t('settings.profile')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogBody>
          <p>{t('profile.firstStart.body')}</p>
          {error && (
            <Callout intent="danger" role="alert">
              {error}
            </Callout>
          )}
          <Field id="first-profile-name" label={t('settings.profile.name')} error={errors.name} required>
            <InputGroup
              id="first-profile-name"
              autoFocus
              value={profile.name}
              onValueChange={(name) => setProfile((p) => ({ ...p, name }))}
            />
          </Field>
          <Field id="first-profile-badge" label={t('settings.profile.badge')} error={errors.badge}>
            <InputGroup
              id="first-profile-badge"
              value={profile.badge}
              onValueChange={(badge) => setProfile((p) => ({ ...p, badge }))}
            />
          </Field>
          <Field id="first-profile-agency" label={t('settings.profile.agency')} error={errors.agency}>
            <InputGroup
              id="first-profile-agency"
              value={profile.agency}
              onValueChange={(agency) => setProfile((p) => ({ ...p, agency }))}
            />
          </Field>
          <p className="muted">{t('profile.firstStart.later')}</p>
        </DialogBody>
        <DialogFooter actions={<Button type="submit" intent="primary" text={t('profile.firstStart.save')} />} />
      </form>
    </Dialog>
  );
}
