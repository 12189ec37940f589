/**
 * The browser shell's limits (cli/server.ts), against the real server on real sockets: idle and
 * slow clients are disconnected, a JSON body over the limit or nested too deep is refused with
 * the envelope (and the client reads the answer), and every response carries the security
 * headers. Servers with short timeouts are started where a test waits on one; the bounds the
 * tests check are generous, so that a loaded machine does not fail them.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { Envelope, ErrorBody } from '../db/errors.ts';
import type { Case, Evidence } from '../db/api.ts';
import { storeDir } from '../db/evidence-store.ts';
import {
  CONTENT_SECURITY_POLICY,
  DEFAULT_TIMEOUTS,
  MAX_JSON_BYTES,
  MAX_JSON_DEPTH,
  startServer,
  type RunningServer,
  type ServerTimeouts,
} from '../cli/server.ts';
import { tempDir } from './helpers.ts';

const dir = tempDir();
const staticDir = path.join(dir, 'static');
const INDEX = '<!doctype html><title>Dossier</title><div id="root"></div>';
/** What a test may wait at most for a limit of under a second to act: far more than it needs. */
const GENEROUS_MS = 20_000;
let core: Core;
/** A server with the default limits. */
let server: RunningServer;
const started: RunningServer[] = [];

beforeAll(async () => {
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  core = await openCore(path.join(dir, 'hardening.db'));
  server = await start();
});

afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
  core.close();
});

async function start(timeouts: Partial<ServerTimeouts> = {}): Promise<RunningServer> {
  const s = await startServer({ invoke: core.invoke, staticDir, dataDir: core.dataDir, timeouts });
  started.push(s);
  return s;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request through Node's client; settles with the whole response (an error after it is the client's own business). */
function request(
  s: RunningServer,
  opts: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        path: opts.path,
        method: opts.method ?? 'GET',
        headers: { Host: `127.0.0.1:${s.port}`, ...opts.headers },
        agent: opts.agent ?? false,
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
    req.end(opts.body);
  });
}

const auth = (s: RunningServer) => ({ Authorization: `Bearer ${s.token}` });

function invoke(s: RunningServer, body: unknown, agent?: http.Agent): Promise<Reply> {
  return request(s, {
    path: '/api/invoke',
    method: 'POST',
    headers: { ...auth(s), 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(agent ? { agent } : {}),
  });
}

function envelope(reply: Reply): Envelope<unknown> {
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(reply.body) as Envelope<unknown>;
}

function refusal(reply: Reply): ErrorBody {
  const env = envelope(reply);
  if (env.ok) throw new Error(`expected a refusal, got ${reply.body.slice(0, 200)}`);
  return env.error;
}

/** A raw connection: what the server sent, and how it ended (`end`: a clean close; else the error's code). */
interface Raw {
  socket: net.Socket;
  data: () => string;
  /** When the server first sent something. */
  answered: Promise<void>;
  closed: Promise<{ how: string; at: number }>;
}

function connect(s: RunningServer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(s.port, '127.0.0.1');
    let data = '';
    let how = 'close';
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((r) => (answer = r));
    socket.on('data', (c: Buffer) => {
      data += c.toString('latin1');
      answer();
    });
    socket.on('end', () => (how = 'end'));
    socket.on('error', (e: NodeJS.ErrnoException) => (how = e.code ?? e.message));
    const closed = new Promise<{ how: string; at: number }>((r) => socket.on('close', () => r({ how, at: Date.now() })));
    socket.once('connect', () => resolve({ socket, data: () => data, answered, closed }));
    socket.once('error', reject);
  });
}

/** The status, headers and body of one response in raw HTTP/1.1 text. */
function parseRaw(text: string): Reply {
  const end = text.indexOf('\r\n\r\n');
  expect(end, `a whole header block in ${JSON.stringify(text.slice(0, 200))}`).toBeGreaterThan(0);
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: http.IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? text.length - end - 4);
  const body = Buffer.from(text.slice(end + 4), 'latin1')
    .subarray(0, length)
    .toString('utf8');
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

