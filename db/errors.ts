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
  | 'not_dossier'
  | 'read_only'
  | 'database_damaged'
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

export { refusal, type Refusal } from './shared/reasons.ts';

/** The record types a refusal may name (`recordType` of record.not_found, version.conflict, number.taken). */
export type RefusedRecordType =
  | 'case'
  | 'evidence'
  | 'entity'
  | 'entity_link'
  | 'seizure'
  | 'seized_item'
  | 'detention'
  | 'detention_info_request'
  | 'penalty'
  | 'entity_merge'
  | 'screening_hit'
  | 'end_use_check'
  | 'inspection'
  | 'compliance_audit'
  | 'audit_finding'
  | 'corrective_action'
  | 'job';

/** The record's name in English messages: `seized_item` -> `seized item`, `detention_info_request` -> `information request`. */
export function recordNoun(recordType: RefusedRecordType): string {
  return recordType === 'detention_info_request' ? 'information request' : recordType.replaceAll('_', ' ');
}

/** No record of this type with this id. `field` names the input that pointed at it (with a `field: ` prefix). */
export function notFound(
  recordType: RefusedRecordType,
  id: string,
  field?: string,
  code: 'not_found' | 'invalid_input' = 'not_found',
): DossierError {
  const noun = recordNoun(recordType);
  return field === undefined
    ? new DossierError(code, `No ${noun} with id ${id}`, 'id', 'record.not_found', { recordType, id })
    : new DossierError(code, `${field}: no ${noun} with id ${id}`, field, 'record.not_found', { recordType, id });
}
