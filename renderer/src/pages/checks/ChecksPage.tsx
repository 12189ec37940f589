import { CheckTable } from './CheckTable.tsx';

/** Every checks across cases (#/checks). */
export function ChecksPage() {
  return <CheckTable />;
}
