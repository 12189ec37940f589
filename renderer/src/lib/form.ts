import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { z } from 'zod';
import { useFormat, useT } from '../i18n/index.tsx';
import { refusalOf, type Refusal } from './refusals.ts';
import { useUnsavedChanges } from './unsaved.tsx';
import { validate, type Check, type FieldErrors } from './validation.ts';

/** What a form is: the method input it makes, and how it saves. */
export interface FormSpec<F extends object, S extends z.ZodType> {
  /** The contract method's input schema: the form validates with it as the user types. */
  schema: S;
  /** The values a new form starts with (and returns to on reset). */
  initial: F | (() => F);
  /** The method's input, made of what was typed. */
  input(values: F): unknown;
  /** What the schema cannot see (text that is not even a number), by the contract's field path. */
  local?(values: F): FieldErrors;
  /** Form keys whose errors the contract reports under another field ('exporter' -> 'exporterId'). */
  fieldOf?: Partial<Record<keyof F & string, string>>;
  /**
   * Saves the validated input. A refusal thrown here stays on the form with what was typed;
   * values returned become the form's new saved state (a record page after its save).
   */
  save(data: z.output<S>, values: F): Promise<F | void>;
  /** A record page's form: leaving it with unsaved changes asks to save, discard or stay. */
  guardUnsaved?: boolean;
}

export interface Form<F extends object, S extends z.ZodType> {
  values: F;
  /**
   * Changes some values; their fields count as touched (or only `touched`, a path such as
   * `goods.1.hsCode`, for a row editor) and the last refusal is cleared.
   */
  set(patch: Partial<F>, touched?: string): void;
  /** Marks a field touched without a change (a picker that was left). */
  touch(field: string): void;
  /** The errors to show, by contract path and top field: typed ones once touched (all after a submit), then the contract's. */
  errors: FieldErrors;
  /** The schema's verdict on what is typed now. */
  check: Check<z.output<S>>;
  /** The contract's last refusal, when it is not about one field this form shows (shown above the form). */
  refusal: Refusal | null;
  saving: boolean;
  /** A save was asked for since the last change of state (every error shows). */
  submitted: boolean;
  /** Something was typed that is not saved. */
  dirty: boolean;
  /** Validates and saves; true when the contract accepted it. */
  submit(): Promise<boolean>;
  /** Back to the initial values (or these), nothing touched, no refusal. */
  reset(values?: F): void;
  /** Spread on the <form>: submit and Ctrl+S (Cmd+S) save, validation is ours, focus goes to the first invalid field. */
  formProps: {
    ref: RefObject<HTMLFormElement | null>;
    noValidate: true;
    onSubmit(e: FormEvent<HTMLFormElement>): void;
    onKeyDown(e: KeyboardEvent<HTMLFormElement>): void;
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const topOf = (path: string) => path.split('.')[0] ?? path;

/** Whether the field at `path` was touched: itself, or a field it is part of (`items.1` for `items.1.hsCode`). */
function touchedAt(touched: ReadonlySet<string>, path: string): boolean {
  const steps = path.split('.');
  return steps.some((_, i) => touched.has(steps.slice(0, i + 1).join('.')));
}

/** The one save flow of the renderer: every create and edit form is this hook bound to its method's schema. */
export function useForm<F extends object, S extends z.ZodType>(spec: FormSpec<F, S>): Form<F, S> {
  const t = useT();
  const f = useFormat();
  const specRef = useRef(spec);
  specRef.current = spec;
  const [base, setBase] = useState<F>(spec.initial);
  const [values, setValues] = useState<F>(base);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  const formRef = useRef<HTMLFormElement | null>(null);
  const [focusTick, setFocusTick] = useState(0);

  // Checked at every render, not only when the values change: the input may also take props
  // (the record's version after a save elsewhere on the page, the case a dialog was opened for).
  const check = validate(spec.schema, spec.input(values), t, f, spec.local?.(values));

  const fieldOf: Partial<Record<string, string>> = spec.fieldOf ?? {};
  const fieldNames = new Set(Object.keys(base).map((k) => topOf(fieldOf[k] ?? k)));

  const errors = useMemo(() => {
    const shown: FieldErrors = {};
    if (!check.ok)
      for (const [path, message] of Object.entries(check.errors))
        if (submitted || touchedAt(touched, path)) shown[path] = message;
    if (server?.field) {
      shown[server.field] ??= server.message;
      shown[topOf(server.field)] ??= server.message;
    }
    return shown;
  }, [check, submitted, touched, server]);

  const refusal = server && (!server.field || !fieldNames.has(topOf(server.field))) ? server : null;

  useEffect(() => {
    if (focusTick > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  const set = useCallback((patch: Partial<F>, path?: string) => {
    const names: Partial<Record<string, string>> = specRef.current.fieldOf ?? {};
    setValues((v) => ({ ...v, ...patch }));
    setTouched((s) => new Set([...s, ...(path !== undefined ? [path] : Object.keys(patch).map((k) => names[k] ?? k))]));
    setServer(null);
  }, []);

  const touch = useCallback((field: string) => setTouched((s) => (s.has(field) ? s : new Set([...s, field]))), []);

  const reset = useCallback((next?: F) => {
    const start =
      next ?? (typeof specRef.current.initial === 'function' ? (specRef.current.initial as () => F)() : specRef.current.initial);
    setBase(start);
    setValues(start);
    setTouched(new Set());
    setSubmitted(false);
    setServer(null);
  }, []);

  const submit = useCallback(async (): Promise<boolean> => {
    if (savingRef.current) return false;
    setSubmitted(true);
    if (!check.ok) {
      setFocusTick((n) => n + 1);
      return false;
    }
    savingRef.current = true;
    setSaving(true);
    try {
      const saved = await specRef.current.save(check.data, values);
      if (saved) reset(saved);
      else setSubmitted(false);
      return true;
    } catch (err) {
      // What was typed stays in the form; the refusal stands under its field, or above the form.
      setServer(refusalOf(err, t, f));
      setFocusTick((n) => n + 1);
      return false;
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }, [check, values, reset, t, f]);

  const dirty = !same(values, base);
  useUnsavedChanges(Boolean(spec.guardUnsaved) && dirty, submit);

  const formProps = useMemo(
    () => ({
      ref: formRef,
      noValidate: true as const,
      onSubmit: (e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        void submit();
      },
      onKeyDown: (e: KeyboardEvent<HTMLFormElement>) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void submit();
        }
      },
    }),
    [submit],
  );

  return { values, set, touch, errors, check, refusal, saving, submitted, dirty, submit, reset, formProps };
}

/** '' -> null, anything else trimmed: an optional text field as the contract takes it. */
export function orNull(value: string): string | null {
  const v = value.trim();
  return v === '' ? null : v;
}
