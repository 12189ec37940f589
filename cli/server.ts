import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { Invoke } from '../db/index.ts';
import type { Envelope } from '../db/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../db/shared/csp.ts';
import { blobPath, hashFile, ingestStream, SizeMismatchError } from '../db/evidence-store.ts';
import { storedFileRefusal, type Evidence } from '../db/services/evidence.ts';

/** The same policy as the Electron window's (see cli/csp.ts). */
export { CONTENT_SECURITY_POLICY };

const MAX_JSON_BYTES = 10 * 1024 * 1024;
/** The largest evidence file the browser shell accepts in one upload. */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

export interface ServerOptions {
  invoke: Invoke;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** The folder of the database file, which holds the evidence store; without it, no evidence routes. */
  dataDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::ffff:127.0.0.1';
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: Envelope<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  send(res, status, { ok: false, error: { code: 'unauthorized', message } });
}

/** `inline` only for what the app previews (images, PDF); the file name in both RFC 6266 forms. */
export function contentDisposition(mediaType: string, name: string): string {
  const kind = mediaType.startsWith('image/') || mediaType === 'application/pdf' ? 'inline' : 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const EVIDENCE_CONTENT_RE = /^\/api\/evidence\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/content$/;

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The browser shell's server: the built renderer and the contract on 127.0.0.1 only,
 * guarded by a per-start token and by Host/Origin checks against DNS rebinding.
 */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const root = path.resolve(opts.staticDir);
  let port = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        send(res, 500, { ok: false, error: { code: 'internal', message: (err as Error).message } });
      } else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.localAddress)) return refuse(res, 403, 'Dossier answers on 127.0.0.1 only');
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 403, 'Host header not allowed');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
      return refuse(res, 403, 'Origin not allowed');
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!sameToken(given, token)) return refuse(res, 401, 'Missing or wrong token: open the URL that `dossier serve` printed');
      if (url.pathname === '/api/invoke' && req.method === 'POST') {
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req, MAX_JSON_BYTES));
        } catch (err) {
          return send(res, 400, {
            ok: false,
            error: { code: 'invalid_input', message: `Request body: ${(err as Error).message}` },
          });
        }
        const { method, input } = (body ?? {}) as { method?: unknown; input?: unknown };
        if (typeof method !== 'string') {
          return send(res, 400, {
            ok: false,
            error: { code: 'invalid_input', message: 'method: expected a string', field: 'method' },
          });
        }
        return send(res, 200, opts.invoke(method, input));
      }
      if (url.pathname === '/api/evidence/upload' && req.method === 'POST') return upload(req, res);
      const content = EVIDENCE_CONTENT_RE.exec(url.pathname);
      if (content?.[1] && (req.method === 'GET' || req.method === 'HEAD')) return sendEvidence(content[1], req, res);
      return send(res, 404, { ok: false, error: { code: 'unknown_method', message: `No route ${req.method} ${url.pathname}` } });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let relative: string | null;
    try {
      relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    } catch {
      relative = null; // malformed percent-encoding: no such file
    }
    const file = relative === null ? '' : path.resolve(root, relative);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (relative === 'index.html') {
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      headers['Cache-Control'] = 'no-store';
      headers['X-Frame-Options'] = 'DENY';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  }

  /**
   * Streams the request body into the evidence store (never held in memory) and answers the
   * SHA-256 and size to pass to `evidence.attach`. The body is the file's bytes as they are.
   */
  async function upload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const dataDir = opts.dataDir;
    if (!dataDir)
      return send(res, 404, { ok: false, error: { code: 'not_found', message: 'This server keeps no evidence files' } });
    const declared = req.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) {
      res.setHeader('Connection', 'close');
      return send(res, 411, {
        ok: false,
        error: { code: 'invalid_input', message: 'Content-Length: required (the size of the file)', field: 'Content-Length' },
      });
    }
    const size = Number(declared);
    if (size > MAX_UPLOAD_BYTES) {
      res.setHeader('Connection', 'close');
      return send(res, 413, {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Content-Length: at most ${MAX_UPLOAD_BYTES} bytes per file`,
          field: 'Content-Length',
        },
      });
    }
    try {
      const result = await ingestStream(req, dataDir, { expectedSize: size });
      return send(res, 200, { ok: true, result });
    } catch (err) {
      if (req.destroyed || res.destroyed) return; // the client went away; the partial copy is gone
      if (err instanceof SizeMismatchError) {
        res.setHeader('Connection', 'close');
        return send(res, 400, { ok: false, error: { code: 'invalid_input', message: `Request body: ${err.message}` } });
      }
      throw err;
    }
  }

  /** One evidence file's bytes, with headers that keep a browser from running it as a page. */
  async function sendEvidence(id: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const dataDir = opts.dataDir;
    if (!dataDir)
      return send(res, 404, { ok: false, error: { code: 'not_found', message: 'This server keeps no evidence files' } });
    const env = opts.invoke('evidence.get', { id });
    if (!env.ok) return send(res, env.error.code === 'not_found' ? 404 : 400, env);
    const evidence = env.result as Evidence;
    const file = blobPath(dataDir, evidence.sha256);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      return send(res, 404, { ok: false, error: storedFileRefusal(evidence, 'missing').toBody() });
    }
    // The bytes are checked against the recorded SHA-256 before one is sent: altered bytes are never served as evidence.
    const actual = stat.size === evidence.size ? await hashFile(file) : null;
    if (actual?.sha256 !== evidence.sha256) {
      return send(res, 409, { ok: false, error: storedFileRefusal(evidence, 'altered').toBody() });
    }
    res.writeHead(200, {
      'Content-Type': evidence.mediaType,
      'Content-Length': String(stat.size),
      'Content-Disposition': contentDisposition(evidence.mediaType, evidence.originalName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': 'sandbox',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
      ETag: `"${evidence.sha256}"`,
      'Repr-Digest': `sha-256=:${Buffer.from(evidence.sha256, 'hex').toString('base64')}:`,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
