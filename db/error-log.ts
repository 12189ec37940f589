import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { refusal } from './shared/reasons.ts';

/**
 * Where an error Dossier did not expect is written, with the call that met it, so that it can be
 * reported and fixed: never shown to the user (no SQL, no stack), always kept. One JSON object a
 * line, in the data folder (it may hold case data, as the database does).
 */
export function errorLogFile(dataDir: string): string {
  return path.join(dataDir, 'logs', 'internal-errors.log');
}

export interface LoggedError {
  reference: string;
  at: string;
  method: string;
  input: string;
  message: string;
  stack: string;
}

const MAX_INPUT = 10_000;

/** Appends one entry and returns its reference; a log that cannot be written is said on stderr, never thrown. */
export function logInternalError(file: string | null, method: string, input: unknown, err: unknown, at: string): string {
  const reference = randomUUID().slice(0, 8);
  const error = err instanceof Error ? err : new Error(String(err));
  let text: string;
  try {
    text = JSON.stringify(input) ?? 'undefined';
  } catch {
    text = String(input);
  }
  const entry: LoggedError = {
    reference,
    at,
    method,
    input: text.length > MAX_INPUT ? `${text.slice(0, MAX_INPUT)}… (${text.length} characters)` : text,
    message: error.message,
    stack: error.stack ?? '',
  };
  try {
    if (!file) throw new Error('no data folder (in-memory database)');
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.appendFileSync(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  } catch (logErr) {
    console.error(
      `Dossier: unexpected error ${reference} in ${method}: ${error.message} (not logged: ${(logErr as Error).message})`,
    );
  }
  return reference;
}

/** The entries of an error log, oldest first (none when it does not exist). */
export function loggedErrors(file: string): LoggedError[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LoggedError];
      } catch {
        return [];
      }
    });
}

/** The envelope's error for a fault of Dossier's: logged with its call, shown as a reference only. */
export function unexpectedError(
  file: string | null,
  method: string,
  input: unknown,
  err: unknown,
  at: string,
): { code: 'internal'; message: string; reason: string; params: { reference: string } } {
  const reference = logInternalError(file, method, input, err, at);
  const where = file ? ` Details are in ${file}.` : '';
  const why = refusal(
    'internal.unexpected',
    `Dossier met an unexpected error (reference ${reference}); nothing was changed.${where}`,
    {
      reference,
    },
  );
  return { code: 'internal', message: why.message, reason: why.reason, params: { reference } };
}
