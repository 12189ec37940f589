import { useT } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';
import type { FieldInput } from './Field.tsx';
import { SearchPicker } from './SearchPicker.tsx';

export interface CaseRef {
  id: string;
  fileNumber: string;
  title: string;
}

/** Picks the case a new record belongs to (from the lists that span every case). */
export function CasePicker(props: {
  input: FieldInput;
  value: CaseRef | null;
  onChange(value: CaseRef | null): void;
  autoFocus?: boolean | undefined;
}) {
  const t = useT();
  return (
    <SearchPicker<CaseRef>
      {...props}
      search={async (text) =>
        (await call('cases.list', { limit: 20, ...(text ? { text } : {}) })).rows.map((r) => ({
          id: r.id,
          fileNumber: r.fileNumber,
          title: r.title,
        }))
      }
      text={(c) => `${c.fileNumber} · ${c.title}`}
      placeholder={t('enf.picker.casePlaceholder')}
      noResults={t('enf.picker.noCases')}
    />
  );
}
