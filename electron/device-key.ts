/**
 * The desktop app's signing key, kept with Electron's safeStorage (the OS keychain, DPAPI or
 * libsecret) so the file on disk is useless without the user's login. Where the OS offers no
 * encryption (Linux without a keyring), it falls back to the CLI's key file, readable by the user
 * alone (db/key-store.ts), as it does where
 * the only backend is Electron's 'basic_text'. Typed against the one part of safeStorage it uses, so it runs under Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadOrCreateFileKey, trustKey } from '../db/key-store.ts';
import { fromStoreForm, generateDeviceKey, storeForm, type DeviceKey, type StoredDeviceKey } from '../db/signing.ts';

export type SecretBox = Pick<Electron.SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<Electron.SafeStorage, 'getSelectedStorageBackend'>>;

/** Encryption worth the name: on Linux, 'basic_text' is a fixed key in Electron's source, no better than a 0600 file. */
function realEncryption(box: SecretBox): boolean {
  return box.isEncryptionAvailable() && box.getSelectedStorageBackend?.() !== 'basic_text';
}

export const SAFE_KEY_FILE = 'device-key.safe';

export function loadOrCreateSafeKey(dir: string, box: SecretBox, now: () => string = () => new Date().toISOString()): DeviceKey {
  const file = path.join(dir, SAFE_KEY_FILE);
  if (fs.existsSync(file)) {
    try {
      return fromStoreForm(JSON.parse(box.decryptString(fs.readFileSync(file))) as StoredDeviceKey);
    } catch (err) {
      throw new Error(`The device key at ${file} cannot be unlocked by this user's keychain: ${(err as Error).message}`);
    }
  }
  if (!realEncryption(box)) return loadOrCreateFileKey(dir, now);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = generateDeviceKey();
  const tmp = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(tmp, box.encryptString(JSON.stringify(storeForm(key, now()))), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return loadOrCreateSafeKey(dir, box, now);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  trustKey(dir, { publicKey: key.publicKey, deviceId: key.deviceId, label: 'this installation (desktop app)', addedAt: now() });
  return key;
}
