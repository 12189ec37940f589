import { DetentionTable } from './DetentionTable.tsx';

/** Every detention across cases (#/detentions). */
export function DetentionsPage() {
  return <DetentionTable />;
}
