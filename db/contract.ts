import { z } from 'zod';
import type { Db } from './sqlite.ts';
import { AuditWriter, type Actor } from './audit.ts';
import { DossierError, refusal, type Envelope } from './errors.ts';
import { issueReason } from './shared/reasons.ts';
import { isoNow, systemClock, type Clock } from './shared/time.ts';
import { futureProblem } from './shared/temporal.ts';
import { cleanTextInput } from './shared/text.ts';
import { logInternalError, unexpectedError } from './error-log.ts';
import type { JobRunner } from './jobs/runner.ts';
import { sealHead } from './chain.ts';
import { refreshSearchDocs, searchDocsOf } from './search/docs.ts';
import { screenEntities } from './screening/screen.ts';
import type { DeviceKey } from './signing.ts';
import type { LocalHead } from './key-store.ts';

/** What a handler gets besides its input. */
export interface Ctx {
  db: Db;
  clock: Clock;
  actor: Actor;
  method: string;
  /** Present for write methods only: appends to the audit trail in the call's transaction. */
  audit: AuditWriter;
  now(): string;
  /** The folder of the database file, which holds the evidence store; null for an in-memory database. */
  dataDir: string | null;
  /** Runs long work in workers; null for an in-memory database. */
  jobs: JobRunner | null;
  /** The installation whose key signs this call's writes (public parts only). */
  device: { deviceId: string; publicKey: string };
  /** Why writes are refused now, if they are (a read-only or damaged file). */
  writesRefused: 'read_only' | 'damaged' | null;
}

export type MethodKind = 'read' | 'write';

export interface MethodSpec<S extends z.ZodType, R> {
  summary: string;
  /** write: runs in one transaction with its audit records; read: no writes allowed. */
  kind: MethodKind;
  input: S;
  // Method syntax on purpose: it lets specs with precise inputs sit in one table.
  handler(input: z.output<S>, ctx: Ctx): R;
}

export function defineMethod<S extends z.ZodType, R>(spec: MethodSpec<S, R>): MethodSpec<S, R> {
  return spec;
}

/** Any spec; the precise types of each live in `typeof methods`. */
export type AnyMethod = MethodSpec<z.ZodType, unknown>;

function fieldOf(path: readonly PropertyKey[]): string | undefined {
  return path.length ? path.map(String).join('.') : undefined;
}

export function zodToDossierError(err: z.ZodError): DossierError {
  const issue = err.issues[0];
  if (!issue) return new DossierError('invalid_input', 'Invalid input', undefined, 'input.invalid', {});
  let path = issue.path;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    path = [...issue.path, key];
    message = 'Unknown field';
  }
  const field = fieldOf(path);
  const { reason, params } = issueReason(issue);
  return new DossierError('invalid_input', field ? `${field}: ${message}` : message, field, reason, params);
}

export interface DispatcherOptions {
  db: Db;
  clock?: Clock;
  /** Who is acting; resolved on every call so a profile change applies at once. */
  actor: () => Actor;
  /** The folder of the database file (see Ctx.dataDir). */
  dataDir?: string;
  jobs?: JobRunner;
  /** Signs each write's chain head and names the device in every audit record. */
  device: DeviceKey;
  /**
   * Why writes are refused, if they are: the file is open read-only, or it was found damaged
   * (SQLite reported corruption, or a check did). Read on every call: it can change while serving.
   */
  writesRefused?: () => 'read_only' | 'damaged' | null;
  /** Told when SQLite reports the file damaged during a call (the shell then refuses writes). */
  onDamaged?: (message: string) => void;
  /** Where unexpected errors are logged with their call (db/error-log.ts); none: stderr only. */
  errorLog?: string;
  /** Told each head signed, once its write has committed: the installation keeps it outside the file. */
  onSealed?: (head: LocalHead) => void;
}

/** SQLite's own word that the file is damaged (not a bug of ours, not a refusal). */
function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

export type Invoke = (method: string, input: unknown) => Envelope<unknown>;

/**
 * The one way into Dossier's data. IPC, HTTP and the CLI call this, so validation,
 * transactions, the audit trail and error envelopes live here alone.
 */
