import { z } from 'zod';
import { defineMethod, zodToDossierError, type Ctx } from '../contract.ts';
import { DossierError } from '../errors.ts';
import { jobIdInput, jobStartInput } from '../shared/inputs/jobs.ts';
import type { JobRunner } from '../jobs/runner.ts';

function runner(ctx: Ctx): JobRunner {
  if (!ctx.jobs) {
    throw new DossierError(
      'invalid_input',
      'kind: long work runs only on a database file',
      'kind',
      'job.needs_database_file',
      {},
    );
  }
  return ctx.jobs;
}

export const jobMethods = {
  'jobs.start': defineMethod({
    summary: 'Start long work (e.g. a database check) in a worker; returns the job with its id.',
    kind: 'read',
    input: jobStartInput,
    handler: (input, ctx) => {
      try {
        return runner(ctx).start(input.kind, input.input);
      } catch (err) {
        if (!(err instanceof z.ZodError)) throw err;
        const e = zodToDossierError(err);
        throw new DossierError('invalid_input', `input.${e.message}`, e.field ? `input.${e.field}` : 'input', e.reason, e.params);
      }
    },
  }),
  'jobs.get': defineMethod({
    summary: "A job's state: running (with its progress), done (with its result), failed or cancelled.",
    kind: 'read',
    input: jobIdInput,
    handler: (input, ctx) => runner(ctx).get(input.id),
  }),
  'jobs.cancel': defineMethod({
    summary: 'Ask a running job to stop.',
    kind: 'read',
    input: jobIdInput,
    handler: (input, ctx) => runner(ctx).cancel(input.id),
  }),
};
