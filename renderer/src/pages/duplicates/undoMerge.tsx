import type { EntityMerge } from '../../../../db/api.ts';
import type { Format, Translate } from '../../i18n/index.tsx';
import { refusalOf } from '../../lib/refusals.ts';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';

/** Says a merge was made, with Undo in the toast. */
export function toastMerged(m: EntityMerge, t: Translate, f: Format, onUndone: () => void): void {
  toast({
    message: t('dup.merged', { stays: m.survivorName, goes: m.mergedName }),
    intent: 'success',
    icon: 'git-merge',
    timeout: 10_000,
    action: {
      text: t('dup.undo'),
      onClick: () => {
        call('entities.unmerge', { id: m.id })
          .then(() => {
            toast({ message: t('dup.undone', { goes: m.mergedName }), intent: 'primary', icon: 'undo' });
            onUndone();
          })
          .catch((err: unknown) =>
            toast({ message: t('error.generic', { message: refusalOf(err, t, f).message }), intent: 'danger' }),
          );
      },
    },
  });
}
