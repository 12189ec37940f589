import { FormGroup } from '@blueprintjs/core';
import type { ReactNode } from 'react';

/** What an input inside a Field takes to be named by its label and described by its help or error. */
export interface FieldInput {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** The input props for a field's id: what Field gives its child, for an input that stands elsewhere. */
export function fieldInput(id: string, error: string | undefined, help?: string | undefined): FieldInput {
  const described = error || help ? { 'aria-describedby': `${id}-help` } : {};
  return error ? { id, 'aria-invalid': true, ...described } : { id, ...described };
}

/**
 * A labelled input whose help, or error (typed or from the contract), stands under it. The
 * child is a function of the input's props (id, aria-invalid, aria-describedby), so the label,
 * the help and the error are tied to the input in one place.
 */
export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  help?: string | undefined;
  required?: boolean;
  children: (input: FieldInput) => ReactNode;
  className?: string;
}) {
  const helper = props.error ?? props.help;
  return (
    <FormGroup
      className={props.className}
      label={props.label}
      labelFor={props.id}
      labelInfo={props.required ? '*' : undefined}
      intent={props.error ? 'danger' : 'none'}
      helperText={
        helper ? (
          <span id={`${props.id}-help`} role={props.error ? 'alert' : undefined}>
            {helper}
          </span>
        ) : undefined
      }
    >
      {props.children(fieldInput(props.id, props.error, props.help))}
    </FormGroup>
  );
}
