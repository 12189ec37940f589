import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import { CONTENT_SECURITY_POLICY, startServer, type RunningServer } from '../cli/server.ts';
import type { Envelope } from '../db/errors.ts';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { tempDir } from './helpers.ts';
import { storeRepairs, blobPath, storeDir } from '../db/evidence-store.ts';
import { MAX_UPLOAD_BYTES } from '../cli/server.ts';
import type { Case, Evidence } from '../db/api.ts';

const dir = tempDir();
const staticDir = path.join(dir, 'static');
const INDEX = '<!doctype html><title>Dossier</title><div id="root"></div>';
const SECRET = 'top secret: outside the static folder';
let core: Core;
let server: RunningServer;

beforeAll(async () => {
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX);
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  // Files a path traversal would reach: beside the static folder, and in a folder whose name starts the same.
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  fs.mkdirSync(path.join(dir, 'static-evil'));
  fs.writeFileSync(path.join(dir, 'static-evil', 'secret.txt'), SECRET);
  core = await openCore(path.join(dir, 'server.db'));
  server = await startServer({ invoke: core.invoke, staticDir, dataDir: core.dataDir });
});

afterAll(async () => {
  await server.close();
  core.close();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with full control of the headers (Host included) and of the raw path. */
function request(opts: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  address?: string;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: opts.address ?? '127.0.0.1',
        port: server.port,
        path: opts.path,
        method: opts.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })));
    req.end(opts.body);
  });
}

