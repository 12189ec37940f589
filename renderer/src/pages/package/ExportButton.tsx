import { useState } from 'react';
import { Button } from '@blueprintjs/core';
import type { Case } from '../../../../db/api.ts';
import { useT } from '../../i18n/index.tsx';
import { useMenuCommand } from '../../lib/menuCommands.ts';
import { ExportDialog } from './ExportDialog.tsx';
import './package.css';

/** The case page's "Export package…" (and File > Export case while the case is shown): opens the export dialog. */
export function ExportButton({ kase }: { kase: Case }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  useMenuCommand('export-case', () => setOpen(true));
  return (
    <>
      <Button icon="export" text={t('pkg.menuExport')} onClick={() => setOpen(true)} />
      {open && <ExportDialog kase={kase} isOpen onClose={() => setOpen(false)} />}
    </>
  );
}
