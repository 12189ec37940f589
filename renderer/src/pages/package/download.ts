import { ApiError, authorization } from '../../lib/client.ts';

/** Saves an exported package from the browser shell's exports folder as a download. */
export async function downloadExport(name: string): Promise<void> {
  const response = await fetch(`./api/exports/${encodeURIComponent(name)}`, { headers: { Authorization: authorization() } });
  if (!response.ok) throw new ApiError('not_found', `${name}: ${response.statusText}`);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
