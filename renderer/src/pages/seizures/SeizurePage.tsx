// Placeholder wired into the app shell; replaced by the feature's real screen.
export function SeizurePage(_props: { id: string; itemId?: string | undefined }) {
  return null;
}
