import { useState } from 'react';
import { Button, InputGroup, NonIdealState } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { SeizureTable } from './SeizureTable.tsx';

/** Every seizure across cases: sorted, filtered and paged in SQL; a row opens the seizure. */
export function SeizuresPage() {
  const t = useT();
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 200);
  return (
    <div className="page page-seizures">
      <header className="page-header">
        <h1>{t('seizures.title')}</h1>
      </header>
      <SeizureTable
        text={query}
        toolbar={
          <InputGroup
            id="seizure-search"
            type="search"
            leftIcon="search"
            className="dt-search"
            aria-label={t('seizures.search')}
            placeholder={t('seizures.searchPlaceholder')}
            value={text}
            onValueChange={setText}
          />
        }
        empty={(filtered) =>
          filtered ? (
            <NonIdealState icon="search" title={t('seizures.noMatch.title')} description={t('seizures.noMatch.body')} />
          ) : (
            <NonIdealState
              icon="box"
              title={t('seizures.empty.title')}
              description={t('seizures.empty.body')}
              action={<Button icon="folder-open" text={t('seizures.empty.action')} onClick={() => navigate({ page: 'cases' })} />}
            />
          )
        }
      />
    </div>
  );
}
