import { PenaltyTable } from './PenaltyTable.tsx';

/** A case's monetary penalties (the case page's Penalties tab). */
export function PenaltiesTab({ caseId }: { caseId: string }) {
  return (
    <div className="tab-panel penalties-tab">
      <PenaltyTable caseId={caseId} />
    </div>
  );
}
