import { z } from 'zod';
import { uuid } from '../schemas.ts';
import { JOB_KINDS } from '../domain.ts';

/** Input schemas of the job methods: start a kind of long work, read its state, cancel it. */
export const jobStartInput = z.strictObject({
  kind: z.enum(JOB_KINDS),
  /** The kind's own input (checked against the kind's schema). */
  input: z.record(z.string(), z.unknown()).default({}),
});

export const jobIdInput = z.strictObject({ id: uuid });
