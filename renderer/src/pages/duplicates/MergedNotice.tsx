import { AnchorButton, Button, Callout } from '@blueprintjs/core';
import type { EntityMerge } from '../../../../db/api.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { routeHref } from '../../lib/router.ts';
import { useAction } from '../../lib/useAction.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { toast } from '../../lib/toaster.ts';

/** On the page of a record merged into another: where its ties went, and Undo. */
export function MergedNotice({ entityId, onUndone }: { entityId: string; onUndone(): void }) {
  const t = useT();
  const f = useFormat();
  const merges = useQuery(() => call('entities.merges', { entityId, limit: 20 }), `merges-of:${entityId}`);
  const merge: EntityMerge | undefined =
    merges.load.state === 'ready' ? merges.load.data.find((m) => m.mergedId === entityId && !m.undoneAt) : undefined;
  const undo = useAction(async (m: EntityMerge) => {
    await call('entities.unmerge', { id: m.id });
    toast({ message: t('dup.undone', { goes: m.mergedName }), intent: 'primary', icon: 'undo' });
    onUndone();
  });
  if (!merge) return null;
  return (
    <Callout intent="warning" icon="git-merge" className="merged-notice" role="status">
      <p>{t('dup.mergedNotice', { into: merge.survivorName, when: f.dateTime(merge.mergedAt), by: merge.mergedBy })}</p>
      {undo.refusal && <p className="danger-text">{undo.refusal.message}</p>}
      <span className="merged-notice-actions">
        <AnchorButton
          icon="arrow-right"
          text={t('dup.openSurvivor', { name: merge.survivorName })}
          href={routeHref({ page: 'entity', id: merge.survivorId })}
        />
        <Button icon="undo" text={t('dup.undoMerge')} loading={undo.pending !== null} onClick={() => void undo.act(merge)} />
      </span>
    </Callout>
  );
}
