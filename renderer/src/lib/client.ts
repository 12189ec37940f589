import type { Envelope, ErrorBody, ErrorCode, MethodInput, MethodName, MethodResult, ReasonParams } from '../../../db/api.ts';
import type { DossierBridge } from '../../../electron/channels.ts';

declare global {
  interface Window {
    /** What Electron's preload exposes; absent in the browser shell. */
    dossier?: DossierBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** The contract's reason code and its values: what the UI translates (lib/refusals.ts). */
  readonly reason: string | undefined;
  readonly params: ReasonParams | undefined;

  constructor(code: ErrorCode, message: string, field?: string, reason?: string, params?: ReasonParams) {
    super(message);
    this.code = code;
    this.field = field;
    this.reason = reason;
    this.params = params;
  }

  static from(body: ErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.field, body.reason, body.params);
  }
}

const TOKEN_KEY = 'dossier.token';

/** The browser shell's token arrives once in the URL; keep it for this tab and take it out of the address bar. */
function browserToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

let token: string | null | undefined;

/** The browser shell's Authorization header value. */
export function authorization(): string {
  if (token === undefined) token = browserToken();
  return `Bearer ${token ?? ''}`;
}

async function httpInvoke(method: string, input: unknown): Promise<Envelope<unknown>> {
  const response = await fetch('./api/invoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: authorization() },
    body: JSON.stringify({ method, input }),
  });
  return (await response.json()) as Envelope<unknown>;
}

export const transport: 'desktop' | 'browser' = window.dossier ? 'desktop' : 'browser';

/** Calls one contract method; typed from the method table, so a renamed field fails the build. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const envelope = window.dossier ? await window.dossier.invoke(method, input) : await httpInvoke(method, input);
  if (!envelope.ok) throw ApiError.from(envelope.error);
  return envelope.result as MethodResult<M>;
}
