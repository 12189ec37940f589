import { DetentionTable } from './DetentionTable.tsx';

/** A case's detentions (the case page's Detentions tab). */
export function DetentionsTab({ caseId }: { caseId: string }) {
  return (
    <div className="tab-panel detentions-tab">
      <DetentionTable caseId={caseId} />
    </div>
  );
}
