// Placeholder wired into the app shell; replaced by the feature's real screen.
export function PenaltiesTab(_props: { caseId: string }) {
  return null;
}
