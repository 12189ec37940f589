import { errorLogFile, unexpectedError } from '../db/error-log.ts';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { finished } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Invoke } from '../db/index.ts';
import type { Envelope, ErrorBody } from '../db/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../db/shared/csp.ts';
import { blobPath, hashFile, ingestStream, SizeMismatchError } from '../db/evidence-store.ts';
import { storedFileRefusal, type Evidence } from '../db/services/evidence.ts';
import { EXPORT_NAME_RE, exportsDir } from '../db/package/exports-dir.ts';

/** The same policy as the Electron window's (see cli/csp.ts). */
export { CONTENT_SECURITY_POLICY };

/** The largest JSON body of a contract call (`POST /api/invoke`). */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;
/** How deep a JSON body may nest arrays and objects (the body itself is level 1). */
export const MAX_JSON_DEPTH = 64;
/** The largest evidence file the browser shell accepts in one upload. */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;

/**
 * How long the server waits on a client, in milliseconds (0: no limit).
 *
 * Node's own `requestTimeout` (the whole request, body included, must arrive within it) applies
 * to every route of a server alike, and an evidence upload is up to 8 GiB read by the browser
 * from wherever the file is (a USB disk, a network share): any bound short enough for a JSON call
 * would cut off a large upload that is still moving. So Node's is off, and the same deadline is
 * kept per request here (`requestMs`) for every route but an authenticated upload; an upload, like
 * every other exchange, is instead closed when it stops moving for `idleMs`.
 */
export interface ServerTimeouts {
  /** The request line and headers must arrive whole within this (Node's `headersTimeout`): against slow-loris clients. */
  headersMs: number;
  /** Every request but an evidence upload must arrive whole, JSON body included, within this: else 408. */
  requestMs: number;
  /**
   * A connection on which nothing arrives from, or is taken by, the client for this long is closed:
   * a stalled upload, a download nobody reads. Not while Dossier itself is working on the answer
   * (hashing an evidence file before serving it, storing an upload).
   */
  idleMs: number;
  /** A kept-alive connection waiting for its next request is closed after this (Node's `keepAliveTimeout`). */
  keepAliveMs: number;
  /** After a refusal that closes the connection, what the client still sends is read and dropped for at most this. */
  lingerMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<ServerTimeouts> = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 30_000,
  keepAliveMs: 5_000,
  lingerMs: 5_000,
};

/**
 * Headers on every response of the server (pages, the contract, files, refusals): no window of
 * another origin keeps a handle on Dossier's (COOP), no other origin may embed its responses
 * (CORP), and the page may use none of the browser's powerful features. Clipboard writes (the
 * copy buttons) and fullscreen (the PDF viewer) stay allowed.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': [
    'accelerometer',
    'autoplay',
    'bluetooth',
    'camera',
    'display-capture',
    'encrypted-media',
    'geolocation',
    'gyroscope',
    'hid',
    'idle-detection',
    'local-fonts',
    'magnetometer',
    'microphone',
    'midi',
    'payment',
    'publickey-credentials-get',
    'screen-wake-lock',
    'serial',
    'usb',
    'xr-spatial-tracking',
  ]
    .map((feature) => `${feature}=()`)
    .join(', '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

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
  /** Shorter limits for tests; see DEFAULT_TIMEOUTS. */
  timeouts?: Partial<ServerTimeouts>;
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

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function send(res: http.ServerResponse, status: number, body: Envelope<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Answers a refusal and closes the connection without the client losing the answer. Closing a
 * socket with bytes still unread resets it (RST), and a client still sending its body would get
 * "connection reset" instead of the answer. So the answer is written whole at once, with its
 * Content-Length (a client reads it while it still sends), and `Connection: close`; then what
 * the client still sends is read and dropped until its body ends, for at most `lingerMs`.
 */
function refuseAndClose(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  error: ErrorBody,
  lingerMs: number,
): void {
  const text = JSON.stringify({ ok: false, error } satisfies Envelope<unknown>);
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text), Connection: 'close' });
  res.write(text);
  const timer = setTimeout(() => {
    res.end();
    req.socket.destroy(); // still sending after lingerMs: it has had the answer long since
  }, lingerMs);
  timer.unref();
  req.resume();
  // Body ended (or the client went away): end the answer, and Node closes the connection cleanly.
  finished(req, () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  });
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

/** An evidence package the app exported, by its name in the exports folder (db/package/exports-dir.ts). */
const EXPORT_RE = /^\/api\/exports\/([\w.()-]+\.(?:zip|pdf))$/;
const EVIDENCE_CONTENT_RE = /^\/api\/evidence\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/content$/;

function tooLarge(): ErrorBody {
  return {
    code: 'invalid_input',
    message: `Request body: at most ${MAX_JSON_BYTES} bytes (${MAX_JSON_BYTES / 1024 ** 2} MiB) per call`,
    reason: 'request.too_large',
    params: { maximum: MAX_JSON_BYTES },
  };
}

/**
 * The body of a contract call as text, or null when a refusal has been answered instead: over
 * MAX_JSON_BYTES (413, by its Content-Length before a byte is read, else once past the limit),
 * or the request's deadline passed while it arrived (408, answered by the deadline itself).
 */
