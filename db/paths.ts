import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Dossier';

/**
 * The folder Electron's `app.getPath('userData')` gives Dossier on this platform, so that
 * the CLI and the browser shell use the desktop app's database by default.
 */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export const DB_FILE_NAME = 'dossier.db';

export function defaultDbFile(env = process.env): string {
  return env.DOSSIER_DB || path.join(defaultUserDataDir(process.platform, env), DB_FILE_NAME);
}
