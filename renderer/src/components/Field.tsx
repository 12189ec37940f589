import { FormGroup } from '@blueprintjs/core';
import type { ReactNode } from 'react';

/** A labelled input whose error (typed or from the contract) stands under it. */
export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  help?: string | undefined;
  required?: boolean;
  children: ReactNode;
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
      {props.children}
    </FormGroup>
  );
}
