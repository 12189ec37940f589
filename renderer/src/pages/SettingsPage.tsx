import { useEffect } from 'react';
import { z } from 'zod';
import { Button, Card, HTMLSelect, InputGroup, Tag } from '@blueprintjs/core';
import type { Settings } from '../../../db/api.ts';
import { fileNumberPrefixSchema, profileSchema } from '../../../db/shared/inputs/settings.ts';
import { LOCALES, useLocale, useT, type LocalePreference } from '../i18n/index.tsx';
import { call, transport } from '../lib/client.ts';
import { useForm } from '../lib/form.ts';
import { useSettings } from '../lib/settings.tsx';
import { useTheme, type ThemePreference } from '../lib/theme.tsx';
import { toast } from '../lib/toaster.ts';
import { Field } from '../components/Field.tsx';
import { FormRefusal } from '../components/FormRefusal.tsx';
import { ChainPanel } from './ChainPanel.tsx';
import { useQuery } from '../lib/useQuery.tsx';

/** Where the data is, and the log of unexpected errors to send with a report. */
function DataPaths() {
  const t = useT();
  const paths = useQuery(() => call('settings.paths', {}), 'paths').data;
  if (!paths?.dataDir) return null;
  return (
    <>
      <h2 className="panel-title">{t('settings.data')}</h2>
      <dl className="facts facts-wide settings-paths">
        <dt>{t('settings.data.folder')}</dt>
        <dd className="mono break">{paths.dataDir}</dd>
        <dt>{t('settings.data.errorLog')}</dt>
        <dd>
          <span className="mono break">{paths.errorLog}</span>
          <div className="muted">{t('settings.data.errorsLogged', { count: paths.errorsLogged })}</div>
        </dd>
      </dl>
    </>
  );
}

/** settings.update as this page sends it: the profile and the file-number prefix together. */
const settingsInput = z.strictObject({ profile: profileSchema, fileNumberPrefix: fileNumberPrefixSchema });

interface SettingsForm {
  profile: { name: string; badge: string; agency: string };
  fileNumberPrefix: string;
}

function formOf(settings: Settings | null): SettingsForm {
  return {
    profile: settings?.profile ?? { name: '', badge: '', agency: '' },
    fileNumberPrefix: settings?.fileNumberPrefix ?? 'EXP',
  };
}

export function SettingsPage() {
  const t = useT();
  const locale = useLocale();
  const theme = useTheme();
  const { settings, reload } = useSettings();
  const form = useForm({
    schema: settingsInput,
    initial: () => formOf(settings),
    input: (v: SettingsForm) => v,
    save: async (data) => {
      const saved = await call('settings.update', data);
      await reload();
      toast({ message: t('settings.saved'), intent: 'success', icon: 'tick' });
      return formOf(saved);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (settings) reset(formOf(settings));
  }, [settings, reset]);
  const profile = form.values.profile;
  const setProfile = (patch: Partial<SettingsForm['profile']>) => form.set({ profile: { ...profile, ...patch } });

  return (
    <div className="page page-settings">
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="settings-grid">
        <Card compact className="panel">
          <h2 className="panel-title">{t('settings.appearance')}</h2>
          <Field id="settings-language" label={t('settings.language')}>
            {(input) => (
              <HTMLSelect
                {...input}
                value={locale.preference}
                onChange={(e) => locale.setPreference(e.currentTarget.value as LocalePreference)}
                options={[
                  { value: 'system', label: t('settings.language.system') },
                  ...LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) })),
                ]}
              />
            )}
          </Field>
          <Field id="settings-theme" label={t('settings.theme')}>
            {(input) => (
              <HTMLSelect
                {...input}
                value={theme.preference}
                onChange={(e) => theme.setPreference(e.currentTarget.value as ThemePreference)}
                options={(['system', 'light', 'dark'] as const).map((v) => ({ value: v, label: t(`settings.theme.${v}`) }))}
              />
            )}
          </Field>
          <DataPaths />
          <Field id="settings-transport" label={t('settings.data.transport')}>
            {(input) => (
              <Tag {...input} minimal>
                {t(`header.transport.${transport}`)}
              </Tag>
            )}
          </Field>
        </Card>
        <form className="panel-form" aria-label={t('settings.profile')} {...form.formProps}>
          <Card compact className="panel">
            <h2 className="panel-title">{t('settings.profile')}</h2>
            <p className="muted">{t('settings.profile.help')}</p>
            <FormRefusal refusal={form.refusal} />
            <Field id="profile-name" label={t('settings.profile.name')} error={form.errors['profile.name']} required>
              {(input) => <InputGroup {...input} value={profile.name} onValueChange={(name) => setProfile({ name })} />}
            </Field>
            <Field id="profile-badge" label={t('settings.profile.badge')} error={form.errors['profile.badge']}>
              {(input) => <InputGroup {...input} value={profile.badge} onValueChange={(badge) => setProfile({ badge })} />}
            </Field>
            <Field id="profile-agency" label={t('settings.profile.agency')} error={form.errors['profile.agency']}>
              {(input) => <InputGroup {...input} value={profile.agency} onValueChange={(agency) => setProfile({ agency })} />}
            </Field>
            <h2 className="panel-title">{t('settings.fileNumbers')}</h2>
            <Field
              id="file-prefix"
              label={t('settings.fileNumberPrefix')}
              error={form.errors.fileNumberPrefix}
              help={t('settings.fileNumberPrefix.help')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  value={form.values.fileNumberPrefix}
                  onValueChange={(v) => form.set({ fileNumberPrefix: v.toUpperCase() })}
                  className="mono"
                />
              )}
            </Field>
            <div className="form-actions">
              <Button
                type="submit"
                intent="primary"
                icon="floppy-disk"
                text={t('common.save')}
                disabled={!form.check.ok}
                loading={form.saving}
              />
            </div>
          </Card>
        </form>
        <ChainPanel />
      </div>
    </div>
  );
}
