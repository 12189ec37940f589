import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import { CONTENT_SECURITY_POLICY, startServer, type RunningServer } from '../cli/server.ts';
import type { Envelope } from '../db/errors.ts';
import { tempDir } from './helpers.ts';

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
  server = await startServer({ invoke: core.invoke, staticDir });
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
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })));
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
    for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`, `127.0.0.1.evil.example:${server.port}`]) {
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
    for (const origin of ['http://evil.example', 'null', `http://evil.example:${server.port}`, `https://127.0.0.1:${server.port}`]) {
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
