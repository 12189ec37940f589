import { DossierError, type Refusal } from '../errors.ts';

/**
 * A list file refused: the field it concerns (`file` for what is in it, else the input field),
 * its reason and params, and the English message with the field first, as every refusal has.
 */
export function fileError(r: Refusal, field = 'file'): DossierError {
  return new DossierError('invalid_input', `${field}: ${r.message}`, field, r.reason, r.params);
}
