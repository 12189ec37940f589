import { useEffect, useMemo, useState } from 'react';
import { Button, Card, HTMLSelect, InputGroup, Tag } from '@blueprintjs/core';
import { fileNumberPrefixSchema, profileSchema } from '../../../db/shared/inputs/settings.ts';
import { LOCALES, useLocale, useT, type LocalePreference } from '../i18n/index.tsx';
import { ApiError, call, transport } from '../lib/client.ts';
import { useSettings } from '../lib/settings.tsx';
import { useTheme, type ThemePreference } from '../lib/theme.tsx';
import { toast } from '../lib/toaster.ts';
import { validate } from '../lib/validation.ts';
import { Field } from '../components/Field.tsx';

export function SettingsPage() {
  const t = useT();
  const locale = useLocale();
  const theme = useTheme();
  const { settings, reload } = useSettings();
  const [profile, setProfile] = useState({ name: '', badge: '', agency: '' });
  const [prefix, setPrefix] = useState('EXP');
  const [serverError, setServerError] = useState<{ field?: string | undefined; message: string } | null>(null);
  useEffect(() => {
    if (!settings) return;
    setProfile(settings.profile ?? { name: '', badge: '', agency: '' });
    setPrefix(settings.fileNumberPrefix);
  }, [settings]);

  const profileCheck = useMemo(() => validate(profileSchema, profile, t), [profile, t]);
  const prefixCheck = useMemo(() => validate(fileNumberPrefixSchema, prefix, t), [prefix, t]);
  const errors: Record<string, string> = profileCheck.ok ? {} : { ...profileCheck.errors };
  if (!prefixCheck.ok) errors.fileNumberPrefix = prefixCheck.errors._ ?? t('validation.invalid');
  if (serverError?.field) errors[serverError.field.replace(/^profile\./, '')] = serverError.message;

  const save = async () => {
    if (!profileCheck.ok || !prefixCheck.ok) return;
    try {
      await call('settings.update', { profile: profileCheck.data, fileNumberPrefix: prefixCheck.data });
      setServerError(null);
      await reload();
      toast({ message: t('settings.saved'), intent: 'success', icon: 'tick' });
    } catch (err) {
      setServerError(err instanceof ApiError ? { field: err.field, message: err.message } : { message: String(err) });
    }
  };

  return (
    <div className="page page-settings">
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="settings-grid">
        <Card compact className="panel">
          <h2 className="panel-title">{t('settings.appearance')}</h2>
          <Field id="settings-language" label={t('settings.language')}>
            <HTMLSelect
              id="settings-language"
              value={locale.preference}
              onChange={(e) => locale.setPreference(e.currentTarget.value as LocalePreference)}
              options={[
                { value: 'system', label: t('settings.language.system') },
                ...LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) })),
              ]}
            />
          </Field>
          <Field id="settings-theme" label={t('settings.theme')}>
            <HTMLSelect
              id="settings-theme"
              value={theme.preference}
              onChange={(e) => theme.setPreference(e.currentTarget.value as ThemePreference)}
              options={(['system', 'light', 'dark'] as const).map((v) => ({ value: v, label: t(`settings.theme.${v}`) }))}
            />
          </Field>
          <Field id="settings-transport" label={t('settings.data.transport')}>
            <Tag id="settings-transport" minimal>
              {t(`header.transport.${transport}`)}
            </Tag>
          </Field>
        </Card>
        <form
          className="panel-form"
          aria-label={t('settings.profile')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Card compact className="panel">
            <h2 className="panel-title">{t('settings.profile')}</h2>
            <p className="muted">{t('settings.profile.help')}</p>
            <Field id="profile-name" label={t('settings.profile.name')} error={errors.name} required>
              <InputGroup id="profile-name" value={profile.name} onValueChange={(name) => setProfile((p) => ({ ...p, name }))} />
            </Field>
            <Field id="profile-badge" label={t('settings.profile.badge')} error={errors.badge}>
              <InputGroup
                id="profile-badge"
                value={profile.badge}
                onValueChange={(badge) => setProfile((p) => ({ ...p, badge }))}
              />
            </Field>
            <Field id="profile-agency" label={t('settings.profile.agency')} error={errors.agency}>
              <InputGroup
                id="profile-agency"
                value={profile.agency}
                onValueChange={(agency) => setProfile((p) => ({ ...p, agency }))}
              />
            </Field>
            <h2 className="panel-title">{t('settings.fileNumbers')}</h2>
            <Field
              id="file-prefix"
              label={t('settings.fileNumberPrefix')}
              error={errors.fileNumberPrefix}
              help={t('settings.fileNumberPrefix.help')}
            >
              <InputGroup id="file-prefix" value={prefix} onValueChange={(v) => setPrefix(v.toUpperCase())} className="mono" />
            </Field>
            <div className="form-actions">
              <Button
                type="submit"
                intent="primary"
                icon="floppy-disk"
                text={t('common.save')}
                disabled={!profileCheck.ok || !prefixCheck.ok}
              />
            </div>
          </Card>
        </form>
      </div>
    </div>
  );
}
