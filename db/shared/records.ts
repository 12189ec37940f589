/** Every record type that the audit trail tracks, and the table that holds it. */
export const auditedTables = {
  case: { table: 'cases' },
  setting: { table: 'settings' },
  evidence: { table: 'evidence' },
  evidence_repair: { table: 'evidence_repairs' },
  entity: { table: 'entities' },
  entity_link: { table: 'entity_links' },
  case_entity: { table: 'case_entities' },
  seizure: { table: 'seizures' },
  seized_item: { table: 'seized_items' },
  custody_entry: { table: 'custody_entries' },
  detention: { table: 'detentions' },
  detention_info_request: { table: 'detention_info_requests' },
  penalty: { table: 'penalties' },
  penalty_payment: { table: 'penalty_payments' },
  entity_merge: { table: 'entity_merges' },
  entity_distinct: { table: 'entity_distinct_pairs' },
  package_import: { table: 'package_imports' },
  screening_list: { table: 'screening_lists' },
  screening_review: { table: 'screening_reviews' },
} as const;

export type RecordType = keyof typeof auditedTables;
