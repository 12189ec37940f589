import { Button } from '@blueprintjs/core';
import { useT } from '../i18n/index.tsx';

/** The foot of a record page's edit form: "Unsaved changes", Discard, and Save (Ctrl+S). */
export function FormActions(props: { dirty: boolean; saving: boolean; valid: boolean; onDiscard(): void }) {
  const t = useT();
  return (
    <div className="form-actions">
      {props.dirty && <span className="muted">{t('common.unsavedChanges')}</span>}
      <Button text={t('common.discard')} disabled={!props.dirty || props.saving} onClick={props.onDiscard} />
      <Button
        type="submit"
        intent="primary"
        icon="floppy-disk"
        text={props.saving ? t('common.saving') : t('common.save')}
        disabled={!props.dirty || !props.valid}
        loading={props.saving}
        title={`${t('common.save')} (Ctrl+S)`}
      />
    </div>
  );
}
