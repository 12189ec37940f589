// Placeholder wired into the app shell; replaced by the feature's real screen.
export function SubjectsTab(_props: { caseId: string }) {
  return null;
}
