import { DossierError } from '../errors.ts';

/**
 * Refuses a status move that its record type's table (CHECK_TRANSITIONS, INSPECTION_TRANSITIONS,
 * AUDIT_TRANSITIONS in db/shared/domain.ts) does not allow, naming the record and what it allows.
 */
export function assertTransition<S extends string>(
  table: Readonly<Record<S, readonly S[]>>,
  from: S,
  to: S,
  record: { type: 'end_use_check' | 'inspection' | 'compliance_audit'; number: string },
): void {
  const allowed = table[from];
  if (allowed.includes(to)) return;
  const what = `${record.type.replaceAll('_', ' ')} ${record.number}`;
  const message = allowed.length
    ? `${what} is ${from}: it cannot become ${to} (allowed: ${allowed.join(', ')})`
    : `${what} is ${from}, which is final: it cannot become ${to}`;
  throw new DossierError(
    'invalid_transition',
    `status: ${message}`,
    'status',
    ({ end_use_check: 'check.transition', inspection: 'inspection.transition', compliance_audit: 'audit.transition' } as const)[
      record.type
    ],
    {
      number: record.number,
      status: from,
      to,
      allowed: allowed.join(', '),
    },
  );
}