function invoke(body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request({
    path: '/api/invoke',
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function envelope(reply: Reply): Envelope<unknown> {
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(reply.body) as Envelope<unknown>;
}

describe('the loopback server', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    expect((await request({ path: '/' })).status).toBe(200);
    // Another loopback address and IPv6 loopback reach no listener: it is not bound to 0.0.0.0 or ::.
    for (const address of ['127.0.0.2', '::1']) {
      const error = await request({ path: '/', address }).then(
        () => null,
        (e: NodeJS.ErrnoException) => e,
      );
      expect(error?.code, address).toMatch(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH|ETIMEDOUT/);
    }
  });

  it('serves index.html with the Content Security Policy', async () => {
    for (const p of ['/', '/index.html']) {
      const r = await request({ path: p });
      expect(r.status).toBe(200);
      expect(r.body).toBe(INDEX);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    const js = await request({ path: '/assets/app.js', headers: { Host: `localhost:${server.port}` } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("app");');
    expect((await request({ path: '/missing.js' })).status).toBe(404);
    expect((await request({ path: '/', method: 'POST' })).status).toBe(405);
  });

  it('requires the token for /api/invoke', async () => {
    const body = JSON.stringify({ method: 'settings.get', input: {} });
    const sameLengthWrong = server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Bearer ${sameLengthWrong}` },
      { Authorization: server.token }, // no Bearer scheme
      { Authorization: `Basic ${server.token}` },
    ];
    for (const headers of attempts) {
      const r = await request({ path: '/api/invoke', method: 'POST', headers, body });
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(envelope(r)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    const inQuery = await request({ path: `/api/invoke?token=${server.token}`, method: 'POST', body });
    expect(inQuery.status).toBe(401);

    const r = await invoke({ method: 'settings.get', input: {} });
    expect(r.status).toBe(200);
    expect(envelope(r)).toEqual({ ok: true, result: { profile: null, fileNumberPrefix: 'EXP' } });
  });

  it('runs writes and reads through the contract', async () => {
    const created = envelope(await invoke({ method: 'cases.create', input: { title: 'Diverted FPGAs' } }));
    expect(created).toMatchObject({ ok: true, result: { title: 'Diverted FPGAs', status: 'open' } });
    const listed = envelope(await invoke({ method: 'cases.list', input: {} }));
    expect(listed).toMatchObject({ ok: true, result: { total: 1 } });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const host of [
      `evil.example:${server.port}`,
      'evil.example',
      `127.0.0.1:${server.port + 1}`,
      `127.0.0.1.evil.example:${server.port}`,
    ]) {
      const page = await request({ path: '/', headers: { Host: host } });
      expect(page.status, host).toBe(403);
      expect(page.body).not.toContain('Dossier</title>');
      const api = await invoke({ method: 'settings.get', input: {} }, { Host: host });
      expect(api.status, host).toBe(403);
      expect(envelope(api)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('refuses a request without a Host header', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.on('data', (c: Buffer) => (data += c.toString('utf8')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.[01] 403/);
  });

  it('refuses a foreign Origin', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      `http://evil.example:${server.port}`,
      `https://127.0.0.1:${server.port}`,
    ]) {
      const r = await invoke({ method: 'settings.get', input: {} }, { Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(envelope(r)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    const same = await invoke({ method: 'settings.get', input: {} }, { Origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%2fstatic-evil%2fsecret.txt',
    '/..%5csecret.txt',
    `/${encodeURIComponent(path.join(dir, 'secret.txt'))}`,
    '/assets',
    '/secret.txt%00.html',
  ])('does not serve %s (404)', async (p) => {
    const r = await request({ path: p });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain(SECRET);
  });

  it('answers a malformed URL with 404, not a server error', async () => {
    const r = await request({ path: '/%E0%A4%A' });
    expect(r.status).toBe(404);
  });

  it('answers a bad body with a 400 envelope', async () => {
    const bad = await invoke('{"method": "cases.list", ');
    expect(bad.status).toBe(400);
    expect(envelope(bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const noMethod = await invoke({ input: {} });
    expect(noMethod.status).toBe(400);
    expect(envelope(noMethod)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'method' } });
    const notAnObject = await invoke('"cases.list"');
    expect(notAnObject.status).toBe(400);
  });

  it('answers invalid input with an envelope naming the field', async () => {
    const r = await invoke({ method: 'cases.create', input: { title: 5 } });
    expect(r.status).toBe(200);
    const env = envelope(r);
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'title' } });
    expect(env.ok ? '' : env.error.message).toContain('title');
    const unknown = envelope(await invoke({ method: 'cases.drop', input: {} }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const route = await request({ path: '/api/other', headers: { Authorization: `Bearer ${server.token}` } });
    expect(route.status).toBe(404);
    expect(envelope(route)).toMatchObject({ ok: false });
  });
});

// ---- Evidence files: streamed upload and download ---------------------------------------------

interface UploadReply extends Reply {
  json: Envelope<{ sha256: string; size: number; repaired?: { alteredSha256: string; alteredSize: number } }> | null;
}

/** POSTs `body` (a stream or bytes) to the upload route; `contentLength` false sends it chunked. */
function upload(opts: {
  body: Readable | Buffer;
  headers?: Record<string, string>;
  contentLength?: number | false;
}): Promise<UploadReply> {
  return new Promise((resolve, reject) => {
    const length = opts.contentLength ?? (Buffer.isBuffer(opts.body) ? opts.body.length : undefined);
    const headers: Record<string, string> = {
      Host: `127.0.0.1:${server.port}`,
      Authorization: `Bearer ${server.token}`,
      'Content-Type': 'application/octet-stream',
      ...(typeof length === 'number' ? { 'Content-Length': String(length) } : {}),
      ...opts.headers,
    };
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: '/api/evidence/upload', method: 'POST', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: UploadReply['json'] = null;
          try {
            json = JSON.parse(body) as UploadReply['json'];
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
      },
    );
    req.on('error', reject);
    if (Buffer.isBuffer(opts.body)) req.end(opts.body);
    else opts.body.pipe(req);
  });
}

function download(id: string, method = 'GET', headers: Record<string, string> = {}): Promise<Reply & { bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/evidence/${id}/content`,
        method,
        headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}`, ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function storeTempFiles(): string[] {
  const tmp = path.join(storeDir(core.dataDir), 'tmp');
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('evidence upload and download', () => {
  let caseId = '';
  beforeAll(async () => {
    const created = envelope(await invoke({ method: 'cases.create', input: { title: 'Evidence over HTTP' } }));
    caseId = (created as { ok: true; result: Case }).result.id;
  });

  it('streams a ~50 MB upload to disk as it arrives, and answers its SHA-256 and size', async () => {
    const CHUNK = 1024 * 1024;
    const CHUNKS = 50;
    const hash = createHash('sha256');
    let sent = 0;
    let release: () => void = () => undefined;
    const halfway = new Promise<void>((r) => (release = r));
    let paused = false;
    const body = new Readable({
      read() {
        if (sent === CHUNKS / 2 && !paused) {
          paused = true;
          // Stop sending until the server has written part of the file: it does not wait for the whole body.
          void halfway.then(() => this.push(chunkAt(sent++)));
          return;
        }
        if (sent >= CHUNKS) {
          this.push(null);
          return;
        }
        this.push(chunkAt(sent++));
      },
    });
    function chunkAt(i: number): Buffer {
      const chunk = Buffer.alloc(CHUNK, i % 256);
      chunk.writeUInt32BE(i, 0);
      hash.update(chunk);
      return chunk;
    }
    const replyPromise = upload({ body, contentLength: CHUNK * CHUNKS });
    const tmp = path.join(storeDir(core.dataDir), 'tmp');
    await until(
      () => storeTempFiles().some((f) => fs.statSync(path.join(tmp, f)).size >= (CHUNK * CHUNKS) / 4),
      'the server to write part of the upload',
    );
    release();
    const reply = await replyPromise;
    expect(reply.status).toBe(200);
    const sha256 = hash.digest('hex');
    expect(reply.json).toEqual({ ok: true, result: { sha256, size: CHUNK * CHUNKS } });
    expect(fs.statSync(blobPath(core.dataDir, sha256)).size).toBe(CHUNK * CHUNKS);
    expect(storeTempFiles()).toEqual([]);

    // Then attach it through the contract, and read it back.
    const attached = envelope(
      await invoke({
        method: 'evidence.attach',
        input: { caseId, sha256, size: CHUNK * CHUNKS, originalName: 'disk image.bin' },
      }),
    ) as { ok: true; result: Evidence };
    expect(attached.ok).toBe(true);
    const got = await download(attached.result.id);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.headers['content-length']).toBe(String(CHUNK * CHUNKS));
    expect(got.headers['content-disposition']).toBe(`attachment; filename="disk image.bin"; filename*=UTF-8''disk%20image.bin`);
    expect(createHash('sha256').update(got.bytes).digest('hex')).toBe(sha256);
  });

  it('serves images and PDFs inline, with nosniff and a sandbox policy', async () => {
    const png = Buffer.from('\x89PNG\r\n\x1a\n fake image bytes <script>alert(1)</script>', 'latin1');
    const up = await upload({ body: png });
    expect(up.status).toBe(200);
    const result = up.json?.ok ? up.json.result : { sha256: '', size: 0 };
    const attach = (originalName: string, mediaType: string) =>
      invoke({ method: 'evidence.attach', input: { caseId, ...result, originalName, mediaType } }).then(
        (r) => (envelope(r) as { ok: true; result: Evidence }).result,
      );
    const image = await attach('Scellé n°42.png', 'image/png');
    const r = await download(image.id);
    expect(r.status).toBe(200);
    expect(r.bytes.equals(png)).toBe(true);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['content-disposition']).toBe(
      `inline; filename="Scell_ n_42.png"; filename*=UTF-8''Scell%C3%A9%20n%C2%B042.png`,
    );
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toBe('sandbox');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers.etag).toBe(`"${result.sha256}"`);

    const pdf = await attach('invoice.pdf', 'application/pdf');
    expect((await download(pdf.id)).headers['content-disposition']).toMatch(/^inline; /);
    const html = await attach('page.html', 'text/html');
    const page = await download(html.id);
    expect(page.headers['content-disposition']).toMatch(/^attachment; /);
    expect(page.headers['content-security-policy']).toBe('sandbox');

    const head = await download(image.id, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(png.length));
    expect(head.bytes.length).toBe(0);
  });

  it('requires the token, and the Host and Origin checks apply', async () => {
    const before = storeTempFiles();
    const data = Buffer.from('planted file');
    for (const headers of [{ Authorization: '' }, { Authorization: 'Bearer wrong' }]) {
      const r = await upload({ body: data, headers });
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect((await upload({ body: data, headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await upload({ body: data, headers: { Host: `evil.example:${server.port}` } })).status).toBe(403);
    expect(fs.existsSync(blobPath(core.dataDir, createHash('sha256').update(data).digest('hex')))).toBe(false);
    expect(storeTempFiles()).toEqual(before);

    const listed = envelope(await invoke({ method: 'evidence.list', input: { caseId } })) as {
      ok: true;
      result: { rows: Evidence[] };
    };
    const id = listed.result.rows[0]?.id ?? '';
    expect((await download(id, 'GET', { Authorization: '' })).status).toBe(401);
    expect((await download(id, 'GET', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await download(id, 'GET', { Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('requires a Content-Length, and caps it', async () => {
    const chunked = await upload({ body: Readable.from([Buffer.from('no length')]), contentLength: false });
    expect(chunked.status).toBe(411);
    expect(chunked.json).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'Content-Length' } });
    const huge = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/evidence/upload',
          method: 'POST',
          headers: {
            Host: `127.0.0.1:${server.port}`,
            Authorization: `Bearer ${server.token}`,
            'Content-Length': String(MAX_UPLOAD_BYTES + 1),
          },
          agent: false,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(1024)); // a start, and no more: the server answers without reading it all
    });
    expect(huge).toBe(413);
    expect(storeTempFiles()).toEqual([]);
  });

  it('a client that goes away mid-upload leaves no file behind', async () => {
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      path: '/api/evidence/upload',
      method: 'POST',
      headers: {
        Host: `127.0.0.1:${server.port}`,
        Authorization: `Bearer ${server.token}`,
        'Content-Length': String(10 * 1024 * 1024),
      },
      agent: false,
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(1024 * 1024, 1));
    await until(() => storeTempFiles().length > 0, 'the upload to start');
    req.destroy();
    await until(() => storeTempFiles().length === 0, 'the partial upload to be removed');
  });

  it('never serves altered bytes, and attaching the intact original again repairs the store instead of keeping the altered copy', async () => {
    const original = Buffer.from('%PDF-1.7 commercial invoice 2026-118, 40 FPGAs');
    const up = await upload({ body: original });
    const stored = up.json?.ok ? up.json.result : { sha256: '', size: 0 };
    const e = (
      envelope(
        await invoke({
          method: 'evidence.attach',
          input: { caseId, ...stored, originalName: 'invoice.pdf', mediaType: 'application/pdf' },
        }),
      ) as { ok: true; result: Evidence }
    ).result;
    const blob = blobPath(core.dataDir, stored.sha256);
    const altered = Buffer.from(original);
    altered[10] = altered[10] === 0x41 ? 0x42 : 0x41; // one byte flipped, the same size
    fs.chmodSync(blob, 0o644);
    fs.writeFileSync(blob, altered);

    const refused = await download(e.id);
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'evidence.altered' } });
    expect(refused.body).not.toContain('commercial');

    const again = await upload({ body: original });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      ok: true,
      result: { sha256: stored.sha256, size: original.length, repaired: { alteredSize: altered.length } },
    });
    expect(fs.readFileSync(blob).equals(original)).toBe(true);
    expect(storeRepairs(core.dataDir).map((r) => r.sha256)).toContain(stored.sha256);
    const served = await download(e.id);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(original)).toBe(true);
    // An intact copy is kept as it is: attaching it a third time repairs nothing.
    const third = await upload({ body: original });
    expect(third.json).toMatchObject({ ok: true, result: { sha256: stored.sha256 } });
    expect(third.json?.ok && third.json.result.repaired).toBeFalsy();
  });

  it('answers 404 for an unknown evidence id, or a file gone from the store', async () => {
    const unknown = await download('3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await download('not-a-uuid')).status).toBe(404);

    const data = Buffer.from('to be lost');
    const up = await upload({ body: data });
    const result = up.json?.ok ? up.json.result : { sha256: '', size: 0 };
    const e = (
      envelope(
        await invoke({
          method: 'evidence.attach',
          input: { caseId, ...result, originalName: 'lost.txt', mediaType: 'text/plain' },
        }),
      ) as {
        ok: true;
        result: Evidence;
      }
    ).result;
    fs.rmSync(blobPath(core.dataDir, result.sha256));
    const gone = await download(e.id);
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.body)).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `evidence ${e.id} (lost.txt): file missing from the store` },
    });
  });
});
