import { useState } from 'react';
import { Button } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';
import { ImportDialog } from './ImportDialog.tsx';

/** The case list's "Import package…": opens the import dialog. */
export function ImportButton(props: { onImported?: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon="import" text={t('imp.menu')} onClick={() => setOpen(true)} />
      {open && (
        <ImportDialog isOpen onClose={() => setOpen(false)} {...(props.onImported ? { onImported: props.onImported } : {})} />
      )}
    </>
  );
}