function writeAll(socket: net.Socket, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, what: string, ms = GENEROUS_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function storeTempFiles(): string[] {
  const tmp = path.join(storeDir(core.dataDir), 'tmp');
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
}

/** POSTs an upload whose bytes the test writes itself, in its own time. */
function openUpload(s: RunningServer, size: number) {
  const req = http.request({
    host: '127.0.0.1',
    port: s.port,
    path: '/api/evidence/upload',
    method: 'POST',
    headers: {
      Host: `127.0.0.1:${s.port}`,
      ...auth(s),
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(size),
    },
    agent: false,
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
  });
  const closed = new Promise<number>((resolve) => req.on('close', () => resolve(Date.now())));
  return { req, reply, closed };
}

// ---------------------------------------------------------------------------------------------

describe('idle and slow connections', () => {
  it('disconnects a slow-loris client that sends its headers byte by byte, within headersTimeout', async () => {
    const headersMs = 500;
    const s = await start({ headersMs });
    const raw = await connect(s);
    const t0 = Date.now();
    const text = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nX-Slow: ${'a'.repeat(10_000)}`;
    let sent = 0;
    let open = true;
    void raw.closed.then(() => (open = false));
    void (async () => {
      // One byte at a time, never the blank line that ends the headers; it never goes quiet long.
      while (open && sent < text.length) {
        await writeAll(raw.socket, text[sent] ?? '').catch(() => (open = false));
        sent++;
        await sleep(20);
      }
    })();
    const closed = await Promise.race([raw.closed, sleep(GENEROUS_MS).then(() => null)]);
    expect(closed, 'the server closed the connection').not.toBeNull();
    const elapsed = (closed?.at ?? 0) - t0;
    expect(elapsed).toBeGreaterThanOrEqual(headersMs * 0.9);
    expect(elapsed).toBeLessThan(GENEROUS_MS);
    expect(sent, 'it was still sending its headers').toBeLessThan(text.length);
    expect(raw.data()).toMatch(/^HTTP\/1\.1 408 /);

    // The server goes on answering others.
    expect((await request(s, { path: '/' })).status).toBe(200);
  });

  it('closes an upload that stops sending, after the idle timeout, and keeps no partial file', async () => {
    const idleMs = 500;
    const s = await start({ idleMs });
    const before = storeTempFiles();
    const up = openUpload(s, 1024 * 1024);
    up.reply.catch(() => undefined);
    up.req.write(Buffer.alloc(1024, 7)); // a start, and then nothing more
    await until(() => storeTempFiles().length > before.length, 'the upload to start');
    const t0 = Date.now();
    const closedAt = await Promise.race([up.closed, sleep(GENEROUS_MS).then(() => null)]);
    expect(closedAt, 'the server closed the stalled upload').not.toBeNull();
    expect((closedAt ?? 0) - t0).toBeLessThan(GENEROUS_MS);
    await until(() => storeTempFiles().length === before.length, 'the partial upload to be removed');
  });

  it('lets an upload that keeps moving take longer than the request deadline (uploads have no deadline)', async () => {
    const requestMs = 1_000;
    // idleMs far above the test's pauses between chunks: only a deadline could cut this upload
    // (Node's own requestTimeout, were it set, would be at least headersMs).
    const s = await start({ requestMs, headersMs: requestMs, idleMs: GENEROUS_MS });
    const CHUNKS = 30;
    const CHUNK = 4096;
    const hash = createHash('sha256');
    const up = openUpload(s, CHUNKS * CHUNK);
    const t0 = Date.now();
    for (let i = 0; i < CHUNKS; i++) {
      const chunk = Buffer.alloc(CHUNK, i);
      hash.update(chunk);
      up.req.write(chunk);
      await sleep(100);
    }
    up.req.end();
    const reply = await up.reply;
    expect(Date.now() - t0, 'the upload outlasted the deadline').toBeGreaterThan(requestMs * 2);
    expect(reply.status).toBe(200);
    expect(envelope(reply)).toEqual({ ok: true, result: { sha256: hash.digest('hex'), size: CHUNKS * CHUNK } });
  });

  it('answers 408 with the envelope to a JSON body that does not arrive within the request deadline', async () => {
    const requestMs = 300;
    const s = await start({ requestMs });
    const req = http.request({
      host: '127.0.0.1',
      port: s.port,
      path: '/api/invoke',
      method: 'POST',
      headers: { Host: `127.0.0.1:${s.port}`, ...auth(s), 'Content-Type': 'application/json', 'Content-Length': '1000' },
      agent: false,
    });
    req.on('error', () => undefined); // the server closes on it once it has answered
    const t0 = Date.now();
    const reply = new Promise<Reply>((resolve) =>
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      }),
    );
    let answered = false;
    void reply.then(() => (answered = true));
    while (!answered && Date.now() - t0 < GENEROUS_MS) {
      req.write(' '); // a byte now and then: never idle, never whole
      await sleep(50);
    }
    const r = await reply;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(requestMs * 0.9);
    expect(r.status).toBe(408);
    expect(r.headers.connection).toBe('close');
    expect(refusal(r)).toMatchObject({ code: 'invalid_input', reason: 'request.timeout' });
    req.destroy();
  });

  it('closes a kept-alive connection that sends no next request, after keepAliveTimeout', async () => {
    // The default, in the header that tells clients.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const first = await request(server, { path: '/', agent });
    expect(first.headers['keep-alive']).toBe(`timeout=${DEFAULT_TIMEOUTS.keepAliveMs / 1000}`);
    agent.destroy();

    const keepAliveMs = 300;
    const s = await start({ keepAliveMs });
    const raw = await connect(s);
    await writeAll(raw.socket, `GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n\r\n`);
    await until(() => raw.data().includes('console.log("app");'), 'the answer');
    const t0 = Date.now();
    const closed = await Promise.race([raw.closed, sleep(GENEROUS_MS).then(() => null)]);
    expect(closed, 'the server closed the idle connection').not.toBeNull();
    expect((closed?.at ?? 0) - t0).toBeLessThan(GENEROUS_MS);
    expect(closed?.how).toBe('end');
  });
});

describe('JSON bodies', () => {
  const big = (bytes: number) => {
    const head = '{"method":"settings.get","input":{},"pad":"';
    return head + 'x'.repeat(bytes - head.length - 2) + '"}';
  };

  it('takes a body of exactly the limit', async () => {
    const body = big(MAX_JSON_BYTES);
    expect(Buffer.byteLength(body)).toBe(MAX_JSON_BYTES);
    const r = await invoke(server, body);
    expect(r.status).toBe(200);
    expect(envelope(r)).toMatchObject({ ok: true, result: { fileNumberPrefix: 'EXP' } });
  });

  it('answers 413 with the envelope to a body over the limit, and the client reads it', async () => {
    const r = await invoke(server, big(MAX_JSON_BYTES + 1));
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(refusal(r)).toEqual({
      code: 'invalid_input',
      message: `Request body: at most ${MAX_JSON_BYTES} bytes (10 MiB) per call`,
      reason: 'request.too_large',
      params: { maximum: MAX_JSON_BYTES },
    });
  });

  it('answers 413 by the Content-Length before reading the body, then reads what is sent and closes cleanly (no reset)', async () => {
    const raw = await connect(server);
    const size = MAX_JSON_BYTES + 1;
    await writeAll(
      raw.socket,
      `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`,
    );
    await raw.answered; // not a byte of the body sent yet
    const reply = parseRaw(raw.data());
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(refusal(reply)).toMatchObject({ code: 'invalid_input', reason: 'request.too_large' });
    await writeAll(raw.socket, Buffer.alloc(size, 0x20));
    expect((await raw.closed).how).toBe('end');
  });

  it('answers 413 to a chunked body once it passes the limit, and closes cleanly once it ends', async () => {
    const raw = await connect(server);
    await writeAll(
      raw.socket,
      `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\n` +
        `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let sent = 0; sent <= MAX_JSON_BYTES; sent += chunk.length) {
      await writeAll(raw.socket, Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
    }
    await raw.answered; // the body is not over yet
    const reply = parseRaw(raw.data());
    expect(reply.status).toBe(413);
    expect(refusal(reply)).toMatchObject({ code: 'invalid_input', reason: 'request.too_large' });
    // The server keeps reading what the client still sends (a close now would reset it), and closes once the body ends.
    await sleep(200);
    expect(raw.socket.readableEnded, 'the server closed before the body ended').toBe(false);
    await writeAll(
      raw.socket,
      Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n0\r\n\r\n')]),
    );
    expect((await raw.closed).how).toBe('end');
  });

  it(`answers 400 naming the reason to a body nested deeper than ${MAX_JSON_DEPTH} levels`, async () => {
    const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    for (const body of [deep(MAX_JSON_DEPTH + 1), `{"method":"settings.get","input":${deep(200_000)}}`]) {
      const r = await invoke(server, body);
      expect(r.status).toBe(400);
      expect(refusal(r)).toEqual({
        code: 'invalid_input',
        message: `Request body: nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`,
        reason: 'request.too_deep',
        params: { maximum: MAX_JSON_DEPTH },
      });
    }
    // At the limit (the body's object is level 1), and brackets inside strings do not count.
    const atLimit = await invoke(server, `{"method":"settings.get","input":{},"pad":${deep(MAX_JSON_DEPTH - 1)}}`);
    expect(atLimit.status).toBe(200);
    expect(envelope(atLimit)).toMatchObject({ ok: true });
    const title = `[{ "quoted \\" [[{{ ${'['.repeat(100)}`;
    const inString = envelope(await invoke(server, { method: 'cases.create', input: { title } }));
    expect(inString).toMatchObject({ ok: true, result: { title } });
  });
});

describe('security headers', () => {
  const expectHeaders = (r: Reply, what: string) => {
    expect(r.headers['cross-origin-opener-policy'], what).toBe('same-origin');
    expect(r.headers['cross-origin-resource-policy'], what).toBe('same-origin');
    const policy = String(r.headers['permissions-policy']);
    for (const feature of ['camera', 'microphone', 'geolocation', 'usb', 'serial', 'hid', 'bluetooth', 'payment']) {
      expect(policy.split(', '), `${what}: ${feature}`).toContain(`${feature}=()`);
    }
    expect(r.headers['x-content-type-options'], what).toBe('nosniff');
  };

  it('are on every response: pages, the contract, files and refusals', async () => {
    const s = server;
    const created = envelope(await invoke(s, { method: 'cases.create', input: { title: 'Headers' } })) as {
      ok: true;
      result: Case;
    };
    const bytes = Buffer.from('%PDF-1.7 headers');
    const up = await request(s, {
      path: '/api/evidence/upload',
      method: 'POST',
      headers: { ...auth(s), 'Content-Length': String(bytes.length) },
      body: bytes,
    });
    const stored = (envelope(up) as { ok: true; result: { sha256: string; size: number } }).result;
    const attached = envelope(
      await invoke(s, {
        method: 'evidence.attach',
        input: { caseId: created.result.id, ...stored, originalName: 'h.pdf', mediaType: 'application/pdf' },
      }),
    ) as { ok: true; result: Evidence };

    const page = await request(s, { path: '/' });
    expect(page.body).toBe(INDEX);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const replies: Record<string, Reply> = {
      page,
      'page (HEAD)': await request(s, { path: '/', method: 'HEAD' }),
      asset: await request(s, { path: '/assets/app.js' }),
      'missing file (404)': await request(s, { path: '/missing.js' }),
      'wrong method (405)': await request(s, { path: '/', method: 'POST' }),
      'foreign Host (403)': await request(s, { path: '/', headers: { Host: 'evil.example' } }),
      'contract call': await invoke(s, { method: 'settings.get', input: {} }),
      'no token (401)': await request(s, { path: '/api/invoke', method: 'POST', body: '{}' }),
      'no route (404)': await request(s, { path: '/api/other', headers: auth(s) }),
      'bad body (400)': await invoke(s, '{"method": '),
      'too large (413)': await invoke(s, 'x'.repeat(MAX_JSON_BYTES + 1)),
      'too deep (400)': await invoke(s, '['.repeat(100)),
      upload: up,
      'upload without a length (411)': await request(s, {
        path: '/api/evidence/upload',
        method: 'POST',
        headers: { ...auth(s), 'Transfer-Encoding': 'chunked' },
        body: 'x',
      }),
      download: await request(s, { path: `/api/evidence/${attached.result.id}/content`, headers: auth(s) }),
      'unknown evidence (404)': await request(s, {
        path: '/api/evidence/3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11/content',
        headers: auth(s),
      }),
    };
    expect(replies.download?.body).toBe(bytes.toString());
    expect(replies['too large (413)']?.status).toBe(413);
    for (const [what, r] of Object.entries(replies)) expectHeaders(r, `${what} (${r.status})`);
  });
});

describe('normal use', () => {
  it('still runs contract calls, over one kept-alive connection too', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const settings = await invoke(server, { method: 'settings.get', input: {} }, agent);
      expect(settings.status).toBe(200);
      expect(envelope(settings)).toEqual({ ok: true, result: { profile: null, fileNumberPrefix: 'EXP' } });
      const created = envelope(await invoke(server, { method: 'cases.create', input: { title: 'Still works' } }, agent));
      expect(created).toMatchObject({ ok: true, result: { title: 'Still works', status: 'open' } });
      const listed = envelope(await invoke(server, { method: 'cases.list', input: {} }, agent));
      expect(listed).toMatchObject({ ok: true });
    } finally {
      agent.destroy();
    }
  });
});
