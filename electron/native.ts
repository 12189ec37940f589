/**
 * better-sqlite3 is a native module, and a .node file loads only in the runtime (ABI) it was
 * built for. node_modules/better-sqlite3 keeps the Node build that the tests, the CLI and the
 * browser shell use; Electron gets its own build (scripts/build-electron-native.mjs), passed to
 * better-sqlite3 as its `nativeBinding` option.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DossierError } from '../db/errors.ts';

export const NATIVE_FILE_NAME = 'better_sqlite3.node';

/** Where scripts/build-electron-native.mjs puts the Electron build in a checkout. */
export function devNativeDir(repoDir: string, platform: string, arch: string): string {
  return path.join(repoDir, 'native', 'electron', `${platform}-${arch}`);
}

export interface NativeBindingContext {
  isPackaged: boolean;
  /** process.resourcesPath: electron-builder's extraResources land here. */
  resourcesPath: string;
  /** app.getAppPath(): the repository when run as `electron .`. */
  appPath: string;
  platform: string;
  arch: string;
  exists?: (file: string) => boolean;
}

/**
 * The Electron-ABI better_sqlite3.node to load, or undefined to let better-sqlite3 find its own
 * (which only works if node_modules was rebuilt for Electron).
 */
export function resolveNativeBinding(ctx: NativeBindingContext): string | undefined {
  if (ctx.isPackaged) return path.join(ctx.resourcesPath, 'native', NATIVE_FILE_NAME);
  const exists = ctx.exists ?? fs.existsSync;
  const dev = path.join(devNativeDir(ctx.appPath, ctx.platform, ctx.arch), NATIVE_FILE_NAME);
  return exists(dev) ? dev : undefined;
}

/** The error's message on one line (Node's module errors span several). */
function messageOf(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
}

/** One paragraph for the error box when the database cannot be opened; never a stack trace. */
export function explainOpenError(err: unknown, file: string, isPackaged: boolean): string {
  if (err instanceof DossierError) return err.message;
  const message = messageOf(err);
  const abi = /NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires NODE_MODULE_VERSION (\d+)/.exec(message);
  const wrongBuild =
    /was compiled against a different Node\.js version|not a valid Win32 application|invalid ELF header|wrong ELF class|slice is not valid mach-o/i;
  const missing = /Cannot find module .*better_sqlite3(\.node)?|Could not locate the bindings file/i;
  if (abi || wrongBuild.test(message) || missing.test(message)) {
    const detail = abi
      ? `it was built for module version ${abi[1]}, this Electron needs ${abi[2]}`
      : missing.test(message)
        ? 'it was not found'
        : 'it was built for another platform or runtime';
    return isPackaged
      ? `Dossier's SQLite module cannot be loaded: ${detail}. Reinstall Dossier.`
      : `The SQLite module for Electron cannot be loaded: ${detail}. Run \`npm run build:electron-native\`, then \`npm start\` again.`;
  }
  return `Dossier could not open its database ${file}: ${message}`;
}
