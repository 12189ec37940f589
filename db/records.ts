/** Every record type that the audit trail tracks, and the table that holds it. */
export const auditedTables = {
  case: { table: 'cases' },
  setting: { table: 'settings' },
} as const;

export type RecordType = keyof typeof auditedTables;
