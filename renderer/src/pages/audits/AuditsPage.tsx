import { AuditTable } from './AuditTable.tsx';

/** Every audits across cases (#/audits). */
export function AuditsPage() {
  return <AuditTable />;
}
