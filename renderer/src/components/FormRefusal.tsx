import { Callout } from '@blueprintjs/core';
import { useT } from '../i18n/index.tsx';
import type { Refusal } from '../lib/refusals.ts';

/** The contract's refusal that is not about one field of the form, above the form (a conflict, a rule of the record). */
export function FormRefusal({ refusal }: { refusal: Refusal | null }) {
  const t = useT();
  if (!refusal) return null;
  const conflict = refusal.code === 'conflict';
  return (
    <Callout intent={conflict ? 'warning' : 'danger'} role="alert" className="form-callout">
      {conflict ? refusal.message : t('error.generic', { message: refusal.message })}
    </Callout>
  );
}
