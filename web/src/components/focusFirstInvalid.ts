// After a failed client-side validation, put the keyboard (and screen reader) on the first field
// that needs fixing; its error is tied to it with aria-describedby, so it is read out.
import type { SyntheticEvent } from 'react';

export function focusFirstInvalid(_errors: unknown, _values: unknown, event?: SyntheticEvent<HTMLFormElement>): void {
  // `target` (unlike `currentTarget`) survives the end of event dispatch; for submit it is the form.
  const form = event?.target instanceof HTMLFormElement ? event.target : null;
  requestAnimationFrame(() => {
    const root: ParentNode = form ?? document;
    root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
