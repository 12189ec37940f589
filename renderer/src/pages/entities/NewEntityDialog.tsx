import {} from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { Entity } from '../../../../db/api.ts';
import { useT } from '../../i18n/index.tsx';
import { toast } from '../../lib/toaster.ts';
import { EntityCreator } from './EntityCreator.tsx';
import './entities.css';

/** Records a new person, organization, address, conveyance or shipment. */
export function NewEntityDialog({
  isOpen,
  onClose,
  onCreated,
}: {
  isOpen: boolean;
  onClose(): void;
  onCreated(e: Entity): void;
}) {
  const t = useT();
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={t('entity.new.title')} icon="new-person" className="ent-entity-dialog">
      <EntityCreator
        idPrefix="new-entity"
        cancelText={t('common.cancel')}
        submitText={t('common.create')}
        onCancel={onClose}
        onCreated={(e) => {
          toast({ message: t('entity.created', { name: e.name }), intent: 'success', icon: 'tick' });
          onCreated(e);
        }}
      />
    </Dialog>
  );
}
