import type { z } from 'zod';

/** The values a reason's message names (a number, a date, a record's number...). */
export type ReasonParams = Record<string, string | number>;

/**
 * Why something is refused, said before deciding how to refuse it: a reason with its English
 * message and params (for checks that return their problem rather than throw it).
 */
export interface Refusal {
  reason: string;
  message: string;
  params: ReasonParams;
}

export function refusal(reason: string, message: string, params: ReasonParams = {}): Refusal {
  return { reason, message, params };
}

/** Why something is refused: a stable code the UI translates (reasons catalog), and its values. */
export interface Reason {
  reason: string;
  params: ReasonParams;
}

/**
 * The reason of one zod issue, the same in the contract (which sends it with its refusal) and in
 * the renderer (which validates as the user types): a rule's own (see `rule` in schemas.ts),
 * else one derived from zod's issue code.
 */
export function issueReason(issue: z.core.$ZodIssue): Reason {
  const params: ReasonParams = {};
  switch (issue.code) {
    case 'custom': {
      const own = (issue.params ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(own))
        if (k !== 'reason' && (typeof v === 'string' || typeof v === 'number')) params[k] = v;
      return { reason: typeof own.reason === 'string' ? own.reason : 'input.invalid', params };
    }
    case 'too_small':
      return {
        reason:
          Number(issue.minimum) <= 1 && issue.origin !== 'number' && issue.origin !== 'int'
            ? 'input.required'
            : `input.too_small.${issue.origin}`,
        params: { minimum: Number(issue.minimum) },
      };
    case 'too_big':
      return { reason: `input.too_big.${issue.origin}`, params: { maximum: Number(issue.maximum) } };
    case 'invalid_format':
      return { reason: `input.format.${issue.format}`, params };
    case 'invalid_type':
      return { reason: issue.input === undefined ? 'input.required' : `input.type.${issue.expected}`, params };
    case 'invalid_value':
      return { reason: 'input.choice', params: { values: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { reason: 'input.unknown_field', params };
    default:
      return { reason: 'input.invalid', params };
  }
}
