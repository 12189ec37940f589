import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { defaultUserDataDir } from './paths.ts';
import { fingerprint, fromStoreForm, generateDeviceKey, storeForm, type DeviceKey, type StoredDeviceKey } from './signing.ts';

/**
 * Where an installation keeps what signs and anchors its audit chains, outside every database:
 * its device key (readable by the user alone), the public keys it trusts, and the last chain
 * head it signed for each database. Beside the desktop app's data by default; DOSSIER_KEY_DIR
 * moves it (tests, a second profile).
 */
export function keyDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOSSIER_KEY_DIR || defaultUserDataDir(process.platform, env);
}

const KEY_FILE = 'device-key.json';
const TRUSTED_FILE = 'trusted-keys.json';
const HEADS_DIR = 'chain-heads';

/** Writes a file whole or not at all (a crash leaves the old one or the new one). */
function writeAtomic(file: string, text: string, mode = 0o600): void {
  const tmp = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, file);
}

/**
 * This installation's device key from its file, made on first use. Two processes starting at once
 * make one key between them: the file appears whole (a hard link of a finished file) or not at all.
 */
export function loadOrCreateFileKey(dir: string, now: () => string = () => new Date().toISOString()): DeviceKey {
  const file = path.join(dir, KEY_FILE);
  if (fs.existsSync(file)) return readKeyFile(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = generateDeviceKey();
  const tmp = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(storeForm(key, now()), null, 2)}\n`, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readKeyFile(file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  trustKey(dir, { publicKey: key.publicKey, deviceId: key.deviceId, label: 'this installation', addedAt: now() });
  return key;
}

function readKeyFile(file: string): DeviceKey {
  // Readable by the user alone: a key others on the machine can read signs for them too.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  try {
    return fromStoreForm(JSON.parse(fs.readFileSync(file, 'utf8')) as StoredDeviceKey);
  } catch (err) {
    throw new Error(`The device key at ${file} cannot be read: ${(err as Error).message}`);
  }
}

export interface TrustedKey {
  publicKey: string;
  deviceId: string;
  label: string;
  addedAt: string;
}

interface TrustedFile {
  format: 'dossier-trusted-keys/1';
  keys: TrustedKey[];
}

/** The public keys whose signatures this installation accepts, by fingerprint. */
export function trustedKeys(dir: string): Map<string, TrustedKey> {
  const file = path.join(dir, TRUSTED_FILE);
  const map = new Map<string, TrustedKey>();
  if (!fs.existsSync(file)) return map;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as TrustedFile;
  for (const k of parsed.keys) map.set(fingerprint(k.publicKey), k);
  return map;
}

export function trustKey(dir: string, key: TrustedKey): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = [...trustedKeys(dir).values()].filter((k) => k.publicKey !== key.publicKey);
  keys.push(key);
  const body: TrustedFile = { format: 'dossier-trusted-keys/1', keys };
  writeAtomic(path.join(dir, TRUSTED_FILE), `${JSON.stringify(body, null, 2)}\n`, 0o644);
}

/** The last chain head this installation signed for one database. */
export interface LocalHead {
  database_id: string;
  seq: number;
  hash: string;
  signed_at: string;
  device_id: string;
}

function headFile(dir: string, databaseId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(databaseId)) throw new Error(`not a database id: ${databaseId}`);
  return path.join(dir, HEADS_DIR, `${databaseId}.json`);
}

export function readLocalHead(dir: string, databaseId: string): LocalHead | null {
  const file = headFile(dir, databaseId);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalHead;
}

/**
 * Keeps the newest head signed for a database. Written after the write commits: a crash between
 * the two leaves the file behind the database, never ahead of it.
 */
export function writeLocalHead(dir: string, head: LocalHead): void {
  const file = headFile(dir, head.database_id);
  const known = fs.existsSync(file) ? readLocalHead(dir, head.database_id) : null;
  if (known && known.seq >= head.seq) return;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeAtomic(file, `${JSON.stringify(head)}\n`);
}

/**
 * Keeps the newest signed head outside the file without making each write wait for a file write
 * (about 0.4 ms): heads are noted as writes commit and written once the call's turn of the event
 * loop is over, the newest only; `flush` writes what is pending (on close).
 */
export class HeadKeeper {
  private pending: LocalHead | null = null;
  private scheduled = false;

  constructor(
    private readonly dir: string,
    private readonly onError: (err: Error) => void,
  ) {}

  keep(head: LocalHead): void {
    if (!this.pending || head.seq > this.pending.seq) this.pending = head;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    const head = this.pending;
    this.pending = null;
    if (!head) return;
    try {
      writeLocalHead(this.dir, head);
    } catch (err) {
      this.onError(err as Error);
    }
  }
}
