/**
 * The `app://dossier/` protocol: the window loads the built renderer from it rather than from
 * file://, so the page has a real origin of its own (`app://dossier`), file:// keeps no extra
 * privilege (the GrantFileProtocolExtraPrivileges fuse is off), and only dist/renderer can be read.
 * Type-only imports from Electron: plain Node tests these functions with real Request objects.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../db/shared/csp.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'dossier';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page of the app: in-app routes live in its query and hash. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before `ready` (protocol.registerSchemesAsPrivileged). `standard`: URLs resolve
 * like http (relative asset paths, an origin of its own, web storage); `secure`: a secure context,
 * like https; `supportFetchAPI`: the renderer and pdf.js may fetch their own assets. Deliberately
 * not `corsEnabled` (other origins could read these responses), `bypassCSP`, `allowServiceWorkers`
 * or `stream`.
 */
export const APP_SCHEMES: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type of a file under dist/renderer, by its extension (bytes for anything else). */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AppRequest = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 404 | 405; reason: string };

/**
 * Which file of `rootDir` an app:// request names, or why none. Only GET and HEAD, only the
 * `dossier` host, `/` is index.html; the percent-decoded path must stay inside rootDir (no `..`
 * out of it, no NUL, no backslash). Does not touch the disk: the caller checks that the file exists.
 */
export function resolveAppRequest(url: string, rootDir: string, method = 'GET'): AppRequest {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `method ${method}` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) {
    return { ok: false, status: 404, reason: 'not an app://dossier/ URL' };
  }
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (relative.includes('\0') || relative.includes('\\')) return { ok: false, status: 400, reason: 'NUL or backslash in path' };
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return { ok: false, status: 404, reason: 'outside the renderer folder' };
  return { ok: true, file, contentType: contentTypeOf(file) };
}

/** Headers of every app:// response: the app's CSP, as the browser shell sends it, and no sniffing. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

function refusal(status: number): Response {
  const text = status === 405 ? 'Method not allowed' : status === 400 ? 'Bad request' : 'Not found';
  return new Response(text, { status, headers: { ...appResponseHeaders('text/plain; charset=utf-8') } });
}

export interface AppFiles {
  /** Reads a whole file (Electron's fs reads inside app.asar). */
  readFile(file: string): Promise<Uint8Array>;
}

const diskFiles: AppFiles = { readFile: (file) => fsp.readFile(file) };

/**
 * The protocol.handle('app', ...) handler: serves files of rootDir (dist/renderer), 404 for
 * anything else, including folders and files that do not exist.
 */
export function appProtocolHandler(rootDir: string, files: AppFiles = diskFiles): (request: Request) => Promise<Response> {
  return async (request) => {
    const target = resolveAppRequest(request.url, rootDir, request.method);
    if (!target.ok) return refusal(target.status);
    let body: Uint8Array;
    try {
      body = await files.readFile(target.file);
    } catch {
      // ENOENT, EISDIR (a folder), EACCES: the same answer, and nothing about the disk.
      return refusal(404);
    }
    const headers = appResponseHeaders(target.contentType);
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    return new Response(body as ConstructorParameters<typeof Response>[0], { status: 200, headers });
  };
}
