// Placeholder wired into the app shell; replaced by the feature's real screen.
export function PenaltiesPage() {
  return null;
}
