/**
 * Evidence files in the desktop app, under plain Node: Electron's ipcMain, web contents and the
 * preload's electron module are small stand-ins; the handlers, the store, SQLite and the preload
 * bundle are real, on real files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { openCore, type Core } from '../db/index.ts';
import { blobPath, storeDir } from '../db/evidence-store.ts';
import type { Envelope } from '../db/errors.ts';
import type { Case, Evidence } from '../db/api.ts';
import { isTrustedSender } from '../electron/security.ts';
import { APP_URL } from '../electron/app-protocol.ts';
import {
  EVIDENCE_CANCEL_CHANNEL,
  EVIDENCE_INGEST_CHANNEL,
  EVIDENCE_PICK_CHANNEL,
  EVIDENCE_PROGRESS_CHANNEL,
  EVIDENCE_READ_CHANNEL,
  registerEvidenceHandlers,
  type EvidenceSender,
} from '../electron/ipc.ts';
import type { EvidenceBytes, IngestedFile, PickedFile } from '../electron/channels.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The page as the window loads it (app://dossier/index.html); the same page from file:// is not trusted. */
const FILE_URL = pathToFileURL(path.join(repo, 'dist', 'renderer', 'index.html')).href;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-evidence-ipc-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  call<T = unknown>(channel: string, sender: FakeSender, frame: WebFrameMain | null, ...args: unknown[]): Promise<T> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const event = { senderFrame: frame, sender } as unknown as IpcMainInvokeEvent;
    return Promise.resolve(handler(event, ...args) as T);
  }
}

