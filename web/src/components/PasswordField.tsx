// Mantine's PasswordInput marks an invalid value only with data-invalid; screen readers need
// aria-invalid on the input itself (as every other Mantine input has).
import { PasswordInput, type PasswordInputProps } from '@mantine/core';

export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput aria-invalid={props.error ? true : undefined} {...props} />;
}
