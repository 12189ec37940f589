import { PenaltyTable } from './PenaltyTable.tsx';

/** Every monetary penalty across cases (#/penalties). */
export function PenaltiesPage() {
  return <PenaltyTable />;
}