/** The web contents of a window: records what main sends it. */
class FakeSender implements EvidenceSender {
  readonly sent: unknown[][] = [];
  destroyed = false;
  onSend: ((channel: string, ...args: unknown[]) => void) | null = null;
  constructor(readonly id: number) {}
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
    this.onSend?.(channel, ...args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const frame = (url: string, parent: WebFrameMain | null = null) => ({ url, parent }) as unknown as WebFrameMain;
const trusted = frame(`${APP_URL}#/cases`);
const untrusted = [frame('https://example.com/'), frame(APP_URL, trusted), frame(FILE_URL), null];

function sha(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('evidence over IPC', () => {
  let core: Core;
  let caseId = '';
  let ipc: FakeIpcMain;
  let dispose: () => void;
  let toPick: string[] = [];
  const sender = new FakeSender(7);
  const files: Record<string, Buffer> = {};
  const file = (name: string) => path.join(tmp, 'outside', name);

  beforeAll(async () => {
    core = await openCore(path.join(tmp, 'data', 'dossier.db'), { actor: { name: 'Test Investigator', badge: 'T-1' } });
    caseId = (core.invoke('cases.create', { title: 'Desktop evidence' }) as { ok: true; result: Case }).result.id;
    fs.mkdirSync(path.join(tmp, 'outside', 'a folder'), { recursive: true });
    files['seal.jpg'] = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(3 * 1024 * 1024, 9)]);
    files['invoice.pdf'] = Buffer.from('%PDF-1.7 invoice');
    files['secret.txt'] = Buffer.from('not for the renderer');
    files['big.bin'] = Buffer.alloc(40 * 1024 * 1024, 3);
    for (const [name, data] of Object.entries(files)) fs.writeFileSync(file(name), data);
    ipc = new FakeIpcMain();
    dispose = registerEvidenceHandlers(ipc as unknown as IpcMain, {
      invoke: core.invoke,
      dataDir: core.dataDir,
      isTrusted: (f) => isTrustedSender(f, APP_URL),
      pickFiles: () => Promise.resolve(toPick),
      maxReadBytes: 4 * 1024 * 1024,
      progressIntervalMs: 0,
    });
  });
  afterAll(() => core.close());

  const stored = (data: Buffer) => fs.existsSync(blobPath(core.dataDir, sha(data)));
  const tempFiles = () => {
    const dir = path.join(storeDir(core.dataDir), 'tmp');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };

  it('registers the evidence channels', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(
      [EVIDENCE_CANCEL_CHANNEL, EVIDENCE_INGEST_CHANNEL, EVIDENCE_PICK_CHANNEL, EVIDENCE_READ_CHANNEL].sort(),
    );
    expect(EVIDENCE_PICK_CHANNEL).toBe('dossier:evidence-pick');
    expect(EVIDENCE_INGEST_CHANNEL).toBe('dossier:evidence-ingest');
    expect(EVIDENCE_READ_CHANNEL).toBe('dossier:evidence-read');
  });

  it('the dialog returns files (not folders) with name, size and media type', async () => {
    toPick = [file('seal.jpg'), file('invoice.pdf'), file('a folder')];
    const r = await ipc.call<Envelope<PickedFile[]>>(EVIDENCE_PICK_CHANNEL, sender, trusted);
    expect(r).toEqual({
      ok: true,
      result: [
        { path: file('seal.jpg'), name: 'seal.jpg', size: files['seal.jpg']?.length, mediaType: 'image/jpeg' },
        { path: file('invoice.pdf'), name: 'invoice.pdf', size: files['invoice.pdf']?.length, mediaType: 'application/pdf' },
      ],
    });
    toPick = [];
    expect(await ipc.call(EVIDENCE_PICK_CHANNEL, sender, trusted)).toEqual({ ok: true, result: [] });
  });

  it('copies a picked file into the store with progress to the sender, then it attaches', async () => {
    sender.sent.length = 0;
    const r = await ipc.call<Envelope<IngestedFile>>(EVIDENCE_INGEST_CHANNEL, sender, trusted, 'up-1', {
      kind: 'picked',
      path: file('seal.jpg'),
    });
    const data = files['seal.jpg'] ?? Buffer.alloc(0);
    expect(r).toEqual({
      ok: true,
      result: { sha256: sha(data), size: data.length, originalName: 'seal.jpg', mediaType: 'image/jpeg' },
    });
    expect(stored(data)).toBe(true);
    const progress = sender.sent.filter(([channel]) => channel === EVIDENCE_PROGRESS_CHANNEL);
    expect(progress[0]).toEqual([EVIDENCE_PROGRESS_CHANNEL, 'up-1', 0, data.length]);
    expect(progress.at(-1)).toEqual([EVIDENCE_PROGRESS_CHANNEL, 'up-1', data.length, data.length]);
    const bytes = progress.map((p) => p[2] as number);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(tempFiles()).toEqual([]);

    const attached = core.invoke('evidence.attach', { caseId, ...(r.ok ? r.result : {}) });
    expect(attached).toMatchObject({
      ok: true,
      result: { caseId, originalName: 'seal.jpg', mediaType: 'image/jpeg', addedBy: 'Test Investigator' },
    });
  });

  it('copies a file the preload resolved from a dropped File', async () => {
    const r = await ipc.call<Envelope<IngestedFile>>(EVIDENCE_INGEST_CHANNEL, sender, trusted, 'drop-1', {
      kind: 'file',
      path: file('invoice.pdf'),
    });
    expect(r).toMatchObject({ ok: true, result: { originalName: 'invoice.pdf', mediaType: 'application/pdf' } });
  });

  it('refuses a path the investigator did not choose, and untrusted senders', async () => {
    const secret = files['secret.txt'] ?? Buffer.alloc(0);
    expect(
      await ipc.call(EVIDENCE_INGEST_CHANNEL, sender, trusted, 'x', { kind: 'picked', path: file('secret.txt') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', field: 'path' },
    });
    expect(
      await ipc.call(EVIDENCE_INGEST_CHANNEL, sender, trusted, 'x', {
        kind: 'picked',
        path: `${path.dirname(file('seal.jpg'))}/./../outside/secret.txt`,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    for (const f of untrusted) {
      expect(await ipc.call(EVIDENCE_INGEST_CHANNEL, sender, f, 'x', { kind: 'file', path: file('secret.txt') })).toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
      expect(await ipc.call(EVIDENCE_PICK_CHANNEL, sender, f)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(await ipc.call(EVIDENCE_READ_CHANNEL, sender, f, '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11')).toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
    }
    expect(stored(secret)).toBe(false);
  });

  it('answers malformed calls with envelopes', async () => {
    const bad: [unknown, unknown, string][] = [
      [42, { kind: 'file', path: file('invoice.pdf') }, 'ingestId'],
      ['has space', { kind: 'file', path: file('invoice.pdf') }, 'ingestId'],
      ['ok', 'a string', 'path'],
      ['ok', { kind: 'other', path: file('invoice.pdf') }, 'path'],
      ['ok', { kind: 'file', path: '' }, 'path'],
      ['ok', { kind: 'file', path: file('a folder') }, 'path'],
    ];
    for (const [id, source, field] of bad) {
      expect(await ipc.call(EVIDENCE_INGEST_CHANNEL, sender, trusted, id, source), JSON.stringify([id, source])).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field },
      });
    }
    expect(
      await ipc.call(EVIDENCE_INGEST_CHANNEL, sender, trusted, 'gone', { kind: 'file', path: file('missing.bin') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('cancels a running copy: nothing is left in the store', async () => {
    const big = files['big.bin'] ?? Buffer.alloc(0);
    sender.onSend = (channel, id, bytes) => {
      if (channel === EVIDENCE_PROGRESS_CHANNEL && id === 'big-1' && (bytes as number) > 0) {
        void ipc.call(EVIDENCE_CANCEL_CHANNEL, sender, trusted, 'big-1');
      }
    };
    const running = ipc.call(EVIDENCE_INGEST_CHANNEL, sender, trusted, 'big-1', { kind: 'file', path: file('big.bin') });
    // The same id cannot run twice at once.
    expect(
      await ipc.call(EVIDENCE_INGEST_CHANNEL, sender, trusted, 'big-1', { kind: 'file', path: file('big.bin') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'ingestId' },
    });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    sender.onSend = null;
    expect(stored(big)).toBe(false);
    expect(tempFiles()).toEqual([]);
    expect(await ipc.call(EVIDENCE_CANCEL_CHANNEL, sender, trusted, 'big-1')).toBe(false); // nothing runs any more
    // Another window cannot cancel it: ids are per sender.
    const other = new FakeSender(8);
    const again = ipc.call(EVIDENCE_INGEST_CHANNEL, sender, trusted, 'big-2', { kind: 'file', path: file('big.bin') });
    expect(await ipc.call(EVIDENCE_CANCEL_CHANNEL, other, trusted, 'big-2')).toBe(false);
    expect(await again).toMatchObject({ ok: true, result: { size: big.length } });
  });

  it('stops a copy when its window is gone', async () => {
    const data = Buffer.alloc(20 * 1024 * 1024, 5);
    fs.writeFileSync(file('closing.bin'), data);
    const closing = new FakeSender(9);
    closing.onSend = () => {
      closing.destroyed = true;
    };
    const r = await ipc.call(EVIDENCE_INGEST_CHANNEL, closing, trusted, 'c', { kind: 'file', path: file('closing.bin') });
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(stored(data)).toBe(false);
  });

  it('reads an evidence file for a preview, checked against its SHA-256 and capped', async () => {
    const attach = async (name: string): Promise<Evidence> => {
      const r = await ipc.call<Envelope<IngestedFile>>(EVIDENCE_INGEST_CHANNEL, sender, trusted, `read-${name}`, {
        kind: 'file',
        path: file(name),
      });
      if (!r.ok) throw new Error(r.error.message);
      return (core.invoke('evidence.attach', { caseId, ...r.result }) as { ok: true; result: Evidence }).result;
    };
    const pdf = await attach('invoice.pdf');
    const read = await ipc.call<Envelope<EvidenceBytes>>(EVIDENCE_READ_CHANNEL, sender, trusted, pdf.id);
    expect(read).toMatchObject({
      ok: true,
      result: { id: pdf.id, originalName: 'invoice.pdf', mediaType: 'application/pdf', size: pdf.size },
    });
    expect(read.ok && Buffer.from(read.result.bytes).equals(files['invoice.pdf'] ?? Buffer.alloc(0))).toBe(true);

    const big = await attach('big.bin');
    expect(await ipc.call(EVIDENCE_READ_CHANNEL, sender, trusted, big.id)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'id', message: expect.stringMatching(/too large to preview/) },
    });
    expect(await ipc.call(EVIDENCE_READ_CHANNEL, sender, trusted, '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11')).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await ipc.call(EVIDENCE_READ_CHANNEL, sender, trusted, 42)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'id' },
    });

    const blob = blobPath(core.dataDir, pdf.sha256);
    fs.chmodSync(blob, 0o644);
    fs.writeFileSync(blob, '%PDF-1.7 invoicf');
    expect(await ipc.call(EVIDENCE_READ_CHANNEL, sender, trusted, pdf.id)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `evidence ${pdf.id} (invoice.pdf): file altered (SHA-256 differs)` },
    });
    fs.rmSync(blob);
    expect(await ipc.call(EVIDENCE_READ_CHANNEL, sender, trusted, pdf.id)).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `evidence ${pdf.id} (invoice.pdf): file missing from the store` },
    });
  });

  it('can be removed', () => {
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('the preload bundle’s evidence functions', () => {
  type Listener = (...args: unknown[]) => void;
  let bridge: {
    pickEvidenceFiles(): Promise<unknown>;
    pathForFile(file: unknown): string;
    ingestEvidence(id: string, source: unknown, onProgress?: (bytes: number, total: number) => void): Promise<unknown>;
    cancelIngest(id: string): Promise<unknown>;
    readEvidence(id: string): Promise<unknown>;
  };
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Listener[]>();
  let answer: (args: unknown[]) => Promise<unknown> = () => Promise.resolve({ ok: true, result: null });

  beforeAll(() => {
    const outdir = path.join(tmp, 'bundle');
    execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-electron.mjs'), '--outdir', outdir], {
      cwd: repo,
      stdio: 'pipe',
    });
    const code = fs.readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    const exposed = new Map<string, unknown>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      webUtils: {
        getPathForFile: (f: unknown) => {
          if (!f || typeof f !== 'object' || !('diskPath' in f)) throw new TypeError('not a File');
          return String((f as { diskPath: string }).diskPath);
        },
      },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return answer(args);
        },
        on: (channel: string, l: Listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
        removeListener: (channel: string, l: Listener) =>
          listeners.set(
            channel,
            (listeners.get(channel) ?? []).filter((x) => x !== l),
          ),
      },
    };
    const module = { exports: {} };
    vm.runInNewContext(code, {
      require: (name: string) => {
        if (name === 'electron') return electron;
        throw new Error(`a sandboxed preload cannot require ${name}`);
      },
      module,
      exports: module.exports,
      process: { platform: 'linux' },
    });
    bridge = exposed.get('dossier') as typeof bridge;
  }, 60_000);

  it('resolves a File to its path in the preload, and a string as a picked path', async () => {
    invoked.length = 0;
    expect(bridge.pathForFile({ diskPath: '/home/me/seal.jpg' })).toBe('/home/me/seal.jpg');
    await bridge.ingestEvidence('a', { diskPath: '/home/me/seal.jpg' });
    await bridge.ingestEvidence('b', '/home/me/picked.pdf');
    await bridge.pickEvidenceFiles();
    await bridge.cancelIngest('a');
    await bridge.readEvidence('e-1');
    expect(invoked).toEqual([
      ['dossier:evidence-ingest', 'a', { kind: 'file', path: '/home/me/seal.jpg' }],
      ['dossier:evidence-ingest', 'b', { kind: 'picked', path: '/home/me/picked.pdf' }],
      ['dossier:evidence-pick'],
      ['dossier:evidence-cancel', 'a'],
      ['dossier:evidence-read', 'e-1'],
    ]);
    // Not a File: an envelope, no IPC.
    await expect(bridge.ingestEvidence('c', { name: 'forged' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(invoked).toHaveLength(5);
  });

  it('passes on progress for its own copy only, and stops listening when done', async () => {
    let finish: (v: unknown) => void = () => undefined;
    answer = () => new Promise((resolve) => (finish = resolve));
    const seen: [number, number][] = [];
    const done = bridge.ingestEvidence('mine', '/x', (b, t) => seen.push([b, t]));
    const emit = (...args: unknown[]) => {
      for (const l of listeners.get(EVIDENCE_PROGRESS_CHANNEL) ?? []) l({}, ...args);
    };
    emit('mine', 10, 100);
    emit('other', 50, 100);
    emit('mine', 100, 100);
    finish({ ok: true, result: { sha256: 'x', size: 100 } });
    await expect(done).resolves.toEqual({ ok: true, result: { sha256: 'x', size: 100 } });
    expect(seen).toEqual([
      [10, 100],
      [100, 100],
    ]);
    expect(listeners.get(EVIDENCE_PROGRESS_CHANNEL)).toEqual([]);
  });
});
