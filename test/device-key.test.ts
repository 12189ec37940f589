/**
 * Where an installation keeps its signing key: a file only the user can read (CLI, browser shell)
 * or Electron's safeStorage (the desktop app), made once, trusted by the installation, never in
 * the database. safeStorage itself is Electron's: here a stand-in box that really transforms the
 * bytes, so a key written in the clear would show.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateFileKey, readLocalHead, trustedKeys, writeLocalHead } from '../db/key-store.ts';
import { fingerprint, headSignatureValid, signHead } from '../db/signing.ts';
import { SAFE_KEY_FILE, loadOrCreateSafeKey, type SecretBox } from '../electron/device-key.ts';
import { tempDir } from './helpers.ts';

const dir = tempDir();
let n = 0;
const fresh = () => path.join(dir, `keys-${++n}`);

function box(backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret'): SecretBox & { sealed: number } {
  const b = {
    sealed: 0,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => {
      b.sealed++;
      return Buffer.from(Buffer.from(s, 'utf8').map((x) => x ^ 0x5a));
    },
    decryptString: (buf: Buffer) => Buffer.from(buf.map((x) => x ^ 0x5a)).toString('utf8'),
  };
  return b;
}

describe('device keys', () => {
  it('the key file is made once, readable by the user alone, and its key trusted by the installation', () => {
    const keys = fresh();
    const a = loadOrCreateFileKey(keys);
    const b = loadOrCreateFileKey(keys);
    expect(b.deviceId).toBe(a.deviceId);
    expect(b.publicKey).toBe(a.publicKey);
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.join(keys, 'device-key.json')).mode & 0o777).toBe(0o600);
    }
    expect([...trustedKeys(keys).keys()]).toEqual([fingerprint(a.publicKey)]);
    const claim = { databaseId: '0b9d7c1e-5f3a-4c8e-9a61-2f4e8d7c6b51', seq: 4, hash: 'a'.repeat(64) };
    const sig = signHead(b, claim);
    expect(headSignatureValid({ ...claim, deviceId: a.deviceId }, a.publicKey, sig)).toBe(true);
    expect(headSignatureValid({ ...claim, seq: 5, deviceId: a.deviceId }, a.publicKey, sig)).toBe(false);
  });

  it('a key file others can read is tightened to the user alone', () => {
    if (process.platform === 'win32') return;
    const keys = fresh();
    loadOrCreateFileKey(keys);
    fs.chmodSync(path.join(keys, 'device-key.json'), 0o644);
    loadOrCreateFileKey(keys);
    expect(fs.statSync(path.join(keys, 'device-key.json')).mode & 0o777).toBe(0o600);
  });

  it('the desktop app keeps its key sealed by safeStorage, never in the clear', () => {
    const keys = fresh();
    const sealer = box();
    const key = loadOrCreateSafeKey(keys, sealer);
    expect(sealer.sealed).toBe(1);
    const onDisk = fs.readFileSync(path.join(keys, SAFE_KEY_FILE));
    expect(onDisk.toString('latin1')).not.toContain('private_key');
    expect(fs.existsSync(path.join(keys, 'device-key.json'))).toBe(false);
    expect(loadOrCreateSafeKey(keys, sealer).deviceId).toBe(key.deviceId);
    expect(trustedKeys(keys).has(fingerprint(key.publicKey))).toBe(true);
    // Another user's keychain cannot open it: said plainly, not a new key in its place.
    const other = { ...box(), decryptString: () => '{' };
    expect(() => loadOrCreateSafeKey(keys, other)).toThrow(/cannot be unlocked by this user's keychain/);
  });

  it("falls back to the user-only key file where safeStorage has only Electron's fixed-key backend", () => {
    const keys = fresh();
    const key = loadOrCreateSafeKey(keys, box('basic_text'));
    expect(fs.existsSync(path.join(keys, SAFE_KEY_FILE))).toBe(false);
    expect(loadOrCreateFileKey(keys).deviceId).toBe(key.deviceId);
  });

  it('the head kept outside the file only moves forward', () => {
    const keys = fresh();
    const id = '7e2a4f90-1c3b-4d5e-8f70-9a1b2c3d4e5f';
    const head = { database_id: id, seq: 10, hash: 'b'.repeat(64), signed_at: '2026-03-15T09:00:00.000Z', device_id: 'd' };
    writeLocalHead(keys, head);
    writeLocalHead(keys, { ...head, seq: 9, hash: 'c'.repeat(64) });
    expect(readLocalHead(keys, id)).toEqual(head);
    expect(() => writeLocalHead(keys, { ...head, database_id: '../../etc/passwd' })).toThrow(/not a database id/);
  });
});
