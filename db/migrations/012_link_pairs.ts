import type { Migration } from './index.ts';

/**
 * The links between two given entities, found by seeking both ends at once. The link chart asks
 * for the links among the few hundred entities it shows; for a hub (an address thousands of
 * companies are registered at) reading its every link to keep the few that stay on the chart is
 * what made a two-hop chart slow, and one seek per shown entity is what this index allows. It
 * also covers the walk outward (it holds the far end), and the duplicate-link check.
 */
export const m012LinkPairs: Migration = {
  version: 12,
  name: 'links indexed by both their ends',
  up(db) {
    db.exec('CREATE INDEX entity_links_pair ON entity_links (from_entity_id, to_entity_id)');
  },
};
