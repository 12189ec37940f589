import { InspectionTable } from './InspectionTable.tsx';

/** Every inspections across cases (#/inspections). */
export function InspectionsPage() {
  return <InspectionTable />;
}
