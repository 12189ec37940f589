import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * An installation's signing identity: an Ed25519 key pair and the device id every audit record it
 * writes carries. The private key never enters the database; where it is kept is the key store's
 * business (db/key-store.ts, electron/device-key.ts).
 */
export interface DeviceKey {
  deviceId: string;
  /** The raw 32-byte public key, base64. */
  publicKey: string;
  privateKey: KeyObject;
}

/** A device key as stored: the private key as PKCS#8 DER, base64. */
export interface StoredDeviceKey {
  format: 'dossier-device-key/1';
  device_id: string;
  created_at: string;
  public_key: string;
  private_key: string;
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function rawPublicKey(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_ED25519_PREFIX.length).toString('base64');
}

function publicKeyObject(raw: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, bytes]), format: 'der', type: 'spki' });
}

export function generateDeviceKey(): DeviceKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { deviceId: randomUUID(), publicKey: rawPublicKey(publicKey), privateKey };
}

export function storeForm(key: DeviceKey, createdAt: string): StoredDeviceKey {
  return {
    format: 'dossier-device-key/1',
    device_id: key.deviceId,
    created_at: createdAt,
    public_key: key.publicKey,
    private_key: key.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

export function fromStoreForm(stored: StoredDeviceKey): DeviceKey {
  if (stored.format !== 'dossier-device-key/1') throw new Error(`unknown key format ${String(stored.format)}`);
  const privateKey = createPrivateKey({ key: Buffer.from(stored.private_key, 'base64'), format: 'der', type: 'pkcs8' });
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  if (publicKey !== stored.public_key) throw new Error('the stored public key is not the private key’s');
  return { deviceId: stored.device_id, publicKey, privateKey };
}

/** The SHA-256 of the raw public key, hex: what a person compares, by its first groups. */
export function fingerprint(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
}

/** The first 16 bytes of a fingerprint in groups of four, for display. */
export function shortFingerprint(fp: string): string {
  return (fp.slice(0, 32).match(/.{4}/g) ?? []).join(' ');
}

/** What a chain head's signature covers. */
export interface HeadClaim {
  databaseId: string;
  seq: number;
  hash: string;
  deviceId: string;
}

function headMessage(h: HeadClaim): Buffer {
  return Buffer.from(`dossier-chain-head/1\n${h.databaseId}\n${h.seq}\n${h.hash}\n${h.deviceId}\n`, 'utf8');
}

export function signHead(key: DeviceKey, claim: Omit<HeadClaim, 'deviceId'>): string {
  return sign(null, headMessage({ ...claim, deviceId: key.deviceId }), key.privateKey).toString('base64');
}

export function headSignatureValid(claim: HeadClaim, publicKey: string, signature: string): boolean {
  try {
    return verify(null, headMessage(claim), publicKeyObject(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * A signed chain head as held outside the file (`dossier anchor`): a supervisor or a prosecutor
 * who keeps it can later prove the chain still extends it (`dossier check --anchor FILE`).
 */
export interface Anchor {
  format: 'dossier-anchor/1';
  database_id: string;
  seq: number;
  hash: string;
  signed_at: string;
  device_id: string;
  public_key: string;
  fingerprint: string;
  signature: string;
}

/** Reads an anchor, refusing one that is malformed or whose signature does not verify. */
export function parseAnchor(text: string): Anchor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('it is not JSON');
  }
  const a = value as Partial<Anchor> | null;
  if (!a || a.format !== 'dossier-anchor/1') throw new Error('it is not a Dossier anchor (format dossier-anchor/1)');
  const strings = ['database_id', 'hash', 'signed_at', 'device_id', 'public_key', 'fingerprint', 'signature'] as const;
  for (const k of strings) if (typeof a[k] !== 'string') throw new Error(`its ${k} is missing`);
  if (!Number.isSafeInteger(a.seq) || (a.seq ?? 0) < 1) throw new Error('its seq is not a record number');
  const anchor = a as Anchor;
  if (fingerprint(anchor.public_key) !== anchor.fingerprint) throw new Error('its fingerprint is not its public key’s');
  const claim = { databaseId: anchor.database_id, seq: anchor.seq, hash: anchor.hash, deviceId: anchor.device_id };
  if (!headSignatureValid(claim, anchor.public_key, anchor.signature)) throw new Error('its signature does not verify');
  return anchor;
}
