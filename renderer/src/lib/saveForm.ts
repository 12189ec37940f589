import type { FormEvent, KeyboardEvent } from 'react';

/**
 * The props of an edit form that saves on submit and on Ctrl+S (Cmd+S): the one keyboard
 * convention for every record form. Validation is ours (the contract's schemas), not the browser's.
 */
export function saveFormProps(save: () => unknown) {
  return {
    noValidate: true,
    onKeyDown: (e: KeyboardEvent<HTMLFormElement>) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    },
    onSubmit: (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      void save();
    },
  };
}
