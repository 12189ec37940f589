import type { ReasonParams } from './shared/reasons.ts';

export type { ReasonParams };

/** The one error envelope every transport carries: IPC, HTTP and the CLI. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'unknown_method'
  | 'database_too_new'
  | 'migration_failed'
  | 'unauthorized'
  | 'cancelled'
  | 'internal';


/**
 * A refusal: a code for programs, the field it concerns, a stable `reason` with its `params`
 * that the UI translates from its reasons catalog (renderer/src/i18n/reasons.*.json), and the
 * English `message` for the CLI and the logs.
 */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
  reason?: string;
  params?: ReasonParams;
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorBody };

export class DossierError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly reason: string | undefined;
  readonly params: ReasonParams | undefined;

  constructor(code: ErrorCode, message: string, field?: string, reason?: string, params?: ReasonParams) {
    super(message);
    this.name = 'DossierError';
    this.code = code;
    this.field = field;
    this.reason = reason;
    this.params = params;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.reason !== undefined) {
      body.reason = this.reason;
      body.params = this.params ?? {};
    }
    return body;
  }
}

export function notFound(recordType: string, id: string): DossierError {
  return new DossierError('not_found', `No ${recordType} with id ${id}`, 'id', 'record.not_found', { recordType, id });
}
