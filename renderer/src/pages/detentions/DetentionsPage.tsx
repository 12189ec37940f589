import { DetentionTable } from './DetentionTable.tsx';

/** Every detention across cases (#/detentions). */
export function DetentionsPage() {
  return (
    <div className="page page-detentions">
      <DetentionTable />
    </div>
  );
}
