import { Button } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { SeizureTable } from './SeizureTable.tsx';

/** Every seizure across cases: sorted, filtered and paged in SQL; a row opens the seizure. */
export function SeizuresPage() {
  const t = useT();
  return (
    <ListPage className="page-seizures" title={t('seizures.title')}>
      <SeizureTable
        empty={{
          icon: 'box',
          title: t('seizures.empty.title'),
          body: t('seizures.empty.body'),
          action: <Button icon="folder-open" text={t('seizures.empty.action')} onClick={() => navigate({ page: 'cases' })} />,
        }}
      />
    </ListPage>
  );
}
