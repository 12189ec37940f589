import type { SearchHit } from '../../../../db/search/query.ts';
import type { Route } from '../../lib/router.ts';

/** Where a hit opens: its record's page; an evidence file, on its case's Evidence tab. */
export function hitRoute(hit: Pick<SearchHit, 'type' | 'id' | 'caseId'>): Route {
  switch (hit.type) {
    case 'case':
      return { page: 'case', id: hit.id, tab: 'overview' };
    case 'entity':
      return { page: 'entity', id: hit.id };
    case 'seizure':
      return { page: 'seizure', id: hit.id };
    case 'detention':
      return { page: 'detention', id: hit.id };
    case 'penalty':
      return { page: 'penalty', id: hit.id };
    case 'evidence':
      return hit.caseId ? { page: 'case', id: hit.caseId, tab: 'evidence' } : { page: 'cases' };
  }
}

export const HIT_ICON = {
  case: 'folder-close',
  entity: 'people',
  seizure: 'box',
  detention: 'hand',
  penalty: 'dollar',
  evidence: 'document',
} as const;