function readJsonBody(req: http.IncomingMessage, res: http.ServerResponse, lingerMs: number): Promise<string | null> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > MAX_JSON_BYTES) {
    refuseAndClose(req, res, 413, tooLarge(), lingerMs);
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_JSON_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      if (!res.headersSent) refuseAndClose(req, res, 413, tooLarge(), lingerMs);
      resolve(null);
    };
    req.on('data', onData);
    req.once('end', () => resolve(res.headersSent ? null : Buffer.concat(chunks).toString('utf8')));
    req.once('close', () => {
      if (!req.readableEnded) reject(new Error('the client went away before sending the whole body'));
    });
    req.once('error', reject);
  });
}

/**
 * Whether JSON text nests arrays and objects deeper than `max`, in one pass without recursion
 * (brackets inside strings do not count). Checked before JSON.parse, so that no deeply nested
 * value reaches code that walks it recursively (the contract's validation) and exhausts the stack.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* backslash: skip the escaped character */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}

/**
 * The browser shell's server: the built renderer and the contract on 127.0.0.1 only,
 * guarded by a per-start token and by Host/Origin checks against DNS rebinding.
 */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const root = path.resolve(opts.staticDir);
  const t: ServerTimeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  let port = 0;

  const server = http.createServer(
    {
      headersTimeout: t.headersMs,
      requestTimeout: 0, // see ServerTimeouts: kept per request below, for every route but an upload
      // How often Node checks headersTimeout (its default, 30 s, would let a slow-loris client stay 40 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(t.headersMs / 4))),
    },
    (req, res) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      // The idle limit (server.timeout) is the client's: not counted while Dossier prepares the answer.
      res.on('timeout', () => {
        if (req.complete && !res.headersSent) return;
        req.socket.destroy();
      });
      // The whole request must arrive within requestMs (see ServerTimeouts); an upload lifts this.
      const deadline =
        t.requestMs > 0
          ? setTimeout(() => {
              if (req.complete) return;
              // Answered, and the body it did not need still trickles in: that connection is done.
              if (res.headersSent) {
                req.socket.destroy();
                return;
              }
              refuseAndClose(
                req,
                res,
                408,
                {
                  code: 'invalid_input',
                  message: `Request body: not received whole within ${t.requestMs / 1000} s`,
                  reason: 'request.timeout',
                  params: { seconds: t.requestMs / 1000 },
                },
                t.lingerMs,
              );
            }, t.requestMs).unref()
          : undefined;
      req.once('close', () => clearTimeout(deadline));
      void handle(req, res, () => clearTimeout(deadline)).catch((err: unknown) => {
        if (!res.headersSent) {
          const at = new Date().toISOString();
          // The path only: a page's query carries the token.
          const where = `${req.method} ${(req.url ?? '').split('?')[0]}`;
          const log = opts.dataDir ? errorLogFile(opts.dataDir) : null;
          send(res, 500, { ok: false, error: unexpectedError(log, where, null, err, at) });
        } else res.destroy();
      });
    },
  );
  server.timeout = t.idleMs;
  server.keepAliveTimeout = t.keepAliveMs;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, liftDeadline: () => void): Promise<void> {
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
        const text = await readJsonBody(req, res, t.lingerMs);
        if (text === null) return;
        if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
          return send(res, 400, {
            ok: false,
            error: {
              code: 'invalid_input',
              message: `Request body: nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`,
              reason: 'request.too_deep',
              params: { maximum: MAX_JSON_DEPTH },
            },
          });
        }
        let body: unknown;
        try {
          body = JSON.parse(text);
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
      if (url.pathname === '/api/evidence/upload' && req.method === 'POST') return upload(req, res, liftDeadline);
      const exported = EXPORT_RE.exec(url.pathname);
      if (exported?.[1] && (req.method === 'GET' || req.method === 'HEAD')) return sendExport(exported[1], req, res);
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
  async function upload(req: http.IncomingMessage, res: http.ServerResponse, liftDeadline: () => void): Promise<void> {
    const dataDir = opts.dataDir;
    if (!dataDir)
      return send(res, 404, { ok: false, error: { code: 'not_found', message: 'This server keeps no evidence files' } });
    const declared = req.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) {
      return refuseAndClose(
        req,
        res,
        411,
        { code: 'invalid_input', message: 'Content-Length: required (the size of the file)', field: 'Content-Length' },
        t.lingerMs,
      );
    }
    const size = Number(declared);
    if (size > MAX_UPLOAD_BYTES) {
      return refuseAndClose(
        req,
        res,
        413,
        { code: 'invalid_input', message: `Content-Length: at most ${MAX_UPLOAD_BYTES} bytes per file`, field: 'Content-Length' },
        t.lingerMs,
      );
    }
    // A large file takes as long as it takes to arrive: only the idle limit applies to it.
    liftDeadline();
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

  /** An exported package, as a download. */
  async function sendExport(name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const dataDir = opts.dataDir;
    const file = dataDir && EXPORT_NAME_RE.test(name) ? path.join(exportsDir(dataDir), name) : null;
    const stat = file ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!file || !stat?.isFile()) {
      return send(res, 404, { ok: false, error: { code: 'not_found', message: `No exported package named ${name}` } });
    }
    res.writeHead(200, {
      'Content-Type': name.endsWith('.pdf') ? 'application/pdf' : 'application/zip',
      'Content-Length': String(stat.size),
      'Content-Disposition': `attachment; filename="${name}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), res);
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
