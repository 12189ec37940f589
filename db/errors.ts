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

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorBody };

export class DossierError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'DossierError';
    this.code = code;
    this.field = field;
  }

  toBody(): ErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function notFound(recordType: string, id: string): DossierError {
  return new DossierError('not_found', `No ${recordType} with id ${id}`, 'id');
}
