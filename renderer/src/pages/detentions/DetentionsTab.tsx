// Placeholder wired into the app shell; replaced by the feature's real screen.
export function DetentionsTab(_props: { caseId: string }) {
  return null;
}
