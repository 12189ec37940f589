import type { Db } from '../sqlite.ts';
import { getEntity, type Entity } from './entities.ts';
import { linksOf, type EntityLinkView } from './entity-links.ts';
import { casesOf, type EntityCaseRole } from './case-entities.ts';

/** What the entity page shows: the entity, its links both ways, and the cases it is in with its roles. */
export interface EntityView {
  entity: Entity;
  outgoing: EntityLinkView[];
  incoming: EntityLinkView[];
  cases: EntityCaseRole[];
}

export function entityView(db: Db, id: string): EntityView {
  const entity = getEntity(db, id);
  return { entity, ...linksOf(db, id), cases: casesOf(db, id) };
}