export function createDispatcher(table: Record<string, AnyMethod>, opts: DispatcherOptions): Invoke {
  const clock = opts.clock ?? systemClock;
  const txn = opts.db.transaction((fn: () => unknown) => fn());
  const inTransaction = (fn: () => unknown) => txn.immediate(fn);
  return (method, rawInput) => {
    const spec = Object.hasOwn(table, method) ? table[method] : undefined;
    if (!spec) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method: ${method}` } };
    }
    try {
      // With its input, an issue tells a missing value (input.required) from one of the wrong type.
      const text = cleanTextInput(spec.input, rawInput ?? {});
      if ('problem' in text) {
        const { field, reason, message } = text.problem;
        throw new DossierError('invalid_input', `${field || 'input'}: ${message}`, field || undefined, reason, {});
      }
      const parsed = spec.input.safeParse(text.value, { reportInput: true });
      if (!parsed.success) throw zodToDossierError(parsed.error);
      const refused = spec.kind === 'write' ? (opts.writesRefused?.() ?? null) : null;
      if (refused) {
        const why =
          refused === 'read_only'
            ? refusal(
                'database.read_only',
                'This database is open read-only (the file or its folder cannot be written here): nothing can be changed. ' +
                  'Copy it somewhere writable to work on it.',
              )
            : refusal(
                'database.damaged',
                'This database file is damaged, so Dossier writes nothing more to it. Run `dossier check` to see what is ' +
                  'damaged, then `dossier recover` to copy every readable record to a new file.',
              );
        throw new DossierError(
          refused === 'read_only' ? 'read_only' : 'database_damaged',
          why.message,
          undefined,
          why.reason,
          why.params,
        );
      }
      const future = spec.kind === 'write' ? futureProblem(spec.input, parsed.data, clock()) : null;
      if (future) {
        throw new DossierError('invalid_input', `${future.field}: must not be in the future`, future.field, 'date.future', {});
      }
      const actor = opts.actor();
      const now = () => isoNow(clock);
      const ctx: Ctx = {
        db: opts.db,
        clock,
        actor,
        method,
        now,
        audit: new AuditWriter(opts.db, actor, method, now, opts.device.deviceId),
        dataDir: opts.dataDir ?? null,
        jobs: opts.jobs ?? null,
        device: { deviceId: opts.device.deviceId, publicKey: opts.device.publicKey },
        writesRefused: opts.writesRefused?.() ?? null,
      };
      if (spec.kind === 'read') return { ok: true, result: spec.handler(parsed.data, ctx) };
      let head: LocalHead | null = null;
      const result = inTransaction(() => {
        const value = spec.handler(parsed.data, ctx);
        if (ctx.audit.touched.length) {
          refreshSearchDocs(opts.db, searchDocsOf(opts.db, ctx.audit.touched));
          // A person, organization or conveyance written is screened again, in the same transaction.
          const entities = [...new Set(ctx.audit.touched.filter((t) => t.type === 'entity').map((t) => t.id))];
          if (entities.length) screenEntities(opts.db, entities, now());
        }
        if (ctx.audit.first) head = sealHead(opts.db, opts.device, 'write', now(), ctx.audit.first.seq);
        return value;
      });
      if (head) opts.onSealed?.(head);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof DossierError && err.code !== 'internal') return { ok: false, error: err.toBody() };
      if (err instanceof z.ZodError) return { ok: false, error: zodToDossierError(err).toBody() };
      if (isCorruption(err)) {
        opts.onDamaged?.((err as Error).message);
        logInternalError(opts.errorLog ?? null, method, rawInput, err, isoNow(clock));
        const why = refusal(
          'database.damaged',
          'This database file is damaged (SQLite could not read it), so Dossier writes nothing more to it. ' +
            'Run `dossier check` to see what is damaged, then `dossier recover` to copy every readable record to a new file.',
        );
        return { ok: false, error: { code: 'database_damaged', ...why } };
      }
      if ((err as { code?: unknown } | null)?.code === 'SQLITE_BUSY') {
        const why = refusal(
          'database.busy',
          'Another program is holding the database (a `dossier check`, a copy): nothing was changed. Try again in a moment.',
        );
        return { ok: false, error: { code: 'conflict', ...why } };
      }
      // Not a refusal: a fault of Dossier's. Logged with its call; the user sees a reference, not SQL or a stack.
      return { ok: false, error: unexpectedError(opts.errorLog ?? null, method, rawInput, err, isoNow(clock)) };
    }
  };
}
